// Kaplan-Meier over one group's distinct times (docs/METRICS.md, "Survival").
// The rows come aggregated from DuckDB (one per distinct time), so this loops
// over distinct times, never over customers. Conventions are R survival's
// survfit defaults: at a tied time events come before censoring (those
// censored at t are at risk at t); Greenwood's variance; the confidence
// interval on the log scale, S·exp(±z·σ) with σ² = Σ d ÷ (n(n − d)), the
// upper limit capped at 1.
import type { KaplanMeierRow, SurvivalAt } from '../../../shared/survival.js';

export interface TimeCount {
  time: number;
  events: number;
  censored: number;
}

/** z for a two-sided 95% interval: qnorm(0.975). */
export const Z_95 = 1.959963984540054;

export function kaplanMeier(counts: readonly TimeCount[], z = Z_95): KaplanMeierRow[] {
  let atRisk = counts.reduce((sum, c) => sum + c.events + c.censored, 0);
  let surv = 1;
  let varHazard = 0;
  const rows: KaplanMeierRow[] = [];
  for (const { time, events, censored } of counts) {
    if (events > 0) {
      surv *= 1 - events / atRisk;
      // n = d makes S zero and σ infinite: no interval there, as in R.
      varHazard += events === atRisk ? Infinity : events / (atRisk * (atRisk - events));
    }
    const sigma = Math.sqrt(varHazard);
    const defined = surv > 0 && Number.isFinite(sigma);
    rows.push({
      time,
      n_risk: atRisk,
      n_event: events,
      n_censor: censored,
      surv,
      std_err: defined ? surv * sigma : null,
      lower: defined ? surv * Math.exp(-z * sigma) : null,
      upper: defined ? Math.min(1, surv * Math.exp(z * sigma)) : null,
    });
    atRisk -= events + censored;
  }
  return rows;
}

/** S(t) and its interval at a chosen time: the step in force at t (1 before the first event); null past the last time. */
export function survivalAt(curve: readonly KaplanMeierRow[], time: number): SurvivalAt {
  const last = curve.at(-1);
  if (!last || time > last.time) return { time, surv: null, std_err: null, lower: null, upper: null, n_risk: null };
  let step: KaplanMeierRow | null = null;
  for (const row of curve) {
    if (row.time > time) break;
    step = row;
  }
  // At risk at t: those whose time is t or later, i.e. the first row at or after t.
  const next = curve.find((row) => row.time >= time);
  if (!step) return { time, surv: 1, std_err: 0, lower: 1, upper: 1, n_risk: next?.n_risk ?? null };
  return { time, surv: step.surv, std_err: step.std_err, lower: step.lower, upper: step.upper, n_risk: next?.n_risk ?? null };
}

/**
 * Restricted mean survival up to `horizon`: the area under the step curve from
 * 0 to the horizon, and its standard error as R's print.survfit(rmean = τ)
 * gives it: √Σ A_i² d_i ÷ (n_i(n_i − d_i)) over event times before τ, A_i the
 * area from t_i to τ.
 */
export function restrictedMean(curve: readonly KaplanMeierRow[], horizon: number): { horizon: number; estimate: number; std_err: number } {
  let area = 0;
  let previousTime = 0;
  let previousSurv = 1;
  const steps: { time: number; surv: number; events: number; atRisk: number }[] = [];
  for (const row of curve) {
    if (row.time >= horizon) break;
    if (row.n_event === 0) continue;
    area += previousSurv * (row.time - previousTime);
    steps.push({ time: row.time, surv: row.surv, events: row.n_event, atRisk: row.n_risk });
    previousTime = row.time;
    previousSurv = row.surv;
  }
  area += previousSurv * (horizon - previousTime);
  // Area from each event time to the horizon, accumulated from the right.
  let variance = 0;
  let tail = 0;
  let nextTime = horizon;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    tail += step.surv * (nextTime - step.time);
    nextTime = step.time;
    if (step.atRisk > step.events) variance += (tail * tail * step.events) / (step.atRisk * (step.atRisk - step.events));
  }
  return { horizon, estimate: area, std_err: Math.sqrt(variance) };
}
