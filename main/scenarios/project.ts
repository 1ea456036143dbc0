// The deterministic monthly projection (docs/SCENARIOS.md, "Projection"): a
// loop over months × segments × tenure buckets — months ahead, not data rows.
// Month t starts from month t − 1's customers and MRR; in month 1 the price
// change applies first, then churn, expansion, contraction and reactivation on
// the repriced MRR, then the new customers join (at tenure age 0).
import type { Projection, ProjectionMonth } from '../../shared/scenarios.js';
import type { SegmentRates, SegmentStart } from './levers.js';

export type Movements = Omit<ProjectionMonth, 'month' | 'date' | 'arr'>;

/** YYYY-MM of `t` months after `yearMonth`. */
export function addMonths(yearMonth: string, t: number): string {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + t;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const zero = (): Movements => ({
  customers: 0,
  mrr: 0,
  new_customers: 0,
  new_mrr: 0,
  reactivated_customers: 0,
  reactivation_mrr: 0,
  expansion_mrr: 0,
  contraction_mrr: 0,
  churned_customers: 0,
  churned_mrr: 0,
  price_change_mrr: 0,
});

/** Mutable state of one segment: customers and MRR by tenure bucket. */
interface State {
  customers: number[];
  mrr: number[];
}

/** One month of one segment: moves `state` on and returns the month's movements. */
export function step(state: State, rates: SegmentRates, t: number): Movements {
  const buckets = state.customers.length;
  const price = t === 1 ? rates.priceChange : 0;
  const extra = t === 1 ? rates.priceExtraChurn : 0;
  const nextCustomers = new Array<number>(buckets).fill(0);
  const nextMrr = new Array<number>(buckets).fill(0);
  const out = zero();
  for (let a = 0; a < buckets; a += 1) {
    const c = state.customers[a]!;
    const m = state.mrr[a]!;
    const priceMrr = m * price;
    const base = m + priceMrr;
    const churn = Math.min(1, rates.churn[Math.min(a, rates.churn.length - 1)]! + extra);
    const churnedCustomers = c * churn;
    const churnedMrr = base * churn;
    const expansion = base * rates.expansion;
    const contraction = base * rates.contraction;
    const reactivated = c * rates.reactivationCustomers;
    const reactivation = base * rates.reactivationMrr;
    const to = Math.min(a + 1, buckets - 1);
    nextCustomers[to]! += c - churnedCustomers + reactivated;
    nextMrr[to]! += base - churnedMrr + expansion - contraction + reactivation;
    out.price_change_mrr += priceMrr;
    out.churned_customers += churnedCustomers;
    out.churned_mrr += churnedMrr;
    out.expansion_mrr += expansion;
    out.contraction_mrr += contraction;
    out.reactivated_customers += reactivated;
    out.reactivation_mrr += reactivation;
  }
  out.new_customers = rates.newCustomers;
  out.new_mrr = rates.newCustomers * rates.newMrrPerCustomer;
  nextCustomers[0]! += out.new_customers;
  nextMrr[0]! += out.new_mrr;
  state.customers = nextCustomers;
  state.mrr = nextMrr;
  out.customers = nextCustomers.reduce((s, v) => s + v, 0);
  out.mrr = nextMrr.reduce((s, v) => s + v, 0);
  return out;
}

/** The rates of segment `s` in month `t` (constant in the deterministic projection). */
export type RatesAt = (t: number, s: number) => SegmentRates;

/**
 * Runs the projection and hands every month of every segment to `visit`
 * (month 0 is the starting point, with no movements).
 */
export function simulate(starts: SegmentStart[], ratesAt: RatesAt, horizon: number, visit: (t: number, s: number, month: Movements) => void): void {
  const states = starts.map((start) => ({ customers: [...start.customers], mrr: [...start.mrr] }));
  states.forEach((state, s) => visit(0, s, { ...zero(), customers: sum(state.customers), mrr: sum(state.mrr) }));
  for (let t = 1; t <= horizon; t += 1) {
    states.forEach((state, s) => visit(t, s, step(state, ratesAt(t, s), t)));
  }
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

const withDate = (asOf: string, t: number, m: Movements): ProjectionMonth => ({ month: t, date: addMonths(asOf, t), ...m, arr: 12 * m.mrr });

/** The month-by-month projection per segment and in total. */
export function project(starts: SegmentStart[], ratesAt: RatesAt, horizon: number, asOf: string): Projection {
  const segments = starts.map((start) => ({ segment: start.segment, months: [] as ProjectionMonth[] }));
  simulate(starts, ratesAt, horizon, (t, s, m) => segments[s]!.months.push(withDate(asOf, t, m)));
  const total = Array.from({ length: horizon + 1 }, (_, t) => {
    const m = zero();
    for (const segment of segments) {
      for (const key of Object.keys(m) as (keyof Movements)[]) m[key] += segment.months[t]![key];
    }
    return withDate(asOf, t, m);
  });
  return { total, segments };
}

/** Constant rates per segment. */
export const constant =
  (rates: SegmentRates[]): RatesAt =>
  (_t, s) =>
    rates[s]!;

/** Customers and MRR per tenure bucket, per segment and month (what the XLSX's tenure sheet shows). */
export function bucketHistory(starts: SegmentStart[], ratesAt: RatesAt, horizon: number): State[][] {
  return starts.map((start, s) => {
    const state: State = { customers: [...start.customers], mrr: [...start.mrr] };
    const history: State[] = [{ customers: [...state.customers], mrr: [...state.mrr] }];
    for (let t = 1; t <= horizon; t += 1) {
      step(state, ratesAt(t, s), t);
      history.push({ customers: [...state.customers], mrr: [...state.mrr] });
    }
    return history;
  });
}
