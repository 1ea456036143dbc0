// The vendor exports whose rows are not one per customer and month
// (docs/RECONCILIATION.md, "Vendor presets"; main/reconcile/reshape.ts): movement
// streams (ChartMogul activities and MRR movements, ProfitWell), one column per
// month (Stripe's MRR per subscriber) and snapshots of one stated month
// (ChartMogul customers, Baremetrics). Each tells the shared story
// (test/support/reconcileStory.ts: A 100 Jan–Jun, B 200 Jan–May cancelled on
// 2024-03-10, C 50 Feb–Mar, D 80 Jan–Jun, as of 2024-06-30) in its vendor's
// layout twice: as we count it (no difference), and with B churned at the
// cancellation and D at 90 in June (March in a snapshot): the churn date explains
// 200.00 a month, D's −10.00 is unexplained.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../../main/engine/engine.js';
import type { ReconcileResult, ReferenceFileRequest } from '../../shared/reconcile.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { STORY_SUBSCRIPTIONS } from '../support/reconcileStory.js';

const SLOW = { timeout: 300_000 };

/** A movement of the story: customer, date, our movement, change in the major unit. */
type Move = [customer: string, date: string, movement: 'new' | 'expansion' | 'churn', change: number];

const AS_WE_COUNT: Move[] = [
  ['A', '2024-01-01', 'new', 100],
  ['B', '2024-01-01', 'new', 200],
  ['D', '2024-01-01', 'new', 80],
  ['C', '2024-02-01', 'new', 50],
  ['C', '2024-04-01', 'churn', -50],
  ['B', '2024-06-01', 'churn', -200],
];
/** B's churn at the cancellation, D up to 90 in June. */
const PLANTED: Move[] = [
  ['A', '2024-01-01', 'new', 100],
  ['B', '2024-01-01', 'new', 200],
  ['D', '2024-01-01', 'new', 80],
  ['C', '2024-02-01', 'new', 50],
  ['B', '2024-03-10', 'churn', -200],
  ['C', '2024-04-01', 'churn', -50],
  ['D', '2024-06-05', 'expansion', 10],
];

const CHARTMOGUL_TYPE = { new: 'new_biz', expansion: 'expansion', churn: 'churn' } as const;
const PROFITWELL_LABEL = { new: 'new', expansion: 'upgrade', churn: 'churn' } as const;
const cents = (x: number) => String(Math.round(x * 100));

/** ChartMogul's activities (List Activities' attribute names), amounts in cents, each with the MRR after it. */
function chartmogulActivities(moves: Move[]): string {
  const after = new Map<string, number>();
  const lines = moves.map(([customer, date, movement, change]) => {
    after.set(customer, (after.get(customer) ?? 0) + change);
    return [`${movement} ${customer}`, cents(change), cents(after.get(customer)!), `${date}T09:00:00+00:00`, CHARTMOGUL_TYPE[movement], 'USD', `sub_${customer}`, `cus_uuid_${customer}`, customer].join(',');
  });
  return ['description,activity-mrr-movement,activity-mrr,date,type,currency,subscription-external-id,customer-uuid,customer-external-id', ...lines].join('\n') + '\n';
}

/** ChartMogul destinations' MRR Movements dataset, amounts in cents. */
function chartmogulMovements(moves: Move[]): string {
  const after = new Map<string, number>();
  const lines = moves.map(([customer, date, movement, change]) => {
    after.set(customer, (after.get(customer) ?? 0) + change);
    return [`${date} 09:00:00`, `Customer ${customer}`, cents(change), cents(after.get(customer)!), CHARTMOGUL_TYPE[movement], 'EUR', customer, `cus_uuid_${customer}`].join(',');
  });
  return ['DATE,CUSTOMER_NAME,MRR_MOVEMENT,MRR,MOVEMENT_TYPE,CURRENCY_CODE,CUSTOMER_EXTERNAL_ID,CUSTOMER_UUID', ...lines].join('\n') + '\n';
}

