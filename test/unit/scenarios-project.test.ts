// The projection's closed forms (docs/SCENARIOS.md), on hand-made baselines:
// no database, exactly or to 1e-9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenarioSchema, type Baseline, type BaselineMonth, type BaselineSegment, type ScenarioInput } from '../../shared/scenarios.js';
import { evaluate } from '../../main/scenarios/run.js';
import { bisect } from '../../main/scenarios/goalseek.js';
import { mulberry32, percentile } from '../../main/scenarios/montecarlo.js';
import { addMonths } from '../../main/scenarios/project.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

function month(period: string, rates: Partial<BaselineMonth> = {}): BaselineMonth {
  return {
    period,
    customers_start: 0,
    mrr_start: 0,
    customers_new: 0,
    mrr_new: 0,
    customer_churn_rate: 0,
    expansion_rate: 0,
    contraction_rate: 0,
    reactivation_customer_rate: 0,
    reactivation_mrr_rate: 0,
    new_mrr_per_customer: null,
    ...rates,
  };
}

function segment(name: string, values: Partial<BaselineSegment>): BaselineSegment {
  const base: BaselineSegment = {
    segment: name,
    customers: 0,
    mrr: 0,
    arpa: null,
    new_customers: 0,
    new_mrr_per_customer: null,
    customer_churn_rate: 0,
    expansion_rate: 0,
    contraction_rate: 0,
    reactivation_customer_rate: 0,
    reactivation_mrr_rate: 0,
    tenure_churn: null,
    tenure_customers: null,
    tenure_mrr: null,
    history: [],
  };
  const merged = { ...base, ...values };
  // By default every window month has exactly the average rates (no variance).
  if (!values.history) {
    merged.history = ['2024-04', '2024-05', '2024-06'].map((p) =>
      month(p, {
        customer_churn_rate: merged.customer_churn_rate,
        expansion_rate: merged.expansion_rate,
        contraction_rate: merged.contraction_rate,
        reactivation_customer_rate: merged.reactivation_customer_rate,
        reactivation_mrr_rate: merged.reactivation_mrr_rate,
        customers_new: merged.new_customers,
        new_mrr_per_customer: merged.new_mrr_per_customer,
      }),
    );
  }
  return merged;
}

function baseline(segments: BaselineSegment[], churnModel: 'flat' | 'tenure' = 'flat'): Baseline {
  return { as_of: '2024-06', trailing_months: 3, window: { from: '2024-04', to: '2024-06' }, churn_model: churnModel, tenure_rates: churnModel === 'tenure' ? 'cohorts' : null, gross_margin: 1, segments, history: [] };
}

const scenario = (input: Partial<ScenarioInput> = {}) => scenarioSchema.parse({ name: 'test', trailingMonths: 3, ...input });

test('constant churn c and no new customers: MRR_t = MRR_0·(1−c)^t, customers likewise', () => {
  const c = 0.035;
  const result = evaluate(baseline([segment('SMB', { customers: 400, mrr: 40_000, customer_churn_rate: c })]), scenario({ horizonMonths: 60 }));
  for (const m of result.baseline_projection.total) {
    close(m.mrr, 40_000 * (1 - c) ** m.month);
    close(m.customers, 400 * (1 - c) ** m.month);
    close(m.arr, 12 * 40_000 * (1 - c) ** m.month);
  }
  assert.equal(result.baseline_projection.total.length, 61);
  assert.equal(result.baseline_projection.total[13]!.date, '2025-07');
});

test('constant new MRR N with churn c: MRR_t = N/c + (MRR_0 − N/c)(1−c)^t, tending to N/c', () => {
  const c = 0.4;
  const n = 10 * 250; // 10 new customers a month at 250
  const result = evaluate(
    baseline([segment('SMB', { customers: 20, mrr: 1_000, customer_churn_rate: c, new_customers: 10, new_mrr_per_customer: 250 })]),
    scenario({ horizonMonths: 60 }),
  );
  for (const m of result.baseline_projection.total) close(m.mrr, n / c + (1_000 - n / c) * (1 - c) ** m.month);
  close(result.baseline_projection.total[60]!.mrr, n / c); // (0.6)^60 ≈ 5e-14
  close(result.baseline_projection.total[60]!.customers, 10 / c);
});

