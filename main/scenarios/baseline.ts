// The baseline of a scenario (docs/SCENARIOS.md, "Baseline"): per segment,
// the customers and MRR at the as-of month and the trailing averages of the
// monthly rates — all read with SQL from the metric SQL's own monthly period
// rows (periods.ts) and, for churn by tenure, from its cohort cells
// (cohorts.ts) or the survival hazard (survival/hazard.ts, tenureHazard.ts).
// Nothing about history is computed any other way.
import type { Baseline, BaselineMonth, BaselineSegment, HistoryMonth, Scenario } from '../../shared/scenarios.js';
import type { HazardRow } from '../../shared/survival.js';
import { cohortsSql } from '../metrics/cohorts.js';
import { periodsSql } from '../metrics/periods.js';
import { asOfIndex, type MetricContext } from '../metrics/scope.js';
import { num, withCtes } from '../runtime/sql.js';
import { tenureRatesFromHazard } from './tenureHazard.js';

export type Row = Record<string, unknown>;
export type RunSql = (sql: string) => Promise<Row[]>;

/** Tenure ages 0 … TENURE_AGES − 1 each have their own churn rate; older ages share the last one. */
export const TENURE_AGES = 25;

/** The analysis context, monthly, over the whole history up to the as-of month. */
export function monthlyContext(ctx: MetricContext): MetricContext {
  return { ...ctx, settings: { ...ctx.settings, period: 'month', from: null, to: null }, fromMonth: null, toMonth: null };
}

/** The window's monthly rows per segment: the metric SQL's period rows, with the rates the projection uses. */
export function baselineMonthsSql(ctx: MetricContext, trailingMonths: number): string {
  return withCtes(
    {
      periods: periodsSql(monthlyContext(ctx), true),
      numbered: 'SELECT *, row_number() OVER (PARTITION BY segment ORDER BY period DESC) AS back FROM periods',
    },
    `
SELECT segment, period, customers_start, customers_end, customers_new, mrr_start, mrr_end, mrr_new,
  customer_churn_rate,
  CAST(mrr_expansion / nullif(mrr_start, 0) AS DOUBLE) AS expansion_rate,
  CAST(mrr_contraction / nullif(mrr_start, 0) AS DOUBLE) AS contraction_rate,
  CAST(customers_reactivated / nullif(customers_start, 0) AS DOUBLE) AS reactivation_customer_rate,
  CAST(mrr_reactivation / nullif(mrr_start, 0) AS DOUBLE) AS reactivation_mrr_rate,
  CAST(mrr_new / nullif(customers_new, 0) AS DOUBLE) AS new_mrr_per_customer
FROM numbered WHERE back <= ${num(trailingMonths)}
ORDER BY segment, period`,
  );
}

/** Every month's end customers and MRR up to the as-of month, all segments together (the metric SQL's period rows). */
export function historySql(ctx: MetricContext): string {
  return `SELECT period, CAST(customers_end AS DOUBLE) AS customers, CAST(mrr_end AS DOUBLE) AS mrr FROM (${periodsSql(monthlyContext(ctx), false)}) ORDER BY period`;
}

/** Trailing averages per segment over the window (avg skips months whose rate has no denominator). */
export function baselineSql(ctx: MetricContext, trailingMonths: number): string {
  return `
SELECT segment, min(period) AS window_from, max(period) AS window_to,
  CAST(arg_max(customers_end, period) AS DOUBLE) AS customers, CAST(arg_max(mrr_end, period) AS DOUBLE) AS mrr,
  CAST(avg(customers_new) AS DOUBLE) AS new_customers,
  CAST(sum(mrr_new) / nullif(sum(customers_new), 0) AS DOUBLE) AS new_mrr_per_customer,
  CAST(avg(customer_churn_rate) AS DOUBLE) AS customer_churn_rate,
  CAST(avg(expansion_rate) AS DOUBLE) AS expansion_rate,
  CAST(avg(contraction_rate) AS DOUBLE) AS contraction_rate,
  CAST(avg(reactivation_customer_rate) AS DOUBLE) AS reactivation_customer_rate,
  CAST(avg(reactivation_mrr_rate) AS DOUBLE) AS reactivation_mrr_rate
FROM (${baselineMonthsSql(ctx, trailingMonths)})
GROUP BY segment ORDER BY segment`;
}

/**
 * Churn by tenure from the monthly cohort cells: for age a, of the customers
 * active a months after their first month, the share not active a month later
 * (pooled over every cohort that reached a + 1); ages from TENURE_AGES − 1 on
 * are pooled. Also the customers and MRR at the as-of month by age.
 */
