// `churn-workbench scenario [<file>...] --scenario <scenario.json>... [--xlsx <out.xlsx>] [--json <out|->]`
// (docs/SCENARIOS.md): imports the files like analyze, then projects each
// scenario against the baseline read from the workspace's history.
import fs from 'node:fs';
import { scenarioSchema, type ScenarioInput, type ScenarioRunResult } from '../../../shared/scenarios.js';
import { EngineError, fail, ok, type Result } from '../../../shared/result.js';
import type { Engine } from '../../engine/engine.js';
import { writeScenarioWorkbook } from '../../scenarios/xlsx.js';
import { UsageError } from '../options.js';
import { writeJson } from '../output.js';
import { analysisSettings, type AnalyzeFlags } from './analyze.js';
import { runImport } from './importFiles.js';

export interface ScenarioFlags extends AnalyzeFlags {
  scenario?: string[];
  xlsx?: string;
}

/** A scenario file holds one scenario, an array of them, or { "scenarios": [...] }. */
export function readScenarioFile(file: string): ScenarioInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EngineError('invalid_request', code === 'ENOENT' ? `${file}: no such file.` : `${file}: not valid JSON (${(error as Error).message}).`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { scenarios?: unknown }).scenarios ?? [parsed];
  if (!Array.isArray(list) || list.length === 0) throw new EngineError('invalid_request', `${file}: no scenario in it.`);
  return list.map((item, i) => {
    const checked = scenarioSchema.safeParse(item);
    if (!checked.success) {
      const where = list.length > 1 ? ` (scenario ${i + 1})` : '';
      throw new EngineError('invalid_request', `${file}${where}: ${checked.error.issues.map((issue) => `${issue.path.join('.') || 'scenario'}: ${issue.message}`).join('; ')}`);
    }
    return item as ScenarioInput;
  });
}

const money = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${money(Math.abs(v))}`;

function summary(result: ScenarioRunResult): string {
  const lines = [`As of ${result.settings.as_of}`];
  for (const s of result.scenarios) {
    const c = s.comparison;
    lines.push(
      '',
      `Scenario "${s.scenario.name}" — ${s.scenario.horizonMonths} months, trailing ${s.scenario.trailingMonths}, churn ${s.scenario.churnModel}${s.baseline.tenure_rates === 'hazard' ? ' (rates from the survival hazard)' : ''}`,
      `  ARR at horizon: baseline ${money(c.arr_at_horizon_baseline)}, scenario ${money(c.arr_at_horizon_scenario)} (${signed(c.arr_at_horizon_difference)})`,
      `  Revenue over the horizon: ${signed(c.revenue_difference)} (present value ${signed(c.revenue_difference_pv)}); churned MRR avoided ${signed(c.churned_mrr_avoided)}`,
    );
    if (s.monte_carlo) {
      const b = s.monte_carlo.arr_at_horizon;
      lines.push(`  Monte Carlo (${s.monte_carlo.runs} runs, seed ${s.monte_carlo.seed}): ARR at horizon P10 ${money(b.p10)}, P50 ${money(b.p50)}, P90 ${money(b.p90)}`);
    }
    if (s.goal_seek) lines.push(`  Goal seek: ${s.goal_seek.message}`);
    for (const w of s.warnings) lines.push(`  Warning: ${w.message}`);
  }
  lines.push('', 'Use --json <file|-> for every month, segment and band.', '');
  return lines.join('\n');
}

export async function scenarioCommand(engine: Engine, files: string[], flags: ScenarioFlags): Promise<Result<ScenarioRunResult>> {
  if (!flags.scenario?.length) throw new UsageError('scenario needs --scenario <scenario.json> (docs/SCENARIOS.md describes the file).');
  const settings = analysisSettings(flags);
  let scenarios: ScenarioInput[];
  try {
    scenarios = flags.scenario.flatMap(readScenarioFile);
  } catch (error) {
    return fail('invalid_request', (error as Error).message);
  }
  if (files.length) {
    const imported = await runImport(engine, files, flags);
    if (!imported.ok) return imported;
  }
  const run = await engine.invoke('scenarios.run', { settings, scenarios });
  if (!run.ok) return run;
  const result = run.value;
  if (flags.xlsx) await writeScenarioWorkbook(result.scenarios, flags.xlsx);
  if (flags.json) writeJson(flags.json, result);
  else process.stdout.write(summary(result));
  return ok(result);
}
