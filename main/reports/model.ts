// The report model: an AnalysisResult and where it came from (files, audit,
// settings) turned into sections of sentences, tables and charts. Pure: every
// number is read from the analysis as it is — the sentences only pick and
// format figures, never compute a metric. The HTML, PDF, XLSX and CSV writers
// all render this one model, so the formats agree.
import path from 'node:path';
import { PERIOD_COUNT_COLUMNS, PERIOD_MRR_COLUMNS, type AnalysisResult, type PeriodRow } from '../../shared/analysis.js';
import {
  DEFAULT_ANALYSIS_SETTINGS,
  PRESET_LABELS,
  PRESET_SETTINGS,
  type AnalysisSettings,
  type Methodology,
  type PresetName,
} from '../../shared/metrics.js';
import type { AuditRow } from '../../shared/model.js';
import { REPORT_SECTIONS, type ReportLanguage, type ReportOptions, type ReportSection } from '../../shared/reports.js';
import type { ScenarioRunResult } from '../../shared/scenarios.js';
import type { SurvivalResult } from '../../shared/survival.js';
import { baseLayout, COLORS } from './chartStyle.js';
import { formatter, type CellFormat, type Formatter } from './format.js';
import { scenariosSection } from './scenarioSection.js';
import { survivalSection } from './survivalSection.js';
import { fill, REPORT_STRINGS, type ReportStrings } from './strings.js';

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  format: CellFormat;
}

/** One table: the unit of an XLSX sheet and of a CSV file. Rows hold the analysis's numbers unrounded. */
export interface ReportTable {
  /** Stable ASCII name: the CSV file's name. */
  id: string;
  /** Title (localised): the XLSX sheet's name and the caption. */
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
}

export interface ReportChart {
  id: string;
  title: string;
  /** Plotly traces and layout, plain JSON. */
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  height: number;
}

export interface Kpi {
  label: string;
  text: string;
  hint: string;
}

export type Block =
  | { type: 'paragraphs'; items: string[] }
  | { type: 'note'; text: string }
  | { type: 'kpis'; items: Kpi[] }
  | { type: 'chart'; chart: ReportChart }
  /** `columns`: the keys shown in HTML and PDF (default all); `note` under it. */
  | { type: 'table'; table: ReportTable; columns?: string[]; note?: string; compact?: boolean; title?: string }
  | { type: 'definitions'; items: { term: string; text: string }[]; title?: string };

export interface SectionModel {
  id: ReportSection | 'sources';
  title: string;
  blocks: Block[];
  /** Tables that only the XLSX and CSV exports hold (too wide or long to print). */
  dataTables: ReportTable[];
}

export interface ImportedFileInfo {
  file: string;
  kind: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  sha256: string;
}

/** Where the numbers came from, read from the workspace (provenance.ts). */
export interface Provenance {
  appVersion: string;
  files: ImportedFileInfo[];
  audit: AuditRow[];
  /** Units of the reporting currency per unit of each other currency, as imported. */
  fxRates: { currency: string; rate: number }[];
  /** The as-of date the import recorded for the data. */
  dataAsOf: string | null;
}

export interface ReportModel {
  language: ReportLanguage;
  strings: ReportStrings;
  title: string;
  client: string | null;
  author: string | null;
  date: string;
  /** A data URL, checked by the engine. */
  logo: string | null;
  currency: string | null;
  /** YYYY-MM of the as-of month. */
  asOfMonth: string;
  appVersion: string;
  headline: Kpi[];
  /** Front matter (sources and settings), then the chosen sections in order. */
  sources: SectionModel;
  sections: SectionModel[];
  /** The sheet of settings and definitions (XLSX, and settings.csv). */
  settingsTable: ReportTable;
}

export interface ModelInput {
  result: AnalysisResult;
  /** The analysis settings as requested (to tell what was set from what defaulted). */
  requested: Partial<AnalysisSettings>;
  provenance: Provenance;
  options: ReportOptions;
  /** The logo as a data URL (the engine reads a file path into one). */
  logo: string | null;
  /** YYYY-MM-DD; the caller's today when the options name none. */
  date: string;
  /** The scenarios the engine ran for the scenarios section (build.ts); null or absent: no such section. */
  scenarios?: ScenarioRunResult | null;
  /** The survival analysis for the survival section (build.ts); null or absent: no such section. */
  survival?: SurvivalResult | null;
}

const PERIOD_KEYS: (keyof PeriodRow)[] = [
  'period',
  ...PERIOD_COUNT_COLUMNS,
  ...PERIOD_MRR_COLUMNS,
  'churn_numerator',
  'churn_denominator',
  'customer_churn_rate',
  'customer_retention_rate',
  'customer_acquisition_rate',
  'gross_mrr_churn_rate',
  'net_mrr_churn_rate',
  'grr',
  'nrr',
  'quick_ratio',
  'arpa',
  'annualized_customer_churn_rate',
  'ltv',
  'ltv_trailing_6m',
  'revenue_lost_mrr',
  'revenue_lost_arr',
  'new_mrr_needed',
];

/** The format of a column, by its key (the analysis's field names, docs/CLI.md). */
export function formatOf(key: string): CellFormat {
  if (/^(period|segment|cohort|reason|churn_type|customer_id|method|preset|differs_in|file|kind|sha256|check|severity|examples|verdict|section|item|value|default|setting)$/.test(key)) {
    return 'text';
  }
  if (/rate$|^grr$|^nrr$|share|retention|^benchmark_|^k\d+$/.test(key)) return 'percent';
  if (key === 'quick_ratio' || key === 'audit_amount') return 'number';
  if (/^(mrr|arpa|ltv|revenue_lost|new_mrr_needed|mean_mrr|churned_mrr_total|change)/.test(key) || key === 'mrr_before') return 'money';
  return 'integer';
}