test('price: 1,000 customers moving from 10 to 12 a month adds 2,000 MRR and 24,000 a year', () => {
  const result = evaluate(
    baseline([segment('SMB', { customers: 1_000, mrr: 10_000 })]),
    scenario({ horizonMonths: 12, levers: { All: { priceChangePercent: 20 } } }),
  );
  close(result.projection.total[1]!.price_change_mrr, 2_000);
  close(result.projection.total[12]!.mrr, 12_000);
  close(result.comparison.revenue_difference, 24_000);
  close(result.comparison.arr_at_horizon_difference, 24_000);
  close(result.comparison.revenue_difference_pv, 24_000); // no discount rate given: not discounted
});

test('every month of every segment keeps the MRR and customer bridges', () => {
  const result = evaluate(
    baseline([
      segment('SMB', { customers: 300, mrr: 9_000, customer_churn_rate: 0.04, expansion_rate: 0.01, contraction_rate: 0.005, reactivation_customer_rate: 0.003, reactivation_mrr_rate: 0.002, new_customers: 20, new_mrr_per_customer: 35 }),
      segment('Enterprise', { customers: 20, mrr: 30_000, customer_churn_rate: 0.01, expansion_rate: 0.02, new_customers: 1, new_mrr_per_customer: 1_800 }),
    ]),
    scenario({ horizonMonths: 36, levers: { All: { churnPoints: -1, priceChangePercent: 8, priceExtraChurnPoints: 2 }, SMB: { newCustomersPercent: 50 } } }),
  );
  for (const projection of [result.projection, result.baseline_projection]) {
    for (const s of [...projection.segments.map((x) => x.months), projection.total]) {
      for (let t = 1; t < s.length; t += 1) {
        const [p, m] = [s[t - 1]!, s[t]!];
        close(p.mrr + m.price_change_mrr + m.new_mrr + m.reactivation_mrr + m.expansion_mrr - m.contraction_mrr - m.churned_mrr, m.mrr);
        close(p.customers + m.new_customers + m.reactivated_customers - m.churned_customers, m.customers);
      }
    }
  }
});

test('levers: a segment’s own levers override "All" field by field; points and percent combine', () => {
  const result = evaluate(
    baseline([
      segment('SMB', { customers: 100, mrr: 1_000, customer_churn_rate: 0.05 }),
      segment('Enterprise', { customers: 100, mrr: 1_000, customer_churn_rate: 0.05 }),
    ]),
    scenario({ horizonMonths: 12, levers: { All: { churnPercent: -20, churnPoints: -1 }, SMB: { churnPoints: 1 }, Nowhere: { churnPoints: 1 } } }),
  );
  const [smb, ent] = result.projection.segments;
  close(smb!.months[1]!.churned_customers, 100 * (0.05 * 0.8 + 0.01));
  close(ent!.months[1]!.churned_customers, 100 * (0.05 * 0.8 - 0.01));
  assert.match(result.warnings.map((w) => w.message).join(' '), /"Nowhere"/);
  assert.deepEqual(result.warnings.map((w) => w.code === 'unknown_segment' && w.segment), ['Nowhere']);
});

test('price extra churn applies to existing customers in month 1 only', () => {
  const result = evaluate(
    baseline([segment('SMB', { customers: 1_000, mrr: 10_000, customer_churn_rate: 0.02 })]),
    scenario({ horizonMonths: 12, levers: { All: { priceChangePercent: 10, priceExtraChurnPoints: 3 } } }),
  );
  const [, m1, m2] = result.projection.total;
  close(m1!.churned_customers, 1_000 * 0.05);
  close(m1!.churned_mrr, 11_000 * 0.05);
  close(m2!.churned_customers, 950 * 0.02);
});

