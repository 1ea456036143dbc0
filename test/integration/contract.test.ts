// One contract suite, run against the engine in process and through the
// browser-mode HTTP host with the renderer's own HTTP client: both transports
// must give the same answers.
import { customerMonthFromIdsSql } from '../../main/model/schema.js';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Invoke } from '../../shared/transport.js';
import { Engine } from '../../main/engine/engine.js';
import { createHttpInvoke } from '../../renderer/api/http.js';
import { startApp } from '../support/app.js';
import { PLANS_CSV, tempDir, writeFile } from '../support/fixtures.js';

interface Transport {
  invoke: Invoke;
  engine: Engine;
  /** Where files this caller may read are put: anywhere in process; the upload folder over HTTP (as uploads). */
  files: string;
  close(): Promise<void>;
}

const transports: Record<string, () => Promise<Transport>> = {
  'in-process engine': async () => {
    const engine = await Engine.open(null);
    return { invoke: engine.invoke, engine, files: tempDir(), close: async () => engine.close() };
  },
  'HTTP host': async () => {
    const app = await startApp();
    const files = fs.mkdtempSync(path.join(app.host.uploadDir, 'contract-'));
    return { invoke: createHttpInvoke(`http://127.0.0.1:${app.host.port}`, app.host.token), engine: app.engine, files, close: app.close };
  },
};

for (const [name, open] of Object.entries(transports)) {
  describe(`contract over the ${name}`, () => {
    let t: Transport;
    let dir: string;
    let csv: string;
    let parquet: string;

    before(async () => {
      t = await open();
      dir = t.files;
      csv = writeFile(dir, 'plans.csv', PLANS_CSV);
      parquet = path.join(dir, 'numbers.parquet');
      await t.engine.database.run(
        `COPY (SELECT i::INTEGER AS n, i * 0.5 AS half, i % 2 = 0 AS even FROM range(3000) t(i)) TO '${parquet}' (FORMAT parquet)`,
      );
    });
    after(async () => t.close());

    test('a new scratch workspace has no tables', async () => {
      const info = await t.invoke('workspace.info', {});
      assert.deepEqual(info, { ok: true, value: { path: null, tables: [] } });
    });

    test('imports CSV and Parquet files as tables with row counts and types', async () => {
      const result = await t.invoke('files.import', { paths: [csv, parquet] });
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(
        result.value.map((table) => [table.name, table.rowCount, table.source]),
        [
          ['plans', 3, csv],
          ['numbers', 3000, parquet],
        ],
      );
      assert.deepEqual(result.value[0]!.columns, [
        { name: 'customer_id', type: 'VARCHAR' },
        { name: 'plan', type: 'VARCHAR' },
        { name: 'mrr', type: 'DOUBLE' },
        { name: 'start_date', type: 'DATE' },
      ]);
      const list = await t.invoke('tables.list', {});
      assert.ok(list.ok);
      assert.deepEqual(list.value.map((table) => table.name), ['numbers', 'plans']);
    });

    test('a page of rows crosses as Arrow, values and nulls intact', async () => {
      const page = await t.invoke('tables.page', { table: 'plans', offset: 1, limit: 5 });
      assert.ok(page.ok);
      assert.ok(page.value instanceof Uint8Array);
      const table = tableFromIPC(page.value);
      assert.equal(table.numRows, 2);
      assert.deepEqual(table.toArray().map((row) => row.toJSON()), [
        { customer_id: 'C2', plan: 'Growth', mrr: 199, start_date: '2024-02-15' },
        { customer_id: 'C3', plan: null, mrr: 0, start_date: '2024-03-31' },
      ]);
    });

    test('pages are exact windows, also at the end of the table', async () => {
      const page = await t.invoke('tables.page', { table: 'numbers', offset: 2048, limit: 1024 });
      assert.ok(page.ok);
      const table = tableFromIPC(page.value);
      assert.equal(table.numRows, 952);
      assert.equal(table.getChild('n')!.get(0), 2048);
      assert.equal(table.getChild('n')!.get(951), 2999);
      assert.equal(table.getChild('half')!.get(951), 1499.5);
      assert.equal(table.getChild('even')!.get(951), false);
    });

    test('invalid requests are refused at the boundary, as data', async () => {
      const bad = await t.invoke('tables.page', { table: 'plans; DROP TABLE plans', offset: -1, limit: 10 });
      assert.equal(bad.ok, false);
      assert.equal(!bad.ok && bad.error.code, 'invalid_request');
      const unknown = await (t.invoke as (m: string, r: unknown) => ReturnType<Invoke>)('tables.nuke', {});
      assert.equal(!unknown.ok && unknown.error.code, 'unknown_method');
      const extra = await t.invoke('workspace.info', { sneaky: true } as never);
      assert.equal(!extra.ok && extra.error.code, 'invalid_request');
    });

    test('a missing file is an error that names it', async () => {
      const missing = path.join(dir, 'nope.csv');
      const result = await t.invoke('files.import', { paths: [missing] });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.error.code, 'not_found');
      assert.match(!result.ok ? result.error.message : '', /nope\.csv/);
    });

    test('a table that does not exist is not_found', async () => {
      const result = await t.invoke('tables.page', { table: 'ghost', offset: 0, limit: 10 });
      assert.equal(!result.ok && result.error.code, 'not_found');
    });

    test('native dialogs are unsupported outside the desktop app', async () => {
      const result = await t.invoke('dialog.openFiles', { purpose: 'data' });
      assert.equal(!result.ok && result.error.code, 'unsupported');
    });

    test('progress of an unknown job is reported as unknown, and cancelling it does nothing', async () => {
      assert.deepEqual(await t.invoke('jobs.progress', { jobId: 'nothing' }), {
        ok: true,
        value: { jobId: 'nothing', state: 'unknown', percent: null, message: '' },
      });
      assert.deepEqual(await t.invoke('jobs.cancel', { jobId: 'nothing' }), { ok: true, value: { cancelled: false } });
    });

    test('binary results nested in a response arrive as bytes (Arrow beside a count)', async () => {
      await t.engine.database.run(customerMonthFromIdsSql("(VALUES ('A', DATE '2024-01-01', 10), ('B', DATE '2024-01-01', 20)) t(customer_id, month, mrr)", false));
      const found = await t.invoke('customers.search', { query: '', offset: 0, limit: 10 });
      assert.ok(found.ok, JSON.stringify(found));
      assert.equal(found.value.total, 2);
      assert.ok(found.value.rows instanceof Uint8Array);
      assert.deepEqual([...tableFromIPC(found.value.rows).getChild('customer_id')!.toArray()], ['B', 'A']);
      await t.engine.database.run('DELETE FROM churn.customer_month_rows; DELETE FROM churn.customer_index');
    });

    test('dropping a table removes it', async () => {
      const result = await t.invoke('tables.drop', { table: 'plans' });
      assert.ok(result.ok);
      assert.deepEqual(result.value.map((table) => table.name), ['numbers']);
    });
  });
}
