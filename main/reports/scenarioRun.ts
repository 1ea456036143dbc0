// Which scenarios a report shows, run with the report's own analysis settings
// (as-of month, filters, segment rule, methodology) on the job's connection
// when there is one. The default sections hold the scenarios section only when
// there is a scenario to show, so a workspace without any reports as before.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import type { ReportOptions } from '../../shared/reports.js';
import type { ScenarioInput, ScenarioRunResult } from '../../shared/scenarios.js';
import type { Database } from '../runtime/database.js';
import { sqlRunner } from '../runtime/sqlRunner.js';
import { runScenarios } from '../scenarios/run.js';
import { listScenarios } from '../scenarios/store.js';

export const NO_SCENARIO_MESSAGE =
  'The Scenarios section needs a scenario: save one in the Scenarios screen, or pass --scenario <scenario.json> on the command line.';

/** The scenarios' results for the report, or null when it has no scenarios section. */
export async function reportScenarios(
  db: Database,
  settings: Partial<AnalysisSettings>,
  report: ReportOptions,
  connection?: DuckDBConnection,
): Promise<ScenarioRunResult | null> {
  const asked = report.sections?.includes('scenarios') ?? false;
  if (report.sections && !asked) return null;
  const scenarios: ScenarioInput[] = report.scenarios ?? (await listScenarios(db)).map((saved) => saved.scenario);
  if (scenarios.length === 0) {
    if (asked) throw new EngineError('invalid_request', NO_SCENARIO_MESSAGE);
    return null;
  }
  return runScenarios(sqlRunner(db, connection), db, settings, scenarios);
}
