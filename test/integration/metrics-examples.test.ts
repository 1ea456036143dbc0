// The worked examples of the domain notes (../shared/domain.md §2, §4), exactly,
// on hand-made customer_month data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../main/metrics/analyze.js';
import { customerMonthFromIdsSql } from '../../main/model/schema.js';
import { modelEngine, type MonthRow } from '../support/model.js';

const close = (actual: unknown, expected: number, digits = 10) =>
  assert.ok(typeof actual === 'number' && Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`);

/** n customers named prefix0…, each with the same monthly MRR path (null = inactive). */
function many(prefix: string, n: number, path: Record<string, number | null>): MonthRow[] {
  const rows: MonthRow[] = [];
  for (let i = 0; i < n; i += 1) {
    for (const [month, mrr] of Object.entries(path)) if (mrr !== null) rows.push([`${prefix}${i}`, month, mrr]);
  }
  return rows;
}

test('customer churn: 1,000 customers at the start of a quarter, 75 lost → 7.5%', async () => {
  const engine = await modelEngine([
    ...many('stay', 925, { '2023-12': 50, '2024-01': 50, '2024-02': 50, '2024-03': 50 }),
    ...many('lost', 75, { '2023-12': 50, '2024-01': 50 }),
  ]);
  const result = await analyze(engine.database, { period: 'quarter', asOf: '2024-03-31' });
  const q1 = result.periods.find((p) => p.period === '2024-Q1')!;
  assert.equal(q1.customers_start, 1000);
  assert.equal(q1.customers_churned, 75);
  assert.equal(q1.customer_churn_rate, 0.075);
  assert.equal(q1.customers_end, 925);
  engine.close();
});

test('revenue churn: start 300,000, losses 50,000, expansion 60,000 → gross 16.67%, net −3.33%', async () => {
  const engine = await modelEngine([
    ['A', '2024-01', 100_000], ['A', '2024-02', 160_000],
    ['B', '2024-01', 100_000], ['B', '2024-02', 80_000],
    ['C', '2024-01', 70_000], ['C', '2024-02', 70_000],
    ['D', '2024-01', 30_000],
  ]);
  const result = await analyze(engine.database, { asOf: '2024-02-29' });
  const feb = result.periods.find((p) => p.period === '2024-02')!;
  assert.equal(feb.mrr_start, 300_000);
  assert.equal(feb.mrr_churned, 30_000);
  assert.equal(feb.mrr_contraction, 20_000);
  assert.equal(feb.mrr_expansion, 60_000);
  assert.equal(Number((feb.gross_mrr_churn_rate as number).toFixed(4)), 0.1667);
  close(feb.gross_mrr_churn_rate, 50_000 / 300_000);
  close(feb.net_mrr_churn_rate, -10_000 / 300_000);
  assert.equal(Number((feb.net_mrr_churn_rate as number).toFixed(4)), -0.0333);
  close(feb.nrr, 1 + 10_000 / 300_000);
  close(feb.grr, 1 - 50_000 / 300_000);
  engine.close();
});

test('the same numbers when the customer index passes 2^16 (the window key needs 64 bits)', async () => {
  const engine = await modelEngine([
    ['A', '2024-01', 100_000], ['A', '2024-02', 160_000],
    ['B', '2024-01', 100_000], ['B', '2024-02', 80_000],
    ['C', '2024-01', 70_000], ['C', '2024-02', 70_000],
    ['D', '2024-01', 30_000],
  ]);
  // 70,000 customers known only by their record, whose ids sort first, push A–D past index 65,536 (their months renumbered with them).
  await engine.database.run("INSERT INTO churn.customers (customer_id) SELECT '0' || lpad(CAST(i AS VARCHAR), 6, '0') FROM range(70000) t(i)");
  await engine.database.run(customerMonthFromIdsSql('(SELECT NULL AS customer_id, NULL AS month, NULL AS mrr WHERE false)', true));
  const [low] = await engine.database.rows("SELECT min(cidx) AS low FROM churn.customer_month");
  assert.ok(Number(low!.low) > 65_536);
  const result = await analyze(engine.database, { asOf: '2024-02-29' });
  const feb = result.periods.find((p) => p.period === '2024-02')!;
  assert.deepEqual([feb.mrr_start, feb.mrr_churned, feb.mrr_contraction, feb.mrr_expansion, feb.customers_churned], [300_000, 30_000, 20_000, 60_000, 1]);
  engine.close();
});

test('revenue churn: start 100, churn 10, contraction 10 → gross 20%; with expansion 10 → net 10%', async () => {
  const engine = await modelEngine([
    ['A', '2024-01', 40], ['A', '2024-02', 30],
    ['B', '2024-01', 10],
    ['C', '2024-01', 50], ['C', '2024-02', 60],
  ]);
  const result = await analyze(engine.database, { asOf: '2024-02-29' });
  const feb = result.periods.find((p) => p.period === '2024-02')!;
  assert.equal(feb.mrr_start, 100);
  close(feb.gross_mrr_churn_rate, 0.2);
  close(feb.net_mrr_churn_rate, 0.1);
  close(feb.quick_ratio, 10 / 20);
  engine.close();
});

test('presets: 100 at start, 12 churned of whom 1 reactivated and 1 joined in the period', async () => {
  const rows: MonthRow[] = [
    ...many('stay', 90, { '2023-12': 10, '2024-01': 10, '2024-02': 10, '2024-03': 10 }),
    ...many('lost', 10, { '2023-12': 10, '2024-01': 10 }),
    // Churned before the quarter, back in January, gone again in March.
    ['back', '2023-10', 10], ['back', '2024-01', 10], ['back', '2024-02', 10],
    // Joined in January, gone in March.
    ['fresh', '2024-01', 10], ['fresh', '2024-02', 10],
  ];
  const engine = await modelEngine(rows);
  const rateFor = async (preset: 'chartmogul' | 'stripe' | 'baremetrics') => {
    const result = await analyze(engine.database, { period: 'quarter', asOf: '2024-03-31', preset });
    return result.periods.find((p) => p.period === '2024-Q1')!;
  };
  const chartmogul = await rateFor('chartmogul');
  assert.equal(chartmogul.customers_start, 100);
  assert.equal(chartmogul.customers_churned, 12);
  assert.equal(chartmogul.customers_new, 1);
  assert.equal(chartmogul.customers_reactivated, 1);
  assert.equal(chartmogul.customer_churn_rate, 0.1);
  const stripe = await rateFor('stripe');
  close(stripe.customer_churn_rate, 12 / 101);
  const baremetrics = await rateFor('baremetrics');
  close(baremetrics.customer_churn_rate, 12 / 100);
  engine.close();
});

test('reactivation window: back within 90 days is a reactivation, later is new (Maxio)', async () => {
  const engine = await modelEngine([
    ['soon', '2024-01', 10], ['soon', '2024-04', 10], // 2 months at zero
    ['late', '2024-01', 10], ['late', '2024-06', 10], // 4 months at zero
  ]);
  const any = await analyze(engine.database, { asOf: '2024-06-30' });
  const within = await analyze(engine.database, { asOf: '2024-06-30', methodology: { reactivation: 'within_90_days' } });
  const count = (r: typeof any, period: string, key: keyof (typeof any.periods)[number]) => r.periods.find((p) => p.period === period)![key];
  assert.equal(count(any, '2024-04', 'customers_reactivated'), 1);
  assert.equal(count(any, '2024-06', 'customers_reactivated'), 1);
  assert.equal(count(within, '2024-04', 'customers_reactivated'), 1);
  assert.equal(count(within, '2024-06', 'customers_reactivated'), 0);
  assert.equal(count(within, '2024-06', 'customers_new'), 1);
  engine.close();
});

test('ARPA, LTV, annualised churn and the revenue needed to replace losses', async () => {
  // 10 customers at 100; one churns in February: monthly churn 10%.
  const engine = await modelEngine([
    ...many('c', 9, { '2024-01': 100, '2024-02': 100 }),
    ['gone', '2024-01', 100],
  ]);
  const result = await analyze(engine.database, { asOf: '2024-02-29', methodology: { grossMargin: 0.8 } });
  const feb = result.periods.find((p) => p.period === '2024-02')!;
  assert.equal(feb.arpa, 100);
  close(feb.customer_churn_rate, 0.1);
  close(feb.annualized_customer_churn_rate, 1 - 0.9 ** 12);
  close(feb.ltv, (100 * 0.8) / 0.1, 8);
  assert.equal(feb.revenue_lost_mrr, 100);
  assert.equal(feb.revenue_lost_arr, 1200);
  assert.equal(feb.new_mrr_needed, 100);
  engine.close();
});

test('an open subscription at the as-of date is never churn; the as-of month bounds the analysis', async () => {
  const engine = await modelEngine([
    ['open', '2024-01', 10], ['open', '2024-02', 10], ['open', '2024-03', 10],
  ]);
  const result = await analyze(engine.database, { asOf: '2024-03-15' });
  assert.deepEqual(result.periods.map((p) => p.customers_churned), [0, 0, 0]);
  const earlier = await analyze(engine.database, { asOf: '2024-02-10' });
  assert.deepEqual(earlier.periods.map((p) => p.period), ['2024-01', '2024-02']);
  assert.equal(earlier.periods.at(-1)!.customers_churned, 0);
  engine.close();
});
