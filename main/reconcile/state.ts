// What the workspace keeps of a reconciliation: the reference, the tolerance
// last used, the runs and the sign-offs (docs/RECONCILIATION.md, "Sign-off").
import type { AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import { DEFAULT_TOLERANCE, toleranceSchema, type ReconcileResult, type ReferenceInfo, type ReconcileState, type SignOff, type Tolerance } from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';
import { hasModelData } from '../metrics/context.js';

const TOLERANCE_KEY = 'reconcile_tolerance';

const monthOf = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 7));

export async function readReference(db: Database): Promise<ReferenceInfo | null> {
  const [row] = await db.rows(`
    SELECT r.*, CAST(r.fields AS VARCHAR) AS fields_text, CAST(r.imported_at AS VARCHAR) AS imported_text,
      CASE r.layout WHEN 'customer_month' THEN (SELECT CAST(min(month) AS VARCHAR) FROM reconcile.reference_rows)
                    ELSE (SELECT CAST(min(month) AS VARCHAR) FROM reconcile.reference_months) END AS first_month,
      CASE r.layout WHEN 'customer_month' THEN (SELECT CAST(max(month) AS VARCHAR) FROM reconcile.reference_rows)
                    ELSE (SELECT CAST(max(month) AS VARCHAR) FROM reconcile.reference_months) END AS last_month,
      (SELECT count(DISTINCT customer_id) FROM reconcile.reference_rows) AS customers,
      CASE r.layout WHEN 'customer_month' THEN (SELECT count(*) > 0 FROM reconcile.reference_rows WHERE movement IS NOT NULL)
                    ELSE (SELECT count(*) > 0 FROM reconcile.reference_months
                          WHERE coalesce(new, reactivation, expansion, contraction, churn) IS NOT NULL) END AS has_movements
    FROM reconcile.reference r`);
  if (!row) return null;
  const layout = row.layout as ReferenceInfo['layout'];
  return {
    importId: Number(row.import_id),
    file: String(row.file),
    sha256: String(row.sha256),
    preset: (row.preset as string | null) ?? null,
    layout,
    fields: JSON.parse(String(row.fields_text)) as ReferenceInfo['fields'],
    encoding: (row.encoding as string | null) ?? null,
    sheet: (row.sheet as string | null) ?? null,
    currency: (row.currency as string | null) ?? null,
    amountUnit: row.amount_unit === 'cents' ? 'cents' : 'major',
    rowsRead: Number(row.rows_read),
    rowsLoaded: Number(row.rows_loaded),
    rowsRejected: Number(row.rows_rejected),
    firstMonth: monthOf(row.first_month),
    lastMonth: monthOf(row.last_month),
    customers: layout === 'customer_month' ? Number(row.customers) : null,
    hasMovements: row.has_movements === true,
    importedAt: String(row.imported_text).replace(' ', 'T').slice(0, 19) + 'Z',
  };
}

export async function readTolerance(db: Database): Promise<Tolerance> {
  const [row] = await db.rows(`SELECT CAST(value AS VARCHAR) AS v FROM churn.settings WHERE key = '${TOLERANCE_KEY}'`);
  const parsed = row ? toleranceSchema.safeParse(JSON.parse(String(row.v))) : null;
  return parsed?.success ? parsed.data : DEFAULT_TOLERANCE;
}

export async function saveTolerance(db: Database, tolerance: Tolerance): Promise<void> {
  await db.run(`INSERT OR REPLACE INTO churn.settings VALUES ('${TOLERANCE_KEY}', ?)`, [JSON.stringify(tolerance)]);
}

/**
 * What the model's data is, as a sign-off compares it: every model import (its id and file's
 * SHA-256). The model changes only by an import, which always adds one.
 */
export const DATA_VERSION_SQL = `SELECT coalesce(string_agg(CAST(import_id AS VARCHAR) || ':' || coalesce(sha256, ''), ',' ORDER BY import_id), '') AS v
  FROM churn.imports WHERE kind IS DISTINCT FROM 'reference'`;

/** Runs kept besides the signed ones: enough for a screen and a report run side by side. */
const RUNS_KEPT = 20;

/** JSON with its keys sorted: the same settings however they were given (or parsed) are the same text. */
function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sort(x)]))
      : v;
  return JSON.stringify(sort(value));
}

/** What a run was computed under, as the runs table keeps it: the analysis settings resolved (metricContext) and the as-of month. */
export const runSettingsJson = (settings: AnalysisSettings, asOfMonth: string) => sortedJson({ settings, asOfMonth });

/** Keeps a run's result and what it was computed from (`settingsJson`: runSettingsJson); older unsigned runs are dropped. */
export async function saveRun(db: Database, result: ReconcileResult, settingsJson: string, dataVersion: string): Promise<void> {
  await db.run(
    `INSERT INTO reconcile.runs VALUES (?, now()::TIMESTAMP, ?, ?, ?, ?, ?, ?, ${result.total.difference}, ${result.total.unexplained.amount}, ?)`,
    [result.runId, result.reference.importId, result.reference.sha256, dataVersion, settingsJson, sortedJson(result.tolerance), result.preset, JSON.stringify(result)],
  );
  await db.run(`DELETE FROM reconcile.runs WHERE run_id NOT IN (SELECT run_id FROM reconcile.sign_offs WHERE run_id IS NOT NULL)
    AND run_id NOT IN (SELECT run_id FROM reconcile.runs ORDER BY ran_at DESC, run_id LIMIT ${RUNS_KEPT})`);
}

