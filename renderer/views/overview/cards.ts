// The headline cards of the overview: which engine field each shows, how it
// reads, which way is better and which customers are behind it. Values and
// changes are the engine's numbers, only picked and formatted here.
import type { Headline, PeriodRow } from '../../../shared/analysis.js';
import { formatMoney, formatNumber, formatPercent, formatRatio } from '../../components/format.js';
import { METRIC_CATALOG, type MetricUnit } from '../../../shared/metricCatalog.js';

export type CardFormat = MetricUnit;

export interface CardSpec {
  /** The metric in the catalog (name, definition, unit, which way is better). */
  metric: 'mrr' | 'customers' | 'customer_churn_rate' | 'gross_mrr_churn_rate' | 'net_mrr_churn_rate' | 'nrr' | 'grr' | 'quick_ratio' | 'arpa' | 'ltv';
  field: keyof PeriodRow;
  format: CardFormat;
  /** Whether a rise is good news (colours the change). */
  better: 'up' | 'down';
  /** The same rate pooled over the range, when the engine gives one. */
  headline?: keyof Headline;
  /** The customers behind the card's number, when there is a list for it. */
  drill?: 'churn' | 'end';
}

/** A card: its metric, the period row's field it shows, and what else it offers; unit and direction from the catalog. */
function card(metric: CardSpec['metric'], field: keyof PeriodRow, extra: Pick<CardSpec, 'headline' | 'drill'> = {}): CardSpec {
  const { unit, better } = METRIC_CATALOG[metric];
  return { metric, field, format: unit, better, ...extra };
}

export const CARDS: readonly CardSpec[] = [
  card('mrr', 'mrr_end', { drill: 'end' }),
  card('customers', 'customers_end', { drill: 'end' }),
  card('customer_churn_rate', 'customer_churn_rate', { headline: 'customer_churn_rate', drill: 'churn' }),
  card('gross_mrr_churn_rate', 'gross_mrr_churn_rate', { headline: 'gross_mrr_churn_rate' }),
  card('net_mrr_churn_rate', 'net_mrr_churn_rate', { headline: 'net_mrr_churn_rate' }),
  card('nrr', 'nrr', { headline: 'nrr' }),
  card('grr', 'grr', { headline: 'grr' }),
  card('quick_ratio', 'quick_ratio', { headline: 'quick_ratio' }),
  card('arpa', 'arpa'),
  card('ltv', 'ltv'),
];

/** A number or null from a period row (every card field is numeric). */
export function valueOf(row: PeriodRow | undefined, field: keyof PeriodRow): number | null {
  const value = row?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A true minus sign instead of the hyphen Intl writes. */
export const minus = (text: string) => text.replace(/^-/, '−');

export function formatValue(value: number | null, format: CardFormat, currency: string | null): string {
  switch (format) {
    case 'money':
      return formatMoney(value, currency, 0);
    case 'count':
      return formatNumber(value, 0);
    case 'rate':
      return minus(formatPercent(value, 2));
    case 'retention':
      return formatPercent(value, 1);
    case 'ratio':
      return formatRatio(value);
  }
}

/**
 * The change against the previous period, signed: money and counts in their
 * unit, rates in percentage points (`pp` wraps the number in the language's words).
 */
export function formatChange(change: number, format: CardFormat, currency: string | null, pp: (value: string) => string): string {
  const sign = change > 0 ? '+' : '';
  switch (format) {
    case 'money':
      return sign + minus(formatMoney(change, currency, 0));
    case 'count':
      return sign + minus(formatNumber(change, 0));
    case 'rate':
    case 'retention':
      return pp(sign + minus(formatNumber(change * 100, 2)));
    case 'ratio':
      return sign + minus(formatNumber(change, 2));
  }
}
