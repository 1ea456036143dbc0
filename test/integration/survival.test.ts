// Lifetimes from the churn model and from plain tables, worked out by hand:
// spells of consecutive active months, censoring at the as-of month, every
// spell as a setting, customer lists, event codes, rows left out, the
// drill-down behind a curve's point and show SQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromIPC } from 'apache-arrow';
import { Engine } from '../../main/engine/engine.js';
import type { SurvivalOptions } from '../../shared/survival.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { modelEngine } from '../support/model.js';

async function run(engine: Engine, survival: Partial<SurvivalOptions>, settings = {}) {
  const result = await engine.invoke('survival.run', { settings, survival });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const curveOf = (result: Awaited<ReturnType<typeof run>>, group = 'All') =>
  result.groups.find((g) => g.group === group)!.curve.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor]);

// As of 2024-06: A paid Jan–Mar (3 months, churned), B Jan–Jun (6, still active),
// C Jan, then Mar–Jun again (1 month then churned; a second spell of 4 running),
// D Apr–May (2 months, churned).
const HISTORY: [string, string, number][] = [
  ['A', '2024-01', 10], ['A', '2024-02', 10], ['A', '2024-03', 10],
  ...['01', '02', '03', '04', '05', '06'].map((m) => ['B', `2024-${m}`, 20] as [string, string, number]),
  ['C', '2024-01', 5], ['C', '2024-03', 5], ['C', '2024-04', 5], ['C', '2024-05', 5], ['C', '2024-06', 5],
  ['D', '2024-04', 7], ['D', '2024-05', 7],
];

test('model lifetimes: first spell by default, months of revenue, censored at the as-of month', async () => {
  const engine = await modelEngine(HISTORY, { A: { employees: 5 }, B: { employees: 5000 }, C: { employees: 50 }, D: { employees: 2000 } });
  const first = await run(engine, {}, { asOf: '2024-06-30' });
  assert.equal(first.as_of, '2024-06-01');
  // C (1, event), D (2, event), A (3, event), B (6, censored).
  assert.deepEqual(curveOf(first), [[1, 4, 1, 0], [2, 3, 1, 0], [3, 2, 1, 0], [6, 1, 0, 1]]);
  const every = await run(engine, { spells: 'every' }, { asOf: '2024-06-30' });
  // C's second spell: 4 months, still running.
  assert.deepEqual(curveOf(every), [[1, 5, 1, 0], [2, 4, 1, 0], [3, 3, 1, 0], [4, 2, 0, 1], [6, 1, 0, 1]]);
  // By segment (employees): SMB = A, C; Enterprise = B, D. Log-rank over the two.
  const bySegment = await run(engine, { groupBy: 'segment' }, { asOf: '2024-06-30' });
  assert.deepEqual(bySegment.groups.map((g) => [g.group, g.n, g.events]), [['Enterprise', 2, 1], ['SMB', 2, 2]]);
  assert.equal(bySegment.log_rank?.df, 1);
  // As of March: C churned in February (1 month); A and B are still active (3 months, censored); D had not started.
  const earlier = await run(engine, {}, { asOf: '2024-03-31' });
  assert.deepEqual(curveOf(earlier), [[1, 3, 1, 0], [3, 2, 0, 2]]);
  // Show SQL runs as-is and gives the same per-time table.
  const rows = await engine.database.rows(first.sql);
  assert.deepEqual(rows.map((r) => [r.time, Number(r.at_risk), Number(r.events), Number(r.censored)]), curveOf(first));
  // Behind the point at t = 2: at risk D, A, B; the event D.
  const drill = async (who: 'at_risk' | 'events') => {
    const bytes = await engine.invoke('survival.customers', { settings: { asOf: '2024-06-30' }, survival: {}, drill: { group: 'All', time: 2, who } });
    assert.ok(bytes.ok, JSON.stringify(bytes));
    return tableFromIPC(bytes.value).getChild('customer_id')!.toArray();
  };
  assert.deepEqual(await drill('at_risk'), ['D', 'A', 'B']);
  // A limit keeps the list's order and stops early.
  const firstTwo = await engine.invoke('survival.customers', { settings: { asOf: '2024-06-30' }, survival: {}, drill: { group: 'All', time: 2, who: 'at_risk', limit: 2 } });
  assert.ok(firstTwo.ok);
  assert.deepEqual(tableFromIPC(firstTwo.value).getChild('customer_id')!.toArray(), ['D', 'A']);
  assert.deepEqual(await drill('events'), ['D']);
  // Hazard by tenure month is Kaplan-Meier's conditional probability.
  assert.deepEqual(first.groups[0]!.hazard.slice(0, 3).map((h) => [h.at_risk, h.events]), [[4, 1], [3, 1], [2, 1]]);
  engine.close();
});

