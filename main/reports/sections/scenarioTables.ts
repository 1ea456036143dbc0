// The tables of the report's scenarios section: per scenario the comparison
// by segment (shown), and for the XLSX and CSV the month-by-month projection
// beside the baseline, the projection by segment and the sensitivity; one
// summary row per scenario. Every cell is a figure of the engine's
// ScenarioResult as it is, unrounded: nothing here is computed.
import type { ReportLanguage } from '../../../shared/reports.js';
import { COMPARISON_DIFFERENCES, PROJECTION_MONTH_FIGURES, type ProjectionMonth, type ScenarioResult } from '../../../shared/scenarios.js';
import type { CellFormat, Formatter } from '../format.js';
import type { Cell, ReportColumn, ReportTable } from '../document.js';
import { fill, type ReportStrings } from '../strings.js';

/** What a scenario table or sentence needs of the report (model.ts's context has it). */
export interface ScenarioContext {
  s: ReportStrings;
  f: Formatter;
  currency: string | null;
  language: ReportLanguage;
}

type ColumnKey = keyof ReportStrings['scenarios']['columns'];

/** The month's figures a projection table holds, in this order. */
const MONTH_KEYS = PROJECTION_MONTH_FIGURES satisfies readonly (keyof ProjectionMonth & ColumnKey)[];

/** Customers are expected values in a projection, so fractional: shown with decimals, not as integers. */
function formatOf(key: string): CellFormat {
  if (/(^|_)(customers)$/.test(key)) return 'number';
  if (/mrr|arr|revenue|profit|ltv|delta|_p\d0$/.test(key)) return 'money';
  if (/^(scenario|month|horizon_months|trailing_months|mc_runs|mc_seed)$/.test(key)) return 'integer';
  return 'text';
}

export function column(ctx: ScenarioContext, key: string, name: string): ReportColumn {
  const format = formatOf(key);
  return { key, label: format === 'money' && ctx.currency ? `${name} (${ctx.currency})` : name, format };
}

const columnName = (ctx: ScenarioContext, key: ColumnKey) => ctx.s.scenarios.columns[key];

function table(ctx: ScenarioContext, id: string, title: string, keys: ColumnKey[], rows: Cell[][]): ReportTable {
  return { id, title, columns: keys.map((key) => column(ctx, key, columnName(ctx, key))), rows };
}

export const segmentLabel = (ctx: ScenarioContext, segment: string) => ctx.s.segmentNames[segment] ?? segment;

/** The last month of the projection (its horizon), YYYY-MM. */
export const horizonDate = (result: ScenarioResult) => result.projection.total.at(-1)!.date;

