// What each scenario is worth against the baseline, in total and per segment,
// as the engine compared them, with the Monte Carlo P10/P50/P90 of ARR at the
// horizon when it ran. Exportable as CSV or XLSX.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPARISON_DIFFERENCES, type ScenarioResult, type SegmentComparison } from '../../../shared/scenarios.js';
import type { Invoke } from '../../../shared/transport.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';

/** One row of the table: a segment's (or the total's) comparison, as the engine gives it, with its scenario and bands. */
export type ComparisonRow = SegmentComparison & {
  scenario: string;
  arr_p10: number | null;
  arr_p50: number | null;
  arr_p90: number | null;
};

const MONEY = [
  ...COMPARISON_DIFFERENCES,
  'ltv_baseline',
  'ltv_scenario',
  'arr_p10',
  'arr_p50',
  'arr_p90',
] as const;

export function comparisonRows(results: ScenarioResult[], totalLabel: string): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const result of results) {
    const { comparison, monte_carlo: mc } = result;
    const { segments, ...total } = comparison;
    rows.push({
      scenario: result.scenario.name,
      segment: totalLabel,
      ...total,
      ltv_baseline: null,
      ltv_scenario: null,
      arr_p10: mc?.arr_at_horizon.p10 ?? null,
      arr_p50: mc?.arr_at_horizon.p50 ?? null,
      arr_p90: mc?.arr_at_horizon.p90 ?? null,
    });
    for (const segment of segments) {
      const band = mc?.segments.find((s) => s.segment === segment.segment)?.arr_at_horizon;
      rows.push({ scenario: result.scenario.name, ...segment, arr_p10: band?.p10 ?? null, arr_p50: band?.p50 ?? null, arr_p90: band?.p90 ?? null });
    }
  }
  return rows;
}

export function ComparisonTable({ results, currency, invoke }: { results: ScenarioResult[]; currency: string | null; invoke: Invoke }) {
  const { t, i18n } = useTranslation('scenarios');
  const columns = useMemo<TableColumn<ComparisonRow>[]>(
    () => [
      { key: 'scenario', label: t('columns.scenario') },
      { key: 'segment', label: t('columns.segment') },
      ...MONEY.map((key) => ({ key, label: t(`columns.${key}`), format: 'money' as const, title: t(`columnHints.${key}`) })),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const rows = useMemo(() => comparisonRows(results, t('total')), [results, i18n.language]);
  return <DataTable name="scenario-comparison" columns={columns} rows={rows} invoke={invoke} currency={currency} testId="scenario-comparison" maxHeight={360} />;
}