export { REPORT_FONT } from './chartStyle.js';

export const HEADLINE_KEYS = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'grr', 'nrr', 'quick_ratio', 'customers_churned', 'periods'] as const;

/** Everything a report shows, from the analysis and its provenance. */
export function buildReportModel(input: ModelInput): ReportModel {
  const { result, provenance, options } = input;
  const language: ReportLanguage = options.language ?? 'en';
  const s = REPORT_STRINGS[language];
  const currency = result.settings.reporting_currency ?? options.currency?.toUpperCase() ?? null;
  const f = formatter(language, currency);
  const ctx: Ctx = { result, s, f, currency, language, periodName: s.settingValues[result.settings.period] };
  const chosen = new Set(options.sections ?? REPORT_SECTIONS);
  // build.ts runs the scenarios whenever the section is to be shown, and refuses an explicit request it cannot meet.
  const scenarios = input.scenarios ?? null;
  if (!scenarios) chosen.delete('scenarios');
  const survival = input.survival ?? null;
  if (!survival) chosen.delete('survival');
  const notes = options.notes ?? {};

  const builders: Record<ReportSection, () => Omit<SectionModel, 'id' | 'title'>> = {
    summary: () => summarySection(ctx),
    revenue: () => revenueSection(ctx),
    customers: () => customersSection(ctx),
    cohorts: () => cohortsSection(ctx),
    survival: () => survivalSection(ctx, survival!),
    segments: () => segmentsSection(ctx),
    at_risk: () => atRiskSection(ctx),
    methodology: () => methodologySection(ctx),
    scenarios: () => scenariosSection(ctx, scenarios!),
    data_quality: () => dataQualitySection(ctx, provenance),
    appendix: () => appendixSection(ctx),
  };
  const sections = REPORT_SECTIONS.filter((id) => chosen.has(id)).map((id): SectionModel => {
    const built = builders[id]();
    const note = notes[id]?.trim();
    const intro: Block = { type: 'paragraphs', items: [s.intros[id]] };
    return { id, title: s.sections[id], blocks: [...(note ? [{ type: 'note' as const, text: note }] : []), intro, ...built.blocks], dataTables: built.dataTables };
  });

  const title = options.title?.trim() || s.defaultTitle;
  const settingsRows = settingsList(ctx, input.requested, provenance);
  const sources = sourcesSection(ctx, provenance, settingsRows);
  return {
    language,
    strings: s,
    title,
    client: options.client?.trim() || null,
    author: options.author?.trim() || null,
    date: input.date,
    logo: input.logo,
    currency,
    asOfMonth: result.settings.as_of.slice(0, 7),
    appVersion: provenance.appVersion,
    headline: headlineKpis(ctx),
    sources,
    sections,
    settingsTable: settingsTable(ctx, { title, client: options.client, author: options.author, date: input.date }, provenance, settingsRows),
  };
}

/** Every table of the report once, in order (XLSX sheets, CSV files): settings first. */
export function reportTables(model: ReportModel): ReportTable[] {
  const seen = new Map<string, ReportTable>();
  seen.set(model.settingsTable.id, model.settingsTable);
  for (const section of [model.sources, ...model.sections]) {
    for (const block of section.blocks) if (block.type === 'table' && !seen.has(block.table.id)) seen.set(block.table.id, block.table);
    for (const table of section.dataTables) if (!seen.has(table.id)) seen.set(table.id, table);
  }
  return [...seen.values()];
}

interface Ctx {
  result: AnalysisResult;
  s: ReportStrings;
  f: Formatter;
  currency: string | null;
  language: ReportLanguage;
  periodName: string;
}

function label(ctx: Ctx, key: string): string {
  const name = (ctx.s.columns as Record<string, string>)[key] ?? key;
  return formatOf(key) === 'money' && ctx.currency ? `${name} (${ctx.currency})` : name;
}

function table(ctx: Ctx, id: string, title: string, keys: string[], rows: Cell[][], labels: Record<string, string> = {}): ReportTable {
  return { id, title, columns: keys.map((key) => ({ key, label: labels[key] ?? label(ctx, key), format: formatOf(key) })), rows };
}

const segmentName = (ctx: Ctx, segment: string) => ctx.s.segmentNames[segment] ?? segment;
const churnTypeName = (ctx: Ctx, type: string) => (ctx.s.churnTypes as Record<string, string>)[type] ?? type;

function periodsTable(ctx: Ctx): ReportTable {
  return table(ctx, 'periods', ctx.s.tables.periods, PERIOD_KEYS, ctx.result.periods.map((p) => PERIOD_KEYS.map((k) => p[k] as Cell)));
}

function headlineTable(ctx: Ctx): ReportTable {
  const h = ctx.result.headline;
  return table(ctx, 'headline', ctx.s.tables.headline, [...HEADLINE_KEYS], h ? [HEADLINE_KEYS.map((k) => h[k])] : []);
}

function headlineKpis(ctx: Ctx): Kpi[] {
  const { result, s, f } = ctx;
  const h = result.headline;
  const last = result.periods.at(-1);
  const pooled = fill(s.kpis.pooled, { period: ctx.periodName, periods: h?.periods ?? 0 });
  const kpis: Kpi[] = [
    { label: s.kpis.customer_churn_rate, text: f.percent(h?.customer_churn_rate), hint: pooled },
    { label: s.kpis.gross_mrr_churn_rate, text: f.percent(h?.gross_mrr_churn_rate), hint: pooled },
    { label: s.kpis.net_mrr_churn_rate, text: f.percent(h?.net_mrr_churn_rate), hint: pooled },
    { label: s.kpis.nrr, text: f.percent(h?.nrr), hint: pooled },
    { label: s.kpis.grr, text: f.percent(h?.grr), hint: pooled },
    { label: s.kpis.quick_ratio, text: f.number(h?.quick_ratio), hint: pooled },
  ];
  if (last) {
    kpis.push(
      { label: fill(s.kpis.mrr_end, { period: last.period }), text: f.money(last.mrr_end), hint: '' },
      { label: fill(s.kpis.customers_end, { period: last.period }), text: f.integer(last.customers_end), hint: '' },
      { label: fill(s.kpis.revenue_lost_arr, { period: last.period }), text: f.money(last.revenue_lost_arr), hint: '' },
    );
  }
  return kpis;
}

