// customer_month rebuilt one range of customers at a time (a large import's
// way: customerRanges) holds exactly the rows of one rebuild of everyone, for
// subscriptions with pauses and early cancellations, invoices with a grace
// period, and snapshots in two currencies with several rows in a month, ids
// with quotes included; and the ranges cover every customer once, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { customerMonthSql, rangeIdsSql, type CidxRange } from '../../main/ingest/normalize/customerMonth.js';
import { customerRanges } from '../../main/model/ranges.js';
import { tempDir } from '../support/fixtures.js';

const VENDORS = path.resolve('test/fixtures/vendors');

const SNAPSHOTS = [
  'customer_id,month,mrr,currency',
  "o'brien,2024-01,100,EUR",
  "o'brien,2024-01,20,EUR",
  "o'brien,2024-03,90,EUR",
  'zeta,2024-02,50,USD',
  'zeta,2024-02-15,5,USD',
  'alpha,2024-04,70,USD',
  '"a,b",2024-05,10,USD',
].join('\n');

const rowsOf = (engine: Engine, table: string) =>
  engine.database.rows(`SELECT cidx, strftime(month, '%Y-%m') AS month, CAST(mrr AS VARCHAR) AS mrr FROM churn.${table} ORDER BY cidx, month`);

test('customer_month rebuilt range by range holds the rows of one rebuild, for every kind of source', async () => {
  const dir = tempDir('cw-ranges-');
  const snapshots = path.join(dir, 'snapshots.csv');
  fs.writeFileSync(snapshots, SNAPSHOTS);
  const engine = await Engine.open(null);
  try {
    const imported = await engine.invoke('model.import', {
      files: [
        { path: path.join(VENDORS, 'chargebee-Subscriptions.csv') },
        { path: path.join(VENDORS, 'chargebee-Subscriptions-paused-resumed.csv') },
        { path: path.join(VENDORS, 'chargebee-Invoices.csv') },
        { path: snapshots, kind: 'mrr' },
      ],
      options: { asOf: '2024-06-30', graceDays: 10, rates: { EUR: 1.1 }, reportingCurrency: 'USD' },
    });
    assert.ok(imported.ok, JSON.stringify(imported).slice(0, 800));
    const [{ n }] = (await engine.database.rows('SELECT max(cidx) AS n FROM churn.customer_index')) as [{ n: number }];
    const customers = Number(n);
    assert.ok(customers >= 8, `${customers} customers`);
    // Ranges of one customer, of two, and the rest: every boundary between ids is crossed somewhere.
    const bounds = [
      { from: 1, to: 1 },
      { from: 2, to: 3 },
      { from: 4, to: customers },
    ];
    const ids = new Map((await engine.database.rows(rangeIdsSql(bounds))).map((r) => [Number(r.cidx), String(r.customer_id)]));
    const ranges: CidxRange[] = bounds.map((r) => ({ ...r, firstId: ids.get(r.from)!, lastId: ids.get(r.to)! }));
    for (const [byCancellation, table] of [
      [false, 'customer_month_rows'],
      [true, 'customer_month_by_cancellation_rows'],
    ] as const) {
      if (byCancellation) await engine.database.run('DROP VIEW IF EXISTS churn.customer_month_by_cancellation_rows; CREATE TABLE IF NOT EXISTS churn.customer_month_by_cancellation_rows (cidx INTEGER, month DATE, mrr DECIMAL(18,6))');
      for (const sql of customerMonthSql(byCancellation, 10)) await engine.database.run(sql);
      const whole = await rowsOf(engine, table);
      for (const sql of customerMonthSql(byCancellation, 10, undefined, undefined, ranges)) await engine.database.run(sql);
      const ranged = await rowsOf(engine, table);
      assert.ok(whole.length > 20, `${whole.length} rows`);
      assert.deepEqual(ranged, whole);
      // Written in customer and month order, as one statement writes them.
      const stored = await engine.database.rows(`SELECT cidx, strftime(month, '%Y-%m') AS month, CAST(mrr AS VARCHAR) AS mrr FROM churn.${table}`);
      assert.deepEqual(stored, whole);
    }
    // The snapshots' two rows in one month are one month, in the reporting currency.
    const obrien = await engine.database.rows(`SELECT strftime(month, '%Y-%m') AS month, CAST(mrr AS VARCHAR) AS mrr FROM churn.customer_month WHERE customer_id = 'o''brien' ORDER BY month`);
    assert.deepEqual(obrien.slice(0, 1), [{ month: '2024-01', mrr: '132.000000' }]);
  } finally {
    engine.close();
  }
});

