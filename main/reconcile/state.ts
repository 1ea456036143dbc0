// What the workspace keeps of a reconciliation: the reference, the tolerance
// last used, and the sign-offs (docs/RECONCILIATION.md, "Sign-off").
import { DEFAULT_TOLERANCE, toleranceSchema, type ReferenceInfo, type ReconcileState, type SignOff, type Tolerance } from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';

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

export async function readSignOff(db: Database): Promise<SignOff | null> {
  const [row] = await db.rows(`
    SELECT s.*, CAST(s.signed_at AS VARCHAR) AS at_text, CAST(s.tolerance AS VARCHAR) AS tolerance_text,
           CAST(s.difference AS DOUBLE) AS difference_value, CAST(s.unexplained AS DOUBLE) AS unexplained_value,
           s.reference_sha256 IS NOT DISTINCT FROM (SELECT sha256 FROM reconcile.reference) AS is_current
    FROM reconcile.sign_offs s ORDER BY s.signed_at DESC LIMIT 1`);
  if (!row) return null;
  return {
    by: String(row.by),
    at: String(row.at_text).replace(' ', 'T').slice(0, 19) + 'Z',
    note: String(row.note ?? ''),
    referenceSha256: String(row.reference_sha256),
    tolerance: toleranceSchema.parse(JSON.parse(String(row.tolerance_text))),
    preset: String(row.preset),
    difference: Number(row.difference_value),
    unexplained: Number(row.unexplained_value),
    current: row.is_current === true,
  };
}

export async function reconcileState(db: Database): Promise<ReconcileState> {
  return { reference: await readReference(db), tolerance: await readTolerance(db), signOff: await readSignOff(db) };
}