/** ProfitWell's activity labels, amounts in the major unit; `lossesPositive`: churn written as a positive amount. */
function profitwell(moves: Move[], lossesPositive: boolean): string {
  const after = new Map<string, number>();
  const lines = moves.flatMap(([customer, date, movement, change]) => {
    after.set(customer, (after.get(customer) ?? 0) + change);
    const row = [customer, `${customer.toLowerCase()}@example.com`, PROFITWELL_LABEL[movement], date, (lossesPositive ? Math.abs(change) : change).toFixed(2), after.get(customer)!.toFixed(2)].join(',');
    // A churn follows the cancellation request, which moves nothing by itself.
    return movement === 'churn' ? [[customer, `${customer.toLowerCase()}@example.com`, 'cancelled', date, '0.00', (after.get(customer)! - change).toFixed(2)].join(','), row] : [row];
  });
  return ['user_id,email,activity,date,mrr_change,mrr', ...lines].join('\n') + '\n';
}

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

/** Stripe's MRR per subscriber: one column per month, a blank month has no MRR. */
function stripeWide(mrr: Record<string, (number | null)[]>): string {
  return ['Customer ID,Customer,Currency,' + MONTHS.join(','), ...Object.entries(mrr).map(([customer, values]) => [customer, `Customer ${customer}`, 'usd', ...values.map((v) => (v === null ? '' : v.toFixed(2)))].join(','))].join('\n') + '\n';
}

const STRIPE_AS_WE_COUNT = { A: [100, 100, 100, 100, 100, 100], B: [200, 200, 200, 200, 200, null], C: [null, 50, 50, null, null, null], D: [80, 80, 80, 80, 80, 80] };
const STRIPE_PLANTED = { A: [100, 100, 100, 100, 100, 100], B: [200, 200, 0, 0, 0, 0], C: [null, 50, 50, 0, 0, 0], D: [80, 80, 80, 80, 80, 90] };

/** March as we count it, and with B cancelled and D at 90: the snapshots' customers. */
const MARCH = { A: 100, B: 200, C: 50, D: 80 };
const MARCH_PLANTED = { A: 100, B: 0, C: 50, D: 90 };

const chartmogulCustomers = (mrr: Record<string, number>) =>
  ['UUID,EXTERNAL_ID,NAME,MRR,ARR,PLAN_NAME,STATUS', ...Object.entries(mrr).map(([c, v]) => [`cus_uuid_${c}`, c, `Customer ${c}`, cents(v), cents(12 * v), 'Pro', v > 0 ? 'Active' : 'Cancelled'].join(','))].join('\n') + '\n';
const baremetricsCustomers = (mrr: Record<string, number>) =>
  ['oid,email,name,current_mrr,is_active', ...Object.entries(mrr).map(([c, v]) => [c, `${c.toLowerCase()}@example.com`, `Customer ${c}`, cents(v), String(v > 0)].join(','))].join('\n') + '\n';

let engine: Engine;
let tmp: string;

before(async () => {
  tmp = tempDir('cw-reconcile-vendors-');
  engine = await Engine.open(null);
  const model = await engine.invoke('model.import', { files: [{ path: writeFile(tmp, 'subscriptions.csv', STORY_SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } });
  assert.ok(model.ok, JSON.stringify(model));
});
after(() => engine.close());

async function reconcile(name: string, text: string, preset: string, extra: Partial<ReferenceFileRequest> = {}): Promise<ReconcileResult> {
  const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, name, text), ...extra } });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.equal(imported.value.reference.preset, preset, 'recognised by its header');
  assert.equal(imported.value.reference.rowsRejected, 0);
  const result = await engine.invoke('reconcile.run', { settings: {} });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

/** month → ours/theirs and each part of the difference. */
function parts(result: ReconcileResult): string[] {
  return result.months.map((m) =>
    [
      `${m.month} ${m.ours.mrr}/${m.theirs.mrr}`,
      ...m.explained.map((e) => `${e.rule} ${e.amount}/${e.customers}`),
      ...(m.unexplained.customers ? [`unexplained ${m.unexplained.amount}/${m.unexplained.customers}`] : []),
    ].join(' '),
  );
}

