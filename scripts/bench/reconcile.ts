// node --import tsx scripts/bench/reconcile.ts [--customers 1000000] [--months 24] [--pairs 3]
//
// Reconciliation at scale (docs/RECONCILIATION.md, "Performance"): a full
// customer-month reference beside ours, timed against a plain DuckDB full
// outer join of the same two tables (per month: both sums and the number of
// customer-months that differ), alternately in one process, --pairs times;
// medians and the ratio printed. The data: seeded customer histories written
// straight into the model; the reference is ours with, for 2% of the
// customers, the churn-date variant's months (cancelled early: theirs stops
// two months sooner, which the attribution must give to churnDate) and
// noise on 0.5% of the customers (unexplained). The run's totals are checked
// against the join's. Asserts nothing about time.
import { parseArgs } from 'node:util';
import { Engine } from '../../main/engine/engine.js';
import { customerMonthFromIdsSql } from '../../main/model/schema.js';
import { RECONCILE_DDL } from '../../main/reconcile/schema.js';
import type { Result } from '../../shared/result.js';
import type { ReconcileResult } from '../../shared/reconcile.js';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    months: { type: 'string', default: '24' },
    pairs: { type: 'string', default: '3' },
  },
});
const customers = Number(values.customers);
const months = Number(values.months);
const pairs = Math.max(1, Number(values.pairs));
const log = (line: string) => process.stderr.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const secs = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(2)} s`);

const engine = await Engine.open(null);
const db = engine.database;
const started = performance.now();
await db.run(RECONCILE_DDL);
// Customer i starts in month s (0…months−1) and stays for 1…months months at a fixed MRR (hash-seeded, so every run is the same).
await db.run(`
CREATE TEMP TABLE histories AS
SELECT 'C' || lpad(CAST(i AS VARCHAR), 8, '0') AS customer_id, i,
       CAST(hash(i, 1) % ${months} AS INTEGER) AS s, CAST(1 + hash(i, 2) % ${months} AS INTEGER) AS len,
       CAST(10 + hash(i, 3) % 990 AS DECIMAL(18,6)) AS mrr
FROM range(${customers}) t(i)`);
await db.run(customerMonthFromIdsSql(`(
SELECT customer_id, CAST(DATE '2023-01-01' + INTERVAL (m) MONTH AS DATE) AS month, mrr
FROM (SELECT customer_id, mrr, unnest(range(s, least(s + len, ${months}))) AS m FROM histories))`, false));
// 2% of customers cancelled early: by cancellation, their last two months are gone.
await db.run(`
INSERT INTO churn.customer_month_by_cancellation_rows (cidx, month, mrr)
SELECT cm.cidx, cm.month, cm.mrr FROM churn.customer_month cm JOIN histories h USING (customer_id)
WHERE NOT (h.i % 50 = 7 AND h.len > 2 AND cm.month >= CAST(DATE '2023-01-01' + INTERVAL (least(h.s + h.len, ${months}) - 2) MONTH AS DATE))`);
await db.run(`INSERT INTO churn.settings VALUES ('data_as_of', '"${new Date(Date.UTC(2023, months - 1, 28)).toISOString().slice(0, 10)}"')`);
// The reference: the churn-date variant's rows, with noise on 0.5% of the customers' first month.
await db.run(`
INSERT INTO reconcile.reference_rows
SELECT cm.customer_id, cm.month, cm.mrr + CASE WHEN h.i % 200 = 3 AND cm.month = CAST(DATE '2023-01-01' + INTERVAL (h.s) MONTH AS DATE) THEN 1.5 ELSE 0 END, NULL, 0
FROM churn.customer_month_by_cancellation cm JOIN histories h USING (customer_id)`);
await db.run(`INSERT INTO reconcile.reference VALUES (1, 'bench.csv', 'bench', NULL, 'customer_month', '{}', NULL, NULL, NULL, 'major', 0, 0, 0, now()::TIMESTAMP)`);
const [size] = await db.rows(`SELECT (SELECT count(*) FROM churn.customer_month) AS ours, (SELECT count(*) FROM reconcile.reference_rows) AS theirs`);
log(`${customers.toLocaleString('en-US')} customers: ${Number(size!.ours).toLocaleString('en-US')} customer-months ours, ${Number(size!.theirs).toLocaleString('en-US')} theirs (made in ${secs((performance.now() - started) / 1000)})`);

const JOIN = `
SELECT strftime(month, '%Y-%m') AS month, sum(coalesce(o.mrr, 0)) AS ours, sum(coalesce(t.mrr, 0)) AS theirs,
       count(*) FILTER (WHERE coalesce(o.mrr, 0) <> coalesce(t.mrr, 0)) AS differing
FROM churn.customer_month o FULL JOIN reconcile.reference_rows t USING (customer_id, month)
GROUP BY 1 ORDER BY 1`;

const app: number[] = [];
const baseline: number[] = [];
let last: Result<ReconcileResult> | null = null;
let joined: Record<string, unknown>[] = [];
for (let pair = 0; pair < pairs; pair++) {
  for (const side of pair % 2 ? ['baseline', 'app'] : ['app', 'baseline']) {
    const t0 = performance.now();
    if (side === 'app') {
      last = await engine.invoke('reconcile.run', { settings: {}, tolerance: { absolute: 0.01, relative: 0 } });
      if (!last.ok) throw new Error(last.error.message);
      app.push((performance.now() - t0) / 1000);
    } else {
      joined = await db.rows(JOIN);
      baseline.push((performance.now() - t0) / 1000);
    }
  }
}
if (!last?.ok) throw new Error('no run');
const result = last.value;
// Agreement: the run's monthly totals are the join's.
for (const row of joined) {
  const month = String(row.month).slice(0, 7);
  const m = result.months.find((x) => x.month === month);
  if (!m || Math.abs(m.ours.mrr - Number(row.ours)) > 0.005 || Math.abs(m.theirs.mrr - Number(row.theirs)) > 0.005) {
    throw new Error(`month ${month}: the run has ${JSON.stringify(m && [m.ours.mrr, m.theirs.mrr])}, the join ${Number(row.ours)}, ${Number(row.theirs)}`);
  }
}
const explained = result.total.explained.map((e) => `${e.rule} ${e.amount.toFixed(2)} in ${e.customers} customer-months`).join('; ');
log(`explained: ${explained || 'nothing'}; unexplained ${result.total.unexplained.amount.toFixed(2)} in ${result.total.unexplained.customers} customer-months`);
const a = median(app);
const b = median(baseline);
process.stdout.write(`step       app        plain join   ratio\nreconcile  ${secs(a).padEnd(10)} ${secs(b).padEnd(12)} ${(a / b).toFixed(1)}×\n`);
engine.close();