function verdictOf(rate: number | null, low: number | null, high: number | null): 'above' | 'within' | 'below' | 'none' {
  if (rate === null || low === null || high === null) return 'none';
  return rate > high ? 'above' : rate < low ? 'below' : 'within';
}

function bandText(ctx: Ctx, rate: number | null, low: number | null, high: number | null): string {
  const verdict = verdictOf(rate, low, high);
  const vars = { low: ctx.f.percent(low, 0), high: ctx.f.percent(high, 0) };
  if (verdict === 'above') return fill(ctx.s.summary.bandAbove, vars);
  if (verdict === 'below') return fill(ctx.s.summary.bandBelow, vars);
  if (verdict === 'within') return fill(ctx.s.summary.bandWithin, vars);
  return ctx.s.summary.noBand;
}

/** The largest element by a key, ignoring nulls; null when none. */
function largest<T>(items: T[], key: (item: T) => number | null | undefined): T | null {
  let best: T | null = null;
  let bestValue = -Infinity;
  for (const item of items) {
    const value = key(item);
    if (typeof value === 'number' && value > bestValue) {
      best = item;
      bestValue = value;
    }
  }
  return best;
}

/** The cohort period to read retention at: a year in (12 months or 4 quarters), or the last one reached. */
function cohortK(ctx: Ctx): number | null {
  const average = ctx.result.cohorts.average;
  if (average.length === 0) return null;
  const target = ctx.result.cohorts.period === 'month' ? 12 : 4;
  return average.some((a) => a.k === target) ? target : average.at(-1)!.k;
}

function summarySection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const h = result.headline;
  const first = result.periods[0];
  const last = result.periods.at(-1);
  const items: string[] = [];
  if (h && first && last) {
    items.push(
      fill(s.summary.overview, {
        periods: h.periods,
        periodName: ctx.periodName,
        first: first.period,
        last: last.period,
        churn: f.percent(h.customer_churn_rate),
        gross: f.percent(h.gross_mrr_churn_rate),
        net: f.percent(h.net_mrr_churn_rate),
        nrr: f.percent(h.nrr),
      }),
    );
    if (h.net_mrr_churn_rate !== null) items.push(h.net_mrr_churn_rate < 0 ? s.summary.negativeChurn : s.summary.positiveChurn);
    items.push(
      fill(s.summary.lost, { period: last.period, lostMrr: f.money(last.revenue_lost_mrr), lostArr: f.money(last.revenue_lost_arr), needed: f.money(last.new_mrr_needed) }),
    );
    if (h.quick_ratio !== null) items.push(fill(s.summary.quickRatio, { quickRatio: f.number(h.quick_ratio) }));
  }
  const driver = largest(result.segments, (seg) => seg.churned_mrr_share);
  if (driver) {
    items.push(
      fill(s.summary.segmentDriver, {
        segment: segmentName(ctx, driver.segment),
        share: f.percent(driver.churned_mrr_share),
        rate: f.percent(driver.annualized_customer_churn_rate),
        verdict: bandText(ctx, driver.annualized_customer_churn_rate, driver.benchmark_low, driver.benchmark_high),
      }),
    );
  }
  const k = cohortK(ctx);
  const average = result.cohorts.average.find((a) => a.k === k);
  if (average && k !== null) {
    items.push(
      fill(s.summary.cohort, {
        k,
        periodName: s.settingValues[result.cohorts.period],
        logo: f.percent(average.logo_retention),
        revenue: f.percent(average.revenue_retention),
      }),
    );
  }
  items.push(...reasonSentences(ctx));
  items.push(atRiskSentence(ctx));
  const blocks: Block[] = [{ type: 'kpis', items: headlineKpis(ctx) }, { type: 'paragraphs', items }, { type: 'paragraphs', items: [s.summary.context] }];
  return { blocks, dataTables: [headlineTable(ctx)] };
}

function reasonSentences(ctx: Ctx): string[] {
  const { result, s, f } = ctx;
  const out: string[] = [];
  const top = largest(result.churn_reasons, (r) => r.customers);
  if (top) out.push(fill(s.summary.reasons, { reason: top.reason, share: f.percent(top.share_of_customers) }));
  const voluntary = result.churn_types.find((t) => t.churn_type === 'voluntary');
  const involuntary = result.churn_types.find((t) => t.churn_type === 'involuntary');
  if (voluntary && involuntary) out.push(fill(s.summary.types, { voluntary: f.integer(voluntary.customers), involuntary: f.integer(involuntary.customers) }));
  return out;
}

function atRiskReason(ctx: Ctx, reason: string): string {
  if (ctx.language === 'en') return reason;
  // The SQL (main/metrics/atRisk.ts) words the reason in English; its two shapes, in the report's language.
  return reason
    .split('; ')
    .map((part) => {
      const contraction = /^contraction in (\d+) of the last (\d+) months$/.exec(part);
      if (contraction) return fill(ctx.s.atRiskText.contraction, { n: contraction[1]!, window: contraction[2]! });
      const drop = /^MRR down ([\d.]+)% against (\d+) months ago$/.exec(part);
      if (drop) return fill(ctx.s.atRiskText.drop, { pct: drop[1]!, lookback: drop[2]! });
      return part;
    })
    .join(ctx.s.listSeparator);
}

