// The canonical churn model (docs/DATA_MODEL.md): every import writes these
// tables, every metric reads them. Money is DECIMAL so sums are exact.
import type { DuckDBConnection } from '@duckdb/node-api';
import { WORKSPACE_SOURCES, type ModelSources } from './sources.js';

export const MODEL_DDL = `
CREATE SCHEMA IF NOT EXISTS churn;
-- No primary key (the import's MERGE keeps one row per customer): the key's ART index cost a second per million customers at every commit.
CREATE TABLE IF NOT EXISTS churn.customers (
  customer_id VARCHAR, name VARCHAR, first_seen DATE, employees BIGINT,
  annual_revenue DECIMAL(18,2), contract_value DECIMAL(18,2), segment VARCHAR, country VARCHAR, industry VARCHAR);
CREATE TABLE IF NOT EXISTS churn.customer_attributes (customer_id VARCHAR, attribute VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS churn.subscriptions (
  import_id INTEGER, customer_id VARCHAR, subscription_id VARCHAR, plan VARCHAR,
  start_date DATE, end_date DATE, canceled_at DATE, mrr DECIMAL(18,6), currency VARCHAR,
  status VARCHAR, cancellation_reason VARCHAR, churn_type VARCHAR, is_trial BOOLEAN, source_line BIGINT,
  pause_date DATE, resume_date DATE);
-- Workspaces made before pauses were read: their subscriptions have none.
ALTER TABLE churn.subscriptions ADD COLUMN IF NOT EXISTS pause_date DATE;
ALTER TABLE churn.subscriptions ADD COLUMN IF NOT EXISTS resume_date DATE;
CREATE TABLE IF NOT EXISTS churn.revenue_lines (
  import_id INTEGER, customer_id VARCHAR, period_start DATE, period_end DATE, amount DECIMAL(18,6),
  currency VARCHAR, is_refund BOOLEAN, is_one_off BOOLEAN, source_line BIGINT, has_period BOOLEAN);
-- Workspaces made before invoices were coverage: their lines (has_period NULL) stay transactions.
ALTER TABLE churn.revenue_lines ADD COLUMN IF NOT EXISTS has_period BOOLEAN;
CREATE TABLE IF NOT EXISTS churn.mrr_snapshots (
  import_id INTEGER, customer_id VARCHAR, month DATE, mrr DECIMAL(18,6), currency VARCHAR, source_line BIGINT);
CREATE TABLE IF NOT EXISTS churn.customer_list (
  import_id INTEGER, customer_id VARCHAR, start_date DATE, tenure_months INTEGER, canceled_at DATE,
  churned BOOLEAN, mrr DECIMAL(18,6), currency VARCHAR, cancellation_reason VARCHAR, churn_type VARCHAR, source_line BIGINT);
CREATE TABLE IF NOT EXISTS churn.churn_events (
  import_id INTEGER, customer_id VARCHAR, date DATE, reason VARCHAR, churn_type VARCHAR, source_line BIGINT);
CREATE TABLE IF NOT EXISTS churn.fx_rates (currency VARCHAR PRIMARY KEY, rate DECIMAL(18,8));
CREATE TABLE IF NOT EXISTS churn.customer_month (customer_id VARCHAR, month DATE, mrr DECIMAL(18,6), cidx INTEGER);
CREATE TABLE IF NOT EXISTS churn.customer_month_by_cancellation (customer_id VARCHAR, month DATE, mrr DECIMAL(18,6), cidx INTEGER);
-- No primary key: the rebuild numbers each id once, and the key's index cost a second per million customers to write at commit.
CREATE TABLE IF NOT EXISTS churn.customer_index (customer_id VARCHAR, cidx INTEGER);
-- Workspaces made before customer_month carried the customer index (customer_month_by_cancellation: ensureModel).
ALTER TABLE churn.customer_month ADD COLUMN IF NOT EXISTS cidx INTEGER;
CREATE TABLE IF NOT EXISTS churn.imports (
  import_id INTEGER PRIMARY KEY, file VARCHAR, sha256 VARCHAR, kind VARCHAR, encoding VARCHAR, sheet VARCHAR,
  mapping JSON, rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, imported_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS churn.audit (import_id INTEGER, "check" VARCHAR, severity VARCHAR, count BIGINT, examples JSON, amount DECIMAL(18,2));
-- The amount of the rows a check counts (skipped invoices, rows without a customer), where it has one.
ALTER TABLE churn.audit ADD COLUMN IF NOT EXISTS amount DECIMAL(18,2);
CREATE TABLE IF NOT EXISTS churn.rejects (
  import_id INTEGER, file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR, raw JSON);
CREATE TABLE IF NOT EXISTS churn.settings (key VARCHAR PRIMARY KEY, value JSON);
CREATE TABLE IF NOT EXISTS churn.mappings (header VARCHAR PRIMARY KEY, kind VARCHAR, fields JSON, day_first BOOLEAN, saved_at TIMESTAMP);
-- The user's word on whether the amount includes the tax (NULL: decided from the file each time).
ALTER TABLE churn.mappings ADD COLUMN IF NOT EXISTS amount_includes_tax BOOLEAN;
-- The user's billing intervals for a subscriptions file without an interval column: {interval?, intervalByPlan?} (NULL: none given).
ALTER TABLE churn.mappings ADD COLUMN IF NOT EXISTS intervals JSON;
`;

