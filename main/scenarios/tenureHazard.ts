// Churn by tenure read from the survival hazard (docs/SCENARIOS.md, "Churn by
// tenure"; docs/METRICS.md, "Hazard by tenure interval"): the rate of age a is
// the hazard of tenure month a + 1 — of the customers whose first spell
// lasted more than a months, the share whose spell ended after exactly a + 1
// — and ages from `ages − 1` on share one pooled rate, Σ events ÷ Σ at risk
// over those months, as the cohort rates pool them.
import type { HazardRow } from '../../shared/survival.js';

/** Per age 0 … ages − 1; null where no one was at risk (the caller falls back to the flat rate). */
export function tenureRatesFromHazard(hazard: readonly HazardRow[], ages: number): (number | null)[] {
  const month = (k: number) => hazard.find((h) => h.interval === k);
  const rates = Array.from({ length: ages - 1 }, (_, age) => month(age + 1)?.hazard ?? null);
  const pooled = hazard.filter((h) => h.interval >= ages);
  const atRisk = pooled.reduce((sum, h) => sum + h.at_risk, 0);
  rates.push(atRisk > 0 ? pooled.reduce((sum, h) => sum + h.events, 0) / atRisk : null);
  return rates;
}