function atRiskSentence(ctx: Ctx): string {
  const { result, s, f } = ctx;
  const top = largest(result.at_risk, (a) => a.mrr);
  if (!top) return s.summary.noAtRisk;
  return fill(s.summary.atRisk, { count: f.integer(result.at_risk.length), customer: top.customer_id, mrr: f.money(top.mrr), reason: atRiskReason(ctx, top.reason) });
}

function revenueSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const periods = result.periods;
  const first = periods[0];
  const last = periods.at(-1);
  const items: string[] = [];
  if (first && last) {
    items.push(fill(s.summary.growth, { start: f.money(first.mrr_start), first: first.period, end: f.money(last.mrr_end), last: last.period, customers: f.integer(last.customers_end) }));
    items.push(fill(s.summary.lost, { period: last.period, lostMrr: f.money(last.revenue_lost_mrr), lostArr: f.money(last.revenue_lost_arr), needed: f.money(last.new_mrr_needed) }));
  }
  const x = periods.map((p) => p.period);
  const bar = (name: string, color: string, y: number[]) => ({ type: 'bar', name, x, y, marker: { color }, hovertemplate: `%{x}<br>${name}: %{y:,.0f}<extra></extra>` });
  const chart: ReportChart = {
    id: 'movements',
    title: s.charts.movements,
    height: 380,
    data: [
      bar(s.movements.new, COLORS.new, periods.map((p) => p.mrr_new)),
      bar(s.movements.reactivation, COLORS.reactivation, periods.map((p) => p.mrr_reactivation)),
      bar(s.movements.expansion, COLORS.expansion, periods.map((p) => p.mrr_expansion)),
      // Losses drawn below zero: the amounts themselves are positive (docs/METRICS.md).
      bar(s.movements.contraction, COLORS.contraction, periods.map((p) => -p.mrr_contraction)),
      bar(s.movements.churn, COLORS.churn, periods.map((p) => -p.mrr_churned)),
      { type: 'scatter', mode: 'lines+markers', name: s.charts.mrr, x, y: periods.map((p) => p.mrr_end), yaxis: 'y2', line: { color: COLORS.mrr, width: 2 }, marker: { size: 4 } },
    ],
    layout: baseLayout({
      barmode: 'relative',
      yaxis: { title: { text: fill(s.charts.amount, { currency: ctx.currency ?? '' }) }, gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', tickformat: '~s', automargin: true },
      yaxis2: { title: { text: s.charts.mrr }, overlaying: 'y', side: 'right', showgrid: false, tickmode: 'auto', nticks: 6, tickformat: '~s', rangemode: 'tozero', automargin: true },
      margin: { l: 64, r: 64, t: 36, b: 48 },
    }),
  };
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: periodsTable(ctx),
        title: s.tables.periodsRevenue,
        columns: ['period', 'mrr_start', 'mrr_new', 'mrr_reactivation', 'mrr_expansion', 'mrr_contraction', 'mrr_churned', 'mrr_end', 'gross_mrr_churn_rate', 'net_mrr_churn_rate'],
      },
    ],
    dataTables: [],
  };
}

function customersSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s } = ctx;
  const periods = result.periods;
  const x = periods.map((p) => p.period);
  const line = (name: string, color: string, y: (number | null)[]) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    line: { color, width: 2 },
    marker: { size: 4 },
    hovertemplate: `%{x}<br>${name}: %{y:.2%}<extra></extra>`,
  });
  const rates: ReportChart = {
    id: 'rates',
    title: s.charts.rates,
    height: 320,
    data: [
      line(s.columns.customer_churn_rate, COLORS.churn, periods.map((p) => p.customer_churn_rate)),
      line(s.columns.gross_mrr_churn_rate, COLORS.contraction, periods.map((p) => p.gross_mrr_churn_rate)),
      line(s.columns.net_mrr_churn_rate, COLORS.expansion, periods.map((p) => p.net_mrr_churn_rate)),
    ],
    layout: baseLayout({ yaxis: { title: { text: s.charts.rate }, tickformat: '.1%', gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', automargin: true } }),
  };
  const reasons = [...result.churn_reasons].sort((a, b) => a.customers - b.customers || b.reason.localeCompare(a.reason));
  const reasonChart: ReportChart = {
    id: 'reasons',
    title: s.charts.reasons,
    height: Math.max(220, 60 + 24 * reasons.length),
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: s.charts.customers,
        y: reasons.map((r) => `${r.reason} (${churnTypeName(ctx, r.churn_type)})`),
        x: reasons.map((r) => r.customers),
        marker: { color: reasons.map((r) => (r.churn_type === 'involuntary' ? COLORS.contraction : COLORS.churn)) },
        hovertemplate: '%{y}: %{x:,}<extra></extra>',
      },
    ],
    layout: baseLayout({ showlegend: false, margin: { l: 200, r: 24, t: 8, b: 40 }, yaxis: { automargin: true } }),
  };
  const reasonsTable = table(
    ctx,
    'churn_reasons',
    s.tables.churnReasons,
    ['reason', 'churn_type', 'customers', 'mrr', 'share_of_customers', 'share_of_mrr'],
    result.churn_reasons.map((r) => [r.reason, churnTypeName(ctx, r.churn_type), r.customers, r.mrr, r.share_of_customers, r.share_of_mrr]),
  );
  const typesTable = table(
    ctx,
    'churn_types',
    s.tables.churnTypes,
    ['churn_type', 'customers', 'mrr'],
    result.churn_types.map((t) => [churnTypeName(ctx, t.churn_type), t.customers, t.mrr]),
  );
  return {
    blocks: [
      { type: 'paragraphs', items: reasonSentences(ctx) },
      { type: 'chart', chart: rates },
      {
        type: 'table',
        table: periodsTable(ctx),
        title: s.tables.periodsCustomers,
        columns: ['period', 'customers_start', 'customers_new', 'customers_reactivated', 'customers_churned', 'customers_end', 'customer_churn_rate', 'customer_retention_rate', 'annualized_customer_churn_rate'],
      },
      { type: 'chart', chart: reasonChart },
      { type: 'table', table: reasonsTable },
      { type: 'table', table: typesTable },
    ],
    dataTables: [],
  };
}