/** The customer index over the ids `ids` lists (NULL left out): a new table each time (also in workspaces whose index had a primary key, see MODEL_DDL). */
const indexSql = (ids: string) => `
CREATE OR REPLACE TABLE churn.customer_index AS
SELECT customer_id, CAST(row_number() OVER (ORDER BY customer_id) AS INTEGER) AS cidx FROM (
  ${ids}
) WHERE customer_id IS NOT NULL;
`;

const sourceIds = (s: ModelSources) => `SELECT customer_id FROM ${s.subscriptions} UNION SELECT customer_id FROM ${s.revenue_lines}
  UNION SELECT customer_id FROM ${s.mrr_snapshots} UNION SELECT customer_id FROM churn.customers
  UNION SELECT customer_id FROM ${s.customer_list}`;

/**
 * Numbers every customer the workspace knows, densely in id order
 * (docs/DATA_MODEL.md, "Customer index"). The metric SQL joins and orders by
 * this integer instead of the text id: at millions of customer-months that is
 * most of the cost of a pass. The import runs it before rebuilding
 * customer_month, which then carries the number: from the tables the import
 * writes, which hold every id customer_month is rebuilt from (so reading the
 * customer_month tables too, a second import paid for two passes over every
 * customer-month for no new id).
 */
export const customerIndexSql = (sources: ModelSources = WORKSPACE_SOURCES) => indexSql(sourceIds(sources));

/** Also the ids of customer_month rows written otherwise than by an import (tests, older workspaces). */
const INDEX_CUSTOMER_MONTH_SQL = `${indexSql(`${sourceIds(WORKSPACE_SOURCES)}
  UNION SELECT customer_id FROM churn.customer_month UNION SELECT customer_id FROM churn.customer_month_by_cancellation`)}
UPDATE churn.customer_month SET cidx = i.cidx FROM churn.customer_index i WHERE i.customer_id = customer_month.customer_id;`;

/** The index, and its numbers written into customer_month rows written without them (older workspaces, tests). */
export const INDEX_CUSTOMERS_SQL = `${INDEX_CUSTOMER_MONTH_SQL}
UPDATE churn.customer_month_by_cancellation SET cidx = i.cidx FROM churn.customer_index i
  WHERE i.customer_id = customer_month_by_cancellation.customer_id;
`;

/**
 * Whether churn.customer_month_by_cancellation is a view of customer_month:
 * the import makes it one when no subscription was cancelled before its end
 * (its rows would be customer_month's), instead of copying every row
 * (main/ingest/normalize/customerMonth.ts); a table otherwise, and in
 * workspaces made before.
 */
export async function byCancellationIsView(connection: DuckDBConnection): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) > 0 AS yes FROM duckdb_views()
     WHERE database_name = current_database() AND schema_name = 'churn' AND view_name = 'customer_month_by_cancellation'`,
  );
  return reader.getRowObjects()[0]?.yes === true;
}

/** Whether churn.customers still has the primary key of workspaces made before MODEL_DDL dropped it. */
const CUSTOMERS_KEYED_SQL = `SELECT count(*) > 0 AS yes FROM duckdb_constraints()
  WHERE database_name = current_database() AND schema_name = 'churn' AND table_name = 'customers' AND constraint_type = 'PRIMARY KEY'`;

/** Whether a workspace from before the customer index needs it built. */
const NEEDS_INDEX_SQL = `SELECT EXISTS (SELECT 1 FROM churn.customer_month WHERE cidx IS NULL)
  OR EXISTS (SELECT 1 FROM churn.customer_month_by_cancellation WHERE cidx IS NULL) AS yes`;

export async function ensureModel(connection: DuckDBConnection): Promise<void> {
  await connection.run(MODEL_DDL);
  // Once per older workspace: the same rows in a table without the key.
  const keyed = (await connection.runAndReadAll(CUSTOMERS_KEYED_SQL)).getRowObjects()[0];
  if (keyed?.yes === true) await connection.run('CREATE OR REPLACE TABLE churn.customers AS FROM churn.customers');
  const view = await byCancellationIsView(connection);
  if (!view) await connection.run('ALTER TABLE churn.customer_month_by_cancellation ADD COLUMN IF NOT EXISTS cidx INTEGER');
  const needs = (await connection.runAndReadAll(NEEDS_INDEX_SQL)).getRowObjects()[0];
  // A view has customer_month's numbers.
  if (needs?.yes === true) await connection.run(view ? INDEX_CUSTOMER_MONTH_SQL : INDEX_CUSTOMERS_SQL);
}
