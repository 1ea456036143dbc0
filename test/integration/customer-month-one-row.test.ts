// customer_month without its sum (issue 14): a file of snapshots staged with
// at most one row per customer and month (found by the same sort that finds
// exact copies: stageKeysUniqueSql) is written row by row, and that must be
// exactly what the sum writes; any file in which two rows share a customer
// and month (written alike or not) keeps the sum.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import { customerMonthSql } from '../../main/ingest/normalize/customerMonth.js';
import { stageKeysUniqueSql, stageSql, withDateFormats, type FileMapping } from '../../main/ingest/stage.js';
import { str } from '../../main/runtime/sql.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const BOUNDS = { earliest: '1970-01-01', latest: '2099-12-31', amountIsUnitPrice: false };

/** Whether the stage of `lines` (customer_id, month, mrr) of `kind` has one row per customer and month, as the import finds it. */
async function keysUnique(lines: [string, string, string][], kind: FileMapping['kind'] = 'mrr'): Promise<boolean> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const values = lines.map((l) => `(${l.map(str).join(', ')})`).join(', ');
    const relation = `(SELECT * FROM (VALUES ${values}) t(customer_id, month, mrr))`;
    const columns = ['customer_id', 'month', 'mrr'].map((name) => ({ name, type: 'VARCHAR' }));
    const fields = kind === 'mrr' ? { customer_id: 'customer_id', month: 'month', mrr: 'mrr' } : { customer_id: 'customer_id', start_date: 'month', amount: 'mrr' };
    const mapping = withDateFormats({ kind, fields }, { month: lines.map((l) => l[1]) });
    await connection.run(stageSql('st', { relation, columns, headerLines: 1 }, mapping, BOUNDS));
    const reader = await connection.runAndReadAll(stageKeysUniqueSql('st', mapping));
    return reader.getRowObjectsJS()[0]!.yes === true;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('a stage of snapshots has one row per customer and month only when no two rows share both, however they are written', async () => {
  const unique: [string, string, string][] = [
    ['A', '2024-01-01', '10'],
    ['A', '2024-02-01', '10'],
    ['B', '2024-01-01', '10'],
    ["o'brien", '2024-01-31', '7'],
  ];
  assert.equal(await keysUnique(unique), true);
  // The same month on another day, an exact copy, the same id padded with spaces, a second row with another amount.
  assert.equal(await keysUnique([...unique, ['A', '2024-01-20', '5']]), false);
  assert.equal(await keysUnique([...unique, ['B', '2024-01-01', '10']]), false);
  assert.equal(await keysUnique([...unique, [' B ', '2024-01-01', '3']]), false);
  assert.equal(await keysUnique([...unique, ['B', '2024-01-01', '11']]), false);
  // A month the full date reader reads (not an ISO date) is never taken as unique, alone or beside its ISO twin.
  assert.equal(await keysUnique([...unique, ['C', 'Jan 20, 2024', '5']]), false);
  assert.equal(await keysUnique([...unique, ['A', 'Jan 20, 2024', '5']]), false);
  // Other kinds spread rows over months: never taken as one row per month.
  assert.equal(await keysUnique(unique, 'subscriptions'), false);
});

test('snapshots with one row per customer and month give the customer months the sum gives; rows sharing a month are still summed', async () => {
  const dir = tempDir('cw-one-row-');
  const lines = ['customer_id,month,mrr,currency'];
  // 3,000 customers over up to 14 months, amounts with up to six decimals, two currencies, days other than the first.
  for (let c = 0; c < 3000; c += 1) {
    const months = 1 + ((c * 7) % 14);
    for (let m = 0; m < months; m += 1) {
      const month = `${2023 + Math.floor((m + (c % 5)) / 12)}-${String(((m + (c % 5)) % 12) + 1).padStart(2, '0')}-${c % 3 === 0 ? '15' : '01'}`;
      const mrr = ((c * 37 + m * 101) % 100000) / (c % 4 === 0 ? 1000 : 7);
      lines.push(`${c % 11 === 0 ? `"c,${c}"` : `c${c}`},${month},${mrr.toFixed(6)},${c % 6 === 0 ? 'EUR' : 'USD'}`);
    }
  }
  const file = writeFile(dir, 'snapshots.csv', lines.join('\n'));
  const engine = await Engine.open(path.join(dir, 'ws.duckdb'));
  try {
    const imported = await engine.invoke('model.import', { files: [{ path: file, kind: 'mrr' }], options: { rates: { EUR: 1.0837 }, reportingCurrency: 'USD' } });
    assert.ok(imported.ok, JSON.stringify(imported).slice(0, 500));
    const read = () => engine.database.rows('SELECT cidx, CAST(month AS VARCHAR) AS month, CAST(mrr AS VARCHAR) AS mrr FROM churn.customer_month_rows');
    const written = await read();
    assert.equal(written.length, lines.length - 1);
    for (const sql of customerMonthSql(false)) await engine.database.run(sql);
    assert.deepEqual(written, await read());
  } finally {
    engine.close();
  }
  // A second row in a month, written on another day: the month is one row, their sum.
  const more = writeFile(dir, 'more.csv', 'customer_id,month,mrr\nc1,2024-01-01,10\nc1,2024-01-20,5.5\n');
  const fresh = await Engine.open(null);
  try {
    const imported = await fresh.invoke('model.import', { files: [{ path: more, kind: 'mrr' }] });
    assert.ok(imported.ok, JSON.stringify(imported).slice(0, 500));
    const c1 = await fresh.database.rows("SELECT CAST(month AS VARCHAR) AS month, CAST(mrr AS VARCHAR) AS mrr FROM churn.customer_month WHERE customer_id = 'c1'");
    assert.deepEqual(c1, [{ month: '2024-01-01', mrr: '15.500000' }]);
  } finally {
    fresh.close();
  }
});