test('model lifetimes in days from subscription dates, and a customer list with tenure and a churned flag', async () => {
  const engine = await Engine.open(null);
  const dir = tempDir();
  const subscriptions = writeFile(
    dir,
    'subs.csv',
    'customer_id,start_date,end_date,amount\nA,2024-01-10,2024-03-20,10\nB,2024-01-05,,20\n',
  );
  const imported = await engine.invoke('model.import', { files: [{ path: subscriptions, interval: 'month' }], options: { asOf: '2024-06-30' } });
  assert.ok(imported.ok, JSON.stringify(imported));
  const days = await run(engine, { unit: 'days' });
  // A: 10 Jan to 20 Mar (exclusive) = 70 days, churned; B: 5 Jan to the as-of date 30 Jun = 177 days, censored.
  assert.deepEqual(curveOf(days), [[70, 2, 1, 0], [177, 1, 0, 1]]);
  assert.equal(days.hazard_width, 30.4375);

  const list = await Engine.open(null);
  const file = writeFile(dir, 'list.csv', 'customer_id,mrr,tenure,churned,plan_type\nX,10,0,no,Basic\nY,10,3,yes,Basic\nZ,20,3,no,Pro\nW,20,5,yes,Pro\n');
  const listed = await list.invoke('model.import', { files: [{ path: file }], revenueKind: 'customer_list' });
  assert.ok(listed.ok, JSON.stringify(listed));
  const byPlan = await run(list, { groupBy: 'plan_type' });
  assert.deepEqual(curveOf(byPlan, 'Basic'), [[0, 2, 0, 1], [3, 1, 1, 0]]);
  assert.deepEqual(curveOf(byPlan, 'Pro'), [[3, 2, 0, 1], [5, 1, 1, 0]]);
  engine.close();
  list.close();
});

test('model lifetimes in days end at a pause and start again at the resume (pauses = churn, every spell)', async () => {
  const engine = await Engine.open(null);
  const path = (await import('node:path')).resolve('test/fixtures/vendors/chargebee-Subscriptions-paused-resumed.csv');
  const imported = await engine.invoke('model.import', { files: [{ path }], options: { asOf: '2024-03-31', pauses: 'churn' } });
  assert.ok(imported.ok, JSON.stringify(imported));
  const days = await run(engine, { unit: 'days', spells: 'every' });
  // cb-cust-20: 1 Oct to its pause on 10 Dec = 70 days, churned; again from its resume on 10 Feb to the as-of date 31 Mar = 50, censored.
  // cb-cust-21: 1 Nov to its pause on 1 Feb = 92 days, churned (its resume, 1 May, is after the as-of date).
  // cb-cust-22: 1 Oct to 31 Mar = 182 days, censored.
  assert.deepEqual(curveOf(days), [[50, 4, 0, 1], [70, 3, 1, 0], [92, 2, 1, 0], [182, 1, 0, 1]]);
  assert.deepEqual(days.excluded, []);
  engine.close();
});

test('plain lifetime tables: event codes as R reads them, and rows left out with the reason', async () => {
  const engine = await Engine.open(null);
  const dir = tempDir();
  const load = async (name: string, csv: string) => {
    const tables = await engine.invoke('files.import', { paths: [writeFile(dir, name, csv)] });
    assert.ok(tables.ok, JSON.stringify(tables));
    return tables.value[0]!.name;
  };
  // R's coding: every code 1 or 2, some 2 → 2 = event, 1 = censored.
  const oneTwo = await load('r.csv', 'weeks,status\n5,2\n8,1\n9,2\n');
  const r = await run(engine, { source: { kind: 'table', table: oneTwo, time: 'weeks', event: 'status' } });
  assert.equal(r.unit, 'time');
  assert.deepEqual(curveOf(r), [[5, 3, 1, 0], [8, 2, 0, 1], [9, 1, 1, 0]]);
  // Words, and rows that cannot be used.
  const words = await load('w.csv', 'time,churned\n1,yes\n2,No\n,yes\n-1,no\n3,maybe\n4,TRUE\n');
  const w = await run(engine, { source: { kind: 'table', table: words, time: 'time', event: 'churned' } });
  assert.deepEqual(curveOf(w), [[1, 3, 1, 0], [2, 2, 0, 1], [4, 1, 1, 0]]);
  assert.deepEqual(w.excluded, [{ reason: 'negative time', count: 1 }, { reason: 'no time', count: 1 }, { reason: 'not an event code', count: 1 }]);
  // The lines behind a point.
  const bytes = await engine.invoke('survival.customers', { settings: {}, survival: { source: { kind: 'table', table: words, time: 'time', event: 'churned' } }, drill: { group: 'All', time: 2, who: 'at_risk' } });
  assert.ok(bytes.ok);
  assert.deepEqual([...tableFromIPC(bytes.value).getChild('line')!.toArray()].map(Number), [2, 6]);
  // A column that is not there is named.
  const missing = await engine.invoke('survival.run', { settings: {}, survival: { source: { kind: 'table', table: words, time: 'tenure', event: 'churned' } } });
  assert.ok(!missing.ok);
  assert.match(missing.error.message, /no column "tenure"/);
  engine.close();
});
