// The period table: start and end customers and MRR, every movement, and the
// rates built on them (docs/METRICS.md, "Movements" and "Rates"). A quarter's
// or a year's movements are the sum of its months', so the MRR bridge
// start + new + reactivation + expansion − contraction − churn = end holds at
// every granularity.
import type { Period } from '../../shared/metrics.js';
import { activeCte, asOfIndex, scopeCte, type MetricContext } from './scope.js';
import { movesCte, seqCte, MOVE_AMOUNT } from './movements.js';
import { monthDate, monthIndex, num, str, withCtes } from '../runtime/sql.js';
import { eachPeriod, rateSql } from './rates.js';

export const MONTHS_IN: Record<Period, number> = { month: 1, quarter: 3, year: 12 };

export function periodLabelSql(period: Period, indexSql: string): string {
  const year = `CAST((${indexSql}) // 12 AS VARCHAR)`;
  if (period === 'year') return year;
  if (period === 'quarter') return `${year} || '-Q' || CAST((${indexSql}) % 12 // 3 + 1 AS VARCHAR)`;
  return `strftime(${monthDate(indexSql)}, '%Y-%m')`;
}

/** The CTEs every movement-based metric shares. */
export function movementCtes(ctx: MetricContext, bySegment: boolean): Record<string, string> {
  return { scope: scopeCte(ctx), active: activeCte(ctx, bySegment), seq: seqCte(), moves: movesCte(ctx, bySegment) };
}

const sumOf = (movement: string) => `coalesce(sum(${MOVE_AMOUNT}) FILTER (WHERE movement = '${movement}'), 0)`;
const countOf = (movement: string) => `count(*) FILTER (WHERE movement = '${movement}')`;

