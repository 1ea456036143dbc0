// The console's guard on DuckDB's own parser (an in-memory workspace, nothing
// run): what it lets through as a query or a write of the user's own, and what
// it refuses — writes to the churn model, its audit, the imported tables and the
// app's schemas; file reads and writes; extensions; settings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import { planStatements } from '../../main/console/guard.js';
import { EngineError } from '../../shared/result.js';

let engine: Engine;
let connection: DuckDBConnection;

before(async () => {
  engine = await Engine.open(null);
  connection = await engine.database.connect();
});
after(() => {
  connection.closeSync();
  engine.close();
});

async function refusal(sql: string): Promise<EngineError> {
  try {
    await planStatements(connection, sql);
  } catch (error) {
    assert.ok(error instanceof EngineError, String(error));
    return error;
  }
  assert.fail(`expected ${JSON.stringify(sql)} to be refused`);
}

const kinds = async (sql: string) => (await planStatements(connection, sql)).map((plan) => plan.kind);

test('queries of every shape pass as queries', async () => {
  assert.deepEqual(await kinds('SELECT * FROM churn.customers'), ['query']);
  assert.deepEqual(await kinds('with q as (select 1 as a) select * from q'), ['query']);
  assert.deepEqual(await kinds('FROM churn.customer_month LIMIT 3'), ['query']);
  assert.deepEqual(await kinds('VALUES (1), (2)'), ['query']);
  assert.deepEqual(await kinds('DESCRIBE churn.customers'), ['query']);
  assert.deepEqual(await kinds('SUMMARIZE churn.customers'), ['query']);
  assert.deepEqual(await kinds('(SELECT 1) UNION ALL (SELECT 2)'), ['query']);
  assert.deepEqual(await kinds('SELECT * FROM range(10) r, generate_series(1, 3) g'), ['query']);
  assert.deepEqual(await kinds('SELECT * FROM duckdb_tables()'), ['query']);
  assert.deepEqual(await kinds('EXPLAIN SELECT count(*) FROM churn.customers; explain analyze FROM churn.customers'), ['explain', 'explain']);
  // A semicolon and a DROP inside a string or a comment are text, not statements.
  assert.deepEqual(await kinds("SELECT 'a; DROP TABLE churn.customers' AS s -- ; DROP SCHEMA churn\n; /* ; */ SELECT 2"), ['query', 'query']);
});

test('writes to a schema of the user\'s own pass as writes', async () => {
  assert.deepEqual(
    await kinds(
      `CREATE SCHEMA IF NOT EXISTS mine;
       CREATE OR REPLACE TABLE mine.big_customers AS SELECT * FROM churn.customers;
       CREATE TABLE "Mine".t (a INTEGER);
       INSERT INTO mine.t SELECT 1;
       INSERT INTO mine.t (a) VALUES (2);
       UPDATE mine.t SET a = a + 1 WHERE a > 1;
       DELETE FROM mine.t WHERE a IN (SELECT 1);
       CREATE VIEW mine.v AS SELECT count(*) FROM churn.customer_month;
       ALTER TABLE mine.t RENAME TO t2;
       DROP VIEW mine.v;
       DROP TABLE IF EXISTS mine.t2;
       DROP SCHEMA mine CASCADE`,
    ),
    Array(12).fill('write'),
  );
});

test('nothing typed can change or drop the churn model, its audit, the imported tables or the app\'s schemas', async () => {
  const db = String((await engine.database.rows('SELECT current_database() AS d'))[0]!.d);
  const attempts = [
    'DROP TABLE churn.customers',
    'DROP SCHEMA churn CASCADE',
    'DROP SCHEMA IF EXISTS "CHURN" CASCADE',
    'DELETE FROM churn.customer_month',
    'UPDATE churn.subscriptions SET mrr = 0',
    'INSERT INTO churn.churn_events SELECT * FROM churn.churn_events',
    'CREATE OR REPLACE TABLE churn.customers AS SELECT 1 AS a',
    'CREATE TABLE churn.extra (a INTEGER)',
    'CREATE VIEW churn.v AS SELECT 1',
    'ALTER TABLE churn.customers RENAME TO gone',
    'ALTER TABLE "churn"."customers" ADD COLUMN x INTEGER',
    `DROP TABLE ${db}.churn.customers`,
    `DROP TABLE "${db}".churn.customers`,
    'DELETE FROM cw_meta.sources',
    'DROP TABLE cw_console.history',
    'DELETE FROM cw_console.saved',
    'CREATE TABLE cw_results.main.r1 AS SELECT 1',
    'DROP TABLE plans',
    'CREATE TABLE plans2 AS SELECT 1',
    'CREATE TABLE main.plans2 AS SELECT 1',
    'INSERT OR REPLACE INTO churn.settings VALUES (1, 2)',
    'CREATE SCHEMA cw_mine',
    'CREATE TEMP TABLE t AS SELECT 1',
    'TRUNCATE churn.customers',
    'SELECT 1; DROP TABLE churn.customers',
    'MERGE INTO churn.customers USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE',
    'CREATE MACRO mine.m(x) AS x + 1',
    'CREATE SEQUENCE mine.s',
    "SELECT nextval('cw_console.history_id')",
  ];
  for (const sql of attempts) {
    const error = await refusal(sql);
    assert.equal(error.code, 'refused', `${sql}: ${error.message}`);
  }
  assert.match((await refusal('DROP TABLE churn.customers')).message, /cannot change the churn schema: it holds the churn model and its audit/);
  assert.match((await refusal('DROP TABLE plans')).message, /CREATE SCHEMA IF NOT EXISTS mine/);
});