/**
 * Why what was computed from a reference import, its SHA-256 and a data version no longer stands,
 * as SQL ('reference', 'data' or NULL). Sign-offs made before runs were kept have only the SHA-256.
 */
function staleSql(importId: string, sha256: string, dataVersion: string): string {
  return `CASE
    WHEN ${importId} IS NULL THEN CASE WHEN ${sha256} IS DISTINCT FROM (SELECT sha256 FROM reconcile.reference) THEN 'reference' END
    WHEN ${importId} IS DISTINCT FROM (SELECT import_id FROM reconcile.reference) THEN 'reference'
    WHEN ${dataVersion} IS DISTINCT FROM (${DATA_VERSION_SQL}) THEN 'data' END`;
}

/**
 * The latest kept run computed from the current reference and model data under these settings
 * (runSettingsJson) and tolerance, with the sign-off as it is now; null when there is none.
 */
export async function readCurrentRun(db: Database, settingsJson: string, tolerance: Tolerance): Promise<ReconcileResult | null> {
  const [row] = await db.rows(
    `SELECT CAST(result AS VARCHAR) AS result FROM reconcile.runs
     WHERE reference_import_id IS NOT NULL AND (${staleSql('reference_import_id', 'reference_sha256', 'data_version')}) IS NULL
       AND CAST(settings AS VARCHAR) = ? AND CAST(tolerance AS VARCHAR) = ?
     ORDER BY ran_at DESC, run_id LIMIT 1`,
    [settingsJson, sortedJson(tolerance)],
  );
  if (!row) return null;
  return { ...(JSON.parse(String(row.result)) as ReconcileResult), signOff: await readSignOff(db) };
}

export async function readSignOff(db: Database): Promise<SignOff | null> {
  const [row] = await db.rows(`
    SELECT s.*, CAST(s.signed_at AS VARCHAR) AS at_text, CAST(s.tolerance AS VARCHAR) AS tolerance_text,
           CAST(s.difference AS DOUBLE) AS difference_value, CAST(s.unexplained AS DOUBLE) AS unexplained_value,
           ${staleSql('r.reference_import_id', 's.reference_sha256', 'r.data_version')} AS stale
    FROM reconcile.sign_offs s LEFT JOIN reconcile.runs r ON r.run_id = s.run_id
    ORDER BY s.signed_at DESC LIMIT 1`);
  if (!row) return null;
  const stale = row.stale === 'reference' || row.stale === 'data' ? row.stale : null;
  return {
    by: String(row.by),
    at: String(row.at_text).replace(' ', 'T').slice(0, 19) + 'Z',
    note: String(row.note ?? ''),
    referenceSha256: String(row.reference_sha256),
    tolerance: toleranceSchema.parse(JSON.parse(String(row.tolerance_text))),
    preset: String(row.preset),
    difference: Number(row.difference_value),
    unexplained: Number(row.unexplained_value),
    runId: (row.run_id as string | null) ?? null,
    current: stale === null,
    staleBecause: stale,
  };
}

/**
 * Signs off a kept run as it was answered: its amounts, tolerance and reference are copied, nothing
 * is computed. A run whose reference or data has changed since is refused, saying which.
 */
export async function signOffRun(db: Database, runId: string, by: string, note: string): Promise<SignOff> {
  const [run] = await db.rows(`SELECT ${staleSql('reference_import_id', 'reference_sha256', 'data_version')} AS stale FROM reconcile.runs WHERE run_id = ?`, [runId]);
  if (!run) throw new EngineError('not_found', 'This reconciliation run is no longer kept in the workspace: run the reconciliation again, then sign off.');
  if (run.stale === 'reference') throw new EngineError('invalid_request', 'Another reference has been imported since this reconciliation ran: run it again, then sign off.');
  if (run.stale === 'data') throw new EngineError('invalid_request', 'The model’s data has been imported again since this reconciliation ran: run it again, then sign off.');
  await db.run(
    `INSERT INTO reconcile.sign_offs (signed_at, "by", note, reference_sha256, tolerance, preset, difference, unexplained, run_id)
     SELECT now()::TIMESTAMP, ?, ?, reference_sha256, tolerance, preset, difference, unexplained, run_id FROM reconcile.runs WHERE run_id = ?`,
    [by, note, runId],
  );
  return (await readSignOff(db))!;
}

export async function reconcileState(db: Database): Promise<ReconcileState> {
  return { reference: await readReference(db), modelHasData: await hasModelData(db), tolerance: await readTolerance(db), signOff: await readSignOff(db) };
}
