// The SQL console on a real DuckDB, through the contract: results kept in
// DuckDB and paged as Arrow, views re-run as SQL, errors with their place,
// cancel, the latest run of a tab winning, the model left untouched, exports
// read back, and history and saved queries surviving a reopened workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import ExcelJS from 'exceljs';
import { Engine } from '../../main/engine/engine.js';
import { PLANS_CSV, tempDir, writeFile } from '../support/fixtures.js';
import type { Invoke } from '../../shared/transport.js';
import type { Method, Request, Response } from '../../shared/contract.js';
import { METRIC_QUERIES } from '../../shared/metrics.js';

async function ok<M extends Method>(invoke: Invoke, method: M, request: Request<M>): Promise<Response<M>> {
  const result = await invoke(method, request);
  assert.ok(result.ok, `${method}: ${JSON.stringify(!result.ok && result.error)}`);
  return result.value;
}

const pageValues = (bytes: Uint8Array, column: string): unknown[] => [...(tableFromIPC(bytes).getChild(column)!.toArray() as Iterable<unknown>)];

test('a query becomes a result kept in DuckDB: row count, column types, and any page as Arrow', async () => {
  const engine = await Engine.open(null);
  try {
    const run = await ok(engine.invoke, 'console.run', {
      tabId: 'tab1',
      sql: 'SELECT range AS i, range * 2 AS twice, CAST(range AS VARCHAR) AS label, DATE \'2024-01-01\' + CAST(range % 30 AS INTEGER) AS day FROM range(2000000) ORDER BY i DESC',
    });
    assert.ok(run.result);
    assert.equal(run.result.rowCount, 2_000_000);
    assert.deepEqual(run.result.columns.map((c) => [c.name, c.type]), [['i', 'BIGINT'], ['twice', 'BIGINT'], ['label', 'VARCHAR'], ['day', 'DATE']]);
    assert.ok(run.durationMs > 0);
    // The last page: the query's own order (descending) is kept.
    const last = await ok(engine.invoke, 'console.page', { resultId: run.result.resultId, offset: 1_999_000, limit: 1000 });
    const values = pageValues(last, 'i');
    assert.equal(values.length, 1000);
    assert.equal(Number(values[0]), 999);
    assert.equal(Number(values[999]), 0);
    assert.equal(tableFromIPC(last).getChild('day')!.get(999), '2024-01-01');
  } finally {
    engine.close();
  }
});

test('sort and filter on a result column run as SQL into a new view of the result', async () => {
  const engine = await Engine.open(null);
  try {
    const run = await ok(engine.invoke, 'console.run', { tabId: 't', sql: "SELECT range AS n, CASE WHEN range % 2 = 0 THEN 'even' ELSE 'odd' END AS kind FROM range(10)" });
    const resultId = run.result!.resultId;
    const view = await ok(engine.invoke, 'console.view', {
      resultId,
      view: { sort: { column: 'n', descending: true }, filter: { column: 'n', op: '>=', value: '4' } },
    });
    assert.equal(view.rowCount, 6);
    assert.equal(view.baseId, resultId);
    assert.deepEqual([...pageValues(await ok(engine.invoke, 'console.page', { resultId: view.resultId, offset: 0, limit: 10 }), 'n')].map(Number), [9, 8, 7, 6, 5, 4]);
    const text = await ok(engine.invoke, 'console.view', { resultId, view: { sort: null, filter: { column: 'kind', op: 'contains', value: 'OD' } } });
    assert.equal(text.rowCount, 5);
    // The earlier view was replaced by the new one.
    const gone = await engine.invoke('console.page', { resultId: view.resultId, offset: 0, limit: 1 });
    assert.equal(!gone.ok && gone.error.code, 'not_found');
    const bad = await engine.invoke('console.view', { resultId, view: { sort: { column: 'nope', descending: false }, filter: null } });
    assert.equal(!bad.ok && bad.error.code, 'invalid_request');
  } finally {
    engine.close();
  }
});

