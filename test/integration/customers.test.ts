// One customer's history and the customer list, and the UI settings kept in the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { Engine } from '../../main/engine/engine.js';
import { modelEngine } from '../support/model.js';
import { tempDir } from '../support/fixtures.js';

test("a customer's MRR month by month, movements and attributes", async () => {
  const engine = await modelEngine(
    [['A', '2024-01', 10], ['A', '2024-02', 15], ['A', '2024-04', 15], ['B', '2024-01', 50]],
    { A: { employees: 1500, country: 'DE' } },
  );
  const result = await engine.invoke('customers.history', { customerId: 'A', settings: { asOf: '2024-04-30' } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.segment, 'Enterprise');
  assert.equal(result.value.attributes.country, 'DE');
  assert.deepEqual(result.value.months, [{ month: '2024-01', mrr: 10 }, { month: '2024-02', mrr: 15 }, { month: '2024-04', mrr: 15 }]);
  assert.deepEqual(
    result.value.movements.map((m) => [m.month, m.movement, m.mrr_before, m.mrr_after]),
    [['2024-01', 'new', 0, 10], ['2024-02', 'expansion', 10, 15], ['2024-03', 'churn', 15, 0], ['2024-04', 'reactivation', 0, 15]],
  );
  engine.close();
});

test('the customer list is searchable and paged, largest MRR first', async () => {
  const engine = await modelEngine([['A', '2024-01', 10], ['B', '2024-01', 50], ['C', '2024-01', 30]], { B: { country: 'US' } });
  const all = await engine.invoke('customers.search', { query: '', offset: 0, limit: 2 });
  assert.ok(all.ok);
  assert.equal(all.value.total, 3);
  assert.deepEqual(tableFromIPC(all.value.rows).getChild('customer_id')!.toArray(), ['B', 'C']);
  const found = await engine.invoke('customers.search', { query: 'us', offset: 0, limit: 10 });
  assert.ok(found.ok);
  assert.deepEqual(tableFromIPC(found.value.rows).getChild('customer_id')!.toArray(), ['B']);
  engine.close();
});

test('the analysis controls are kept in the workspace and restored when it is reopened', async () => {
  const file = path.join(tempDir(), 'ws.duckdb');
  const engine = await Engine.open(file);
  assert.deepEqual(await engine.invoke('ui.settings.get', {}), { ok: true, value: { settings: null } });
  const settings = { period: 'quarter' as const, preset: 'stripe' as const, filters: [{ attribute: 'country', op: 'eq' as const, values: ['DE'] }] };
  assert.ok((await engine.invoke('ui.settings.set', { settings })).ok);
  engine.close();
  const reopened = await Engine.open(file);
  assert.deepEqual(await reopened.invoke('ui.settings.get', {}), { ok: true, value: { settings } });
  reopened.close();
});

test("a customers file's rows of one customer become one, each field filled from the rows that have it; a later file fills only what is empty", async () => {
  const dir = tempDir();
  const fs = await import('node:fs');
  const first = path.join(dir, 'customers.csv');
  fs.writeFileSync(first, ['customer_id,employees,country,industry', 'A,,FR,', 'B,20,US,Retail', 'A,50,,Software', 'C,,,'].join('\n'));
  const second = path.join(dir, 'more-customers.csv');
  fs.writeFileSync(second, ['customer_id,employees,country,industry', 'C,7,JP,', 'B,99,CA,Media', 'D,1,,'].join('\n'));
  const engine = await Engine.open(null);
  try {
    for (const file of [first, second]) {
      const imported = await engine.invoke('model.import', { files: [{ path: file, kind: 'customers' }] });
      assert.ok(imported.ok, JSON.stringify(imported).slice(0, 600));
    }
    assert.deepEqual(await engine.database.rows('SELECT customer_id, employees, country, industry FROM churn.customers ORDER BY customer_id'), [
      { customer_id: 'A', employees: 50n, country: 'FR', industry: 'Software' },
      { customer_id: 'B', employees: 20n, country: 'US', industry: 'Retail' },
      { customer_id: 'C', employees: 7n, country: 'JP', industry: null },
      { customer_id: 'D', employees: 1n, country: null, industry: null },
    ]);
  } finally {
    engine.close();
  }
});