export function tenureSql(ctx: MetricContext): string {
  const last = num(TENURE_AGES - 1);
  const cells = cohortsSql(monthlyContext(ctx), 'month', true);
  return withCtes(
    {
      cells: `SELECT segment, cohort_p, k, active, mrr FROM (${cells})`,
      hazard: `
SELECT a.segment, least(a.k, ${last}) AS age, sum(a.active) AS exposed, sum(b.active) AS survived
FROM cells a JOIN cells b ON b.segment = a.segment AND b.cohort_p = a.cohort_p AND b.k = a.k + 1
GROUP BY ALL`,
      current: `
SELECT segment, least(k, ${last}) AS age, sum(active) AS customers, sum(mrr) AS mrr
FROM cells WHERE cohort_p + k = ${asOfIndex(ctx)} GROUP BY ALL`,
    },
    `
SELECT coalesce(h.segment, c.segment) AS segment, coalesce(h.age, c.age) AS age,
  CAST(1 - h.survived / nullif(h.exposed, 0) AS DOUBLE) AS churn,
  CAST(coalesce(c.customers, 0) AS DOUBLE) AS customers, CAST(coalesce(c.mrr, 0) AS DOUBLE) AS mrr
FROM hazard h FULL JOIN current c ON c.segment = h.segment AND c.age = h.age
ORDER BY segment, age`,
  );
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const n0 = (v: unknown) => Number(v ?? 0);

function month(row: Row): BaselineMonth {
  return {
    period: String(row.period),
    customers_start: n0(row.customers_start),
    mrr_start: n0(row.mrr_start),
    customers_new: n0(row.customers_new),
    mrr_new: n0(row.mrr_new),
    customer_churn_rate: n(row.customer_churn_rate),
    expansion_rate: n(row.expansion_rate),
    contraction_rate: n(row.contraction_rate),
    reactivation_customer_rate: n(row.reactivation_customer_rate),
    reactivation_mrr_rate: n(row.reactivation_mrr_rate),
    new_mrr_per_customer: n(row.new_mrr_per_customer),
  };
}

/**
 * `hazards` (each segment's survival hazard by tenure month): given, the
 * tenure model reads its rate per age from them instead of the cohort curves.
 */
export async function loadBaseline(
  run: RunSql,
  ctx: MetricContext,
  scenario: Pick<Scenario, 'trailingMonths' | 'churnModel'>,
  hazards?: ReadonlyMap<string, readonly HazardRow[]>,
): Promise<Baseline> {
  const averages = await run(baselineSql(ctx, scenario.trailingMonths));
  const months = await run(baselineMonthsSql(ctx, scenario.trailingMonths));
  const tenure = scenario.churnModel === 'tenure' ? await run(tenureSql(ctx)) : [];
  const history = (await run(historySql(ctx))).map((row): HistoryMonth => ({ date: String(row.period), customers: n0(row.customers), mrr: n0(row.mrr), arr: 12 * n0(row.mrr) }));
  const segments: BaselineSegment[] = averages.map((row) => {
    const segment = String(row.segment);
    const churn = n(row.customer_churn_rate);
    const customers = n0(row.customers);
    const mrr = n0(row.mrr);
    const ages = tenure.filter((t) => t.segment === segment);
    const fromHazard = hazards ? tenureRatesFromHazard(hazards.get(segment) ?? [], TENURE_AGES) : null;
    const byAge = (key: string, fallback: (age: number) => number) =>
      Array.from({ length: TENURE_AGES }, (_, age) => {
        const value = n(ages.find((t) => Number(t.age) === age)?.[key]);
        return value === null ? fallback(age) : value;
      });
    return {
      segment,
      customers,
      mrr,
      arpa: customers > 0 ? mrr / customers : null,
      new_customers: n0(row.new_customers),
      new_mrr_per_customer: n(row.new_mrr_per_customer),
      customer_churn_rate: churn,
      expansion_rate: n(row.expansion_rate),
      contraction_rate: n(row.contraction_rate),
      reactivation_customer_rate: n(row.reactivation_customer_rate),
      reactivation_mrr_rate: n(row.reactivation_mrr_rate),
      // An age no cohort has reached yet takes the flat trailing average.
      tenure_churn:
        scenario.churnModel === 'tenure'
          ? (fromHazard ? fromHazard.map((h) => h ?? churn ?? 0) : byAge('churn', () => churn ?? 0)).map((h) => Math.min(1, Math.max(0, h)))
          : null,
      tenure_customers: scenario.churnModel === 'tenure' ? byAge('customers', () => 0) : null,
      tenure_mrr: scenario.churnModel === 'tenure' ? byAge('mrr', () => 0) : null,
      history: months.filter((m) => m.segment === segment).map(month),
    };
  });
  const first = averages[0];
  return {
    as_of: ctx.asOfMonth.slice(0, 7),
    trailing_months: scenario.trailingMonths,
    window: { from: String(first?.window_from ?? ctx.asOfMonth.slice(0, 7)), to: String(first?.window_to ?? ctx.asOfMonth.slice(0, 7)) },
    churn_model: scenario.churnModel,
    tenure_rates: scenario.churnModel === 'tenure' ? (hazards ? 'hazard' : 'cohorts') : null,
    gross_margin: ctx.methodology.grossMargin,
    segments,
    history,
  };
}
