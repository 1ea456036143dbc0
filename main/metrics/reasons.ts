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
 * depend on the order rows happen to arrive in.
 */
const NEAREST = '(r.priority * 100 + abs(r.rm - c.m), r.rm, r.reason, r.churn_type)';

/** CTEs ending in `churn_detail(dim, customer_id, m, mrr, reason, churn_type)` for churns in the range. */
export function churnDetailCtes(ctx: MetricContext, bySegment: boolean): Record<string, string> {
  const range = [
    ctx.fromMonth ? `m >= ${monthIndex(`DATE ${str(ctx.fromMonth)}`)}` : null,
    ctx.toMonth ? `m <= ${monthIndex(`DATE ${str(ctx.toMonth)}`)}` : null,
  ].filter(Boolean);
  return {
    ...movementCtes(ctx, bySegment),
    churns: `SELECT dim, customer_id, m, mrr_before AS mrr FROM moves WHERE movement = 'churn'${range.length ? ` AND ${range.join(' AND ')}` : ''}`,
    recorded: `
SELECT customer_id, ${monthIndex('date')} AS rm, 0 AS priority, reason, churn_type FROM churn.churn_events
UNION ALL
SELECT customer_id, ${monthIndex('coalesce(end_date, canceled_at)')}, 1, cancellation_reason, churn_type
FROM churn.subscriptions WHERE coalesce(end_date, canceled_at) IS NOT NULL AND (cancellation_reason IS NOT NULL OR churn_type IS NOT NULL)`,
    churn_detail: `
SELECT c.dim, c.customer_id, c.m, c.mrr,
  coalesce(arg_min(r.reason, ${NEAREST}), 'Unknown') AS reason,
  coalesce(lower(trim(arg_min(r.churn_type, ${NEAREST}))), 'unknown') AS churn_type
FROM churns c LEFT JOIN recorded r ON r.customer_id = c.customer_id AND r.rm BETWEEN c.m - 1 AND c.m + 1
GROUP BY c.dim, c.customer_id, c.m, c.mrr`,
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