test('console SQL reads no files and writes none', async () => {
  const attempts = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    "FROM 'data.parquet'",
    'SELECT * FROM "customers.csv"',
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/home/*')",
    "SELECT * FROM parquet_metadata('x.parquet')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "WITH q AS (SELECT * FROM read_json('x.json')) SELECT * FROM q",
    "SELECT (SELECT count(*) FROM read_parquet('x.parquet')) AS n",
    "SELECT * FROM query('SELECT * FROM read_csv(''/etc/passwd'')')",
    "SELECT * FROM query_table('x')",
    'DESCRIBE \'/etc/passwd\'',
    "EXPLAIN ANALYZE SELECT * FROM read_csv('/etc/passwd')",
    'EXPLAIN DROP TABLE churn.customers',
    "CREATE SCHEMA IF NOT EXISTS mine; CREATE TABLE mine.p AS SELECT * FROM read_csv('/etc/passwd')",
    "INSERT INTO mine.t SELECT * FROM glob('*')",
    "CREATE VIEW mine.v AS FROM '/etc/passwd'",
    "DELETE FROM mine.t WHERE a IN (SELECT 1 FROM read_csv('/etc/passwd'))",
    "UPDATE mine.t SET a = (SELECT count(*) FROM read_text('/etc/hostname'))",
    "COPY churn.customers TO '/tmp/out.csv'",
    "COPY (SELECT 1) TO '/tmp/out.parquet' (FORMAT parquet)",
    "COPY mine.t FROM '/etc/passwd'",
    "EXPORT DATABASE '/tmp/dump'",
    "IMPORT DATABASE '/tmp/dump'",
    "ATTACH '/tmp/other.duckdb' AS other",
    'DETACH cw_results',
    'INSTALL httpfs',
    'FORCE INSTALL httpfs',
    "INSTALL spatial FROM 'http://example.com'",
    'LOAD httpfs',
    'UPDATE EXTENSIONS',
    'SET enable_external_access = true',
    "SET autoinstall_known_extensions = true",
    'RESET threads',
    "PRAGMA enable_profiling",
    'CALL checkpoint()',
    'CHECKPOINT',
    'BEGIN TRANSACTION',
    'USE mine',
    "CREATE SECRET s (TYPE s3, KEY_ID 'x', SECRET 'y')",
  ];
  for (const sql of attempts) {
    const error = await refusal(sql);
    assert.equal(error.code, 'refused', `${sql}: ${error.message}`);
  }
  assert.match((await refusal("SELECT * FROM read_csv('/etc/passwd')")).message, /table function read_csv\(\)/);
  assert.match((await refusal('INSTALL httpfs')).message, /offline/);
  assert.match((await refusal("COPY (SELECT 1) TO '/tmp/x.csv'")).message, /Export/);
});

test('a refused statement anywhere refuses the whole run, and says where', async () => {
  const error = await refusal('SELECT 1;\nSELECT 2;\n  DROP TABLE churn.customers');
  assert.equal(error.code, 'refused');
  assert.deepEqual((error.details as { position: unknown }).position, { line: 3, column: 14 });
});

test('a syntax error comes back with DuckDB\'s message and its line and column', async () => {
  const error = await refusal('SELECT 1;\n\nSELECT *\n  FORM churn.customers');
  assert.equal(error.code, 'query_failed');
  assert.match(error.message, /syntax error at or near/);
  assert.deepEqual((error.details as { position: unknown }).position, { line: 4, column: 8 });
});
