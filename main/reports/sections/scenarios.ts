// The report's scenarios section (docs/REPORTS.md, docs/SCENARIOS.md): for
// each scenario the engine ran (main/scenarios/run.ts), its name and
// description, the baseline and the levers in words, the headline figures,
// ARR by month (history, baseline projection, scenario, Monte Carlo band),
// the comparison by segment, the tornado, the goal-seek answer and the
// warnings. Like model.ts it only picks and formats the engine's figures.
import { ALL_SEGMENTS, LEVER_NAMES, type GoalSeekResult, type Levers, type ScenarioResult, type ScenarioRunResult, type ScenarioWarning } from '../../../shared/scenarios.js';
import { baseLayout, COLORS } from '../chartStyle.js';
import type { Block, Kpi, ReportChart, ReportTable } from '../document.js';
import {
  comparisonTable,
  horizonDate,
  projectionTable,
  segmentLabel,
  segmentProjectionTable,
  sensitivityTable,
  SUMMARY_SHOWN,
  summaryTable,
  type ScenarioContext,
} from './scenarioTables.js';
import { fill } from '../strings.js';

/** Decimals as the value was written (a lever of 0.5 shows as 0.5, of 20 as 20), at most 4. */
const decimals = (value: number) => Math.min(4, (String(value).split('.')[1] ?? '').length);

function formatters(ctx: ScenarioContext) {
  const { f } = ctx;
  const number = (v: number) => f.number(v, decimals(v));
  const signed = (text: string, v: number) => (v > 0 ? `+${text}` : text);
  return {
    number,
    signedNumber: (v: number) => signed(number(v), v),
    /** A fraction as a percentage with the decimals it was written with (0.8 → 80%, 0.025 → 2.5%). */
    percent: (v: number) => f.percent(v, Math.max(0, decimals(v) - 2)),
    signedMoney: (v: number) => signed(f.money(v), v),
  };
}

function leverText(ctx: ScenarioContext, key: keyof Levers, value: number): string {
  const x = formatters(ctx);
  const shown: Record<keyof Levers, (v: number) => string> = {
    churnPoints: x.signedNumber,
    churnPercent: x.signedNumber,
    expansionRate: x.percent,
    contractionRate: x.percent,
    newCustomersPercent: x.signedNumber,
    newMrrPerCustomer: (v) => ctx.f.money(v),
    priceChangePercent: x.signedNumber,
    priceExtraChurnPoints: x.number,
    grossMargin: x.percent,
    discountRateAnnual: x.percent,
  };
  return fill(ctx.s.scenarios.lever[key], { value: shown[key](value) });
}

/** The levers in words, "All segments" first, then each segment's own. */
export function leversText(ctx: ScenarioContext, result: ScenarioResult): string {
  const sc = ctx.s.scenarios;
  const entries = Object.entries(result.scenario.levers).sort(([a], [b]) => Number(b === ALL_SEGMENTS) - Number(a === ALL_SEGMENTS));
  const parts = entries
    .map(([segment, levers]) => {
      const texts = LEVER_NAMES.filter((key) => levers[key] !== undefined).map((key) => leverText(ctx, key, levers[key]!));
      if (texts.length === 0) return null;
      return fill(sc.leverList, { segment: segment === ALL_SEGMENTS ? sc.allSegments : segmentLabel(ctx, segment), levers: texts.join(sc.leverSeparator) });
    })
    .filter((part): part is string => part !== null);
  return parts.length ? parts.join(ctx.s.listSeparator) : sc.noLevers;
}

function baselineText(ctx: ScenarioContext, result: ScenarioResult): string {
  const b = result.baseline;
  return fill(ctx.s.scenarios.baselineText, {
    asOf: b.as_of,
    months: b.trailing_months,
    from: b.window.from,
    to: b.window.to,
    churnModel: b.tenure_rates === 'hazard' ? ctx.s.scenarios.churnModels.tenureHazard : ctx.s.scenarios.churnModels[b.churn_model],
    horizon: result.scenario.horizonMonths,
    end: horizonDate(result),
  });
}