test('comparison: present value at the discount rate, gross profit at the scenario’s margin, churned MRR avoided, LTV', () => {
  const result = evaluate(
    baseline([segment('SMB', { customers: 100, mrr: 10_000, customer_churn_rate: 0.05 })]),
    scenario({ horizonMonths: 12, levers: { All: { churnPoints: -5, discountRateAnnual: 0.12, grossMargin: 0.5 } } }),
  );
  const c = result.comparison;
  let pv = 0;
  let profit = 0;
  let avoided = 0;
  for (let t = 1; t <= 12; t += 1) {
    const diff = 10_000 - 10_000 * 0.95 ** t;
    pv += diff / 1.12 ** (t / 12);
    profit += 0.5 * diff;
    avoided += 10_000 * 0.95 ** (t - 1) * 0.05;
  }
  close(c.revenue_difference_pv, pv);
  close(c.gross_profit_difference, profit);
  close(c.churned_mrr_avoided, avoided);
  close(c.segments[0]!.ltv_baseline, (0.5 * 100) / 0.05); // ARPA 100, margin 50% (both valued alike), churn 5%
  assert.equal(c.segments[0]!.ltv_scenario, null); // no churn, no LTV
});

test('churn by tenure: each age churns at its own rate, older ages at the last one', () => {
  const hazards = [0.5, 0.2, ...new Array<number>(23).fill(0.1)];
  const customers = new Array<number>(25).fill(0);
  customers[0] = 100;
  const mrr = customers.map((v) => v * 10);
  const result = evaluate(
    baseline([segment('SMB', { customers: 100, mrr: 1_000, customer_churn_rate: 0.3, tenure_churn: hazards, tenure_customers: customers, tenure_mrr: mrr })], 'tenure'),
    scenario({ horizonMonths: 30, churnModel: 'tenure' }),
  );
  const months = result.baseline_projection.total;
  close(months[1]!.customers, 50);
  close(months[2]!.customers, 40);
  close(months[3]!.customers, 36);
  close(months[30]!.customers, 40 * 0.9 ** 28);
  close(months[30]!.mrr, 400 * 0.9 ** 28);
});

test('Monte Carlo: zero historical variance gives the deterministic projection; same seed, same bands', () => {
  const b = baseline([
    segment('SMB', { customers: 300, mrr: 9_000, customer_churn_rate: 0.04, expansion_rate: 0.01, new_customers: 20, new_mrr_per_customer: 35 }),
    segment('Enterprise', { customers: 20, mrr: 30_000, customer_churn_rate: 0.01, new_customers: 1, new_mrr_per_customer: 1_800 }),
  ]);
  const result = evaluate(b, scenario({ horizonMonths: 24, levers: { All: { churnPercent: -10 } }, monteCarlo: { runs: 50, seed: 7 } }));
  result.monte_carlo!.months.forEach((m, t) => {
    for (const p of ['p10', 'p50', 'p90'] as const) {
      close(m.mrr[p], result.projection.total[t]!.mrr);
      close(m.customers[p], result.projection.total[t]!.customers);
    }
  });
  // With variance: the same seed reproduces, another seed does not.
  const varied = baseline([
    segment('SMB', {
      customers: 300,
      mrr: 9_000,
      customer_churn_rate: 0.04,
      new_customers: 20,
      new_mrr_per_customer: 35,
      history: [
        month('2024-04', { customer_churn_rate: 0.02, customers_new: 10, new_mrr_per_customer: 30 }),
        month('2024-05', { customer_churn_rate: 0.04, customers_new: 20, new_mrr_per_customer: 35 }),
        month('2024-06', { customer_churn_rate: 0.06, customers_new: 30, new_mrr_per_customer: 40 }),
      ],
    }),
  ]);
  const run = (seed: number) => evaluate(varied, scenario({ horizonMonths: 24, monteCarlo: { runs: 200, seed } })).monte_carlo!;
  assert.deepEqual(run(11), run(11));
  assert.notDeepEqual(run(11).arr_at_horizon, run(12).arr_at_horizon);
  const bands = run(11).arr_at_horizon;
  assert.ok(bands.p10 < bands.p50 && bands.p50 < bands.p90);
});