async function unexplained(): Promise<string[]> {
  const drill = await engine.invoke('reconcile.drill', { settings: {}, drill: { month: null, part: 'unexplained', offset: 0, limit: 100 } });
  assert.ok(drill.ok, JSON.stringify(drill));
  return drill.value.rows.map((r) => `${r.customerId} ${r.month} ${r.ours}/${r.theirs}`);
}

const AGREE = ['2024-01 380/380', '2024-02 430/430', '2024-03 430/430', '2024-04 380/380', '2024-05 380/380', '2024-06 180/180'];
// Theirs without B from March, with D at 90 in June.
const PLANTED_PARTS = [
  '2024-01 380/380',
  '2024-02 430/430',
  '2024-03 430/230 churnDate=cancellation 200/1',
  '2024-04 380/180 churnDate=cancellation 200/1',
  '2024-05 380/180 churnDate=cancellation 200/1',
  '2024-06 180/190 unexplained -10/1',
];

describe('movement streams: the running sum per customer, carried forward month by month until churn', () => {
  const streams = [
    { preset: 'chartmogul_activities', name: 'activities.csv', write: chartmogulActivities },
    { preset: 'chartmogul_mrr_movements', name: 'mrr_movements.csv', write: chartmogulMovements },
    { preset: 'profitwell_activity', name: 'profitwell.csv', write: (moves: Move[]) => profitwell(moves, moves === PLANTED) },
  ];
  for (const { preset, name, write } of streams) {
    test(`${preset}: as we count it, no difference; planted, the churn date and D's −10.00`, SLOW, async () => {
      const equal = await reconcile(name, write(AS_WE_COUNT), preset);
      assert.deepEqual(parts(equal), AGREE);
      assert.equal(equal.total.difference, 0);
      assert.ok(equal.reference.hasMovements);
      // The vendor's movements are compared too: June's churn is B's 200, April's C's 50.
      const june = equal.months[5]!.movements!.find((m) => m.movement === 'churn')!;
      assert.deepEqual([june.ours, june.theirs], [200, 200]);
      assert.ok(equal.months.every((m) => m.movements!.every((mv) => mv.difference === 0)), preset);

      const planted = await reconcile(name, write(PLANTED), preset);
      assert.deepEqual(parts(planted), PLANTED_PARTS);
      assert.equal(planted.total.unexplained.amount, -10);
      assert.deepEqual(await unexplained(), ['D 2024-06 80/90']);
    });
  }

  test('a customer-month keeps the line of its last movement; carried months the line they are carried from', SLOW, async () => {
    await reconcile('activities.csv', chartmogulActivities(PLANTED), 'chartmogul_activities');
    const rows = await engine.database.rows(`
      SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(mrr AS DOUBLE) AS mrr, movement, source_line
      FROM reconcile.reference_rows WHERE customer_id IN ('B', 'D') ORDER BY 1, 2`);
    assert.deepEqual(
      rows.map((r) => `${r.customer_id} ${r.month} ${r.mrr} ${r.movement ?? '-'} ${r.source_line}`),
      ['B 2024-01 200 new 3', 'B 2024-02 200 - 3', 'B 2024-03 0 churn 6', 'D 2024-01 80 new 4', 'D 2024-02 80 - 4', 'D 2024-03 80 - 4', 'D 2024-04 80 - 4', 'D 2024-05 80 - 4', 'D 2024-06 90 expansion 8'],
    );
  });

  test('carried forward to the stated month when the stream ends before it', SLOW, async () => {
    // The stream's last movement is C's churn in April; the export is of June.
    const moves = AS_WE_COUNT.filter(([customer, date]) => !(customer === 'B' && date === '2024-06-01'));
    const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, 'early.csv', chartmogulActivities(moves)), referenceMonth: '2024-06' } });
    assert.ok(imported.ok, JSON.stringify(imported));
    assert.deepEqual([imported.value.reference.firstMonth, imported.value.reference.lastMonth], ['2024-01', '2024-06']);
    const [june] = await engine.database.rows(`SELECT CAST(sum(mrr) AS DOUBLE) AS mrr FROM reconcile.reference_rows WHERE month = DATE '2024-06-01'`);
    assert.equal(june!.mrr, 380);
  });

  test('a bad movement is rejected with its line and column; the others are read', SLOW, async () => {
    const text = chartmogulActivities(AS_WE_COUNT).replace(',churn,USD,sub_C', ',refund,USD,sub_C').replace(',20000,20000,2024-01-01', ',2O000,20000,2024-01-01');
    const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, 'bad.csv', text) } });
    assert.ok(imported.ok, JSON.stringify(imported));
    const rejects = await engine.database.rows(`SELECT line, "column", value, reason FROM churn.rejects WHERE import_id = ${imported.value.reference.importId} ORDER BY line`);
    assert.deepEqual(rejects, [
      { line: 3n, column: 'activity-mrr-movement', value: '2O000', reason: 'unparseable_money' },
      { line: 6n, column: 'type', value: 'refund', reason: 'unknown_movement' },
    ]);
    assert.deepEqual([imported.value.reference.rowsRead, imported.value.reference.rowsRejected], [6, 2]);
  });
});