/** Per segment and in total: ARR at the horizon, revenue and gross profit differences, churned MRR avoided, LTV, and the Monte Carlo band when run. */
export function comparisonTable(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportTable {
  const c = result.comparison;
  const mc = result.monte_carlo;
  const keys: ColumnKey[] = [
    'segment',
    ...COMPARISON_DIFFERENCES,
    'ltv_baseline',
    'ltv_scenario',
    ...(mc ? (['arr_p10', 'arr_p50', 'arr_p90'] as const) : []),
  ];
  const band = (segment: string | null): Cell[] => {
    if (!mc) return [];
    const b = segment === null ? mc.arr_at_horizon : mc.segments.find((m) => m.segment === segment)?.arr_at_horizon;
    return [b?.p10 ?? null, b?.p50 ?? null, b?.p90 ?? null];
  };
  const figures = (row: Omit<typeof c, 'segments'>): Cell[] => [
    row.arr_at_horizon_baseline,
    row.arr_at_horizon_scenario,
    row.arr_at_horizon_difference,
    row.revenue_difference,
    row.revenue_difference_pv,
    row.gross_profit_difference,
    row.gross_profit_difference_pv,
    row.churned_mrr_avoided,
  ];
  const rows: Cell[][] = [
    ...c.segments.map((seg) => [segmentLabel(ctx, seg.segment), ...figures(seg), seg.ltv_baseline, seg.ltv_scenario, ...band(seg.segment)]),
    // The engine gives no LTV for the total (docs/SCENARIOS.md), so none is shown.
    [ctx.s.scenarios.total, ...figures(c), null, null, ...band(null)],
  ];
  return table(ctx, `scenario_${n}_comparison`, fill(ctx.s.scenarios.tables.comparison, { n }), keys, rows);
}

/** Month by month, all segments together: the baseline projection and the scenario side by side (and the band when run). */
export function projectionTable(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportTable {
  const sc = ctx.s.scenarios;
  const mc = result.monte_carlo;
  const base = result.baseline_projection.total;
  const columns: ReportColumn[] = [
    column(ctx, 'month', sc.columns.month),
    column(ctx, 'date', sc.columns.date),
    ...MONTH_KEYS.map((key) => column(ctx, `baseline_${key}`, fill(sc.baselineColumn, { column: sc.columns[key] }))),
    ...MONTH_KEYS.map((key) => column(ctx, `scenario_${key}`, fill(sc.scenarioColumn, { column: sc.columns[key] }))),
    ...(mc ? (['arr_p10', 'arr_p50', 'arr_p90'] as const).map((key) => column(ctx, key, sc.columns[key])) : []),
  ];
  const rows = result.projection.total.map((month, t): Cell[] => {
    const band = mc?.months[t]?.arr;
    return [
      month.month,
      month.date,
      ...MONTH_KEYS.map((key) => base[t]?.[key] ?? null),
      ...MONTH_KEYS.map((key) => month[key]),
      ...(mc ? [band?.p10 ?? null, band?.p50 ?? null, band?.p90 ?? null] : []),
    ];
  });
  return { id: `scenario_${n}_projection`, title: fill(sc.tables.projection, { n }), columns, rows };
}

/** Month by month per segment: customers, MRR and ARR of the baseline projection and of the scenario. */
export function segmentProjectionTable(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportTable {
  const sc = ctx.s.scenarios;
  const shown = ['customers', 'mrr', 'arr'] as const;
  const columns: ReportColumn[] = [
    column(ctx, 'segment', sc.columns.segment),
    column(ctx, 'month', sc.columns.month),
    column(ctx, 'date', sc.columns.date),
    ...shown.map((key) => column(ctx, `baseline_${key}`, fill(sc.baselineColumn, { column: sc.columns[key] }))),
    ...shown.map((key) => column(ctx, `scenario_${key}`, fill(sc.scenarioColumn, { column: sc.columns[key] }))),
  ];
  const rows = result.projection.segments.flatMap((seg) => {
    const base = result.baseline_projection.segments.find((b) => b.segment === seg.segment)?.months ?? [];
    return seg.months.map((month, t): Cell[] => [
      segmentLabel(ctx, seg.segment),
      month.month,
      month.date,
      ...shown.map((key) => base[t]?.[key] ?? null),
      ...shown.map((key) => month[key]),
    ]);
  });
  return { id: `scenario_${n}_segments`, title: fill(sc.tables.segments, { n }), columns, rows };
}

/** The tornado's figures: ARR at the horizon with each lever one step down and up. */
export function sensitivityTable(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportTable {
  const sc = ctx.s.scenarios;
  const rows = result.sensitivity.levers.map((l): Cell[] => [
    sc.sensitivityLevers[l.lever],
    result.sensitivity.arr_at_horizon,
    l.arr_minus,
    l.arr_plus,
    l.delta_minus,
    l.delta_plus,
  ]);
  return table(ctx, `scenario_${n}_sensitivity`, fill(sc.tables.sensitivity, { n }), ['lever', 'arr_at_horizon_scenario', 'arr_minus', 'arr_plus', 'delta_minus', 'delta_plus'], rows);
}

export const SUMMARY_SHOWN: ColumnKey[] = [
  'scenario',
  'name',
  'arr_at_horizon_baseline',
  'arr_at_horizon_scenario',
  'arr_at_horizon_difference',
  'revenue_difference',
  'revenue_difference_pv',
];

/** One row per scenario: what it is (in words) and its totals, so a workbook's "Scenario n" sheets can be told apart. */
export function summaryTable(ctx: ScenarioContext, results: ScenarioResult[], words: { levers: string; goalSeek: string; warnings: string }[]): ReportTable {
  const sc = ctx.s.scenarios;
  const keys: ColumnKey[] = [
    'scenario',
    'name',
    'description',
    'horizon_months',
    'trailing_months',
    'churn_model',
    'levers',
    'as_of',
    'window_from',
    'window_to',
    'horizon_date',
    ...COMPARISON_DIFFERENCES,
    'arr_p10',
    'arr_p50',
    'arr_p90',
    'mc_runs',
    'mc_seed',
    'goal_seek',
    'warnings',
  ];
  const rows = results.map((r, i): Cell[] => {
    const c = r.comparison;
    const band = r.monte_carlo?.arr_at_horizon;
    return [
      i + 1,
      r.scenario.name,
      r.scenario.description ?? '',
      r.scenario.horizonMonths,
      r.scenario.trailingMonths,
      sc.churnModelNames[r.baseline.churn_model],
      words[i]!.levers,
      r.baseline.as_of,
      r.baseline.window.from,
      r.baseline.window.to,
      horizonDate(r),
      c.arr_at_horizon_baseline,
      c.arr_at_horizon_scenario,
      c.arr_at_horizon_difference,
      c.revenue_difference,
      c.revenue_difference_pv,
      c.gross_profit_difference,
      c.gross_profit_difference_pv,
      c.churned_mrr_avoided,
      band?.p10 ?? null,
      band?.p50 ?? null,
      band?.p90 ?? null,
      r.monte_carlo?.runs ?? null,
      r.monte_carlo?.seed ?? null,
      words[i]!.goalSeek,
      words[i]!.warnings,
    ];
  });
  return table(ctx, 'scenarios', sc.tables.summary, keys, rows);
}
