// One scenario's projection month by month, in total or for one segment, as
// the engine projected it: customers, MRR, ARR and every movement, with the
// baseline's MRR and ARR beside it. Exportable as CSV or XLSX.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECTION_MONTH_FIGURES, type ProjectionMonth, type ScenarioResult } from '../../../shared/scenarios.js';
import type { Invoke } from '../../../shared/transport.js';
import { DataTable, type CellFormat, type TableColumn } from '../../components/table/DataTable.js';

export type ProjectionRow = ProjectionMonth & { baseline_mrr: number | null; baseline_arr: number | null };

/** Customers are expected values, so fractional: shown with decimals. */
const formatOf = (key: keyof ProjectionRow): CellFormat => (key === 'date' ? 'text' : key.endsWith('customers') ? 'number' : 'money');

/** The month, its customers, MRR and ARR, the baseline's MRR and ARR beside them, then the movements. */
const [CUSTOMERS, MRR, ARR, ...MOVEMENTS] = PROJECTION_MONTH_FIGURES;
const COLUMNS: (keyof ProjectionRow)[] = ['date', CUSTOMERS, MRR, ARR, 'baseline_mrr', 'baseline_arr', ...MOVEMENTS];

const TOTAL = '';

/** The scenario's months of `segment` (TOTAL for all), each with the baseline's MRR and ARR of the same month. */
export function projectionRows(result: ScenarioResult, segment: string): ProjectionRow[] {
  const months = (projection: ScenarioResult['projection']) =>
    segment === TOTAL ? projection.total : (projection.segments.find((s) => s.segment === segment)?.months ?? []);
  const baseline = months(result.baseline_projection);
  return months(result.projection).map((m) => {
    const base = baseline.find((b) => b.month === m.month);
    return { ...m, baseline_mrr: base?.mrr ?? null, baseline_arr: base?.arr ?? null };
  });
}

export function ProjectionTable({ result, currency, invoke }: { result: ScenarioResult; currency: string | null; invoke: Invoke }) {
  const { t, i18n } = useTranslation('scenarios');
  const [segment, setSegment] = useState(TOTAL);
  const segments = result.projection.segments.map((s) => s.segment);
  const chosen = segments.includes(segment) ? segment : TOTAL;
  const columns = useMemo<TableColumn<ProjectionRow>[]>(
    () => COLUMNS.map((key) => ({ key, label: t(`projection.${key}`), format: formatOf(key) })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  const rows = useMemo(() => projectionRows(result, chosen), [result, chosen]);
  return (
    <>
      <label className="scn-row">
        {t('projection.segment')}
        <select value={chosen} onChange={(e) => setSegment(e.target.value)} data-testid="scenario-projection-segment">
          <option value={TOTAL}>{t('total')}</option>
          {segments.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <DataTable name={`projection-${result.scenario.name}`} columns={columns} rows={rows} invoke={invoke} currency={currency} testId="scenario-projection-table" maxHeight={420} />
    </>
  );
}