test('the ranges cover every customer once, in order: all at once when small, by memory when it is short, never more than 16', () => {
  const check = (customers: number, limit: number | null) => {
    const ranges = customerRanges(customers, limit);
    assert.equal(ranges[0]!.from, 1);
    assert.equal(ranges.at(-1)!.to, customers);
    for (let i = 1; i < ranges.length; i++) assert.equal(ranges[i]!.from, ranges[i - 1]!.to + 1);
    assert.ok(ranges.length <= 16);
    return ranges.length;
  };
  assert.equal(check(100_000, 14 * 2 ** 30), 1);
  assert.equal(check(1_000_000, 14 * 2 ** 30), 4);
  assert.equal(check(1_000_000, null), 4);
  assert.equal(check(300_000, 56 * 2 ** 20), 16);
  assert.equal(check(20_000, 56 * 2 ** 20), 2);
  assert.equal(check(10_000_000, 4 * 2 ** 30), 16);
  assert.equal(check(1, 2 ** 20), 1);
});

test('an import cancelled while its customer months are computed, range by range, leaves the workspace as it was', async () => {
  const dir = tempDir('cw-ranges-cancel-');
  const engine = await Engine.open(path.join(dir, 'ws.duckdb'));
  try {
    const first = path.join(dir, 'first.csv');
    fs.writeFileSync(first, 'customer_id,month,mrr\nA,2024-01,10\nB,2024-01,20\n');
    assert.ok((await engine.invoke('model.import', { files: [{ path: first, kind: 'mrr' }] })).ok);
    const state = async () =>
      engine.database.rows(`SELECT (SELECT count(*) FROM churn.imports) AS imports, (SELECT count(*) FROM churn.mrr_snapshots) AS snapshots,
        (SELECT count(*) FROM churn.customer_index) AS customers, (SELECT CAST(sum(hash(cidx, month, mrr)) AS VARCHAR) FROM churn.customer_month_rows) AS months`);
    const before = await state();
    // 300,000 customers under 64 MiB: customer_month in 16 statements of 18,750 customers.
    const big = path.join(dir, 'big.csv');
    await engine.database.run(`COPY (SELECT 'C' || lpad(CAST(i AS VARCHAR), 7, '0') AS customer_id, DATE '2024-01-01' + INTERVAL (k) MONTH AS month, 10 + i % 7 AS mrr
      FROM range(300000) a(i), range(3) b(k)) TO '${big}' (HEADER)`);
    await engine.database.run("SET memory_limit = '64MiB'");
    const running = engine.invoke('model.import', { files: [{ path: big, kind: 'mrr' }], jobId: 'cancel-months' });
    const messages: string[] = [];
    for (;;) {
      const progress = await engine.invoke('jobs.progress', { jobId: 'cancel-months' });
      assert.ok(progress.ok);
      if (progress.value.state !== 'running' && progress.value.state !== 'unknown') break;
      messages.push(progress.value.message);
      if (progress.value.message.startsWith('Computing monthly revenue')) {
        assert.deepEqual(await engine.invoke('jobs.cancel', { jobId: 'cancel-months' }), { ok: true, value: { cancelled: true } });
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'cancelled', JSON.stringify([result.ok, [...new Set(messages)]]).slice(0, 800));
    await engine.database.run("SET memory_limit = '2GiB'");
    assert.deepEqual(await state(), before);
  } finally {
    engine.close();
  }
});