/** Periods 0–12 (or 0–4 quarters) are what fits a printed page; exports hold all. */
const COHORT_SHOWN = { month: 12, quarter: 8 } as const;

function cohortsSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const cohorts = result.cohorts;
  const width = Math.max(0, ...cohorts.logo.map((c) => c.retention.length));
  const ks = Array.from({ length: width }, (_, k) => k);
  const kKeys = ks.map((k) => `k${k}`);
  const kLabels = Object.fromEntries(kKeys.map((key, k) => [key, String(k)]));
  const matrix = (id: string, title: string, first: 'size' | 'mrr', firstValues: number[], values: (number | null)[][], format: CellFormat): ReportTable => {
    const t = table(ctx, id, title, ['cohort', first, ...kKeys], cohorts.logo.map((c, i) => [c.cohort, firstValues[i]!, ...ks.map((k) => values[i]![k] ?? null)]), kLabels);
    if (format !== 'percent') for (const column of t.columns.slice(2)) column.format = format;
    return t;
  };
  const sizes = cohorts.logo.map((c) => c.size);
  const revenueByCohort = new Map(cohorts.revenue.map((r) => [r.cohort, r]));
  const revenueOf = (cohort: string) => revenueByCohort.get(cohort);
  const logo = matrix('cohort_logo', s.tables.cohortLogo, 'size', sizes, cohorts.logo.map((c) => c.retention), 'percent');
  const orLater = matrix('cohort_logo_or_later', s.tables.cohortLogoOrLater, 'size', sizes, cohorts.logo.map((c) => c.retention_or_later), 'percent');
  const active = matrix('cohort_active', s.tables.cohortActive, 'size', sizes, cohorts.logo.map((c) => c.active), 'integer');
  const revenue = matrix(
    'cohort_revenue',
    s.tables.cohortRevenue,
    'mrr',
    cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr ?? 0),
    cohorts.logo.map((c) => revenueOf(c.cohort)?.retention ?? []),
    'percent',
  );
  const mrr = matrix('cohort_mrr', s.tables.cohortMrr, 'mrr', cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr ?? 0), cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr_by_period ?? []), 'money');
  const averageTable = table(
    ctx,
    'cohort_average',
    s.tables.cohortAverage,
    ['k', 'size', 'logo_retention', 'logo_retention_or_later', 'revenue_retention'],
    cohorts.average.map((a) => [a.k, a.size, a.logo_retention, a.logo_retention_or_later, a.revenue_retention]),
  );
  const shown = Math.min(width - 1, COHORT_SHOWN[cohorts.period]);
  const shownKeys = ['cohort', 'size', ...kKeys.slice(0, shown + 1)];
  const heatmap: ReportChart = {
    id: 'cohort_heatmap',
    title: s.charts.cohortHeatmap,
    height: Math.max(320, Math.min(720, 80 + 14 * cohorts.logo.length)),
    data: [
      {
        type: 'heatmap',
        x: ks,
        y: cohorts.logo.map((c) => c.cohort),
        z: cohorts.logo.map((c) => ks.map((k) => c.retention[k] ?? null)),
        zmin: 0,
        zmax: 1,
        colorscale: [
          [0, '#f7fbff'],
          [0.5, '#6baed6'],
          [1, '#08306b'],
        ],
        colorbar: { tickformat: '.0%', thickness: 12 },
        hovertemplate: `${s.charts.cohort} %{y}, k = %{x}: %{z:.1%}<extra></extra>`,
      },
    ],
    layout: baseLayout({
      xaxis: { title: { text: s.charts.periodsSince }, dtick: cohorts.period === 'month' ? 3 : 1, automargin: true },
      yaxis: { title: { text: s.charts.cohort }, autorange: 'reversed', type: 'category', automargin: true },
      margin: { l: 72, r: 24, t: 8, b: 48 },
    }),
  };
  const curves: ReportChart = {
    id: 'cohort_curves',
    title: s.charts.cohortCurves,
    height: 300,
    data: [
      { type: 'scatter', mode: 'lines+markers', name: s.columns.logo_retention, x: cohorts.average.map((a) => a.k), y: cohorts.average.map((a) => a.logo_retention), line: { color: COLORS.accent, width: 2 }, marker: { size: 4 } },
      { type: 'scatter', mode: 'lines+markers', name: s.columns.revenue_retention, x: cohorts.average.map((a) => a.k), y: cohorts.average.map((a) => a.revenue_retention), line: { color: COLORS.new, width: 2 }, marker: { size: 4 } },
    ],
    layout: baseLayout({
      xaxis: { title: { text: s.charts.periodsSince }, gridcolor: '#e6e9ef', automargin: true },
      yaxis: { title: { text: s.charts.rate }, tickformat: '.0%', gridcolor: '#e6e9ef', rangemode: 'tozero', automargin: true },
    }),
  };
  const items: string[] = [];
  const k = cohortK(ctx);
  const average = cohorts.average.find((a) => a.k === k);
  if (average && k !== null) {
    items.push(fill(s.summary.cohort, { k, periodName: s.settingValues[cohorts.period], logo: f.percent(average.logo_retention), revenue: f.percent(average.revenue_retention) }));
    const min = 20;
    const weakest = [...cohorts.logo]
      .filter((c) => c.size >= min && c.retention.length > k)
      .sort((a, b) => a.retention[k]! - b.retention[k]! || a.cohort.localeCompare(b.cohort))[0];
    if (weakest) {
      items.push(fill(s.cohortText.weakest, { min, k, periodName: s.settingValues[cohorts.period], cohort: weakest.cohort, logo: f.percent(weakest.retention[k]) }));
    }
  }
  const cut = width - 1 > shown ? fill(s.fullTableInExports, { last: shown }) : undefined;
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart: heatmap },
      { type: 'chart', chart: curves },
      { type: 'table', table: averageTable },
      { type: 'table', table: logo, columns: shownKeys, compact: true, ...(cut ? { note: cut } : {}) },
      { type: 'table', table: revenue, columns: ['cohort', 'mrr', ...kKeys.slice(0, shown + 1)], compact: true, ...(cut ? { note: cut } : {}) },
    ],
    dataTables: [orLater, active, mrr],
  };
}

function segmentsSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const segments = result.segments;
  const names = segments.map((seg) => segmentName(ctx, seg.segment));
  const verdict = (v: ReturnType<typeof verdictOf>) => s.verdicts[v];
  const keys = [
    'segment',
    'customers_total',
    'customers_churned_total',
    'churned_share',
    'mean_mrr',
    'churned_mrr_total',
    'churned_mrr_share',
    'monthly_customer_churn_rate',
    'annualized_customer_churn_rate',
    'benchmark_low',
    'benchmark_high',
    'verdict',
  ];
  const segmentsTable = table(
    ctx,
    'segments',
    s.tables.segments,
    keys,
    segments.map((seg, i) => [
      names[i]!,
      seg.customers_total,
      seg.customers_churned_total,
      seg.churned_share,
      seg.mean_mrr,
      seg.churned_mrr_total,
      seg.churned_mrr_share,
      seg.monthly_customer_churn_rate,
      seg.annualized_customer_churn_rate,
      seg.benchmark_low,
      seg.benchmark_high,
      verdict(verdictOf(seg.annualized_customer_churn_rate, seg.benchmark_low, seg.benchmark_high)),
    ]),
  );
  const segmentPeriods = table(
    ctx,
    'segment_periods',
    s.tables.segmentPeriods,
    ['segment', ...PERIOD_KEYS],
    segments.flatMap((seg, i) => seg.periods.map((p) => [names[i]!, ...PERIOD_KEYS.map((k) => p[k] as Cell)])),
  );
  const withBand = segments.map((seg) => seg.benchmark_low !== null && seg.benchmark_high !== null);
  const chart: ReportChart = {
    id: 'segments',
    title: s.charts.segments,
    height: 340,
    data: [
      {
        type: 'bar',
        name: s.charts.benchmark,
        x: names,
        // The band drawn as a bar from its low to its high end: geometry only.
        base: segments.map((seg) => seg.benchmark_low),
        y: segments.map((seg, i) => (withBand[i] ? seg.benchmark_high! - seg.benchmark_low! : null)),
        customdata: segments.map((seg) => `${f.percent(seg.benchmark_low, 0)}–${f.percent(seg.benchmark_high, 0)}`),
        marker: { color: COLORS.band, line: { color: 'rgba(46, 158, 106, 0.9)', width: 1 } },
        width: 0.7,
        hovertemplate: `%{x}<br>${s.charts.benchmark}: %{customdata}<extra></extra>`,
      },
      {
        type: 'bar',
        name: s.columns.annualized_customer_churn_rate,
        x: names,
        y: segments.map((seg) => seg.annualized_customer_churn_rate),
        text: segments.map((seg) => f.percent(seg.annualized_customer_churn_rate, 1)),
        textposition: 'outside',
        marker: { color: segments.map((seg, i) => (seg.segment in s.segmentNames ? COLORS.segments[['SMB', 'Mid-market', 'Enterprise', 'Unknown'].indexOf(seg.segment)]! : COLORS.segments[(i + 4) % 8]!)) },
        width: 0.35,
        hovertemplate: `%{x}: %{text}<extra></extra>`,
      },
    ],
    layout: baseLayout({ barmode: 'overlay', yaxis: { title: { text: s.charts.rate }, tickformat: '.0%', gridcolor: '#e6e9ef', rangemode: 'tozero', automargin: true } }),
  };
  const items = segments.map((seg, i) =>
    fill(s.segments.row, { segment: names[i]!, rate: f.percent(seg.annualized_customer_churn_rate), verdict: bandText(ctx, seg.annualized_customer_churn_rate, seg.benchmark_low, seg.benchmark_high) }),
  );
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: segmentsTable,
        columns: ['segment', 'customers_total', 'customers_churned_total', 'churned_mrr_total', 'churned_mrr_share', 'monthly_customer_churn_rate', 'annualized_customer_churn_rate', 'benchmark_low', 'benchmark_high', 'verdict'],
      },
    ],
    dataTables: [segmentPeriods],
  };
}

function atRiskSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s } = ctx;
  const atRisk = table(
    ctx,
    'at_risk',
    s.tables.atRisk,
    ['customer_id', 'mrr_before', 'mrr', 'change', 'contractions', 'reason'],
    result.at_risk.map((a) => [a.customer_id, a.mrr_before, a.mrr, a.change, a.contractions, atRiskReason(ctx, a.reason)]),
  );
  const rule = result.settings.at_risk;
  const ruleText = fill(s.settingValues.atRisk, { ...rule, drop: ctx.f.percent(rule.drop, 0) });
  return {
    blocks: [{ type: 'paragraphs', items: [atRiskSentence(ctx), `${s.settingNames.atRisk}: ${ruleText}.`] }, { type: 'table', table: atRisk }],
    dataTables: [],
  };
}

