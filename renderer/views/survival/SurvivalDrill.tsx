// The lifetimes behind a point of a survival curve: those at risk at that time
// and those who churned at it, as the engine lists them (survival.customers),
// for the same request as the curve.
import { useEffect, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { AnalysisSettings } from '../../../shared/metrics.js';
import type { SurvivalDrill as Drill, SurvivalOptions } from '../../../shared/survival.js';
import { formatNumber } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';

type Row = Record<string, unknown>;
type Who = Drill['who'];

/** The panel lists at most this many lifetimes; the count says how many there are (the curve's own). */
export const DRILL_LIMIT = 5000;

function useLifetimes(settings: AnalysisSettings, survival: Partial<SurvivalOptions>, drill: Drill) {
  const { invoke } = useAnalysis();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setRows(null);
    setError(null);
    void invoke('survival.customers', { settings, survival, drill }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setRows(tableFromIPC(answer.value).toArray().map((r) => r.toJSON() as Row));
    });
    return () => {
      live = false;
    };
  }, [invoke, settings, survival, drill]);
  return { rows, error };
}

function columnsOf(rows: Row[]): TableColumn<Row>[] {
  const first = rows[0];
  if (!first) return [];
  return Object.keys(first).map((key) => ({ key, label: key, format: typeof first[key] === 'number' ? ('number' as const) : ('text' as const) }));
}

function Lifetimes({
  who,
  label,
  total,
  settings,
  survival,
  point,
}: {
  who: Who;
  label: string;
  /** How many the curve counts at this point: the list stops at DRILL_LIMIT. */
  total: number;
  settings: AnalysisSettings;
  survival: Partial<SurvivalOptions>;
  point: Omit<Drill, 'who' | 'limit'>;
}) {
  const { t } = useTranslation('survival');
  const { invoke } = useAnalysis();
  const [drill] = useState<Drill>(() => ({ ...point, who, limit: DRILL_LIMIT }));
  const { rows, error } = useLifetimes(settings, survival, drill);
  const cut = rows !== null && rows.length < total;
  return (
    <section data-testid={`survival-drill-${who}`}>
      <h4>
        {label}: <span data-testid={`survival-drill-${who}-count`}>{rows ? rows.length : '…'}</span>
        {cut && <span className="muted"> {t('drill.firstOf', { shown: formatNumber(rows.length), total: formatNumber(total) })}</span>}
      </h4>
      {error && <p className="error">{error}</p>}
      {!rows && !error && <p className="muted">{t('loading')}</p>}
      {rows && <DataTable name={`survival-${who}-${point.group}-${point.time}`} columns={columnsOf(rows)} rows={rows} invoke={invoke} maxHeight={300} />}
    </section>
  );
}

export function SurvivalDrill({
  settings,
  survival,
  point,
  title,
  onClose,
}: {
  settings: AnalysisSettings;
  survival: Partial<SurvivalOptions>;
  point: Omit<Drill, 'who' | 'limit'> & { atRisk: number; events: number };
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('survival');
  const common = useTranslation().t;
  return (
    <aside className="drill-panel survival-drill" data-testid="drill-panel" aria-label={common('states.customersBehind')}>
      <header>
        <h3>
          {common('states.customersBehind')}: {title}
        </h3>
        <button type="button" onClick={onClose} aria-label={common('actions.close')}>
          ×
        </button>
      </header>
      <Lifetimes who="at_risk" label={t('drill.atRisk')} total={point.atRisk} settings={settings} survival={survival} point={{ group: point.group, time: point.time }} />
      <Lifetimes who="events" label={t('drill.events')} total={point.events} settings={settings} survival={survival} point={{ group: point.group, time: point.time }} />
    </aside>
  );
}