/** The goal-seek answer in words, from the engine's figures (its own message is English only). */
export function goalSeekText(ctx: ScenarioContext, g: GoalSeekResult): string {
  const { f } = ctx;
  const t = ctx.s.scenarios.goalSeek;
  const vars = { target: f.money(g.target_arr), by: g.by, reached: f.money(g.arr_reached) };
  if (g.solve_for === 'churn') {
    const points = g.churn_change_points ?? 0;
    if (!g.reachable) return fill(points < 0 ? t.churnOutOfReach : t.churnBeyond, vars);
    return fill(t.churn, { ...vars, direction: points <= 0 ? t.down : t.up, points: f.number(Math.abs(points), 3), rate: f.percent(g.churn_rate) });
  }
  if (!g.reachable) return fill((g.new_mrr_per_month_scenario ?? 0) > 0 ? t.newMrrOutOfReach : t.newMrrNothing, vars);
  if (g.new_mrr_per_month === 0) return fill(t.newMrrNone, vars);
  return fill(t.newMrr, { ...vars, needed: f.money(g.new_mrr_per_month), current: f.money(g.new_mrr_per_month_scenario) });
}

/** A warning in the report's language, from its code and fields. */
export function warningText(ctx: ScenarioContext, warning: ScenarioWarning): string {
  const sc = ctx.s.scenarios;
  const text =
    warning.code === 'unknown_segment'
      ? fill(sc.warningSegment, { segment: warning.segment, known: warning.known.join(ctx.language === 'zh-CN' ? '、' : ', ') || ctx.s.none })
      : sc.warningNoCustomers;
  return fill(sc.warning, { text });
}

function kpis(ctx: ScenarioContext, result: ScenarioResult): Kpi[] {
  const { f } = ctx;
  const k = ctx.s.scenarios.kpis;
  const x = formatters(ctx);
  const c = result.comparison;
  const end = horizonDate(result);
  const horizon = result.scenario.horizonMonths;
  const items: Kpi[] = [
    { label: fill(k.arrBaseline, { end }), text: f.money(c.arr_at_horizon_baseline), hint: k.arrBaselineHint },
    { label: fill(k.arrScenario, { end }), text: f.money(c.arr_at_horizon_scenario), hint: k.arrScenarioHint },
    { label: fill(k.difference, { end }), text: x.signedMoney(c.arr_at_horizon_difference), hint: k.differenceHint },
    { label: fill(k.revenue, { horizon }), text: x.signedMoney(c.revenue_difference), hint: k.revenueHint },
    { label: k.revenuePv, text: x.signedMoney(c.revenue_difference_pv), hint: k.revenuePvHint },
    { label: k.avoided, text: x.signedMoney(c.churned_mrr_avoided), hint: fill(k.avoidedHint, { horizon }) },
  ];
  const mc = result.monte_carlo;
  if (mc) {
    const b = mc.arr_at_horizon;
    items.push({
      label: fill(k.band, { end }),
      text: fill(k.bandText, { p10: f.money(b.p10), p90: f.money(b.p90) }),
      hint: fill(k.bandHint, { p50: f.money(b.p50), runs: f.integer(mc.runs), seed: mc.seed }),
    });
  }
  return items;
}

