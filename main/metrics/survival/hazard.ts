// Hazard by interval of tenure (docs/METRICS.md, "Hazard by tenure month"):
// of the lifetimes still running at the start of interval k, (k − 1)·w < t ≤
// k·w, the share whose event falls in it. With whole months and w = 1 this is
// d_k ÷ n_k, Kaplan-Meier's own conditional probability, so
// S(k) = Π (1 − hazard) over the intervals up to k.
import type { HazardRow } from '../../../shared/survival.js';
import type { TimeCount } from './kaplanMeier.js';

/** At most this many intervals: a finer width over a long follow-up is cut, not silently coarsened. */
export const MAX_HAZARD_INTERVALS = 600;

export function hazardByInterval(counts: readonly TimeCount[], width: number): HazardRow[] {
  const last = counts.reduce((max, c) => Math.max(max, c.time), 0);
  const intervals = Math.min(Math.ceil(last / width), MAX_HAZARD_INTERVALS);
  const rows: HazardRow[] = [];
  let index = 0;
  let remaining = counts.reduce((s, c) => s + c.events + c.censored, 0);
  for (let k = 1; k <= intervals; k++) {
    const from = (k - 1) * width;
    const to = k * width;
    // Leave out those whose time is at or before the interval's start.
    while (index < counts.length && counts[index]!.time <= from) {
      remaining -= counts[index]!.events + counts[index]!.censored;
      index++;
    }
    let events = 0;
    for (let i = index; i < counts.length && counts[i]!.time <= to; i++) events += counts[i]!.events;
    rows.push({ interval: k, from, to, at_risk: remaining, events, hazard: remaining > 0 ? events / remaining : null });
  }
  return rows;
}
