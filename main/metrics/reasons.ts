// Why customers left: each churn (from the movements) with the reason and
// voluntary/involuntary type recorded nearest to it — a churn event within a
// month, else the cancellation of the subscription that ended then — counted
// and summed by reason (docs/METRICS.md, "Churn reasons").
import { movementCtes } from './periods.js';
import type { MetricContext } from './scope.js';
import { monthIndex, str, withCtes } from '../runtime/sql.js';

/**
 * Which record is nearest a churn: churn events before cancellations, then the
 * closest month, then the earlier month and the reason's text, so ties never
 * depend on the order rows happen to arrive in. A churn's reason is the
 * nearest record's that has one, and its type likewise (a record without a
 * reason can still give the type).
 */
const NEAREST = 'r.priority * 100 + abs(r.rm - c.m), r.rm, r.reason NULLS LAST, r.churn_type NULLS LAST';

/** CTEs ending in `churn_detail(dim, customer_id, m, mrr, reason, churn_type)` for churns in the range. */
export function churnDetailCtes(ctx: MetricContext, bySegment: boolean): Record<string, string> {
  const range = [
    ctx.fromMonth ? `m >= ${monthIndex(`DATE ${str(ctx.fromMonth)}`)}` : null,
    ctx.toMonth ? `m <= ${monthIndex(`DATE ${str(ctx.toMonth)}`)}` : null,
  ].filter(Boolean);
  return {
    ...movementCtes(ctx, bySegment),
    churns: `SELECT dim, customer_id, cidx, m, mrr_before AS mrr FROM moves WHERE movement = 'churn'${range.length ? ` AND ${range.join(' AND ')}` : ''}`,
    recorded: `
SELECT customer_id, ${monthIndex('date')} AS rm, 0 AS priority, reason, churn_type FROM churn.churn_events
UNION ALL
SELECT customer_id, ${monthIndex('coalesce(end_date, canceled_at)')}, 1, cancellation_reason, churn_type
FROM churn.subscriptions WHERE coalesce(end_date, canceled_at) IS NOT NULL AND (cancellation_reason IS NOT NULL OR churn_type IS NOT NULL)`,
    // A window over each churn's records, not arg_min by the (distance, month, reason, type) tuple in a GROUP BY: those
    // aggregate states (a sort key per churn and column) did not spill, and the churn reasons needed more than
    // spill.test.ts's 32 MiB on one thread from ~70k churns on; the window's sort spills. Same picks: arg_min skips
    // NULL values and puts NULL fields of the tuple last, as IGNORE NULLS and NULLS LAST do here. A churn is partitioned
    // by its customer's index first (one per id), not the text id: cheaper to sort.
    churn_detail: `
SELECT dim, customer_id, m, mrr, coalesce(reason, 'Unknown') AS reason, coalesce(lower(trim(churn_type)), 'unknown') AS churn_type
FROM (
  SELECT c.dim, c.customer_id, c.m, c.mrr,
    first_value(r.reason IGNORE NULLS) OVER nearest AS reason,
    first_value(r.churn_type IGNORE NULLS) OVER nearest AS churn_type,
    row_number() OVER nearest AS k
  FROM churns c LEFT JOIN recorded r ON r.customer_id = c.customer_id AND r.rm BETWEEN c.m - 1 AND c.m + 1
  WINDOW nearest AS (PARTITION BY c.cidx, c.m, c.dim, c.mrr ORDER BY ${NEAREST}
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
WHERE k = 1`,
  };
}

export function churnReasonsSql(ctx: MetricContext, bySegment = false): string {
  return withCtes(
    churnDetailCtes(ctx, bySegment),
    `
SELECT dim AS segment, reason, churn_type, count(*) AS customers, CAST(sum(mrr) AS DOUBLE) AS mrr,
  CAST(count(*) / sum(count(*)) OVER (PARTITION BY dim) AS DOUBLE) AS share_of_customers,
  CAST(sum(mrr) / nullif(sum(sum(mrr)) OVER (PARTITION BY dim), 0) AS DOUBLE) AS share_of_mrr
FROM churn_detail GROUP BY dim, reason, churn_type
ORDER BY segment, customers DESC, mrr DESC, reason`,
  );
}

/** Voluntary vs involuntary, counts and MRR. */
export function churnTypesSql(ctx: MetricContext, bySegment = false): string {
  return withCtes(
    churnDetailCtes(ctx, bySegment),
    `
SELECT dim AS segment, churn_type, count(*) AS customers, CAST(sum(mrr) AS DOUBLE) AS mrr
FROM churn_detail GROUP BY dim, churn_type ORDER BY segment, customers DESC, churn_type`,
  );
}
