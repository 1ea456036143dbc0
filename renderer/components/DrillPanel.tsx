// The customers behind a number (a chart point, a bar, a heatmap cell), as the
// engine lists them, with their MRR before and after.
import { useEffect, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { Drill } from '../../shared/metrics.js';
import { useAnalysis } from '../state/analysis.js';
import { DataTable, type TableColumn } from './table/DataTable.js';

type Row = Record<string, unknown>;

export function DrillPanel({ drill, title, onClose }: { drill: Drill; title: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { invoke, settings, result } = useAnalysis();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    void invoke('analysis.customers', { settings, drill }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setRows(tableFromIPC(answer.value).toArray().map((r) => r.toJSON() as Row));
    });
    return () => {
      live = false;
    };
  }, [invoke, settings, drill]);

  const first = rows?.[0];
  const columns: TableColumn<Row>[] = first
    ? Object.keys(first).map((key) => ({
        key,
        label: key,
        format: /mrr|amount/.test(key) ? ('money' as const) : typeof first[key] === 'number' ? ('number' as const) : ('text' as const),
      }))
    : [];
  return (
    <aside className="drill-panel" data-testid="drill-panel" aria-label={t('states.customersBehind')}>
      <header>
        <h3>
          {t('states.customersBehind')}: {title}
        </h3>
        <button type="button" onClick={onClose} aria-label={t('actions.close')}>
          ×
        </button>
      </header>
      {error && <p className="error">{error}</p>}
      {!rows && !error && <p className="muted">{t('states.loading')}</p>}
      {rows && (
        <>
          <p className="muted" data-testid="drill-count">
            {rows.length}
          </p>
          <DataTable name="customers" columns={columns} rows={rows} invoke={invoke} currency={result?.settings.reporting_currency ?? null} />
        </>
      )}
    </aside>
  );
}