export function periodsSql(ctx: MetricContext, bySegment: boolean): string {
  const k = MONTHS_IN[ctx.settings.period];
  const m = ctx.methodology;
  const rangeFilters = [
    ctx.fromMonth ? `p.last_m >= ${monthIndex(`DATE ${str(ctx.fromMonth)}`)}` : null,
    ctx.toMonth ? `p.first_m <= ${monthIndex(`DATE ${str(ctx.toMonth)}`)}` : null,
  ].filter(Boolean);
  // Within a month every churned customer was active at its start, so the two rules agree and
  // the join that finds "active at the start" is only needed for quarters and years.
  const churnNumerator = m.joinedAndChurned === 'excluded' && k > 1 ? 'coalesce(cb.n, 0)' : 'p.customers_churned';
  const denominator = m.churnDenominator === 'start' ? 's.customers' : '(s.customers + p.customers_new)';
  const monthlyDenominator = m.churnDenominator === 'start' ? 'customers_start' : '(customers_start + customers_new)';

  const ctes: Record<string, string> = {
    ...movementCtes(ctx, bySegment),
    // Active months are read once, into their totals per segment and month; the first month comes from those, and the
    // segments from the movements (every active customer has one: its first active month is new).
    totals: 'SELECT dim, m, count(*) AS customers, sum(mrr) AS mrr FROM active GROUP BY dim, m',
    bounds: `SELECT min(m) AS first_m, ${asOfIndex(ctx)} AS last_m FROM totals`,
    dims: 'SELECT DISTINCT dim FROM moves',
    spine: 'SELECT d.dim, g.m FROM dims d, bounds b, range(b.first_m - 1, b.last_m + 1) g(m)',
    move_totals: `
SELECT dim, m,
  ${countOf('new')} AS customers_new, ${countOf('reactivation')} AS customers_reactivated,
  ${countOf('expansion')} AS customers_expanded, ${countOf('contraction')} AS customers_contracted,
  ${countOf('churn')} AS customers_churned,
  ${sumOf('new')} AS mrr_new, ${sumOf('reactivation')} AS mrr_reactivation, ${sumOf('expansion')} AS mrr_expansion,
  ${sumOf('contraction')} AS mrr_contraction, ${sumOf('churn')} AS mrr_churned
FROM moves GROUP BY dim, m`,
    monthly: `
SELECT s.dim, s.m, coalesce(t.customers, 0) AS customers, coalesce(t.mrr, 0) AS mrr,
  coalesce(v.customers_new, 0) AS customers_new, coalesce(v.customers_reactivated, 0) AS customers_reactivated,
  coalesce(v.customers_expanded, 0) AS customers_expanded, coalesce(v.customers_contracted, 0) AS customers_contracted,
  coalesce(v.customers_churned, 0) AS customers_churned,
  coalesce(v.mrr_new, 0) AS mrr_new, coalesce(v.mrr_reactivation, 0) AS mrr_reactivation,
  coalesce(v.mrr_expansion, 0) AS mrr_expansion, coalesce(v.mrr_contraction, 0) AS mrr_contraction,
  coalesce(v.mrr_churned, 0) AS mrr_churned,
  lag(coalesce(t.customers, 0), 1, 0) OVER (PARTITION BY s.dim ORDER BY s.m) AS customers_start
FROM spine s LEFT JOIN totals t ON t.dim = s.dim AND t.m = s.m LEFT JOIN move_totals v ON v.dim = s.dim AND v.m = s.m`,
    // Monthly customer churn rates, for LTV on a 6-month trailing average.
    trailing_churn: `
SELECT dim, m, avg(customers_churned / nullif(${monthlyDenominator}, 0)) OVER (PARTITION BY dim ORDER BY m ROWS 5 PRECEDING) AS churn_6m
FROM monthly`,
    p: `
SELECT dim, m // ${num(k)} AS p, min(m) AS first_m, max(m) AS last_m,
  sum(customers_new) AS customers_new, sum(customers_reactivated) AS customers_reactivated,
  sum(customers_expanded) AS customers_expanded, sum(customers_contracted) AS customers_contracted,
  sum(customers_churned) AS customers_churned,
  sum(mrr_new) AS mrr_new, sum(mrr_reactivation) AS mrr_reactivation, sum(mrr_expansion) AS mrr_expansion,
  sum(mrr_contraction) AS mrr_contraction, sum(mrr_churned) AS mrr_churned
FROM monthly, bounds WHERE m >= bounds.first_m GROUP BY dim, m // ${num(k)}`,
    // Churned customers who were active at the start of the period (joined-and-churned excluded),
    // from the movements alone: a churn ends the run its customer's latest start (new or
    // reactivation) began, so the customer was active in the month before the period unless that
    // run started inside the period, before the churn.
    cb: `
SELECT c.dim, c.m // ${num(k)} AS p, count(DISTINCT c.cidx) AS n
FROM (SELECT dim, cidx, m FROM moves WHERE movement = 'churn' ${k > 1 ? '' : 'AND false'}) c
ANTI JOIN (SELECT cidx, m FROM moves WHERE movement IN ('new', 'reactivation')) s
  ON s.cidx = c.cidx AND s.m >= (c.m // ${num(k)}) * ${num(k)} AND s.m < c.m
GROUP BY c.dim, c.m // ${num(k)}`,
    base: `
SELECT p.dim, p.p, p.first_m, p.last_m, ${periodLabelSql(ctx.settings.period, 'p.first_m')} AS period,
  coalesce(s.customers, 0) AS customers_start, coalesce(s.mrr, 0) AS mrr_start,
  e.customers AS customers_end, e.mrr AS mrr_end,
  p.customers_new, p.customers_reactivated, p.customers_expanded, p.customers_contracted, p.customers_churned,
  p.mrr_new, p.mrr_reactivation, p.mrr_expansion, p.mrr_contraction, p.mrr_churned,
  ${churnNumerator} AS churn_numerator, coalesce(${denominator}, 0) AS churn_denominator, tr.churn_6m
FROM p
LEFT JOIN monthly s ON s.dim = p.dim AND s.m = p.p * ${num(k)} - 1
JOIN monthly e ON e.dim = p.dim AND e.m = p.last_m
LEFT JOIN cb ON cb.dim = p.dim AND cb.p = p.p
LEFT JOIN trailing_churn tr ON tr.dim = p.dim AND tr.m = p.last_m
${rangeFilters.length ? `WHERE ${rangeFilters.join(' AND ')}` : ''}`,
  };
  const rates = rateSql(m, eachPeriod);
  const rate = rates.customer_churn_rate;
  const monthsInPeriod = `${num(k)}`;
  const money = (column: string) => `CAST(${column} AS DOUBLE) AS ${column}`;
  return withCtes(
    ctes,
    `
SELECT dim AS segment, period,
  customers_start, customers_new, customers_reactivated, customers_expanded, customers_contracted,
  customers_churned, customers_end,
  ${['mrr_start', 'mrr_new', 'mrr_reactivation', 'mrr_expansion', 'mrr_contraction', 'mrr_churned', 'mrr_end'].map(money).join(', ')},
  CAST(churn_numerator AS BIGINT) AS churn_numerator, CAST(churn_denominator AS BIGINT) AS churn_denominator,
  CAST(${rate} AS DOUBLE) AS customer_churn_rate,
  CAST((customers_end - customers_new) / nullif(customers_start, 0) AS DOUBLE) AS customer_retention_rate,
  CAST(customers_new / nullif(customers_start, 0) AS DOUBLE) AS customer_acquisition_rate,
  CAST(${rates.gross_mrr_churn_rate} AS DOUBLE) AS gross_mrr_churn_rate,
  CAST(${rates.net_mrr_churn_rate} AS DOUBLE) AS net_mrr_churn_rate,
  CAST(${rates.grr} AS DOUBLE) AS grr,
  CAST(${rates.nrr} AS DOUBLE) AS nrr,
  CAST(${rates.quick_ratio} AS DOUBLE) AS quick_ratio,
  CAST(mrr_end / nullif(customers_end, 0) AS DOUBLE) AS arpa,
  CAST(1 - pow(1 - ${rate}, 12 / ${monthsInPeriod}) AS DOUBLE) AS annualized_customer_churn_rate,
  CAST(mrr_end / nullif(customers_end, 0) * ${num(m.grossMargin)} / nullif(1 - pow(1 - ${rate}, 1 / ${monthsInPeriod}), 0) AS DOUBLE) AS ltv,
  CAST(mrr_end / nullif(customers_end, 0) * ${num(m.grossMargin)} / nullif(churn_6m, 0) AS DOUBLE) AS ltv_trailing_6m,
  CAST(mrr_churned + mrr_contraction AS DOUBLE) AS revenue_lost_mrr,
  CAST(12 * (mrr_churned + mrr_contraction) AS DOUBLE) AS revenue_lost_arr,
  CAST(greatest(mrr_churned + mrr_contraction - mrr_expansion - mrr_reactivation, 0) AS DOUBLE) AS new_mrr_needed
FROM base
ORDER BY segment, first_m`,
  );
}
