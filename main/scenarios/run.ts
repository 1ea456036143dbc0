// Runs scenarios against the workspace: the baseline of each (read once per
// trailing window and churn model), the projections with and without levers,
// the comparison, and the optional Monte Carlo and goal seek.
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import { scenarioSchema, type Baseline, type Scenario, type ScenarioInput, type ScenarioResult, type ScenarioRunResult } from '../../shared/scenarios.js';
import type { Database } from '../runtime/database.js';
import { metricContext } from '../metrics/context.js';
import { runSurvival } from '../metrics/survival/run.js';
import { loadBaseline, type RunSql } from './baseline.js';
import { compare } from './compare.js';
import { goalSeek } from './goalseek.js';
import { buildModel } from './model.js';
import { monteCarlo } from './montecarlo.js';
import { constant, project } from './project.js';
import { sensitivity } from './sensitivity.js';

/** Everything about one scenario over its baseline; pure, no IO. */
export function evaluate(baseline: Baseline, scenario: Scenario): ScenarioResult {
  const model = buildModel(baseline, scenario);
  const horizon = scenario.horizonMonths;
  const baselineProjection = project(model.baseStarts, constant(model.baseRates), horizon, baseline.as_of);
  const projection = project(model.starts, constant(model.rates()), horizon, baseline.as_of);
  return {
    scenario,
    baseline,
    baseline_projection: baselineProjection,
    projection,
    comparison: compare(baselineProjection, projection, model.starts),
    monte_carlo: scenario.monteCarlo ? monteCarlo(model, scenario.monteCarlo.runs, scenario.monteCarlo.seed) : null,
    sensitivity: sensitivity(model),
    goal_seek: scenario.goalSeek ? goalSeek(model, scenario.goalSeek) : null,
    warnings: model.warnings,
  };
}

/** Each segment's survival hazard by tenure month (first spells, whole months), for churn by tenure read from it. */
async function segmentHazards(run: RunSql, db: Database, settings: Partial<AnalysisSettings>) {
  const survival = await runSurvival(run, db, settings, { groupBy: 'segment', unit: 'months', spells: 'first', times: [], hazardWidth: 1 });
  return new Map(survival.groups.map((g) => [g.group, g.hazard]));
}

const fromHazard = (s: Scenario) => s.churnModel === 'tenure' && s.tenureRates === 'hazard';
const baselineKey = (s: Scenario) => `${s.trailingMonths}/${s.churnModel}/${fromHazard(s) ? 'hazard' : 'cohorts'}`;

/** The baselines the scenarios need, each read once. */
export async function loadBaselines(run: RunSql, db: Database, settings: Partial<AnalysisSettings>, scenarios: Scenario[]) {
  const ctx = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
  const hazards = scenarios.some(fromHazard) ? await segmentHazards(run, db, settings) : undefined;
  const baselines = new Map<string, Baseline>();
  for (const s of scenarios) {
    const key = baselineKey(s);
    if (!baselines.has(key)) baselines.set(key, await loadBaseline(run, ctx, s, fromHazard(s) ? hazards : undefined));
  }
  return { ctx, baselineOf: (s: Scenario) => baselines.get(baselineKey(s))! };
}

export async function runScenarios(run: RunSql, db: Database, settings: Partial<AnalysisSettings>, inputs: ScenarioInput[]): Promise<ScenarioRunResult> {
  const scenarios = inputs.map((s) => scenarioSchema.parse(s));
  const { ctx, baselineOf } = await loadBaselines(run, db, settings, scenarios);
  return {
    settings: { as_of: ctx.asOfMonth.slice(0, 7), methodology: ctx.methodology, segment_rule: ctx.settings.segmentRule, filters: ctx.settings.filters },
    scenarios: scenarios.map((s) => evaluate(baselineOf(s), s)),
  };
}
