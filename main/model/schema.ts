// The canonical churn model (docs/DATA_MODEL.md): every import writes these
// tables, every metric reads them. Money is DECIMAL so sums are exact.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../runtime/database.js';
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
-- customer_month's rows, keyed by the customer index only (churn.customer_month is them with the ids: CUSTOMER_MONTH_VIEWS).
CREATE TABLE IF NOT EXISTS churn.customer_month_rows (cidx INTEGER, month DATE, mrr DECIMAL(18,6));
-- A table, or a view of customer_month_rows when nothing was cancelled early (byCancellationSql).
CREATE TABLE IF NOT EXISTS churn.customer_month_by_cancellation_rows (cidx INTEGER, month DATE, mrr DECIMAL(18,6));
-- No primary key: the rebuild numbers each id once, and the key's index cost a second per million customers to write at commit.
CREATE TABLE IF NOT EXISTS churn.customer_index (customer_id VARCHAR, cidx INTEGER);
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

/**
 * churn.customer_month and churn.customer_month_by_cancellation as users and
 * the SQL console know them: each customer's months with the customer's id.
 * The rows are stored by the customer index alone (customer_month_rows): a
 * million customers' text ids, written, sorted and joined back at every
 * import, were a third of rebuilding the table, and the metrics read the
 * integer only.
 */
const CUSTOMER_MONTH_VIEWS = ['customer_month', 'customer_month_by_cancellation']
  .map(
    (name) => `CREATE VIEW IF NOT EXISTS churn.${name} AS
SELECT i.customer_id, r.month, r.mrr, r.cidx FROM churn.${name}_rows r JOIN churn.customer_index i ON i.cidx = r.cidx;`,
  )
  .join('\n');

/**
 * Customer-months given by customer id, `relation` (customer_id, month, mrr),
 * added to customer_month_rows (and, with `byCancellation`, to its variant
 * too), the customer index renumbered to hold their ids and the rows already
 * there moved to their new numbers. What tests write hand-made data with, and
 * how a workspace made before customer_month_rows is carried over.
 */
export function customerMonthFromIdsSql(relation: string, byCancellation: boolean): string {
  const rows = ['customer_month_rows', ...(byCancellation ? ['customer_month_by_cancellation_rows'] : [])];
  return `
CREATE OR REPLACE TEMP TABLE cw_added_months AS SELECT customer_id, month, mrr FROM ${relation};
CREATE OR REPLACE TEMP TABLE cw_old_index AS FROM churn.customer_index;
${indexSql(`${sourceIds(WORKSPACE_SOURCES)} UNION SELECT customer_id FROM cw_old_index UNION SELECT customer_id FROM cw_added_months`)}
${rows
  .map(
    (table) => `UPDATE churn.${table} SET cidx = n.cidx FROM cw_old_index o JOIN churn.customer_index n ON n.customer_id = o.customer_id WHERE ${table}.cidx = o.cidx;
INSERT INTO churn.${table} SELECT i.cidx, a.month, a.mrr FROM cw_added_months a JOIN churn.customer_index i ON i.customer_id = a.customer_id;`,
  )
  .join('\n')}
DROP TABLE cw_added_months; DROP TABLE cw_old_index;`;
}

/**
 * Whether churn.customer_month_by_cancellation_rows is a view of
 * customer_month_rows: the import makes it one when no subscription was
 * cancelled before its end (its rows would be customer_month's), instead of
 * copying every row (main/ingest/normalize/customerMonth.ts); a table otherwise.
 */
export async function byCancellationIsView(connection: DuckDBConnection): Promise<boolean> {
  return isObject(connection, 'customer_month_by_cancellation_rows', 'view');
}

async function isObject(connection: DuckDBConnection, name: string, kind: 'view' | 'table'): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    kind === 'view'
      ? `SELECT count(*) > 0 AS yes FROM duckdb_views() WHERE database_name = current_database() AND schema_name = 'churn' AND view_name = '${name}'`
      : `SELECT count(*) > 0 AS yes FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'churn' AND table_name = '${name}'`,
  );
  return reader.getRowObjects()[0]?.yes === true;
}

/** Whether churn.customers still has the primary key of workspaces made before MODEL_DDL dropped it. */
const CUSTOMERS_KEYED_SQL = `SELECT count(*) > 0 AS yes FROM duckdb_constraints()
  WHERE database_name = current_database() AND schema_name = 'churn' AND table_name = 'customers' AND constraint_type = 'PRIMARY KEY'`;

/**
 * A workspace made before customer_month_rows: its customer_month tables (with
 * ids, their index perhaps missing) become rows by index and the views.
 */
async function carryOverCustomerMonth(connection: DuckDBConnection): Promise<void> {
  const byCancellationTable = await isObject(connection, 'customer_month_by_cancellation', 'table');
  await connection.run(customerMonthFromIdsSql('churn.customer_month', false));
  if (byCancellationTable) {
    await connection.run(`DROP TABLE churn.customer_month_by_cancellation_rows;
CREATE TABLE churn.customer_month_by_cancellation_rows (cidx INTEGER, month DATE, mrr DECIMAL(18,6));
INSERT INTO churn.customer_month_by_cancellation_rows SELECT i.cidx, m.month, m.mrr FROM churn.customer_month_by_cancellation m JOIN churn.customer_index i ON i.customer_id = m.customer_id;
DROP TABLE churn.customer_month_by_cancellation;`);
  } else {
    await connection.run(`DROP TABLE churn.customer_month_by_cancellation_rows;
CREATE VIEW churn.customer_month_by_cancellation_rows AS SELECT cidx, month, mrr FROM churn.customer_month_rows;
DROP VIEW IF EXISTS churn.customer_month_by_cancellation;`);
  }
  await connection.run('DROP TABLE churn.customer_month');
}

/**
 * The workspaces (open Databases) whose model ensureModel has made: once per
 * open, since a Database lives as long as its file is open, and reopening the
 * file (another workspace, or the same one after compacting) makes a new one.
 * Nothing drops the model meanwhile (the SQL console never changes the churn
 * schema). Each import, preview and reference import used to pay the
 * catalog's lookups and the DDL again (~20 ms of a 100k-customer import).
 */
const ensured = new WeakSet<Database>();

/**
 * The churn model's tables and views in `db`'s workspace, older layouts
 * carried over (`connection` is one of db's, outside a transaction): at the
 * first call for an open Database, nothing after.
 */
export async function ensureModel(db: Database, connection: DuckDBConnection): Promise<void> {
  if (ensured.has(db)) return;
  await createModel(connection);
  ensured.add(db);
}

async function createModel(connection: DuckDBConnection): Promise<void> {
  await connection.run(MODEL_DDL);
  // Once per older workspace: the same rows in a table without the key.
  const keyed = (await connection.runAndReadAll(CUSTOMERS_KEYED_SQL)).getRowObjects()[0];
  if (keyed?.yes === true) await connection.run('CREATE OR REPLACE TABLE churn.customers AS FROM churn.customers');
  if (await isObject(connection, 'customer_month', 'table')) await carryOverCustomerMonth(connection);
  await connection.run(CUSTOMER_MONTH_VIEWS);
}