test('a failed statement carries DuckDB\'s message and its line and column in the text sent', async () => {
  const engine = await Engine.open(null);
  try {
    const failed = await engine.invoke('console.run', { tabId: 't', sql: 'SELECT 1;\nSELECT a,\n   zzz\nFROM (SELECT 1 AS a)' });
    assert.ok(!failed.ok);
    assert.equal(failed.error.code, 'query_failed');
    assert.match(failed.error.message, /Referenced column "zzz" not found/);
    assert.deepEqual((failed.error.details as { position: unknown }).position, { line: 3, column: 4 });
    const long = await engine.invoke('console.run', { tabId: 't', sql: `SELECT * FROM nosuch_${'x'.repeat(5000)}` });
    const explained = await ok(engine.invoke, 'console.run', { tabId: 't', sql: 'EXPLAIN SELECT count(*) FROM range(10)' });
    assert.deepEqual(explained.result!.columns.map((c) => [c.name, c.type]), [['explain_key', 'VARCHAR'], ['explain_value', 'VARCHAR']]);
    assert.match(String(pageValues(await ok(engine.invoke, 'console.page', { resultId: explained.result!.resultId, offset: 0, limit: 10 }), 'explain_value')[0]), /RANGE/);
    assert.ok(!long.ok && long.error.message.length <= 2000);
  } finally {
    engine.close();
  }
});