describe('one column per month: unpivoted', () => {
  test('stripe_mrr_per_subscriber: as we count it, no difference; planted, the churn date and D\'s −10.00', SLOW, async () => {
    assert.deepEqual(parts(await reconcile('MRR_per_Subscriber__monthly.csv', stripeWide(STRIPE_AS_WE_COUNT), 'stripe_mrr_per_subscriber')), AGREE);
    const planted = await reconcile('MRR_per_Subscriber__monthly.csv', stripeWide(STRIPE_PLANTED), 'stripe_mrr_per_subscriber');
    assert.deepEqual(parts(planted), PLANTED_PARTS);
    assert.deepEqual(await unexplained(), ['D 2024-06 80/90']);
    // Every filled cell is a row, a blank one none: 6 + 6 + 5 + 6.
    assert.deepEqual([planted.reference.rowsRead, planted.reference.rowsLoaded], [23, 23]);
  });

  test('a bad cell is rejected with its line and its month column; the rest of its line is read', SLOW, async () => {
    const text = stripeWide(STRIPE_AS_WE_COUNT).replace('B,Customer B,usd,200.00,200.00', 'B,Customer B,usd,200.00,two hundred');
    const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, 'MRR_per_Subscriber__monthly.csv', text) } });
    assert.ok(imported.ok, JSON.stringify(imported));
    const rejects = await engine.database.rows(`SELECT line, "column", value, reason FROM churn.rejects WHERE import_id = ${imported.value.reference.importId}`);
    assert.deepEqual(rejects, [{ line: 3n, column: '2024-02', value: 'two hundred', reason: 'unparseable_money' }]);
    const b = await engine.database.rows(`SELECT strftime(month, '%Y-%m') AS month, source_line FROM reconcile.reference_rows WHERE customer_id = 'B' ORDER BY 1`);
    assert.deepEqual(b.map((r) => `${r.month} ${r.source_line}`), ['2024-01 3', '2024-03 3', '2024-04 3', '2024-05 3']);
  });

  test('a line with too few values is rejected with its line; the cells of the lines after it keep theirs', SLOW, async () => {
    const text = stripeWide(STRIPE_AS_WE_COUNT).replace('C,Customer C,usd,,50.00,50.00,,,', 'C,Customer C,usd,,50.00');
    const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, 'MRR_per_Subscriber__monthly.csv', text) } });
    assert.ok(imported.ok, JSON.stringify(imported));
    const rejects = await engine.database.rows(`SELECT line, reason FROM churn.rejects WHERE import_id = ${imported.value.reference.importId}`);
    assert.deepEqual(rejects, [{ line: 4n, reason: 'wrong_field_count' }]);
    const lines = await engine.database.rows(`SELECT customer_id, min(source_line) AS first, max(source_line) AS last FROM reconcile.reference_rows GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(lines.map((r) => `${r.customer_id} ${r.first}-${r.last}`), ['A 2-2', 'B 3-3', 'D 5-5']);
  });
});

describe('snapshots: the month the user states', () => {
  const snapshots = [
    { preset: 'chartmogul_customers', name: 'customers.csv', write: chartmogulCustomers },
    { preset: 'baremetrics_customers', name: 'baremetrics.csv', write: baremetricsCustomers },
  ];
  for (const { preset, name, write } of snapshots) {
    test(`${preset}: as we count March, no difference; planted, the churn date and D's −10.00`, SLOW, async () => {
      const equal = await reconcile(name, write(MARCH), preset, { referenceMonth: '2024-03' });
      assert.deepEqual(parts(equal), ['2024-03 430/430']);
      const planted = await reconcile(name, write(MARCH_PLANTED), preset, { referenceMonth: '2024-03' });
      assert.deepEqual(parts(planted), ['2024-03 430/240 churnDate=cancellation 200/1 unexplained -10/1']);
      assert.deepEqual(await unexplained(), ['D 2024-03 80/90']);
    });
  }

  test('without the month, the import stops and asks for it; the reference in the workspace stays', SLOW, async () => {
    await reconcile('customers.csv', chartmogulCustomers(MARCH), 'chartmogul_customers', { referenceMonth: '2024-03' });
    const before = await engine.invoke('reconcile.state', {});
    assert.ok(before.ok);
    const refused = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tmp, 'baremetrics.csv', baremetricsCustomers(MARCH)) } });
    assert.ok(!refused.ok);
    assert.match(refused.error.message, /baremetrics\.csv: .*state which month that is \(YYYY-MM; --reference-month/);
    const state = await engine.invoke('reconcile.state', {});
    assert.ok(state.ok);
    assert.deepEqual(state.value.reference, before.value.reference);
  });

  test('the dialog is told the month is stated, not a column', SLOW, async () => {
    const preview = await engine.invoke('reconcile.suggest', { path: writeFile(tmp, 'baremetrics.csv', baremetricsCustomers(MARCH)) });
    assert.ok(preview.ok, JSON.stringify(preview));
    assert.equal(preview.value.reading, 'snapshot');
    assert.deepEqual(preview.value.readingFields, { month: 'the month you state' });
    assert.deepEqual(preview.value.missingRequired, []);
    assert.deepEqual(preview.value.fields, { customer_id: 'oid', month: 'month (stated)', mrr: 'current_mrr' });
  });
});