function settingValueText(ctx: Ctx, key: keyof Methodology, value: Methodology[keyof Methodology]): string {
  const v = ctx.s.settingValues as Record<string, string>;
  if (typeof value === 'boolean') return value ? ctx.s.yes : ctx.s.no;
  if (key === 'grossMargin') return ctx.f.percent(value as number, 0);
  if (typeof value === 'number') return String(value);
  return v[value] ?? value;
}

function differsText(ctx: Ctx, preset: string, differs: string[]): string {
  const current = ctx.result.settings.methodology;
  if (differs.length === 0) return ctx.s.methodologyText.same;
  const presetSettings = PRESET_SETTINGS[preset as PresetName];
  return differs
    .map((key) => {
      const name = (ctx.s.settingNames as Record<string, string>)[key] ?? key;
      if (!presetSettings || !(key in current)) return name;
      const k = key as keyof Methodology;
      return `${name}: ${settingValueText(ctx, k, presetSettings[k])} (${settingValueText(ctx, k, current[k])})`;
    })
    .join(ctx.s.listSeparator);
}

function methodologySection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const current = result.settings.preset;
  const rows = [...result.methodology_comparison].sort((a, b) => Number(b.preset === current) - Number(a.preset === current));
  const label = (row: (typeof rows)[number]) => (row.preset === current ? fill(s.methodologyText.inUse, { label: row.label }) : row.label);
  const comparison = table(
    ctx,
    'methodology_comparison',
    s.tables.methodology,
    ['method', 'preset', 'customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr', 'quick_ratio', 'customers_churned', 'differs_in'],
    rows.map((r) => [label(r), r.preset, r.customer_churn_rate, r.gross_mrr_churn_rate, r.net_mrr_churn_rate, r.nrr, r.grr, r.quick_ratio, r.customers_churned, differsText(ctx, r.preset, r.differs_in)]),
  );
  const rates = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate'] as const;
  const chart: ReportChart = {
    id: 'methodology',
    title: s.charts.methodology,
    height: 320,
    data: rates.map((rate, i) => ({
      type: 'bar',
      name: s.columns[rate],
      x: rows.map((r) => r.label),
      y: rows.map((r) => r[rate]),
      marker: { color: [COLORS.churn, COLORS.contraction, COLORS.expansion][i] },
      hovertemplate: `%{x}<br>${s.columns[rate]}: %{y:.2%}<extra></extra>`,
    })),
    layout: baseLayout({ barmode: 'group', yaxis: { title: { text: s.charts.rate }, tickformat: '.1%', gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', automargin: true } }),
  };
  const items: string[] = [];
  const inUse = rows.find((r) => r.preset === current);
  const churnRates = rows.map((r) => r.customer_churn_rate).filter((v): v is number => v !== null);
  if (inUse && churnRates.length) {
    items.push(
      fill(s.methodologyText.reading, { label: inUse.label, rate: f.percent(inUse.customer_churn_rate), low: f.percent(Math.min(...churnRates)), high: f.percent(Math.max(...churnRates)) }),
    );
  }
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: comparison,
        columns: ['method', 'customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr', 'quick_ratio', 'customers_churned'],
      },
      // Where each method differs: sentences read better under the table than in a narrow column.
      { type: 'definitions', title: s.columns.differs_in, items: rows.map((r) => ({ term: label(r), text: differsText(ctx, r.preset, r.differs_in) })) },
    ],
    dataTables: [],
  };
}

function filesTable(ctx: Ctx, provenance: Provenance): ReportTable {
  const p = ctx.s.provenance;
  return table(
    ctx,
    'data_files',
    ctx.s.tables.files,
    ['file', 'kind', 'rows_read', 'rows_loaded', 'rows_rejected', 'sha256'],
    provenance.files.map((file) => [file.file, file.kind, file.rowsRead, file.rowsLoaded, file.rowsRejected, file.sha256]),
    { file: p.file, kind: p.kind, rows_read: p.rowsRead, rows_loaded: p.rowsLoaded, rows_rejected: p.rowsRejected, sha256: p.sha256 },
  );
}

function dataQualitySection(ctx: Ctx, provenance: Provenance): Omit<SectionModel, 'id' | 'title'> {
  const { s, f } = ctx;
  const severity = (value: string) => (s.dataQualityText as Record<string, string>)[value] ?? value;
  const audit = table(
    ctx,
    'audit',
    s.tables.audit,
    ['file', 'check', 'severity', 'count', 'audit_amount', 'examples'],
    provenance.audit.map((row) => [
      path.basename(row.file),
      row.check,
      severity(row.severity),
      row.count,
      row.amount,
      row.examples
        .slice(0, 3)
        .map((e) => (e.line === null ? `${e.value ?? ''}` : `${e.line}: ${e.value ?? ''}`))
        .join(s.listSeparator),
    ]),
  );
  const rows = provenance.files.reduce((sum, file) => sum + file.rowsRead, 0);
  const rejected = provenance.files.reduce((sum, file) => sum + file.rowsRejected, 0);
  const items = [fill(s.dataQualityText.files, { files: provenance.files.length, rows: f.integer(rows), rejected: f.integer(rejected) })];
  if (provenance.audit.length === 0) items.push(s.dataQualityText.none);
  return {
    blocks: [{ type: 'paragraphs', items }, { type: 'table', table: filesTable(ctx, provenance) }, ...(provenance.audit.length ? [{ type: 'table' as const, table: audit }] : [])],
    dataTables: [],
  };
}

interface SettingRow {
  key: string;
  name: string;
  value: string;
  /** The default, when the value differs from it. */
  defaultValue: string | null;
}

function segmentRuleText(ctx: Ctx, rule: AnalysisSettings['segmentRule']): string {
  const v = ctx.s.settingValues;
  if (rule.by === 'column') return fill(v.column, { column: rule.column });
  return fill(rule.by === 'employees' ? v.employees : v.acv, { mid: ctx.f.integer(rule.midMarketFrom), enterprise: ctx.f.integer(rule.enterpriseFrom) });
}

