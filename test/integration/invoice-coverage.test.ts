// Invoices as coverage (docs/DATA_MODEL.md, "Invoices: coverage and
// transactions"): a service period keeps its customer active for exactly that
// period; the optional grace period bridges a late renewal without counting
// any month twice; the setting is kept by the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { importPlan } from '../../main/cli/options.js';
import type { NormalizeOptions } from '../../shared/model.js';
import { tempDir, writeFile } from '../support/fixtures.js';

// Monthly 50 from Jan 15; the third invoice is paid late and covers Apr 10 → May 10.
const LATE = `customer_id,subscription_id,invoice_date,period_start,period_end,amount
A,s1,2024-01-15,2024-01-15,2024-02-15,50
A,s1,2024-02-15,2024-02-15,2024-03-15,50
A,s1,2024-04-10,2024-04-10,2024-05-10,50
`;

async function monthsOf(options: Partial<NormalizeOptions>, engine?: Engine) {
  const own = engine ?? (await Engine.open(null));
  const result = await own.invoke('model.import', { files: [{ path: writeFile(tempDir(), 'late.csv', LATE) }], options: { asOf: '2024-07-31', ...options } });
  assert.ok(result.ok, JSON.stringify(result));
  const rows = await own.database.rows(
    `SELECT strftime(month, '%Y-%m') AS month, CAST(mrr AS DOUBLE) AS mrr FROM churn.customer_month WHERE month <= DATE '2024-07-01' ORDER BY month`,
  );
  const analysis = await own.invoke('analysis.run', { settings: {} });
  assert.ok(analysis.ok, JSON.stringify(analysis).slice(0, 2000));
  const moves = analysis.value.periods.filter((p) => p.customers_churned || p.customers_reactivated).map((p) => `${p.period} ${p.customers_churned ? 'churn' : 'reactivation'}`);
  if (!engine) own.close();
  return { months: rows.map((r) => `${r.month} ${r.mrr}`), moves };
}

test('without a grace period: coverage alone, so the late renewal is a churn and a reactivation', async () => {
  const { months, moves } = await monthsOf({});
  // Mar 31 falls between the coverage that ended Mar 15 and the one that starts Apr 10.
  assert.deepEqual(months, ['2024-01 50', '2024-02 50', '2024-04 50']);
  assert.deepEqual(moves, ['2024-03 churn', '2024-04 reactivation', '2024-05 churn']);
});

test('a 30-day grace period bridges the late renewal (up to its start, never twice) and delays the final churn', async () => {
  const { months, moves } = await monthsOf({ graceDays: 30 });
  // Mar 15 + 30 days = Apr 14, cut at the next coverage's start (Apr 10): Mar 31 is covered once.
  // May 10 + 30 days = Jun 9: May 31 is covered, Jun 30 is not.
  assert.deepEqual(months, ['2024-01 50', '2024-02 50', '2024-03 50', '2024-04 50', '2024-05 50']);
  assert.deepEqual(moves, ['2024-06 churn']);
});

test('the workspace keeps the grace period for later imports; --grace-days sets it', async () => {
  const engine = await Engine.open(null);
  await monthsOf({ graceDays: 30 }, engine);
  const again = await monthsOf({}, engine);
  assert.equal(again.months.length, 5, 'the second import rebuilt coverage with the saved 30 days');
  const zero = await monthsOf({ graceDays: 0 }, engine);
  assert.equal(zero.months.length, 3);
  engine.close();
  assert.equal(importPlan(['x.csv'], { 'grace-days': '30' }).options.graceDays, 30);
  assert.throws(() => importPlan(['x.csv'], { 'grace-days': 'a month' }), /--grace-days takes a number of days/);
});
