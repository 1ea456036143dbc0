// Every number can list the customers behind it, and every metric's SQL runs
// as-is in DuckDB on the workspace and gives the same numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFromIPC } from 'apache-arrow';
import { METRIC_QUERIES, type Drill } from '../../shared/metrics.js';
import type { Engine } from '../../main/engine/engine.js';
import { modelEngine } from '../support/model.js';
import { generateHistories } from '../support/generated.js';

async function customers(engine: Engine, drill: Drill, settings = {}) {
  const result = await engine.invoke('analysis.customers', { settings, drill });
  assert.ok(result.ok, JSON.stringify(result));
  return tableFromIPC(result.value).toArray().map((row) => row.toJSON() as Record<string, unknown>);
}

test('the customers behind each movement, with MRR before and after', async () => {
  const engine = await modelEngine([
    ['A', '2024-01', 100_000], ['A', '2024-02', 160_000],
    ['B', '2024-01', 100_000], ['B', '2024-02', 80_000],
    ['C', '2024-01', 70_000], ['C', '2024-02', 70_000],
    ['D', '2024-01', 30_000],
  ]);
  const settings = { asOf: '2024-02-29' };
  assert.deepEqual(
    (await customers(engine, { kind: 'movement', period: '2024-02', movement: 'churn' }, settings)).map((r) => [r.customer_id, r.mrr_before, r.mrr_after]),
    [['D', 30_000, 0]],
  );
  assert.deepEqual(
    (await customers(engine, { kind: 'movement', period: '2024-02', movement: 'expansion' }, settings)).map((r) => [r.customer_id, r.amount]),
    [['A', 60_000]],
  );
  assert.deepEqual((await customers(engine, { kind: 'start', period: '2024-02' }, settings)).map((r) => r.customer_id), ['A', 'B', 'C', 'D']);
  assert.deepEqual((await customers(engine, { kind: 'end', period: '2024-02' }, settings)).map((r) => r.customer_id), ['A', 'B', 'C']);
  engine.close();
});

test('on generated data, the listed customers add up to every movement of every period', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 800);
  const analysis = await engine.invoke('analysis.run', { settings: { period: 'quarter' } });
  assert.ok(analysis.ok);
  for (const period of analysis.value.periods.slice(-4)) {
    for (const [movement, count, amount] of [
      ['new', 'customers_new', 'mrr_new'],
      ['churn', 'customers_churned', 'mrr_churned'],
      ['expansion', 'customers_expanded', 'mrr_expansion'],
      ['contraction', 'customers_contracted', 'mrr_contraction'],
      ['reactivation', 'customers_reactivated', 'mrr_reactivation'],
    ] as const) {
      const rows = await customers(engine, { kind: 'movement', period: period.period, movement }, { period: 'quarter' });
      assert.equal(rows.length, period[count], `${period.period} ${movement}`);
      const sum = rows.reduce((s, r) => s + (r.amount as number), 0);
      assert.ok(Math.abs(sum - period[amount]) < 1e-6, `${period.period} ${movement}: ${sum} ≠ ${period[amount]}`);
    }
  }
  // A cohort cell lists its members; those active at k are the cell's count.
  const cohort = analysis.value.cohorts.logo[2]!;
  const members = await customers(engine, { kind: 'cohort', cohortPeriod: 'quarter', cohort: cohort.cohort, k: 3 }, { period: 'quarter' });
  assert.equal(members.length, cohort.size);
  assert.equal(members.filter((m) => m.active).length, cohort.active[3]);
  engine.close();
});

test('the churns behind each churn reason and each churn type: as many as the table counts, their MRR its sum', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 600);
  // Reasons recorded for some churns: every third churned customer with one of three reasons, two types.
  await engine.database.run(`
    INSERT INTO churn.churn_events (customer_id, date, reason, churn_type)
    SELECT customer_id, last_day(max(month) + INTERVAL 1 MONTH),
           ['Price', 'Moved to a competitor', 'Card declined'][CAST(hash(customer_id) % 3 AS INTEGER) + 1],
           CASE WHEN hash(customer_id) % 3 = 2 THEN 'involuntary' ELSE 'voluntary' END
    FROM churn.customer_month GROUP BY customer_id HAVING hash(customer_id) % 3 = 0 OR max(month) < DATE '2024-06-01'`);
  const settings = { from: '2023-01-01', to: '2024-12-31' };
  const analysis = await engine.invoke('analysis.run', { settings });
  assert.ok(analysis.ok);
  assert.ok(analysis.value.churn_reasons.length >= 3, JSON.stringify(analysis.value.churn_reasons));
  for (const row of analysis.value.churn_reasons) {
    const rows = await customers(engine, { kind: 'churn_reason', reason: row.reason, churnType: row.churn_type }, settings);
    assert.equal(rows.length, row.customers, `${row.reason} (${row.churn_type})`);
    const sum = rows.reduce((s, r) => s + (r.mrr_before as number), 0);
    assert.ok(Math.abs(sum - row.mrr) < 1e-6, `${row.reason}: ${sum} ≠ ${row.mrr}`);
  }
  for (const row of analysis.value.churn_types) {
    const rows = await customers(engine, { kind: 'churn_reason', churnType: row.churn_type }, settings);
    assert.equal(rows.length, row.customers, row.churn_type);
  }
  engine.close();
});

test("every metric's SQL runs as-is on the workspace and gives the engine's numbers", async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 300);
  const settings = { period: 'quarter' as const, preset: 'stripe' as const };
  const analysis = await engine.invoke('analysis.run', { settings });
  assert.ok(analysis.ok);
  const other = await engine.database.connect(); // a plain connection: nothing but the SQL text
  for (const query of METRIC_QUERIES) {
    const shown = await engine.invoke('analysis.sql', { query, settings });
    assert.ok(shown.ok);
    assert.match(shown.value.sql, /^WITH|^SELECT/);
    const rows = (await other.runAndReadAll(shown.value.sql)).getRowObjectsJS();
    assert.ok(rows.length > 0, query);
    if (query === 'periods') {
      assert.deepEqual(rows.map((r) => Number(r.mrr_end)), analysis.value.periods.map((p) => p.mrr_end));
      assert.deepEqual(rows.map((r) => r.customer_churn_rate), analysis.value.periods.map((p) => p.customer_churn_rate));
    }
  }
  other.closeSync();
  engine.close();
});
