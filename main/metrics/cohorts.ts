// Cohorts by the period of first revenue: logo retention (customers still
// paying) and net revenue retention (MRR against the cohort's starting MRR),
// "active in period k" and "active in period k or later". A customer counts
// in a period when they have MRR at its end (or at the as-of month, for the
// period under way); cohort size is every customer whose first revenue falls
// in the cohort's period.
import type { Period } from '../../shared/metrics.js';
import { activeCte, asOfIndex, scopeCte, type MetricContext } from './scope.js';
import { MONTHS_IN, periodLabelSql } from './periods.js';
import { num, withCtes } from './sql.js';

export type CohortPeriod = Extract<Period, 'month' | 'quarter'>;

export function cohortsSql(ctx: MetricContext, cohortPeriod: CohortPeriod, bySegment = false): string {
  const k = MONTHS_IN[cohortPeriod];
  return withCtes(
    {
      scope: scopeCte(ctx),
      active: activeCte(ctx, bySegment),
      firsts: 'SELECT customer_id, any_value(dim) AS dim, min(m) AS first_m, max(m) AS last_m FROM active GROUP BY customer_id',
      members: `SELECT customer_id, dim, first_m // ${num(k)} AS cohort_p, last_m FROM firsts`,
      // Each period's end month (the as-of month for the period under way).
      ends: `SELECT p, least(p * ${num(k)} + ${num(k - 1)}, ${asOfIndex(ctx)}) AS end_m
             FROM range((SELECT min(first_m) FROM firsts) // ${num(k)}, ${asOfIndex(ctx)} // ${num(k)} + 1) r(p)`,
      sizes: `SELECT mb.dim, mb.cohort_p, count(*) AS size, sum(a.mrr) AS start_mrr
              FROM members mb JOIN ends e ON e.p = mb.cohort_p
              LEFT JOIN active a ON a.customer_id = mb.customer_id AND a.m = e.end_m
              GROUP BY mb.dim, mb.cohort_p`,
      cells: `SELECT mb.dim, mb.cohort_p, e.p - mb.cohort_p AS k,
                count(a.customer_id) AS active, coalesce(sum(a.mrr), 0) AS mrr,
                count(*) FILTER (WHERE mb.last_m >= e.p * ${num(k)}) AS active_or_later
              FROM members mb JOIN ends e ON e.p >= mb.cohort_p
              LEFT JOIN active a ON a.customer_id = mb.customer_id AND a.m = e.end_m
              GROUP BY mb.dim, mb.cohort_p, e.p`,
    },
    `
SELECT c.dim AS segment, ${periodLabelSql(cohortPeriod, `c.cohort_p * ${num(k)}`)} AS cohort, c.cohort_p, c.k,
  s.size, CAST(coalesce(s.start_mrr, 0) AS DOUBLE) AS start_mrr,
  c.active, c.active_or_later, CAST(c.mrr AS DOUBLE) AS mrr,
  CAST(c.active / s.size AS DOUBLE) AS logo_retention,
  CAST(c.active_or_later / s.size AS DOUBLE) AS logo_retention_or_later,
  CAST(c.mrr / nullif(s.start_mrr, 0) AS DOUBLE) AS revenue_retention
FROM cells c JOIN sizes s ON s.dim = c.dim AND s.cohort_p = c.cohort_p
ORDER BY segment, c.cohort_p, c.k`,
  );
}

/**
 * The weighted average row: for each k, the cohorts that have reached k,
 * pooled (sum of active ÷ sum of sizes), so large cohorts weigh more.
 */
export function cohortAverageSql(ctx: MetricContext, cohortPeriod: CohortPeriod, bySegment = false): string {
  return `
SELECT segment, k, sum(size) AS size,
  CAST(sum(active) / sum(size) AS DOUBLE) AS logo_retention,
  CAST(sum(active_or_later) / sum(size) AS DOUBLE) AS logo_retention_or_later,
  CAST(sum(mrr) / nullif(sum(start_mrr), 0) AS DOUBLE) AS revenue_retention
FROM (${cohortsSql(ctx, cohortPeriod, bySegment)})
GROUP BY segment, k ORDER BY segment, k`;
}
