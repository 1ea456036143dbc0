// The survival analysis a report shows (main/metrics/survival/), run with the
// report's own analysis settings on the job's connection when there is one;
// grouped by segment unless the report's options say otherwise.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisSettings } from '../../shared/metrics.js';
import type { ReportOptions } from '../../shared/reports.js';
import type { SurvivalResult } from '../../shared/survival.js';
import type { Database } from '../runtime/database.js';
import { sqlRunner } from '../runtime/sqlRunner.js';
import { runSurvival } from '../metrics/survival/run.js';

/** The survival result for the report, or null when it has no survival section. */
export async function reportSurvival(
  db: Database,
  settings: Partial<AnalysisSettings>,
  report: ReportOptions,
  connection?: DuckDBConnection,
): Promise<SurvivalResult | null> {
  if (report.sections && !report.sections.includes('survival')) return null;
  return runSurvival(sqlRunner(db, connection), db, settings, { groupBy: 'segment', ...report.survival });
}
