// The period in words: a sentence chosen from the signs and sizes of the
// engine's numbers for the period, with its values formatted for the language.
// Nothing is computed here beyond comparing engine numbers.
import type { PeriodRow } from '../../../shared/analysis.js';
import { formatMoney, formatPercent } from '../../components/format.js';
import { minus } from './cards.js';

/** `t` translates in the `overview` namespace. */
export function readPeriod(row: PeriodRow, currency: string | null, t: (key: string, values?: Record<string, string>) => string): string {
  const money = (value: number) => minus(formatMoney(value, currency, 0));
  const values = {
    period: row.period,
    net: row.net_mrr_churn_rate === null ? '' : minus(formatPercent(row.net_mrr_churn_rate, 1)),
    lost: money(row.revenue_lost_mrr),
    expansion: money(row.mrr_expansion),
    reactivation: money(row.mrr_reactivation),
    needed: money(row.new_mrr_needed),
    start: money(row.mrr_start),
    end: money(row.mrr_end),
    new: money(row.mrr_new),
  };
  const net = row.net_mrr_churn_rate;
  const recovered = row.mrr_expansion > 0 || row.mrr_reactivation > 0;
  const churn =
    net === null
      ? 'reading.noStart'
      : row.revenue_lost_mrr === 0
        ? recovered
          ? 'reading.onlyGains'
          : 'reading.noLoss'
        : net < 0
          ? 'reading.netNegative'
          : net === 0
            ? 'reading.netZero'
            : recovered
              ? 'reading.netPartial'
              : 'reading.netNoOffset';
  const mrr = row.mrr_end > row.mrr_start ? 'reading.mrrUp' : row.mrr_end < row.mrr_start ? 'reading.mrrDown' : 'reading.mrrFlat';
  return `${t(churn, values)}${t('reading.separator')}${t(mrr, values)}`;
}
