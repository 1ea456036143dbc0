// The reconciliation a report shows (main/reconcile/): the imported reference
// against ours under the report's own analysis settings and the workspace's
// saved tolerance, and its unexplained customer-months, on the job's
// connection when there is one. A run kept in the workspace under the same
// settings, tolerance, reference and data is read instead of computed again;
// its unexplained rows come from the engine's last computed rows when they
// are that run's, else are computed. The default sections hold the reconciliation
// only when a reference is imported, so a workspace without one reports as
// before; asking for the section without a reference is refused.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import type { ReportOptions } from '../../shared/reports.js';
import type { Database } from '../runtime/database.js';
import { drillRows } from '../reconcile/drill.js';
import { connectionRunner, currentOrNewRun, rowsFor } from '../reconcile/run.js';
import { ensureReconcile } from '../reconcile/schema.js';
import { readReference, readTolerance } from '../reconcile/state.js';
import type { ReportReconciliation } from './sections/reconciliation.js';

export const NO_REFERENCE_MESSAGE =
  'The Reconciliation section needs a reference: import the billing system’s own MRR in the Reconciliation screen, or with churn-workbench reconcile --reference <file>.';

/** The exports list at most this many unexplained customer-months; the section says how many there are. */
export const UNEXPLAINED_LIMIT = 5000;

/** The reconciliation for the report, or null when it has no reconciliation section. */
export async function reportReconciliation(
  db: Database,
  settings: Partial<AnalysisSettings>,
  report: ReportOptions,
  connection?: DuckDBConnection,
): Promise<ReportReconciliation | null> {
  const asked = report.sections?.includes('reconciliation') ?? false;
  if (report.sections && !asked) return null;
  const own = connection ? null : await db.connect();
  const conn = connection ?? own!;
  try {
    // Older workspaces have no reconcile schema yet: then there is no reference either.
    await ensureReconcile(conn);
    if (!(await readReference(db))) {
      if (asked) throw new EngineError('invalid_request', NO_REFERENCE_MESSAGE);
      return null;
    }
    const run = connectionRunner(conn);
    const tolerance = await readTolerance(db);
    // The screen's run when it stands for the report's settings, the tolerance and the current data.
    const result = await currentOrNewRun(db, run, settings, tolerance);
    // A reference of month totals has no customers to list; nothing unexplained, none to look up.
    if (result.reference.layout !== 'customer_month' || (result.total.unexplained.customers === 0 && result.total.unexplained.amount === 0)) {
      return { result, unexplained: [], unexplainedTotal: 0 };
    }
    const { total, rows } = await drillRows(run, await rowsFor(db, run, settings, tolerance), { month: null, part: 'unexplained', offset: 0, limit: UNEXPLAINED_LIMIT });
    return { result, unexplained: rows, unexplainedTotal: total };
  } finally {
    own?.closeSync();
  }
}