/** Waits until the job has passed the guard and its statement runs. */
async function startedRunning(invoke: Invoke, jobId: string): Promise<void> {
  for (;;) {
    const progress = await ok(invoke, 'jobs.progress', { jobId });
    if (progress.state === 'running' && progress.message === 'Running') return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

test('a runaway query is cancelled, and a newer run of the same tab replaces one still running', async () => {
  const engine = await Engine.open(null);
  try {
    const runaway = 'SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b';
    const running = engine.invoke('console.run', { tabId: 't', sql: runaway, jobId: 'slow-1' });
    await startedRunning(engine.invoke, 'slow-1');
    assert.deepEqual(await ok(engine.invoke, 'jobs.cancel', { jobId: 'slow-1' }), { cancelled: true });
    const cancelled = await running;
    assert.equal(!cancelled.ok && cancelled.error.code, 'cancelled');

    const older = engine.invoke('console.run', { tabId: 't', sql: runaway, jobId: 'slow-2' });
    await startedRunning(engine.invoke, 'slow-2');
    const newer = await ok(engine.invoke, 'console.run', { tabId: 't', sql: 'SELECT 42 AS answer', jobId: 'quick' });
    const replaced = await older;
    assert.equal(!replaced.ok && replaced.error.code, 'cancelled');
    assert.equal(Number(pageValues(await ok(engine.invoke, 'console.page', { resultId: newer.result!.resultId, offset: 0, limit: 1 }), 'answer')[0]), 42);
    // A Cancel that overtakes the request starting the run still stops it.
    assert.deepEqual(await ok(engine.invoke, 'jobs.cancel', { jobId: 'early' }), { cancelled: false });
    const early = await engine.invoke('console.run', { tabId: 'other', sql: runaway, jobId: 'early' });
    assert.equal(!early.ok && early.error.code, 'cancelled');
    // Only the newest result of the tab is kept.
    const tables = await engine.database.rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'cw_results'`);
    assert.equal(Number(tables[0]!.n), 1);
  } finally {
    engine.close();
  }
});

test('the churn model is untouched by a refused run; the user\'s own schema is kept in the workspace', async () => {
  const dir = tempDir();
  const workspace = path.join(dir, 'ws.duckdb');
  const engine = await Engine.open(workspace);
  try {
    assert.ok((await engine.invoke('sample.open', {})).ok);
    const count = async () => Number((await engine.database.rows('SELECT count(*) AS n FROM churn.customers'))[0]!.n);
    const before = await count();
    assert.ok(before > 0);
    const refused = await engine.invoke('console.run', { tabId: 't', sql: 'CREATE SCHEMA mine; DELETE FROM churn.customers' });
    assert.equal(!refused.ok && refused.error.code, 'refused');
    assert.equal(await count(), before);
    // Refused before anything ran: the first statement did not run either.
    assert.equal((await engine.database.rows(`SELECT * FROM duckdb_schemas() WHERE schema_name = 'mine'`)).length, 0);

    const made = await ok(engine.invoke, 'console.run', {
      tabId: 't',
      sql: 'CREATE SCHEMA mine;\nCREATE TABLE mine.top AS SELECT customer_id FROM churn.customers LIMIT 5;\nINSERT INTO mine.top SELECT customer_id FROM churn.customers LIMIT 2;\nSELECT count(*) AS n FROM mine.top',
    });
    assert.deepEqual(made.statements, [
      { kind: 'CREATE SCHEMA', rowsChanged: null },
      { kind: 'CREATE TABLE', rowsChanged: null },
      { kind: 'INSERT', rowsChanged: 2 },
      { kind: 'SELECT', rowsChanged: null },
    ]);
    assert.equal(Number(pageValues(await ok(engine.invoke, 'console.page', { resultId: made.result!.resultId, offset: 0, limit: 1 }), 'n')[0]), 7);
  } finally {
    engine.close();
  }
  const again = await Engine.open(workspace);
  try {
    assert.equal(Number((await again.database.rows('SELECT count(*) AS n FROM mine.top'))[0]!.n), 7);
    const schema = await ok(again.invoke, 'console.schema', {});
    assert.ok(schema.some((t) => t.schema === 'mine' && t.name === 'top' && t.columns[0]!.name === 'customer_id'));
    assert.ok(schema.some((t) => t.schema === 'churn' && t.name === 'customer_month'));
    assert.ok(!schema.some((t) => t.schema === 'cw_console' || t.schema === 'cw_meta'));
  } finally {
    again.close();
  }
});

test('history and saved queries are kept in the workspace and come back when it is reopened', async () => {
  const dir = tempDir();
  const workspace = path.join(dir, 'ws.duckdb');
  const engine = await Engine.open(workspace);
  try {
    await ok(engine.invoke, 'console.run', { tabId: 't', sql: 'SELECT * FROM range(7)' });
    assert.ok(!(await engine.invoke('console.run', { tabId: 't', sql: 'SELECT nope' })).ok);
    await ok(engine.invoke, 'console.save', { name: 'Seven rows', sql: 'SELECT * FROM range(7)' });
    await ok(engine.invoke, 'console.save', { name: 'answer', sql: 'SELECT 42' });
  } finally {
    engine.close();
  }
  const again = await Engine.open(workspace);
  try {
    const history = await ok(again.invoke, 'console.history', { search: '', limit: 10 });
    assert.deepEqual(history.map((h) => [h.sql, h.rows, h.error === null]), [['SELECT nope', null, false], ['SELECT * FROM range(7)', 7, true]]);
    assert.ok(history.every((h) => h.durationMs >= 0 && /^\d{4}-\d\d-\d\dT/.test(h.ranAt)));
    assert.deepEqual((await ok(again.invoke, 'console.history', { search: 'RANGE', limit: 10 })).map((h) => h.sql), ['SELECT * FROM range(7)']);
    assert.deepEqual((await ok(again.invoke, 'console.saved', { search: '' })).map((s) => s.name), ['answer', 'Seven rows']);
    assert.deepEqual((await ok(again.invoke, 'console.saved', { search: 'seven' })).map((s) => s.sql), ['SELECT * FROM range(7)']);
    assert.deepEqual((await ok(again.invoke, 'console.unsave', { name: 'answer' })).map((s) => s.name), ['Seven rows']);
  } finally {
    again.close();
  }
});

test('exports: CSV (spreadsheet-safe) and Parquet by COPY, XLSX streamed; each read back', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  try {
    const run = await ok(engine.invoke, 'console.run', {
      tabId: 't',
      sql: "SELECT range AS n, range * 1.5 AS x, CASE WHEN range = 0 THEN '=1+2' ELSE 'row ' || range END AS note FROM range(3000)",
    });
    const resultId = run.result!.resultId;
    const reader = await (await DuckDBInstance.create(':memory:')).connect();
    for (const format of ['csv', 'parquet'] as const) {
      const file = path.join(dir, `out.${format}`);
      assert.deepEqual(await ok(engine.invoke, 'console.export', { resultId, format, path: file }), { path: file, rows: 3000 });
      const read = format === 'csv' ? `read_csv('${file}', all_varchar = true)` : `read_parquet('${file}')`;
      const rows = (await reader.runAndReadAll(`SELECT count(*) AS n, min(note) AS first, sum(CAST(x AS DOUBLE)) AS total FROM ${read}`)).getRowObjectsJS();
      assert.equal(Number(rows[0]!.n), 3000);
      assert.equal(rows[0]!.first, format === 'csv' ? "'=1+2" : '=1+2');
      assert.equal(Number(rows[0]!.total), 1.5 * ((2999 * 3000) / 2));
    }
    // A download read in small chunks: the parts make the file, and the last one removes it.
    const { downloadId, size } = await ok(engine.invoke, 'console.download', { resultId, format: 'xlsx' });
    const parts: Uint8Array[] = [];
    for (let offset = 0; offset < size; offset += 10_000) parts.push(await ok(engine.invoke, 'console.downloadChunk', { downloadId, offset, length: 10_000 }));
    assert.ok(parts.length > 3);
    assert.equal(parts.reduce((n, p) => n + p.length, 0), size);
    const gone = await engine.invoke('console.downloadChunk', { downloadId, offset: 0, length: 10 });
    assert.equal(!gone.ok && gone.error.code, 'not_found');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(parts) as never);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.rowCount, 3001);
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['n', 'x', 'note']);
    assert.deepEqual((sheet.getRow(3001).values as unknown[]).slice(1), [2999, 4498.5, 'row 2999']);
    reader.closeSync();
  } finally {
    engine.close();
  }
});

test('a chart of a result is aggregated in SQL', async () => {
  const engine = await Engine.open(null);
  try {
    const dir = tempDir();
    assert.ok((await engine.invoke('files.import', { paths: [writeFile(dir, 'plans.csv', PLANS_CSV)] })).ok);
    const run = await ok(engine.invoke, 'console.run', { tabId: 't', sql: "SELECT coalesce(plan, 'none') AS plan, mrr FROM plans UNION ALL SELECT 'Growth', 1" });
    const chart = await ok(engine.invoke, 'console.chart', { resultId: run.result!.resultId, chart: { kind: 'bar', x: 'plan', y: 'mrr', series: null } });
    const table = tableFromIPC(chart.points);
    assert.deepEqual(table.toArray().map((row) => [row.x, row.y]), [['Growth', 200], ['Starter', 49.5], ['none', 0]]);
    assert.equal(chart.truncated, false);
    const completions = await ok(engine.invoke, 'console.complete', { sql: 'SELECT * FROM pla' });
    assert.ok(completions.some((c) => c.text === 'plans' && c.start === 14), JSON.stringify(completions.slice(0, 5)));
  } finally {
    engine.close();
  }
});

test('every "Show SQL" statement runs in the console as it is (Open in console)', async () => {
  const engine = await Engine.open(null);
  try {
    assert.ok((await engine.invoke('sample.open', {})).ok);
    // The import's staging database (attached, empty after it) is the app's: not offered as a catalog.
    const completions = await ok(engine.invoke, 'console.complete', { sql: 'SELECT * FROM cw_' });
    assert.ok(completions.some((c) => c.text === 'cw_meta.'), JSON.stringify(completions));
    assert.ok(!completions.some((c) => c.text.includes('cw_staging') || c.text.includes('cw_results')), JSON.stringify(completions));
    for (const query of METRIC_QUERIES) {
      const { sql } = await ok(engine.invoke, 'analysis.sql', { query, settings: {} });
      const run = await ok(engine.invoke, 'console.run', { tabId: `metric-${query}`, sql });
      assert.ok(run.result && run.result.rowCount > 0, `${query}: ${JSON.stringify(run.statements)}`);
    }
  } finally {
    engine.close();
  }
});