function filtersText(ctx: Ctx, filters: AnalysisSettings['filters']): string {
  if (filters.length === 0) return ctx.s.none;
  const ops = { eq: '=', neq: '≠', in: '∈', gte: '≥', lte: '≤' } as const;
  return filters.map((flt) => `${flt.attribute} ${ops[flt.op]} ${flt.values.join(', ')}`).join(ctx.s.listSeparator);
}

/** Every setting in words, with its default beside it when it differs. */
function settingsList(ctx: Ctx, requested: Partial<AnalysisSettings>, provenance: Provenance): SettingRow[] {
  const { result, s, f } = ctx;
  const used = result.settings;
  const names = s.settingNames;
  const values = s.settingValues;
  const rows: SettingRow[] = [];
  const add = (key: string, name: string, value: string, defaultValue: string | null) =>
    rows.push({ key, name, value, defaultValue: defaultValue !== null && defaultValue !== value ? defaultValue : null });
  const d = DEFAULT_ANALYSIS_SETTINGS;
  add('preset', names.preset, `${PRESET_LABELS[used.preset]} (${used.preset})`, `${PRESET_LABELS[d.preset]} (${d.preset})`);
  add('period', names.period, values[used.period], values[d.period]);
  add('asOf', names.asOf, used.as_of.slice(0, 7), requested.asOf ? (provenance.dataAsOf?.slice(0, 7) ?? null) : null);
  add('dataAsOf', names.dataAsOf, provenance.dataAsOf ?? s.none, null);
  add('from', names.from, used.from?.slice(0, 7) ?? s.allData, s.allData);
  add('to', names.to, used.to?.slice(0, 7) ?? s.allData, s.allData);
  add('currency', names.currency, ctx.currency ?? s.none, null);
  for (const rate of provenance.fxRates) add(`fx_${rate.currency}`, fill(names.fxRate, { currency: rate.currency, reporting: ctx.currency ?? '' }), String(rate.rate), null);
  add('segmentRule', names.segmentRule, segmentRuleText(ctx, used.segment_rule), segmentRuleText(ctx, d.segmentRule));
  add('filters', names.filters, filtersText(ctx, used.filters), s.none);
  const atRisk = (rule: AnalysisSettings['atRisk']) => fill(values.atRisk, { ...rule, drop: f.percent(rule.drop, 0) });
  add('atRisk', names.atRisk, atRisk(used.at_risk), atRisk(d.atRisk));
  add('cohortPeriod', names.cohortPeriod, values[used.cohort_period], null);
  // Methodology: against the preset's own settings (a preset is a set of defaults).
  const preset = PRESET_SETTINGS[used.preset];
  for (const key of Object.keys(used.methodology) as (keyof Methodology)[]) {
    add(key, (names as Record<string, string>)[key] ?? key, settingValueText(ctx, key, used.methodology[key]), settingValueText(ctx, key, preset[key]));
  }
  return rows;
}

function sourcesSection(ctx: Ctx, provenance: Provenance, settings: SettingRow[]): SectionModel {
  const { s } = ctx;
  const p = s.provenance;
  const nonDefault = settings.filter((row) => row.defaultValue !== null);
  const settingsTableBlock = table(
    ctx,
    'settings_used',
    p.settings,
    ['setting', 'value', 'default'],
    settings.map((row) => [row.name, row.value, row.defaultValue ?? '']),
    { setting: p.setting, value: p.value, default: p.defaultValue },
  );
  const nonDefaultText = nonDefault.length
    ? `${p.nonDefault}: ${nonDefault.map((row) => `${row.name} = ${row.value}`).join(s.listSeparator)}.`
    : p.allDefault;
  return {
    id: 'sources',
    title: p.title,
    blocks: [
      { type: 'paragraphs', items: [fill(p.intro, { version: provenance.appVersion }), nonDefaultText] },
      { type: 'table', table: filesTable(ctx, provenance) },
      { type: 'table', table: settingsTableBlock },
    ],
    dataTables: [],
  };
}

function appendixSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { s } = ctx;
  return {
    blocks: [
      { type: 'paragraphs', items: [s.definitionsIntro] },
      { type: 'definitions', items: s.definitions.map(([term, text]) => ({ term, text })) },
    ],
    dataTables: [],
  };
}

/** The "Settings & definitions" sheet: the report, its files, every setting, every definition. */
function settingsTable(
  ctx: Ctx,
  report: { title: string; client?: string; author?: string; date: string },
  provenance: Provenance,
  settings: SettingRow[],
): ReportTable {
  const { s } = ctx;
  const p = s.provenance;
  const n = s.settingNames;
  const rows: Cell[][] = [
    [p.report, n.title, report.title, ''],
    [p.report, n.client, report.client?.trim() ?? '', ''],
    [p.report, n.author, report.author?.trim() ?? '', ''],
    [p.report, n.date, report.date, ''],
    [p.report, n.language, s.languageName, ''],
    [p.report, n.appVersion, provenance.appVersion, ''],
    ...provenance.files.map((file): Cell[] => [p.files, file.file, `${file.rowsRead} ${p.rowsRead.toLowerCase()}, ${file.rowsLoaded} ${p.rowsLoaded.toLowerCase()}, ${file.rowsRejected} ${p.rowsRejected.toLowerCase()}`, `SHA-256 ${file.sha256}`]),
    ...settings.map((row): Cell[] => [p.settings, row.name, row.value, row.defaultValue ?? '']),
    ...s.definitions.map(([term, text]): Cell[] => [p.definitions, term, text, '']),
  ];
  return table(ctx, 'settings', s.tables.settings, ['section', 'item', 'value', 'default'], rows, {
    section: p.section,
    item: p.item,
    value: p.value,
    default: p.defaultValue,
  });
}
