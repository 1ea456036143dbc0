// The report's survival section (docs/REPORTS.md, docs/METRICS.md "Survival"):
// how long customers stay, by group — the log-rank result in one sentence,
// each group's median in words, the Kaplan-Meier curves with their 95% bands,
// the table of medians and survival at chosen times, the hazard by tenure;
// the per-time curves, the hazard and the test in the exports. Like model.ts
// it only picks and formats the engine's figures (main/metrics/survival/).
import type { ReportLanguage } from '../../../shared/reports.js';
import { SURVIVAL_GROUPS, survivalVerdict, type SurvivalResult } from '../../../shared/survival.js';
import { baseLayout, COLORS } from '../chartStyle.js';
import type { CellFormat, Formatter } from '../format.js';
import type { Block, Cell, ReportChart, ReportTable, SectionModel } from '../document.js';
import { fill, type ReportStrings } from '../strings.js';

export interface SurvivalContext {
  s: ReportStrings;
  f: Formatter;
  language: ReportLanguage;
}

const GRID = '#e6e9ef';
const colour = (i: number) => COLORS.segments[i % COLORS.segments.length]!;
function translucent(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, 0.18)`;
}

/** Times as written: whole numbers plain, others to two decimals. */
const time = (f: Formatter, v: number) => f.number(v, Number.isInteger(v) ? 0 : 2);

function table(id: string, title: string, columns: [key: string, label: string, format: CellFormat][], rows: Cell[][]): ReportTable {
  return { id, title, columns: columns.map(([key, label, format]) => ({ key, label, format })), rows };
}

function summaryTable(ctx: SurvivalContext, result: SurvivalResult): ReportTable {
  const c = ctx.s.survival.columns;
  const times = result.groups[0]?.at.map((a) => a.time) ?? [];
  const horizon = result.groups.find((g) => g.rmst)?.rmst?.horizon ?? null;
  const tested = new Map((result.log_rank?.groups ?? []).map((g) => [g.group, g]));
  const columns: [string, string, CellFormat][] = [
    ['group', c.group, 'text'],
    ['n', c.n, 'integer'],
    ['events', c.events, 'integer'],
    ['censored', c.censored, 'integer'],
    ['median', c.median, 'number'],
    ['median_lower', c.median_lower, 'number'],
    ['median_upper', c.median_upper, 'number'],
    ...times.flatMap((t): [string, string, CellFormat][] => [
      [`at_${t}`, fill(c.at, { time: time(ctx.f, t) }), 'percent'],
      [`at_${t}_lower`, fill(c.at_lower, { time: time(ctx.f, t) }), 'percent'],
      [`at_${t}_upper`, fill(c.at_upper, { time: time(ctx.f, t) }), 'percent'],
    ]),
    ...(horizon === null ? [] : [['rmst', fill(c.rmst, { horizon: time(ctx.f, horizon) }), 'number'] as [string, string, CellFormat]]),
    ...(result.log_rank ? ([['observed', c.observed, 'integer'], ['expected', c.expected, 'number']] as [string, string, CellFormat][]) : []),
  ];
  const rows = result.groups.map((g): Cell[] => [
    g.group,
    g.n,
    g.events,
    g.censored,
    g.median.estimate,
    g.median.lower,
    g.median.upper,
    ...g.at.flatMap((a) => [a.surv, a.lower, a.upper]),
    ...(horizon === null ? [] : [g.rmst?.estimate ?? null]),
    ...(result.log_rank ? [tested.get(g.group)?.observed ?? null, tested.get(g.group)?.expected ?? null] : []),
  ]);
  return table('survival', ctx.s.survival.tables.summary, columns, rows);
}

function curvesTable(ctx: SurvivalContext, result: SurvivalResult): ReportTable {
  const c = ctx.s.survival.columns;
  return table(
    'survival_curves',
    ctx.s.survival.tables.curves,
    [
      ['group', c.group, 'text'],
      ['time', c.time, 'number'],
      ['n_risk', c.n_risk, 'integer'],
      ['n_event', c.n_event, 'integer'],
      ['n_censor', c.n_censor, 'integer'],
      ['surv', c.surv, 'percent'],
      ['std_err', c.std_err, 'number'],
      ['lower', c.lower, 'percent'],
      ['upper', c.upper, 'percent'],
    ],
    result.groups.flatMap((g) => g.curve.map((r): Cell[] => [g.group, r.time, r.n_risk, r.n_event, r.n_censor, r.surv, r.std_err, r.lower, r.upper])),
  );
}

function hazardTable(ctx: SurvivalContext, result: SurvivalResult): ReportTable {
  const c = ctx.s.survival.columns;
  return table(
    'survival_hazard',
    ctx.s.survival.tables.hazard,
    [
      ['group', c.group, 'text'],
      ['interval', c.interval, 'integer'],
      ['from', c.from, 'number'],
      ['to', c.to, 'number'],
      ['at_risk', c.at_risk, 'integer'],
      ['events', c.n_event, 'integer'],
      ['hazard', c.hazard, 'percent'],
    ],
    result.groups.flatMap((g) => g.hazard.map((h): Cell[] => [g.group, h.interval, h.from, h.to, h.at_risk, h.events, h.hazard])),
  );
}

function logRankTable(ctx: SurvivalContext, result: SurvivalResult): ReportTable {
  const c = ctx.s.survival.columns;
  const test = result.log_rank;
  return table(
    'survival_log_rank',
    ctx.s.survival.tables.logRank,
    [
      ['group', c.group, 'text'],
      ['n', c.n, 'integer'],
      ['observed', c.observed, 'integer'],
      ['expected', c.expected, 'number'],
      ['chisq', c.chisq, 'number'],
      ['df', c.df, 'integer'],
      ['p', c.p, 'text'],
    ],
    (test?.groups ?? []).map((g): Cell[] => [g.group, g.n, g.observed, g.expected, test!.chisq, test!.df, test!.p === null ? null : String(test!.p)]),
  );
}

function curvesChart(ctx: SurvivalContext, result: SurvivalResult, unit: string): ReportChart {
  const ch = ctx.s.survival.charts;
  const data = result.groups.flatMap((g, i) => {
    const x = [0, ...g.curve.map((r) => r.time)];
    const step = (y: (number | null)[], extra: Record<string, unknown>) => ({ type: 'scatter', mode: 'lines', x, y, line: { shape: 'hv', width: 0, color: colour(i) }, ...extra });
    return [
      // The band: the upper edge, then the lower edge filled up to it.
      step([1, ...g.curve.map((r) => r.upper)], { showlegend: false, hoverinfo: 'skip', legendgroup: g.group }),
      step([1, ...g.curve.map((r) => r.lower)], { showlegend: false, hoverinfo: 'skip', legendgroup: g.group, fill: 'tonexty', fillcolor: translucent(colour(i)) }),
      step([1, ...g.curve.map((r) => r.surv)], {
        name: g.group,
        legendgroup: g.group,
        line: { shape: 'hv', width: 2, color: colour(i) },
        hovertemplate: `${g.group} · %{x}: %{y:.1%}<extra></extra>`,
      }),
    ];
  });
  return {
    id: 'survival_curves',
    title: ch.curves,
    height: 380,
    data,
    layout: baseLayout({
      xaxis: { title: { text: fill(ch.time, { unit }) }, gridcolor: GRID, rangemode: 'tozero', automargin: true },
      yaxis: { title: { text: ch.surv }, tickformat: '.0%', range: [0, 1.02], gridcolor: GRID, automargin: true },
    }),
  };
}

function hazardChart(ctx: SurvivalContext, result: SurvivalResult, unit: string): ReportChart {
  const ch = ctx.s.survival.charts;
  return {
    id: 'survival_hazard',
    title: ch.hazard,
    height: 300,
    data: result.groups.map((g, i) => ({
      type: 'scatter',
      mode: 'lines+markers',
      name: g.group,
      x: g.hazard.map((h) => h.to),
      y: g.hazard.map((h) => h.hazard),
      line: { width: 2, color: colour(i) },
      marker: { size: 3, color: colour(i) },
      hovertemplate: `${g.group} · %{x}: %{y:.1%}<extra></extra>`,
    })),
    layout: baseLayout({
      xaxis: { title: { text: fill(ch.interval, { unit }) }, gridcolor: GRID, rangemode: 'tozero', automargin: true },
      yaxis: { title: { text: ch.hazardAxis }, tickformat: '.0%', rangemode: 'tozero', gridcolor: GRID, automargin: true },
    }),
  };
}

function sentences(ctx: SurvivalContext, result: SurvivalResult, unit: string): string[] {
  const sv = ctx.s.survival;
  const { f } = ctx;
  const groupBy = result.group_by;
  const group = groupBy === null ? sv.everyone : (SURVIVAL_GROUPS as readonly string[]).includes(groupBy) ? sv.groupNames[groupBy]! : groupBy;
  const verdict = survivalVerdict(result.log_rank);
  const items = [fill(sv.groupedBy, { group, unit, asOf: result.as_of?.slice(0, 7) ?? '—' })];
  if (verdict.kind === 'no_test') items.push(sv.noTest);
  else items.push(fill(verdict.kind === 'significant' ? sv.significant : sv.notSignificant, { longest: verdict.longest!, shortest: verdict.shortest!, p: verdict.p! }));
  const test = result.log_rank;
  if (test && test.df > 0) items.push(fill(sv.test, { chisq: f.number(test.chisq, 2), df: test.df, pText: test.p_text }));
  for (const g of result.groups) {
    const m = g.median;
    const limit = (v: number | null) => (v === null ? sv.notReached : time(f, v));
    items.push(m.estimate === null ? fill(sv.medianNotReached, { group: g.group }) : fill(sv.medians, { group: g.group, median: time(f, m.estimate), unit, lower: limit(m.lower), upper: limit(m.upper) }));
  }
  if (result.excluded.length) items.push(fill(sv.excluded, { items: result.excluded.map((e) => `${f.integer(e.count)} × ${e.reason}`).join(ctx.s.listSeparator) }));
  return items;
}

export function survivalSection(ctx: SurvivalContext, result: SurvivalResult): Omit<SectionModel, 'id' | 'title'> {
  const unit = ctx.s.survival.units[result.unit] ?? result.unit;
  const summary = summaryTable(ctx, result);
  const blocks: Block[] = [
    { type: 'paragraphs', items: sentences(ctx, result, unit) },
    { type: 'chart', chart: curvesChart(ctx, result, unit) },
    // The printed table keeps to what fits a page; the exports hold every column.
    { type: 'table', table: summary, columns: summary.columns.map((c) => c.key).filter((key) => !/_(lower|upper)$/.test(key) && key !== 'censored' && key !== 'expected') },
    { type: 'chart', chart: hazardChart(ctx, result, unit) },
  ];
  return { blocks, dataTables: [curvesTable(ctx, result), hazardTable(ctx, result), logRankTable(ctx, result)] };
}