test('sensitivity: one point more churn lowers ARR, one point more expansion raises it', () => {
  const result = evaluate(
    baseline([segment('SMB', { customers: 300, mrr: 9_000, customer_churn_rate: 0.04, expansion_rate: 0.01, new_customers: 20, new_mrr_per_customer: 35 })]),
    scenario({ horizonMonths: 24 }),
  );
  const lever = (name: string) => result.sensitivity.levers.find((l) => l.lever === name)!;
  assert.ok(lever('churn').delta_plus < 0 && lever('churn').delta_minus > 0);
  assert.ok(lever('expansion').delta_plus > 0 && lever('expansion').delta_minus < 0);
  assert.ok(lever('price_change').delta_plus > 0);
  close(result.sensitivity.arr_at_horizon, result.projection.total[24]!.arr);
  const widths = result.sensitivity.levers.map((l) => Math.abs(l.arr_plus - l.arr_minus));
  assert.deepEqual(widths, [...widths].sort((a, b) => b - a));
});

test('goal seek: the new MRR a month that reaches a target ARR, in closed form', () => {
  // No customers yet, churn c: MRR_t = N/c·(1 − (1−c)^t); the target by month 12 gives N.
  const c = 0.05;
  const target = 600_000;
  const result = evaluate(
    baseline([segment('SMB', { customer_churn_rate: c, new_customers: 10, new_mrr_per_customer: 100 })]),
    scenario({ horizonMonths: 24, goalSeek: { solveFor: 'new_mrr', targetArr: target, by: '2025-06' } }),
  );
  const goal = result.goal_seek!;
  assert.equal(goal.month, 12);
  assert.equal(goal.reachable, true);
  close(goal.new_mrr_per_month, ((target / 12) * c) / (1 - (1 - c) ** 12));
  close(goal.arr_reached, target);
});

test('goal seek: the churn that reaches a target ARR, and a target out of reach', () => {
  const b = baseline([segment('SMB', { customers: 1_000, mrr: 100_000, customer_churn_rate: 0.05 })]);
  // No new customers: ARR at month 12 = 1.2M·(1−c)^12, so 1M needs c = 1 − (1/1.2)^(1/12).
  const goal = evaluate(b, scenario({ horizonMonths: 12, goalSeek: { solveFor: 'churn', targetArr: 1_000_000, by: '2025-06' } })).goal_seek!;
  assert.equal(goal.reachable, true);
  close(0.05 + goal.churn_change_points! / 100, 1 - (1 / 1.2) ** (1 / 12));
  close(goal.churn_rate, 1 - (1 / 1.2) ** (1 / 12));
  close(goal.arr_reached, 1_000_000, 1e-9);
  const far = evaluate(b, scenario({ horizonMonths: 12, goalSeek: { solveFor: 'churn', targetArr: 2_000_000, by: '2025-06' } })).goal_seek!;
  assert.equal(far.reachable, false);
  assert.match(far.message, /no churn at all/);
  assert.throws(() => evaluate(b, scenario({ goalSeek: { solveFor: 'churn', targetArr: 1, by: '2024-06' } })), /1 to 60 months/);
});

test('helpers: bisection, percentiles, the PRNG and month arithmetic', () => {
  close(bisect((x) => x * x, 2, 0, 2, true), Math.SQRT2, 1e-12);
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentile([5], 0.9), 5);
  const a = mulberry32(3);
  const b = mulberry32(3);
  const draws = Array.from({ length: 1000 }, () => a());
  assert.deepEqual(draws.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(draws.every((u) => u >= 0 && u < 1));
  assert.equal(addMonths('2024-11', 2), '2025-01');
  assert.equal(addMonths('2024-01', 59), '2028-12');
});

test('the scenario schema fills defaults and rejects what is out of range', () => {
  const s = scenarioSchema.parse({ name: 'x' });
  assert.equal(s.horizonMonths, 24);
  assert.equal(s.trailingMonths, 6);
  assert.equal(s.churnModel, 'flat');
  assert.deepEqual(s.levers, {});
  assert.equal(scenarioSchema.safeParse({ name: 'x', horizonMonths: 61 }).success, false);
  assert.equal(scenarioSchema.safeParse({ name: 'x', trailingMonths: 4 }).success, false);
  assert.equal(scenarioSchema.safeParse({ name: 'x', levers: { All: { churnPoint: 1 } } }).success, false);
  assert.deepEqual(scenarioSchema.parse({ name: 'x', monteCarlo: {} }).monteCarlo, { runs: 1000, seed: 1 });
});
