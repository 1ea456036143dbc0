// Goal seek (docs/SCENARIOS.md, "Goal seek"): by bisection, the change of
// monthly churn (the same points on every segment and tenure age) or the new
// MRR a month (every segment's new customers scaled alike) at which total ARR
// at the end of a given month equals a target, on top of the scenario.
import type { GoalSeek, GoalSeekResult, ProjectionMonth } from '../../shared/scenarios.js';
import { EngineError } from '../../shared/result.js';
import type { Perturbation } from './levers.js';
import type { ScenarioModel } from './model.js';
import { constant, project } from './project.js';

const MAX_MONTHS = 60;
const ITERATIONS = 200;

const monthIndex = (yearMonth: string) => Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;

/** Pooled monthly churn of months 1…t: churned ÷ customers at the start of each month. */
function pooledChurn(months: ProjectionMonth[]): number | null {
  const atStart = months.slice(0, -1).reduce((s, m) => s + m.customers, 0);
  const churned = months.slice(1).reduce((s, m) => s + m.churned_customers, 0);
  return atStart > 0 ? churned / atStart : null;
}

/** x in [lo, hi] where f crosses target, f monotone; `rising` tells its direction. */
export function bisect(f: (x: number) => number, target: number, lo: number, hi: number, rising: boolean): number {
  for (let i = 0; i < ITERATIONS && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); i += 1) {
    const mid = (lo + hi) / 2;
    if (f(mid) >= target === rising) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

export function goalSeek(model: ScenarioModel, goal: GoalSeek): GoalSeekResult {
  const month = monthIndex(goal.by) - monthIndex(model.baseline.as_of);
  if (month < 1 || month > MAX_MONTHS) {
    throw new EngineError('invalid_request', `goalSeek.by must be 1 to ${MAX_MONTHS} months after the as-of month ${model.baseline.as_of}, not ${goal.by}.`);
  }
  const run = (shift: Perturbation) => project(model.starts, constant(model.rates(shift)), month, model.baseline.as_of);
  const arr = (shift: Perturbation) => run(shift).total[month]!.arr;
  const base = { solve_for: goal.solveFor, target_arr: goal.targetArr, by: goal.by, month };
  const scenarioNewMrr = model.rates().map((r) => r.newCustomers * r.newMrrPerCustomer);
  const totalNewMrr = scenarioNewMrr.reduce((s, v) => s + v, 0);

  if (goal.solveFor === 'churn') {
    const shift = (x: number): Perturbation => ({ churn: x });
    const best = arr(shift(-1));
    const worst = arr(shift(1));
    const reachable = best >= goal.targetArr && worst <= goal.targetArr;
    const x = reachable ? bisect((v) => arr(shift(v)), goal.targetArr, -1, 1, false) : best < goal.targetArr ? -1 : 1;
    const solved = run(shift(x));
    return {
      ...base,
      reachable,
      message: reachable
        ? `Monthly churn ${x <= 0 ? 'down' : 'up'} ${Math.abs(100 * x).toFixed(3)} points on every segment reaches the target.`
        : best < goal.targetArr
          ? `Out of reach: even with no churn at all ARR is ${best.toFixed(0)} by ${goal.by}.`
          : `Already beyond: even if every customer churned each month ARR would be ${worst.toFixed(0)} by ${goal.by}.`,
      arr_reached: solved.total[month]!.arr,
      churn_change_points: 100 * x,
      churn_rate: pooledChurn(solved.total),
      new_mrr_per_month: null,
      new_mrr_per_month_scenario: totalNewMrr,
      segments: solved.segments.map((s) => ({ segment: s.segment, customer_churn_rate: pooledChurn(s.months), new_mrr_per_month: null })),
    };
  }

  const shift = (f: number): Perturbation => ({ newCustomersFactor: f });
  let hi = 1;
  while (totalNewMrr > 0 && arr(shift(hi)) < goal.targetArr && hi < 2 ** 40) hi *= 2;
  const floor = arr(shift(0));
  const reachable = totalNewMrr > 0 ? arr(shift(hi)) >= goal.targetArr : floor >= goal.targetArr;
  const f = !reachable || floor >= goal.targetArr ? (floor >= goal.targetArr ? 0 : hi) : bisect((v) => arr(shift(v)), goal.targetArr, 0, hi, true);
  const solved = run(shift(f));
  return {
    ...base,
    reachable,
    message: !reachable
      ? totalNewMrr > 0
        ? 'Out of reach with any realistic new MRR.'
        : 'The scenario has no new MRR to scale: give it new customers and a starting MRR first.'
      : floor >= goal.targetArr
        ? 'Reached with no new MRR at all.'
        : `New MRR of ${(f * totalNewMrr).toFixed(2)} a month reaches the target.`,
    arr_reached: solved.total[month]!.arr,
    churn_change_points: null,
    churn_rate: null,
    new_mrr_per_month: f * totalNewMrr,
    new_mrr_per_month_scenario: totalNewMrr,
    segments: solved.segments.map((s, i) => ({ segment: s.segment, customer_churn_rate: null, new_mrr_per_month: f * scenarioNewMrr[i]! })),
  };
}
