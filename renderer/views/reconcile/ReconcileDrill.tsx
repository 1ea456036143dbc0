// The customer-months behind one part of a month's difference (or of every
// month), as the engine lists them (reconcile.drill) for the same settings and
// tolerance as the table: both values, the setting that explains the row and
// our value under it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisSettings } from '../../../shared/metrics.js';
import type { ReconcileDrill as Drill, ReconcileRow, ReconcileRule, Tolerance } from '../../../shared/reconcile.js';
import { formatNumber } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { useWording } from './wording.js';

/** The panel lists at most this many rows; the count says how many there are. */
export const DRILL_LIMIT = 2000;

type Row = Record<string, string | number | null>;

export function ReconcileDrill({
  settings,
  tolerance,
  drill,
  rules,
  currency,
  onClose,
}: {
  settings: AnalysisSettings;
  tolerance: Tolerance;
  drill: Omit<Drill, 'offset' | 'limit'>;
  rules: ReconcileRule[];
  currency: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('reconcile');
  const common = useTranslation().t;
  const { invoke } = useAnalysis();
  const [answer, setAnswer] = useState<{ total: number; rows: ReconcileRow[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAnswer(null);
    setError(null);
    void invoke('reconcile.drill', { settings, tolerance, drill: { ...drill, offset: 0, limit: DRILL_LIMIT } }).then((result) => {
      if (!live) return;
      if (result.ok) setAnswer(result.value);
      else setError(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [invoke, settings, tolerance, drill]);

  const { label } = useWording();
  const ruleLabel = (id: string | null) => (id ? label(rules.find((r) => r.id === id), id) : null);
  const what = drill.rule ? (ruleLabel(drill.rule) ?? drill.rule) : t(`drill.parts.${drill.part}`);
  const columns: TableColumn<Row>[] = [
    { key: 'customerId', label: t('drill.columns.customerId') },
    { key: 'month', label: t('drill.columns.month') },
    { key: 'ours', label: t('drill.columns.ours'), format: 'money' },
    { key: 'theirs', label: t('drill.columns.theirs'), format: 'money' },
    { key: 'difference', label: t('drill.columns.difference'), format: 'money' },
    { key: 'part', label: t('drill.columns.part') },
    { key: 'rule', label: t('drill.columns.rule') },
    { key: 'oursUnderRule', label: t('drill.columns.oursUnderRule'), format: 'money' },
    { key: 'ourMovement', label: t('drill.columns.ourMovement') },
    { key: 'theirMovement', label: t('drill.columns.theirMovement') },
  ];
  const movement = (m: string | null) => (m ? common(`metrics:movements.${m}`) : null);
  const rows: Row[] = (answer?.rows ?? []).map((r) => ({ ...r, part: t(`drill.parts.${r.part}`), rule: ruleLabel(r.rule), ourMovement: movement(r.ourMovement), theirMovement: movement(r.theirMovement) }));
  return (
    <aside className="drill-panel reconcile-drill" data-testid="drill-panel" aria-label={common('states.customersBehind')}>
      <header>
        <h3>{t('drill.title', { what, month: drill.month ?? t('drill.allMonths') })}</h3>
        <button type="button" onClick={onClose} aria-label={common('actions.close')}>
          ×
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {!answer && !error && <p className="muted">{t('loading')}</p>}
      {answer && (
        <>
          <p data-testid="reconcile-drill-count">
            {t('drill.count', { count: answer.total, n: formatNumber(answer.total) })}
            {answer.rows.length < answer.total && <span className="muted"> {t('drill.firstOf', { shown: formatNumber(answer.rows.length), total: formatNumber(answer.total) })}</span>}
          </p>
          {answer.total === 0 && <p className="muted">{t('drill.none')}</p>}
          <DataTable name={`reconcile-${drill.part}-${drill.month ?? 'all'}`} columns={columns} rows={rows} invoke={invoke} currency={currency} maxHeight={520} testId="reconcile-drill-table" />
        </>
      )}
    </aside>
  );
}
