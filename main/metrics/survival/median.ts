// Median survival and its confidence interval by R's rules (survival's
// print.survfit / summary(fit)$table): the first time the curve is at or
// below one half; where it sits at exactly one half (within √ε) over an
// interval and drops below later, the midpoint of that interval. The limits
// are the same rule applied to the lower and upper confidence curves, so the
// median's lower limit comes from the lower curve.
import type { Estimate, KaplanMeierRow } from '../../../shared/survival.js';

const TOLERANCE = Math.sqrt(2.220446049250313e-16);

function firstAtOrBelowHalf(times: readonly number[], values: readonly (number | null)[]): number | null {
  const kept: { time: number; value: number }[] = [];
  values.forEach((value, i) => {
    if (value !== null && value < 0.5 + TOLERANCE) kept.push({ time: times[i]!, value });
  });
  const first = kept[0];
  if (!first) return null;
  if (Math.abs(first.value - 0.5) < TOLERANCE) {
    const lower = kept.find((k) => k.value < first.value);
    if (lower) return (first.time + lower.time) / 2;
  }
  return first.time;
}

export function medianSurvival(curve: readonly KaplanMeierRow[]): Estimate {
  const times = curve.map((r) => r.time);
  return {
    estimate: firstAtOrBelowHalf(times, curve.map((r) => r.surv)),
    lower: firstAtOrBelowHalf(times, curve.map((r) => r.lower)),
    upper: firstAtOrBelowHalf(times, curve.map((r) => r.upper)),
  };
}