describe('the fixtures of test/fixtures/reconcile (one story, Sep–Nov 2024) load as the same customer-months', () => {
  const REFERENCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'reconcile');
  async function loaded(file: string, extra: Partial<ReferenceFileRequest> = {}): Promise<string[]> {
    const imported = await engine.invoke('reconcile.importReference', { file: { path: path.join(REFERENCES, file), ...extra } });
    assert.ok(imported.ok, JSON.stringify(imported));
    assert.equal(imported.value.reference.rowsRejected, 0, file);
    const rows = await engine.database.rows(`
      SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(sum(mrr) AS DOUBLE) AS mrr FROM reconcile.reference_rows
      GROUP BY ALL HAVING sum(mrr) <> 0 ORDER BY 1, 2`);
    return rows.map((r) => `${r.customer_id} ${r.month} ${r.mrr}`);
  }

  test('movement streams, one column per month, the generic file and (for November) the snapshots', SLOW, async () => {
    const truth = await loaded('generic-customer-month.csv');
    assert.deepEqual(truth, ['cus_0001 2024-09 60', 'cus_0001 2024-10 60', 'cus_0001 2024-11 60', 'cus_0002 2024-09 100', 'cus_0002 2024-10 150', 'cus_0003 2024-10 40', 'cus_0003 2024-11 30']);
    for (const file of ['stripe-MRR_per_Subscriber__monthly.csv', 'chartmogul-activities.csv', 'chartmogul-mrr-movements.csv', 'profitwell-activity.csv']) {
      assert.deepEqual(await loaded(file), truth, file);
    }
    const november = truth.filter((row) => row.includes(' 2024-11 '));
    for (const file of ['chartmogul-customers.csv', 'baremetrics-customers.csv']) assert.deepEqual(await loaded(file, { referenceMonth: '2024-11' }), november, file);
  });
});
