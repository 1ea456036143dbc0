// The segment table: per segment, customers, churned customers and their
// share, mean MRR, churned MRR and its share of all churned MRR, and the
// annualised customer churn rate beside its benchmark band. Works from monthly
// history (customer_month) and from customer lists alike: the churn rate is
// churns per customer-month at risk, annualised (docs/METRICS.md, "Segments").
import { BENCHMARK_BANDS } from '../../shared/metrics.js';
import { movesCte, seqCte } from './movements.js';
import { activeCte, asOfIndex, scopeCte, type MetricContext } from './scope.js';
import { monthIndex, num, str, withCtes } from '../runtime/sql.js';

function bandsValues(): string {
  return Object.entries(BENCHMARK_BANDS)
    .map(([segment, band]) => `(${str(segment)}, ${num(band.low)}, ${num(band.high)})`)
    .join(', ');
}

export function segmentsSql(ctx: MetricContext): string {
  const asOf = asOfIndex(ctx);
  const from = ctx.fromMonth ? monthIndex(`DATE ${str(ctx.fromMonth)}`) : '-1';
  const to = ctx.toMonth ? `least(${monthIndex(`DATE ${str(ctx.toMonth)}`)}, ${asOf})` : asOf;
  return withCtes(
    {
      scope: scopeCte(ctx),
      active: activeCte(ctx, true),
      seq: seqCte(),
      moves: movesCte(ctx, true),
      // Each customer's last active month and its MRR, read from the movements (far fewer rows than
      // the active months; every active customer has one, its first month being new): a customer
      // whose latest movement is a churn was last active the month before at the MRR it lost;
      // otherwise the customer is active through the as-of month at the MRR the latest movement
      // left (months without a movement keep the MRR).
      history: `SELECT s.cidx, s.segment, h.last_m, h.last_mrr
                FROM (SELECT cidx, arg_max(CASE WHEN movement = 'churn' THEN m - 1 ELSE ${asOf} END, m) AS last_m,
                             arg_max(CASE WHEN movement = 'churn' THEN mrr_before ELSE mrr_after END, m) AS last_mrr
                      FROM moves GROUP BY cidx) h JOIN scope s ON s.cidx = h.cidx`,
      // Churn events (the movements' own) and customer-months at risk inside the reported range.
      churns: `SELECT dim AS segment, count(*) AS events FROM moves
               WHERE movement = 'churn' AND m <= ${to} AND m >= ${from} GROUP BY dim`,
      exposure: `SELECT dim AS segment, count(*) AS months FROM active WHERE m + 1 <= ${to} AND m + 1 >= ${from} GROUP BY dim`,
      from_history: `
SELECT h.segment, count(*) AS customers_total, count(*) FILTER (WHERE h.last_m < ${asOf}) AS customers_churned_total,
  avg(h.last_mrr) AS mean_mrr, coalesce(sum(h.last_mrr) FILTER (WHERE h.last_m < ${asOf}), 0) AS churned_mrr_total
FROM history h GROUP BY h.segment`,
      from_list: `
SELECT s.segment, count(*) AS customers_total,
  count(*) FILTER (WHERE l.churned OR l.canceled_at IS NOT NULL) AS customers_churned_total,
  avg(l.mrr) AS mean_mrr, coalesce(sum(l.mrr) FILTER (WHERE l.churned OR l.canceled_at IS NOT NULL), 0) AS churned_mrr_total,
  count(*) FILTER (WHERE l.churned OR l.canceled_at IS NOT NULL) AS events,
  sum(coalesce(l.tenure_months, date_diff('month', l.start_date, coalesce(l.canceled_at, DATE ${str(ctx.asOfMonth)})))) AS months
FROM churn.customer_list l JOIN scope s ON s.customer_id = l.customer_id
WHERE s.cidx NOT IN (SELECT cidx FROM history)
GROUP BY s.segment`,
      combined: `
SELECT segment, sum(customers_total) AS customers_total, sum(customers_churned_total) AS customers_churned_total,
  sum(mean_mrr * customers_total) / sum(customers_total) AS mean_mrr, sum(churned_mrr_total) AS churned_mrr_total,
  sum(events) AS events, sum(months) AS months
FROM (
  SELECT h.*, coalesce(c.events, 0) AS events, coalesce(e.months, 0) AS months
  FROM from_history h LEFT JOIN churns c USING (segment) LEFT JOIN exposure e USING (segment)
  UNION ALL SELECT * FROM from_list
) GROUP BY segment`,
      bands: `SELECT * FROM (VALUES ${bandsValues()}) b(segment, low, high)`,
    },
    `
SELECT c.segment, c.customers_total, c.customers_churned_total,
  CAST(c.customers_churned_total / c.customers_total AS DOUBLE) AS churned_share,
  CAST(c.mean_mrr AS DOUBLE) AS mean_mrr, CAST(c.churned_mrr_total AS DOUBLE) AS churned_mrr_total,
  CAST(c.churned_mrr_total / nullif(sum(c.churned_mrr_total) OVER (), 0) AS DOUBLE) AS churned_mrr_share,
  CAST(c.events / nullif(c.months, 0) AS DOUBLE) AS monthly_customer_churn_rate,
  CAST(1 - pow(1 - c.events / nullif(c.months, 0), 12) AS DOUBLE) AS annualized_customer_churn_rate,
  b.low AS benchmark_low, b.high AS benchmark_high
FROM combined c LEFT JOIN bands b ON b.segment = c.segment
ORDER BY CASE c.segment WHEN 'SMB' THEN 1 WHEN 'Mid-market' THEN 2 WHEN 'Enterprise' THEN 3 ELSE 4 END, c.segment`,
  );
}
