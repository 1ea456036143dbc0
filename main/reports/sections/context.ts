// What every section builder shares: the analysis, the words and number
// formats of the report's language, and helpers to make its tables.
import { PERIOD_COUNT_COLUMNS, PERIOD_MRR_COLUMNS, type AnalysisResult, type PeriodRow } from '../../../shared/analysis.js';
import type { ReportLanguage } from '../../../shared/reports.js';
import type { Formatter } from '../format.js';
import { fill, type ReportStrings } from '../strings.js';
import { type Cell, formatOf, HEADLINE_KEYS, type Kpi, type ReportTable } from '../document.js';

export const PERIOD_KEYS: (keyof PeriodRow)[] = [
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

export interface Ctx {
  result: AnalysisResult;
  s: ReportStrings;
  f: Formatter;
  currency: string | null;
  language: ReportLanguage;
  periodName: string;
}

export function label(ctx: Ctx, key: string): string {
  const name = (ctx.s.columns as Record<string, string>)[key] ?? key;
  return formatOf(key) === 'money' && ctx.currency ? `${name} (${ctx.currency})` : name;
}

export function table(ctx: Ctx, id: string, title: string, keys: string[], rows: Cell[][], labels: Record<string, string> = {}): ReportTable {
  return { id, title, columns: keys.map((key) => ({ key, label: labels[key] ?? label(ctx, key), format: formatOf(key) })), rows };
}

export const segmentName = (ctx: Ctx, segment: string) => ctx.s.segmentNames[segment] ?? segment;

export const churnTypeName = (ctx: Ctx, type: string) => (ctx.s.churnTypes as Record<string, string>)[type] ?? type;

export function periodsTable(ctx: Ctx): ReportTable {
  return table(ctx, 'periods', ctx.s.tables.periods, PERIOD_KEYS, ctx.result.periods.map((p) => PERIOD_KEYS.map((k) => p[k] as Cell)));
}

export function headlineTable(ctx: Ctx): ReportTable {
  const h = ctx.result.headline;
  return table(ctx, 'headline', ctx.s.tables.headline, [...HEADLINE_KEYS], h ? [HEADLINE_KEYS.map((k) => h[k])] : []);
}

export function headlineKpis(ctx: Ctx): Kpi[] {
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

export function verdictOf(rate: number | null, low: number | null, high: number | null): 'above' | 'within' | 'below' | 'none' {
  if (rate === null || low === null || high === null) return 'none';
  return rate > high ? 'above' : rate < low ? 'below' : 'within';
}

export function bandText(ctx: Ctx, rate: number | null, low: number | null, high: number | null): string {
  const verdict = verdictOf(rate, low, high);
  const vars = { low: ctx.f.percent(low, 0), high: ctx.f.percent(high, 0) };
  if (verdict === 'above') return fill(ctx.s.summary.bandAbove, vars);
  if (verdict === 'below') return fill(ctx.s.summary.bandBelow, vars);
  if (verdict === 'within') return fill(ctx.s.summary.bandWithin, vars);
  return ctx.s.summary.noBand;
}

/** The largest element by a key, ignoring nulls; null when none. */
export function largest<T>(items: T[], key: (item: T) => number | null | undefined): T | null {
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

export function atRiskReason(ctx: Ctx, reason: string): string {
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