function sentences(ctx: ScenarioContext, result: ScenarioResult): string[] {
  const { f } = ctx;
  const sc = ctx.s.scenarios;
  const x = formatters(ctx);
  const c = result.comparison;
  const end = horizonDate(result);
  const items = [
    fill(sc.outcome, {
      end,
      scenario: f.money(c.arr_at_horizon_scenario),
      baseline: f.money(c.arr_at_horizon_baseline),
      difference: x.signedMoney(c.arr_at_horizon_difference),
      horizon: result.scenario.horizonMonths,
      revenue: x.signedMoney(c.revenue_difference),
      pv: x.signedMoney(c.revenue_difference_pv),
      avoided: x.signedMoney(c.churned_mrr_avoided),
    }),
  ];
  const mc = result.monte_carlo;
  if (mc) {
    const b = mc.arr_at_horizon;
    items.push(fill(sc.monteCarlo, { runs: f.integer(mc.runs), seed: mc.seed, end, p10: f.money(b.p10), p50: f.money(b.p50), p90: f.money(b.p90) }));
  }
  if (result.goal_seek) items.push(goalSeekText(ctx, result.goal_seek));
  return items;
}

const GRID = '#e6e9ef';

/** ARR by month: history (solid), the baseline projection (dashed), the scenario, and the Monte Carlo P10–P90 band shaded. */
function arrChart(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportChart {
  const ch = ctx.s.scenarios.charts;
  const line = (name: string, months: { date: string; arr: number }[], style: Record<string, unknown>) => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x: months.map((m) => m.date),
    y: months.map((m) => m.arr),
    line: { width: 2, ...style },
    hovertemplate: `%{x|%Y-%m}<br>${name}: %{y:,.0f}<extra></extra>`,
  });
  const mc = result.monte_carlo;
  const band = mc
    ? [
        // The band is the area between two invisible lines: P10 first, then P90 filled down to it.
        { ...line('P10', mc.months.map((m) => ({ date: m.date, arr: m.arr.p10 })), { width: 0, color: COLORS.band }), legendgroup: 'band', showlegend: false },
        {
          ...line(ch.band, mc.months.map((m) => ({ date: m.date, arr: m.arr.p90 })), { width: 0, color: COLORS.band }),
          hovertemplate: `%{x|%Y-%m}<br>P90: %{y:,.0f}<extra></extra>`,
          legendgroup: 'band',
          fill: 'tonexty',
          fillcolor: COLORS.band,
        },
      ]
    : [];
  const asOf = result.baseline.as_of;
  return {
    id: `scenario_${n}_arr`,
    title: fill(ch.arr, { name: result.scenario.name }),
    height: 360,
    data: [
      ...band,
      line(ch.history, result.baseline.history, { color: COLORS.mrr }),
      line(ch.baselineProjection, result.baseline_projection.total, { color: COLORS.mrr, dash: 'dash' }),
      line(ch.scenarioProjection, result.projection.total, { color: COLORS.new, width: 2.5 }),
    ],
    layout: baseLayout({
      xaxis: { type: 'date', tickformat: '%Y-%m', gridcolor: GRID, automargin: true },
      yaxis: { title: { text: ctx.currency ? fill(ch.arrAxis, { currency: ctx.currency }) : ctx.s.scenarios.columns.arr }, tickformat: '~s', gridcolor: GRID, automargin: true },
      // The as-of month: history to its left, projections to its right.
      shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: asOf, x1: asOf, y0: 0, y1: 1, line: { color: '#9aa1ad', width: 1, dash: 'dot' } }],
    }),
  };
}

