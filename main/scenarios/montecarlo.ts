// Uncertainty (docs/SCENARIOS.md, "Monte Carlo"): each run projects the
// scenario with, for every month ahead, the rates of one calendar month of
// the trailing window drawn at random (the same month for every segment, so
// segments move together as they did), levers applied on top. A seeded PRNG
// of our own makes the bands reproduce exactly.
import type { Band, MonteCarloResult } from '../../shared/scenarios.js';
import { applyLevers, monthRates, type SegmentRates } from './levers.js';
import type { ScenarioModel } from './model.js';
import { addMonths, simulate } from './project.js';

/** mulberry32: a small, fast 32-bit PRNG; uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Percentile by linear interpolation between order statistics (Excel's PERCENTILE.INC). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (rank - low) * (sorted[high]! - sorted[low]!);
}

export function band(values: number[]): Band {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { p10: percentile(list, 0.1), p50: percentile(list, 0.5), p90: percentile(list, 0.9) };
}

/** The levered rates of every window month, per segment: table[j][s]. */
function rateTable(model: ScenarioModel): SegmentRates[][] {
  const periods = model.baseline.segments[0]?.history.map((m) => m.period) ?? [];
  return periods.map((period) =>
    model.baseline.segments.map((segment, s) =>
      applyLevers(monthRates(segment, segment.history.find((m) => m.period === period), model.tenure), model.levers[s]!),
    ),
  );
}

export function monteCarlo(model: ScenarioModel, runs: number, seed: number): MonteCarloResult {
  const horizon = model.scenario.horizonMonths;
  const table = rateTable(model);
  const deterministic = model.rates();
  const random = mulberry32(seed);
  const customers = Array.from({ length: horizon + 1 }, () => new Array<number>(runs).fill(0));
  const mrr = Array.from({ length: horizon + 1 }, () => new Array<number>(runs).fill(0));
  const segmentMrr = model.starts.map(() => new Array<number>(runs).fill(0));
  for (let run = 0; run < runs; run += 1) {
    // Month t's draw: an index into the window (month 0 is the starting point).
    const picks = Array.from({ length: horizon + 1 }, () => Math.floor(random() * table.length));
    const ratesAt = (t: number, s: number) => (table.length ? table[picks[t]!]![s]! : deterministic[s]!);
    simulate(model.starts, ratesAt, horizon, (t, s, month) => {
      customers[t]![run]! += month.customers;
      mrr[t]![run]! += month.mrr;
      if (t === horizon) segmentMrr[s]![run] = month.mrr;
    });
  }
  const asOf = model.baseline.as_of;
  const annual = (values: number[]) => values.map((v) => 12 * v);
  return {
    runs,
    seed,
    months: customers.map((c, t) => ({ month: t, date: addMonths(asOf, t), customers: band(c), mrr: band(mrr[t]!), arr: band(annual(mrr[t]!)) })),
    arr_at_horizon: band(annual(mrr[horizon]!)),
    segments: model.starts.map((start, s) => ({ segment: start.segment, arr_at_horizon: band(annual(segmentMrr[s]!)) })),
  };
}
