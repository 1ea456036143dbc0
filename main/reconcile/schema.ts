// The reference a reconciliation compares with, kept in the workspace beside
// the model (docs/RECONCILIATION.md): one reference at a time (importing
// another replaces it), its rows in the reporting currency, and the sign-offs.
import type { DuckDBConnection } from '@duckdb/node-api';

export const RECONCILE_DDL = `
CREATE SCHEMA IF NOT EXISTS reconcile;
CREATE TABLE IF NOT EXISTS reconcile.reference (
  import_id INTEGER, file VARCHAR, sha256 VARCHAR, preset VARCHAR, layout VARCHAR, fields JSON, encoding VARCHAR, sheet VARCHAR,
  currency VARCHAR, amount_unit VARCHAR, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, imported_at TIMESTAMP);
-- customer_month layout: one row per customer and month, MRR in the reporting currency.
CREATE TABLE IF NOT EXISTS reconcile.reference_rows (
  customer_id VARCHAR, month DATE, mrr DECIMAL(18,6), movement VARCHAR, source_line BIGINT);
-- monthly layout: one row per month; NULL where the file has no such column.
CREATE TABLE IF NOT EXISTS reconcile.reference_months (
  month DATE, mrr DECIMAL(18,6), customers BIGINT, new DECIMAL(18,6), reactivation DECIMAL(18,6), expansion DECIMAL(18,6),
  contraction DECIMAL(18,6), churn DECIMAL(18,6), source_line BIGINT);
CREATE TABLE IF NOT EXISTS reconcile.sign_offs (
  signed_at TIMESTAMP, "by" VARCHAR, note VARCHAR, reference_sha256 VARCHAR, tolerance JSON, preset VARCHAR,
  difference DECIMAL(18,6), unexplained DECIMAL(18,6));
-- The run a sign-off signs (NULL in sign-offs made before runs were kept).
ALTER TABLE reconcile.sign_offs ADD COLUMN IF NOT EXISTS run_id VARCHAR;
-- Each run's result, and what it was computed from: a sign-off signs a stored run instead of
-- computing it again, and is no longer current once the reference or the model data has changed.
CREATE TABLE IF NOT EXISTS reconcile.runs (
  run_id VARCHAR PRIMARY KEY, ran_at TIMESTAMP, reference_import_id INTEGER, reference_sha256 VARCHAR, data_version VARCHAR,
  settings JSON, tolerance JSON, preset VARCHAR, difference DECIMAL(18,6), unexplained DECIMAL(18,6), result JSON);
`;

export async function ensureReconcile(connection: DuckDBConnection): Promise<void> {
  await connection.run(RECONCILE_DDL);
}
