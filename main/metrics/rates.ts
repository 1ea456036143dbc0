// The rates built on the period table's sums, written once: the period table
// applies them to each period's own figures, the headline to sums over the
// range (so long and short periods weigh by their size). docs/METRICS.md, "Rates".
import type { Methodology } from '../../shared/metrics.js';

/** What the quick ratio counts as gained MRR: reactivations only where the method says so. */
export function quickGainSql(methodology: Methodology): string {
  return methodology.quickRatioReactivation ? 'mrr_new + mrr_expansion + mrr_reactivation' : 'mrr_new + mrr_expansion';
}

/**
 * The rates as SQL over the period table's columns. `total` turns a column
 * expression into the figure the rate divides: itself for one period,
 * `sum(…)` for the range.
 */
export function rateSql(methodology: Methodology, total: (expression: string) => string) {
  const gross = `${total('mrr_churned + mrr_contraction')} / nullif(${total('mrr_start')}, 0)`;
  const net = `${total('mrr_churned + mrr_contraction - mrr_expansion - mrr_reactivation')} / nullif(${total('mrr_start')}, 0)`;
  return {
    customer_churn_rate: `${total('churn_numerator')} / nullif(${total('churn_denominator')}, 0)`,
    gross_mrr_churn_rate: gross,
    net_mrr_churn_rate: net,
    grr: `1 - ${gross}`,
    nrr: `1 - ${net}`,
    quick_ratio: `${total(quickGainSql(methodology))} / nullif(${total('mrr_contraction + mrr_churned')}, 0)`,
  };
}

/** One period's own figures. */
export const eachPeriod = (expression: string) => `(${expression})`;
/** The figures summed over the range. */
export const overRange = (expression: string) => `sum(${expression})`;
