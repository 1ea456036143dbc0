// The log-rank test between groups, as R's survdiff (rho = 0) computes it:
// at each distinct event time t, with n_t at risk and d_t events over all
// groups, group g expects n_gt·d_t ÷ n_t events; the covariance of the
// observed-minus-expected vector adds d_t(n_t − d_t) ÷ (n_t − 1) ·
// (n_gt ÷ n_t)(δ_gh − n_ht ÷ n_t). Groups expecting no event are left out;
// the statistic is (O − E)ᵀ V⁻¹ (O − E) over the others less the first, with
// df = their number − 1.
import type { LogRank } from '../../../shared/survival.js';
import { logChiSquareUpperTail } from './chiSquare.js';
import type { TimeCount } from './kaplanMeier.js';

export interface GroupCounts {
  group: string;
  counts: readonly TimeCount[];
}

export function logRank(groups: readonly GroupCounts[]): LogRank {
  const k = groups.length;
  const times = [...new Set(groups.flatMap((g) => g.counts.filter((c) => c.events > 0).map((c) => c.time)))].sort((a, b) => a - b);
  // Per group: its counts by time, and how many are at risk from each position on.
  const cursors = groups.map((g) => ({ counts: [...g.counts].sort((a, b) => a.time - b.time), index: 0, atRisk: g.counts.reduce((s, c) => s + c.events + c.censored, 0) }));
  const n = groups.map((g) => g.counts.reduce((s, c) => s + c.events + c.censored, 0));
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const t of times) {
    const atRisk = new Array<number>(k).fill(0);
    const events = new Array<number>(k).fill(0);
    cursors.forEach((cursor, g) => {
      // Drop everyone who left before t.
      while (cursor.index < cursor.counts.length && cursor.counts[cursor.index]!.time < t) {
        const c = cursor.counts[cursor.index++]!;
        cursor.atRisk -= c.events + c.censored;
      }
      atRisk[g] = cursor.atRisk;
      const here = cursor.counts[cursor.index];
      events[g] = here && here.time === t ? here.events : 0;
    });
    const nt = atRisk.reduce((a, b) => a + b, 0);
    const dt = events.reduce((a, b) => a + b, 0);
    const factor = nt > 1 ? (dt * (nt - dt)) / (nt - 1) : 0;
    for (let g = 0; g < k; g++) {
      observed[g]! += events[g]!;
      expected[g]! += (atRisk[g]! * dt) / nt;
      for (let h = 0; h < k; h++) {
        variance[g]![h]! += (factor * atRisk[g]! * ((g === h ? 1 : 0) - atRisk[h]! / nt)) / nt;
      }
    }
  }
  const kept = expected.map((e, g) => (e > 0 ? g : -1)).filter((g) => g >= 0);
  const df = Math.max(kept.length - 1, 0);
  let chisq = 0;
  if (kept.length >= 2) {
    const rest = kept.slice(1);
    const diff = rest.map((g) => observed[g]! - expected[g]!);
    const solved = solve(
      rest.map((g) => rest.map((h) => variance[g]![h]!)),
      diff,
    );
    chisq = solved.reduce((sum, x, i) => sum + x * diff[i]!, 0);
  }
  const logP = df > 0 ? logChiSquareUpperTail(chisq, df) : null;
  const p = logP === null ? null : Math.exp(logP);
  return {
    chisq,
    df,
    p,
    p_text: pText(p, logP),
    groups: groups.map((g, i) => ({
      group: g.group,
      n: n[i]!,
      observed: observed[i]!,
      expected: expected[i]!,
      oe2_e: expected[i]! > 0 ? (observed[i]! - expected[i]!) ** 2 / expected[i]! : null,
      oe2_v: variance[i]![i]! > 0 ? (observed[i]! - expected[i]!) ** 2 / variance[i]![i]! : null,
    })),
  };
}

/** How a p-value is written for a reader: three significant digits, "< 0.001" below it, "< 1e-300" where doubles run out. */
export function pText(p: number | null, logP: number | null = p === null ? null : Math.log(p)): string {
  if (p === null || logP === null) return 'no test (fewer than two groups with events)';
  if (logP < Math.log(1e-300)) return 'p < 1e-300';
  if (p < 0.001) return `p < 0.001 (p = ${p.toExponential(2)})`;
  return `p = ${p.toPrecision(3).replace(/\.?0+$/, '')}`;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small: groups − 1 square). */
function solve(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  const size = b.length;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (p === 0) throw new Error('the log-rank variance matrix is singular');
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      for (let c = col; c <= size; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[size]! / row[i]!);
}
