// MRR movements: every customer-month classified as new, reactivation,
// expansion or contraction, and a churn in the month after the last active
// month of each run. Window functions over the active rows only (no dense
// customer × month grid), so the cost grows with the data, not with its span.
import { asOfIndex, CUSTOMER_MONTH_ORDER, sameCustomer, type MetricContext } from './scope.js';

export const MOVEMENTS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type Movement = (typeof MOVEMENTS)[number];

/** A gap of `gap` whole months at zero: reactivation, or (Maxio's rule) new after 90 days. */
function reactivationTest(ctx: MetricContext): string {
  // With month-end MRR a missing month is a full month at zero, so any_gap and full_month agree.
  return ctx.methodology.reactivation === 'within_90_days' ? '(m - prev_m - 1) <= 3' : 'TRUE';
}

/**
 * CTE `seq`: each active row with its neighbours in the customer's history.
 * Only the integer key, month and MRR go through the window's sort (text
 * columns carried through it cost more than the sort itself); the segment and
 * id come back from `scope` for the far fewer movement rows.
 */
export function seqCte(): string {
  return `
SELECT cidx, m, mrr,
       ${sameCustomer('lag', 'm')} AS prev_m, ${sameCustomer('lag', 'mrr')} AS prev_mrr, ${sameCustomer('lead', 'm')} AS next_m
FROM active
WINDOW w AS (${CUSTOMER_MONTH_ORDER})`;
}

/**
 * CTE `moves(dim, customer_id, cidx, m, movement, mrr_before, mrr_after)`:
 * unchanged months are not listed.
 */
export function movesCte(ctx: MetricContext, bySegment = true): string {
  if (ctx.materialized) {
    return `SELECT ${bySegment ? 'dim' : "'All' AS dim"}, customer_id, cidx, m, movement, mrr_before, mrr_after FROM ${ctx.materialized.moves}`;
  }
  return `
SELECT ${bySegment ? 's.segment' : "'All'"} AS dim, s.customer_id, mv.* FROM (
  SELECT cidx, m,
         CASE WHEN prev_m IS NULL THEN 'new'
              WHEN prev_m = m - 1 THEN CASE WHEN mrr > prev_mrr THEN 'expansion' WHEN mrr < prev_mrr THEN 'contraction' END
              WHEN ${reactivationTest(ctx)} THEN 'reactivation'
              ELSE 'new' END AS movement,
         CASE WHEN prev_m = m - 1 THEN prev_mrr ELSE 0 END AS mrr_before,
         mrr AS mrr_after
  FROM seq
  UNION ALL
  SELECT cidx, m + 1, 'churn', mrr, 0
  FROM seq
  WHERE (next_m IS NULL OR next_m > m + 1) AND m + 1 <= ${asOfIndex(ctx)}
) mv JOIN scope s ON s.cidx = mv.cidx
WHERE mv.movement IS NOT NULL`;
}

/** The amount a movement adds to or takes from MRR, always positive. */
export const MOVE_AMOUNT = 'abs(mrr_after - mrr_before)';
