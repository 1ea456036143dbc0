// Cohorts by the period of first revenue: logo retention (customers still
// paying) and net revenue retention (MRR against the cohort's starting MRR),
// "active in period k" and "active in period k or later". A customer counts
// in a period when they have MRR at its end (or at the as-of month, for the
// period under way); cohort size is every customer whose first revenue falls
// in the cohort's period.
import type { Period } from '../../shared/metrics.js';
import { activeCte, asOfIndex, scopeCte, type MetricContext } from './scope.js';
import { MONTHS_IN, periodLabelSql } from './periods.js';
import { num, withCtes } from '../runtime/sql.js';

export type CohortPeriod = Extract<Period, 'month' | 'quarter'>;

export function cohortsSql(ctx: MetricContext, cohortPeriod: CohortPeriod, bySegment = false): string {
  const k = MONTHS_IN[cohortPeriod];
  return withCtes(
    {
      scope: scopeCte(ctx),
      active: activeCte(ctx, bySegment),
      firsts: 'SELECT cidx, min(m) AS first_m, max(m) AS last_m FROM active GROUP BY cidx',
      members: `SELECT f.cidx, s.customer_id, ${bySegment ? 's.segment' : "'All'"} AS dim, f.first_m // ${num(k)} AS cohort_p, f.last_m
                FROM firsts f JOIN scope s ON s.cidx = f.cidx`,
      // Each period's end month (the as-of month for the period under way).
      ends: `SELECT p, least(p * ${num(k)} + ${num(k - 1)}, ${asOfIndex(ctx)}) AS end_m
             FROM range((SELECT min(first_m) FROM firsts) // ${num(k)}, ${asOfIndex(ctx)} // ${num(k)} + 1) r(p)`,
      // Members active at the end of each period: one pass over the active rows of end months.
      held: `SELECT mb.dim, mb.cohort_p, e.p, count(*) AS active, sum(a.mrr) AS mrr
             FROM active a JOIN ends e ON e.end_m = a.m JOIN members mb ON mb.cidx = a.cidx
             GROUP BY mb.dim, mb.cohort_p, e.p`,
      // Members whose last active month falls in period p or later: a running count from the latest period back.
      lasts: `SELECT dim, cohort_p, last_m // ${num(k)} AS last_p, count(*) AS n FROM members GROUP BY ALL`,
      grid: `SELECT c.dim, c.cohort_p, c.size, e.p FROM (SELECT dim, cohort_p, count(*) AS size FROM members GROUP BY ALL) c
             JOIN ends e ON e.p >= c.cohort_p`,
      cells: `SELECT g.dim, g.cohort_p, g.p - g.cohort_p AS k, g.size,
                coalesce(h.active, 0) AS active, coalesce(h.mrr, 0) AS mrr,
                (SELECT coalesce(sum(l.n), 0) FROM lasts l WHERE l.dim = g.dim AND l.cohort_p = g.cohort_p AND l.last_p >= g.p) AS active_or_later
              FROM grid g LEFT JOIN held h ON h.dim = g.dim AND h.cohort_p = g.cohort_p AND h.p = g.p`,
      sizes: 'SELECT dim, cohort_p, size, mrr AS start_mrr FROM cells WHERE k = 0',
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
  return cohortAverageOf(`(${cohortsSql(ctx, cohortPeriod, bySegment)})`);
}

/** The weighted average row over cohort cells as cohortsSql gives them (a table, or the query in parentheses). */
export function cohortAverageOf(cells: string): string {
  return `
SELECT segment, k, sum(size) AS size,
  CAST(sum(active) / sum(size) AS DOUBLE) AS logo_retention,
  CAST(sum(active_or_later) / sum(size) AS DOUBLE) AS logo_retention_or_later,
  CAST(sum(mrr) / nullif(sum(start_mrr), 0) AS DOUBLE) AS revenue_retention
FROM ${cells}
GROUP BY segment, k ORDER BY segment, k`;
}
