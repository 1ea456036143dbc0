// Sensitivity (docs/SCENARIOS.md, "Sensitivity"): ARR at the horizon with
// each lever moved one point down and up on top of the scenario, every
// segment at once — the bars of a tornado chart, widest first.
import type { Sensitivity, SensitivityLever } from '../../shared/scenarios.js';
import type { Perturbation } from './levers.js';
import type { ScenarioModel } from './model.js';
import { constant, project } from './project.js';

/** One point of each lever: ±0.01 on rates, ±1% on volumes and amounts. */
export const STEPS: Record<SensitivityLever, { step: string; shift: (sign: 1 | -1) => Perturbation }> = {
  churn: { step: '±1 point of monthly customer churn', shift: (d) => ({ churn: 0.01 * d }) },
  expansion: { step: '±1 point of monthly expansion rate', shift: (d) => ({ expansion: 0.01 * d }) },
  contraction: { step: '±1 point of monthly contraction rate', shift: (d) => ({ contraction: 0.01 * d }) },
  new_customers: { step: '±1% new customers a month', shift: (d) => ({ newCustomersFactor: 1 + 0.01 * d }) },
  new_mrr_per_customer: { step: '±1% starting MRR of new customers', shift: (d) => ({ newMrrFactor: 1 + 0.01 * d }) },
  price_change: { step: '±1 point of price change', shift: (d) => ({ priceChange: 0.01 * d }) },
  price_extra_churn: { step: '±1 point of extra churn in month 1', shift: (d) => ({ priceExtraChurn: 0.01 * d }) },
};

/** Total ARR at month `horizon` with the scenario's rates shifted. */
export function arrAt(model: ScenarioModel, horizon: number, shift: Perturbation = {}): number {
  return project(model.starts, constant(model.rates(shift)), horizon, model.baseline.as_of).total[horizon]!.arr;
}

export function sensitivity(model: ScenarioModel): Sensitivity {
  const horizon = model.scenario.horizonMonths;
  const base = arrAt(model, horizon);
  const levers = (Object.keys(STEPS) as SensitivityLever[]).map((lever) => {
    const minus = arrAt(model, horizon, STEPS[lever].shift(-1));
    const plus = arrAt(model, horizon, STEPS[lever].shift(1));
    return { lever, step: STEPS[lever].step, arr_minus: minus, arr_plus: plus, delta_minus: minus - base, delta_plus: plus - base };
  });
  levers.sort((a, b) => Math.abs(b.arr_plus - b.arr_minus) - Math.abs(a.arr_plus - a.arr_minus));
  return { arr_at_horizon: base, levers };
}
