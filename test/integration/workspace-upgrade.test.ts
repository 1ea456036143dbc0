// A workspace made before customer_month was stored by customer index
// (customer_month and its cancellation variant as tables with the customer's
// id, the variant sometimes a view of customer_month, the index perhaps not
// written yet) opens with the same months and the same analysis as one made
// now from the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import { tempDir } from '../support/fixtures.js';
import { modelEngine, type MonthRow } from '../support/model.js';

const ROWS: MonthRow[] = [
  ['A', '2024-01', 100], ['A', '2024-02', 120], ['A', '2024-03', 120],
  ['B', '2024-01', 50], ['B', '2024-02', 50],
  ['C', '2024-02', 80], ['C', '2024-03', 40],
];

/** The old layout, written with DuckDB directly: `byCancellation` a table of its own (without C's last month) or a view of customer_month. */
async function oldWorkspace(file: string, byCancellation: 'table' | 'view', indexed: boolean) {
  const instance = await DuckDBInstance.create(file);
  const c = await instance.connect();
  const values = ROWS.map(([id, m, v]) => `('${id}', DATE '${m}-01', ${v})`).join(', ');
  await c.run(`CREATE SCHEMA churn;
    CREATE TABLE churn.customers (
      customer_id VARCHAR PRIMARY KEY, name VARCHAR, first_seen DATE, employees BIGINT,
      annual_revenue DECIMAL(18,2), contract_value DECIMAL(18,2), segment VARCHAR, country VARCHAR, industry VARCHAR);
    INSERT INTO churn.customers (customer_id) VALUES ('A'), ('D');
    CREATE TABLE churn.customer_month (customer_id VARCHAR, month DATE, mrr DECIMAL(18,6), cidx INTEGER);
    INSERT INTO churn.customer_month (customer_id, month, mrr) SELECT * FROM (VALUES ${values});
    CREATE TABLE churn.customer_index (customer_id VARCHAR PRIMARY KEY, cidx INTEGER);`);
  if (indexed) {
    await c.run(`INSERT INTO churn.customer_index SELECT customer_id, CAST(row_number() OVER (ORDER BY customer_id) AS INTEGER) FROM (SELECT customer_id FROM churn.customer_month UNION SELECT customer_id FROM churn.customers);
      UPDATE churn.customer_month SET cidx = i.cidx FROM churn.customer_index i WHERE i.customer_id = customer_month.customer_id;`);
  }
  await c.run(
    byCancellation === 'view'
      ? 'CREATE VIEW churn.customer_month_by_cancellation AS SELECT customer_id, month, mrr, cidx FROM churn.customer_month'
      : `CREATE TABLE churn.customer_month_by_cancellation AS SELECT * FROM churn.customer_month WHERE NOT (customer_id = 'C' AND month = DATE '2024-03-01')`,
  );
  c.closeSync();
  instance.closeSync();
}

const months = (engine: Engine, table: string) =>
  engine.database.rows(`SELECT customer_id, strftime(month, '%Y-%m') AS m, CAST(mrr AS VARCHAR) AS mrr FROM churn.${table} ORDER BY ALL`);

for (const byCancellation of ['table', 'view'] as const) {
  for (const indexed of [true, false]) {
    test(`an older workspace (cancellation variant a ${byCancellation}, ${indexed ? 'with' : 'without'} its index) opens with the same months and analysis`, async () => {
      const file = path.join(tempDir('cw-upgrade-'), 'old.duckdb');
      await oldWorkspace(file, byCancellation, indexed);
      const upgraded = await Engine.open(file);
      const fresh = await modelEngine(ROWS, { A: {}, D: {} });
      if (byCancellation === 'table') {
        await fresh.database.run(`DELETE FROM churn.customer_month_by_cancellation_rows
          WHERE cidx = (SELECT cidx FROM churn.customer_index WHERE customer_id = 'C') AND month = DATE '2024-03-01'`);
      }
      try {
        assert.deepEqual(await months(upgraded, 'customer_month'), await months(fresh, 'customer_month'));
        assert.deepEqual(await months(upgraded, 'customer_month_by_cancellation'), await months(fresh, 'customer_month_by_cancellation'));
        assert.equal((await months(upgraded, 'customer_month_by_cancellation')).length, byCancellation === 'view' ? ROWS.length : ROWS.length - 1);
        assert.deepEqual(
          await upgraded.database.rows('SELECT customer_id, cidx FROM churn.customer_index ORDER BY ALL'),
          await fresh.database.rows('SELECT customer_id, cidx FROM churn.customer_index ORDER BY ALL'),
        );
        const settings = { asOf: '2024-03-31' };
        const [a, b] = [await upgraded.invoke('analysis.run', { settings }), await fresh.invoke('analysis.run', { settings })];
        assert.ok(a.ok && b.ok, JSON.stringify([a, b]).slice(0, 600));
        assert.deepEqual(a.value, b.value);
      } finally {
        upgraded.close();
        fresh.close();
      }
    });
  }
}