/** The tornado: the change of ARR at the horizon with each lever one step down and up, widest bar on top. */
function sensitivityChart(ctx: ScenarioContext, result: ScenarioResult, n: number): ReportChart {
  const ch = ctx.s.scenarios.charts;
  const levers = result.sensitivity.levers;
  const names = levers.map((l) => ctx.s.scenarios.sensitivityLevers[l.lever]);
  const end = horizonDate(result);
  const bar = (name: string, color: string, delta: number[], arr: number[]) => ({
    type: 'bar',
    orientation: 'h',
    name,
    y: names,
    x: delta,
    customdata: arr.map((v) => ctx.f.money(v)),
    marker: { color },
    hovertemplate: `%{y}<br>${name}: %{x:+,.0f} (ARR %{customdata})<extra></extra>`,
  });
  return {
    id: `scenario_${n}_sensitivity`,
    title: fill(ch.sensitivity, { name: result.scenario.name, end }),
    height: Math.max(220, 90 + 32 * levers.length),
    data: [
      bar(ch.stepDown, COLORS.contraction, levers.map((l) => l.delta_minus), levers.map((l) => l.arr_minus)),
      bar(ch.stepUp, COLORS.expansion, levers.map((l) => l.delta_plus), levers.map((l) => l.arr_plus)),
    ],
    layout: baseLayout({
      // Each lever moves ARR one way down and the other way up, so the two bars overlay without hiding each other.
      barmode: 'overlay',
      xaxis: { title: { text: fill(ch.sensitivityAxis, { end, currency: ctx.currency ?? '' }) }, tickformat: '~s', gridcolor: GRID, zerolinecolor: '#9aa1ad', automargin: true },
      yaxis: { type: 'category', autorange: 'reversed', automargin: true },
      margin: { l: 200, r: 24, t: 36, b: 48 },
    }),
  };
}

function scenarioBlocks(ctx: ScenarioContext, result: ScenarioResult, n: number): { blocks: Block[]; dataTables: ReportTable[]; levers: string } {
  const sc = ctx.s.scenarios;
  const levers = leversText(ctx, result);
  const description = result.scenario.description?.trim();
  const blocks: Block[] = [
    {
      type: 'definitions',
      title: fill(sc.heading, { n, name: result.scenario.name }),
      items: [
        ...(description ? [{ term: sc.description, text: description }] : []),
        { term: sc.baseline, text: baselineText(ctx, result) },
        { term: sc.levers, text: levers },
      ],
    },
    { type: 'kpis', items: kpis(ctx, result) },
    { type: 'paragraphs', items: sentences(ctx, result) },
    { type: 'chart', chart: arrChart(ctx, result, n) },
    { type: 'table', table: comparisonTable(ctx, result, n), title: fill(sc.tables.comparisonCaption, { name: result.scenario.name }), columns: COMPARISON_SHOWN },
    { type: 'chart', chart: sensitivityChart(ctx, result, n) },
  ];
  if (result.warnings.length) blocks.push({ type: 'note', text: result.warnings.map((w) => warningText(ctx, w)).join('\n') });
  return { blocks, dataTables: [projectionTable(ctx, result, n), segmentProjectionTable(ctx, result, n), sensitivityTable(ctx, result, n)], levers };
}

/** Gross profit and the band stay in the exports: the printed table keeps to what fits a page. */
const COMPARISON_SHOWN = [
  'segment',
  'arr_at_horizon_baseline',
  'arr_at_horizon_scenario',
  'arr_at_horizon_difference',
  'revenue_difference',
  'revenue_difference_pv',
  'churned_mrr_avoided',
  'ltv_baseline',
  'ltv_scenario',
];

export function scenariosSection(ctx: ScenarioContext, run: ScenarioRunResult): { blocks: Block[]; dataTables: ReportTable[] } {
  const parts = run.scenarios.map((result, i) => scenarioBlocks(ctx, result, i + 1));
  const summary = summaryTable(
    ctx,
    run.scenarios,
    run.scenarios.map((result, i) => ({
      levers: parts[i]!.levers,
      goalSeek: result.goal_seek ? goalSeekText(ctx, result.goal_seek) : '',
      warnings: result.warnings.map((w) => warningText(ctx, w)).join('\n'),
    })),
  );
  // Several scenarios open with their totals side by side; one scenario's totals are its KPIs, so the summary stays in the exports.
  const overview: Block[] = run.scenarios.length > 1 ? [{ type: 'table', table: summary, columns: SUMMARY_SHOWN }] : [];
  return {
    blocks: [...overview, ...parts.flatMap((p) => p.blocks)],
    dataTables: [...(overview.length ? [] : [summary]), ...parts.flatMap((p) => p.dataTables)],
  };
}
