// Reconciliation (docs/RECONCILIATION.md): a reference equal to ours has no
// differences; one built from ours under a single alternative setting has
// every difference attributed to exactly that setting; noise is unexplained
// and listed; customers only in one side are named. Exact values, worked out
// by hand in the comments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { oursSql } from '../../main/reconcile/compare.js';
import type { AnalysisSettings } from '../../shared/metrics.js';
import type { ReconcileResult } from '../../shared/reconcile.js';
import type { NormalizeOptions } from '../../shared/model.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { context, modelEngine, type MonthRow } from '../support/model.js';
import { seededRandom } from '../support/random.js';

// A open; B paid to 2024-05-31 but cancelled on 2024-03-10; C's end date 2024-04-30 (exclusive: April is not paid); D open.
const SUBSCRIPTIONS = `customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,canceled_at
A,a1,Pro,100,month,2024-01-01,,
B,b1,Pro,200,month,2024-01-01,2024-06-01,2024-03-10
C,c1,Pro,50,month,2024-02-01,2024-04-30,
D,d1,Pro,80,month,2024-01-01,,
`;

// Monthly 50 from Jan 15; the third invoice is paid late and covers Apr 10 → May 10.
const LATE_INVOICES = `customer_id,subscription_id,invoice_date,period_start,period_end,amount
A,s1,2024-01-15,2024-01-15,2024-02-15,50
A,s1,2024-02-15,2024-02-15,2024-03-15,50
A,s1,2024-04-10,2024-04-10,2024-05-10,50
`;

// Payments without a service period (transactions): T skips February; U pays every month.
const PAYMENTS = `customer_id,date,amount
T,2024-01-10,30
T,2024-03-10,30
U,2024-01-05,20
U,2024-02-05,20
U,2024-03-05,20
U,2024-04-05,20
`;

async function imported(csv: string, name: string, options: Partial<NormalizeOptions>): Promise<Engine> {
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(tempDir(), name, csv) }], options });
  assert.ok(result.ok, JSON.stringify(result));
  return engine;
}

/** Our customer-months under `settings` as a reference file: customer_id, month, mrr (and movement). */
async function referenceFrom(engine: Engine, settings: Partial<AnalysisSettings>, movements = false): Promise<string> {
  const ctx = await context(engine, settings);
  const rows = await engine.database.rows(`
    SELECT i.customer_id, strftime(make_date(CAST(o.m // 12 AS BIGINT), CAST(o.m % 12 + 1 AS BIGINT), 1), '%Y-%m') AS month,
           CAST(coalesce(o.mrr, 0) AS DOUBLE) AS mrr, o.movement
    FROM (${oursSql(ctx, { lo: 0, hi: 1_000_000 }, movements)}) o JOIN churn.customer_index i USING (cidx)
    ORDER BY 1, 2`);
  const header = movements ? 'customer_id,month,mrr,movement' : 'customer_id,month,mrr';
  return [header, ...rows.map((r) => [r.customer_id, r.month, r.mrr, ...(movements ? [r.movement ?? ''] : [])].join(','))].join('\n') + '\n';
}

async function reconcile(engine: Engine, reference: string, settings: Partial<AnalysisSettings> = {}): Promise<ReconcileResult> {
  const imported = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tempDir(), 'reference.csv', reference) } });
  assert.ok(imported.ok, JSON.stringify(imported));
  const result = await engine.invoke('reconcile.run', { settings });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

/** month → "rule amount/customers" for every explained part, and the unexplained. */
function parts(result: ReconcileResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const month of result.months) {
    const listed = [
      ...month.explained.map((e) => `${e.rule} ${e.amount}/${e.customers}`),
      ...(month.unexplained.customers || month.unexplained.amount ? [`unexplained ${month.unexplained.amount}/${month.unexplained.customers}`] : []),
      ...(month.withinTolerance.customers ? [`within ${month.withinTolerance.amount}/${month.withinTolerance.customers}`] : []),
    ];
    if (listed.length) out[month.month] = listed;
  }
  return out;
}

async function drill(engine: Engine, part: 'all' | 'unexplained' | 'only_ours' | 'only_theirs', month: string | null = null) {
  const result = await engine.invoke('reconcile.drill', { settings: {}, drill: { month, part, offset: 0, limit: 100 } });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

test('a reference equal to ours: every month agrees, nothing to drill into', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const result = await reconcile(engine, await referenceFrom(engine, {}));
  // Ours: A 100 Jan–Jun, B 200 Jan–May, C 50 Feb–Mar, D 80 Jan–Jun.
  assert.deepEqual(
    result.months.map((m) => `${m.month} ${m.ours.mrr}/${m.theirs.mrr} ${m.difference}`),
    ['2024-01 380/380 0', '2024-02 430/430 0', '2024-03 430/430 0', '2024-04 380/380 0', '2024-05 380/380 0', '2024-06 180/180 0'],
  );
  assert.deepEqual(parts(result), {});
  assert.equal(result.total.unexplained.amount, 0);
  assert.equal(result.suggestion, null);
  assert.ok(result.months.every((m) => m.reconciled));
  assert.equal(result.months[0]!.sentence, 'Ours and theirs agree in 2024-01 (380.00).');
  assert.equal((await drill(engine, 'all')).total, 0);
  engine.close();
});

test('built under churn at cancellation: B’s March to May are that setting, nothing unexplained', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const result = await reconcile(engine, await referenceFrom(engine, { methodology: { churnDate: 'cancellation' } }));
  // Cancelled on 2024-03-10: not in force on 2024-03-31, so theirs stops after February.
  assert.deepEqual(parts(result), {
    '2024-03': ['churnDate=cancellation 200/1'],
    '2024-04': ['churnDate=cancellation 200/1'],
    '2024-05': ['churnDate=cancellation 200/1'],
  });
  assert.equal(result.total.unexplained.amount, 0);
  assert.deepEqual(result.suggestion, { rule: 'churnDate=cancellation', amount: 600, share: 1 });
  assert.equal(result.months[2]!.dominantRule, 'churnDate=cancellation');
  assert.equal(
    result.months[2]!.sentence,
    "Of the 200.00 difference in 2024-03, 200.00 is churn recognised at cancellation instead of at the end of the paid period (Stripe Billing's and Baremetrics' setting), in 1 customer.",
  );
  const rule = result.rules.find((r) => r.id === 'churnDate=cancellation')!;
  assert.deepEqual(rule.apply, { scope: 'analysis', methodology: { churnDate: 'cancellation' } });
  const rows = await drill(engine, 'all', '2024-04');
  assert.deepEqual(rows.rows.map((r) => [r.customerId, r.ours, r.theirs, r.part, r.rule, r.oursUnderRule]), [['B', 200, null, 'explained', 'churnDate=cancellation', 0]]);
  engine.close();
});

test('built with end dates read as inclusive: C’s April is that setting', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const inclusive = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30', endDate: 'inclusive' });
  const reference = await referenceFrom(inclusive, {});
  inclusive.close();
  const result = await reconcile(engine, reference);
  // 2024-04-30 as the last day paid: in force on April's last day.
  assert.deepEqual(parts(result), { '2024-04': ['endDate=inclusive -50/1'] });
  assert.deepEqual(result.rules.find((r) => r.id === 'endDate=inclusive')!.apply, { scope: 'import', options: { endDate: 'inclusive' } });
  engine.close();
});

test('built with a 30-day grace period: the late renewal’s March and the last May are that setting', async () => {
  const engine = await imported(LATE_INVOICES, 'late.csv', { asOf: '2024-07-31' });
  const graced = await imported(LATE_INVOICES, 'late.csv', { asOf: '2024-07-31', graceDays: 30 });
  const reference = await referenceFrom(graced, {});
  graced.close();
  const result = await reconcile(engine, reference);
  // Ours (no grace): Jan, Feb, Apr. Theirs: Jan–May. A 7-day grace covers neither March 31 nor May 31; 30 days does.
  assert.deepEqual(parts(result), { '2024-03': ['graceDays=30 -50/1'], '2024-05': ['graceDays=30 -50/1'] });
  assert.deepEqual(
    result.rules.map((r) => r.id),
    ['churnDate=cancellation', 'endDate=inclusive', 'graceDays=7', 'graceDays=30'],
  );
  engine.close();
});

test('built with a 30-day inactivity window: T’s bridged months are that setting, after 60 days explains nothing', async () => {
  const engine = await imported(PAYMENTS, 'payments.csv', { asOf: '2024-04-30' });
  const result = await reconcile(engine, await referenceFrom(engine, { methodology: { inactivityDays: 30 } }));
  // 90 days bridge up to two empty months at the last MRR: T is 30 in February and April; at 30 days, none.
  assert.deepEqual(parts(result), { '2024-02': ['inactivityDays=30 30/1'], '2024-04': ['inactivityDays=30 30/1'] });
  assert.deepEqual(
    result.rules.map((r) => r.id),
    ['churnDate=cancellation', 'inactivityDays=60', 'inactivityDays=30', 'inactivityDays=180', 'inactivityDays=365'],
  );
  engine.close();
});

test('built with reactivation only within 90 days (movements): R’s return after five months is new, by that setting', async () => {
  const rows: MonthRow[] = [
    ['R', '2024-01', 10],
    ['R', '2024-07', 10],
    ...['01', '02', '03', '04', '05', '06', '07'].map((m): MonthRow => ['S', `2024-${m}`, 20]),
  ];
  const engine = await modelEngine(rows);
  const result = await reconcile(engine, await referenceFrom(engine, { methodology: { reactivation: 'within_90_days' } }, true));
  // Same MRR; only the movement differs: reactivation (ours) vs new (theirs).
  assert.deepEqual(parts(result), { '2024-07': ['reactivation=within_90_days 0/1'] });
  const july = result.months.find((m) => m.month === '2024-07')!;
  assert.deepEqual(
    july.movements!.filter((m) => m.ours || m.theirs).map((m) => `${m.movement} ${m.ours}/${m.theirs}`),
    ['new 0/10', 'reactivation 10/0'],
  );
  engine.close();
});

test('built with zero-MRR customers as churned (movements): Z’s month at zero is a churn and a reactivation, by that setting', async () => {
  const engine = await modelEngine([
    ['Z', '2024-01', 10],
    ['Z', '2024-02', 0],
    ['Z', '2024-03', 10],
    ['S', '2024-01', 20],
    ['S', '2024-02', 20],
    ['S', '2024-03', 20],
  ]);
  const result = await reconcile(engine, await referenceFrom(engine, { methodology: { zeroMrrCustomers: 'churned' } }, true));
  // ChartMogul keeps Z active at zero (contraction, then expansion); churned at zero: churn, then reactivation.
  assert.deepEqual(parts(result), { '2024-02': ['zeroMrrCustomers=churned 0/1'], '2024-03': ['zeroMrrCustomers=churned 0/1'] });
  engine.close();
});

// P pays 40 a month from January, paused 2024-02-10 and resumed 2024-04-10; Q pays 100 throughout.
const PAUSED = `customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,pause_date,resume_date
P,p1,Pro,40,month,2024-01-01,,2024-02-10,2024-04-10
Q,q1,Pro,100,month,2024-01-01,,,
`;

test('built with pauses as churn (movements): P’s pause is a churn and its resume a reactivation, by that setting before zero-MRR customers', async () => {
  const engine = await imported(PAUSED, 'paused.csv', { asOf: '2024-05-31' });
  const churned = await imported(PAUSED, 'paused.csv', { asOf: '2024-05-31', pauses: 'churn' });
  const reference = await referenceFrom(churned, {}, true);
  churned.close();
  const result = await reconcile(engine, reference);
  // Ours (pauses = zero_mrr, zero-MRR customers active): P at 0 in February and March, a contraction then an expansion in April.
  // Theirs: no rows while paused, a churn in February and a reactivation in April; March is 0 on both sides. Same MRR throughout.
  assert.deepEqual(parts(result), { '2024-02': ['pauses=churn 0/1'], '2024-04': ['pauses=churn 0/1'] });
  assert.equal(result.total.unexplained.customers, 0);
  const ids = result.rules.map((r) => r.id);
  // zeroMrrCustomers=churned would explain it too (every month at zero is then a churn): the pause, the narrower reading, comes first.
  assert.ok(ids.indexOf('pauses=churn') >= 0 && ids.indexOf('pauses=churn') < ids.indexOf('zeroMrrCustomers=churned'), ids.join());
  assert.deepEqual(result.rules.find((r) => r.id === 'pauses=churn')!.apply, { scope: 'import', options: { pauses: 'churn' } });
  assert.equal(
    result.months.find((m) => m.month === '2024-02')!.sentence,
    'Of the 0.00 difference in 2024-02, 0.00 is a pause counted as a churn (and the resume as a reactivation) instead of as months at zero MRR, in 1 customer.',
  );
  assert.ok(!result.notVaried.some((n) => n.setting === 'pauses'));
  engine.close();
});

test('without movements in the reference, pauses are not varied (a paused month has no MRR either way), and the result says why', async () => {
  const engine = await imported(PAUSED, 'paused.csv', { asOf: '2024-05-31' });
  const result = await reconcile(engine, await referenceFrom(engine, {}));
  assert.ok(!result.rules.some((r) => r.setting === 'pauses'));
  assert.match(result.notVaried.find((n) => n.setting === 'pauses')!.reason, /only when the workspace has paused subscriptions and the reference has movements/);
  engine.close();
});

test('noise on a few customers: all of it unexplained, and listed with both values', async () => {
  const random = seededRandom(17);
  const months = ['2024-01', '2024-02', '2024-03', '2024-04'];
  const rows: MonthRow[] = [];
  for (let c = 1; c <= 40; c++) for (const month of months) rows.push([`C${String(c).padStart(2, '0')}`, month, 10 * random.int(1, 30)]);
  const engine = await modelEngine(rows);
  const clean = (await referenceFrom(engine, {})).trim().split('\n');
  const noisy = new Map<number, number>();
  while (noisy.size < 4) noisy.set(random.int(1, clean.length - 1), random.int(1, 900) / 100);
  const lines = clean.map((line, i) => {
    const noise = noisy.get(i);
    if (noise === undefined) return line;
    const [customer, month, mrr] = line.split(',');
    return `${customer},${month},${(Number(mrr) + noise).toFixed(2)}`;
  });
  const result = await reconcile(engine, lines.join('\n') + '\n');
  const expected = [...noisy.entries()]
    .map(([i, noise]) => {
      const [customer, month, mrr] = clean[i]!.split(',');
      return [customer!, month!, Number(mrr), Number((Number(mrr) + noise).toFixed(2))] as const;
    })
    .sort((a, b) => Math.abs(b[3] - b[2]) - Math.abs(a[3] - a[2]));
  const listed = await drill(engine, 'unexplained');
  assert.deepEqual(
    listed.rows.map((r) => [r.customerId, r.month, r.ours, r.theirs]),
    expected.map((e) => [...e]),
  );
  assert.equal(result.total.explained.length, 0);
  assert.equal(result.total.unexplained.customers, 4);
  assert.equal(result.total.unexplained.amount, Math.round(-[...noisy.values()].reduce((s, n) => s + n, 0) * 100) / 100);
  assert.equal((await drill(engine, 'all')).total, 4);
  engine.close();
});

test('customers only in the reference, and only in ours, are named with their amounts', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const ours = await referenceFrom(engine, {});
  // Without D (ours only: 80 × 6 months), with X (theirs only: 70 in March and April).
  const reference = ours.split('\n').filter((line) => !line.startsWith('D,')).join('\n') + 'X,2024-03,70\nX,2024-04,70\n';
  const result = await reconcile(engine, reference);
  assert.deepEqual(result.onlyOurs, { customers: 1, mrr: 480 });
  assert.deepEqual(result.onlyTheirs, { customers: 1, mrr: 140 });
  const march = result.months.find((m) => m.month === '2024-03')!;
  assert.deepEqual([march.onlyOurs, march.onlyTheirs, march.unexplained], [
    { amount: 80, customers: 1 },
    { amount: -70, customers: 1 },
    { amount: 10, customers: 2 },
  ]);
  assert.deepEqual((await drill(engine, 'only_theirs')).rows.map((r) => [r.customerId, r.month, r.ours, r.theirs]), [
    ['X', '2024-03', null, 70],
    ['X', '2024-04', null, 70],
  ]);
  assert.equal((await drill(engine, 'only_ours')).total, 6);
  engine.close();
});

test('a tolerance turns small differences into agreement, kept apart in the bridge', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const reference = (await referenceFrom(engine, {})).replace('A,2024-02,100', 'A,2024-02,100.4');
  await engine.invoke('reconcile.importReference', { file: { path: writeFile(tempDir(), 'reference.csv', reference) } });
  const strict = await engine.invoke('reconcile.run', { settings: {}, tolerance: { absolute: 0.01, relative: 0 } });
  assert.ok(strict.ok);
  assert.deepEqual(parts(strict.value), { '2024-02': ['unexplained -0.4/1'] });
  const loose = await engine.invoke('reconcile.run', { settings: {}, tolerance: { absolute: 0.5, relative: 0 } });
  assert.ok(loose.ok);
  assert.deepEqual(parts(loose.value), { '2024-02': ['within -0.4/1'] });
  // The tolerance given is kept for the next run, the drill-down and the sign-off.
  const state = await engine.invoke('reconcile.state', {});
  assert.ok(state.ok);
  assert.deepEqual(state.value.tolerance, { absolute: 0.5, relative: 0 });
  engine.close();
});

/** The runs the workspace keeps, oldest first. */
async function keptRuns(engine: Engine): Promise<string[]> {
  const rows = await engine.database.rows('SELECT run_id FROM reconcile.runs ORDER BY ran_at, run_id');
  return rows.map((r) => String(r.run_id));
}

test('sign-off signs the run shown without computing it again: who, the reference, the tolerance and that run’s amounts', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const result = await reconcile(engine, await referenceFrom(engine, { methodology: { churnDate: 'cancellation' } }));
  const runs = await keptRuns(engine);
  assert.deepEqual(runs, [result.runId], 'a run is kept in the workspace');
  const signed = await engine.invoke('reconcile.signOff', { runId: result.runId, by: 'Ann Analyst', note: 'Stripe cancels at once.' });
  assert.ok(signed.ok, JSON.stringify(signed));
  assert.deepEqual(await keptRuns(engine), runs, 'signing off ran nothing: no new run');
  assert.equal(signed.value.by, 'Ann Analyst');
  assert.equal(signed.value.runId, result.runId);
  assert.equal(signed.value.referenceSha256, result.reference.sha256);
  assert.deepEqual(signed.value.tolerance, result.tolerance);
  assert.deepEqual([signed.value.difference, signed.value.unexplained, signed.value.current, signed.value.staleBecause], [600, 0, true, null]);
  const state = await engine.invoke('reconcile.state', {});
  assert.ok(state.ok);
  assert.deepEqual(state.value.signOff, signed.value);
  engine.close();
});

test('another reference, or the model imported again, makes the sign-off no longer current, saying which; an out-of-date run cannot be signed', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const first = await reconcile(engine, await referenceFrom(engine, {}));
  assert.ok((await engine.invoke('reconcile.signOff', { runId: first.runId, by: 'Ann Analyst', note: '' })).ok);

  // The model's data imported again (one more file): the sign-off stands no longer, because of the data.
  const more = await engine.invoke('model.import', { files: [{ path: writeFile(tempDir(), 'more.csv', 'customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,canceled_at\nE,e1,Pro,70,month,2024-03-01,,\n') }], options: { asOf: '2024-06-30' } });
  assert.ok(more.ok, JSON.stringify(more));
  const afterData = await engine.invoke('reconcile.state', {});
  assert.ok(afterData.ok);
  assert.deepEqual([afterData.value.signOff!.current, afterData.value.signOff!.staleBecause], [false, 'data']);
  const refusedData = await engine.invoke('reconcile.signOff', { runId: first.runId, by: 'Ann Analyst', note: '' });
  assert.ok(!refusedData.ok);
  assert.match(refusedData.error.message, /data has been imported again since this reconciliation ran/);

  // A run on the new data can be signed; another reference then makes it stale, because of the reference.
  const second = await engine.invoke('reconcile.run', { settings: {} });
  assert.ok(second.ok, JSON.stringify(second));
  assert.ok((await engine.invoke('reconcile.signOff', { runId: second.value.runId, by: 'Ann Analyst', note: '' })).ok);
  await engine.invoke('reconcile.importReference', { file: { path: writeFile(tempDir(), 'other.csv', await referenceFrom(engine, { methodology: { churnDate: 'cancellation' } })) } });
  const afterReference = await engine.invoke('reconcile.state', {});
  assert.ok(afterReference.ok);
  assert.deepEqual([afterReference.value.signOff!.current, afterReference.value.signOff!.staleBecause], [false, 'reference']);
  const refusedReference = await engine.invoke('reconcile.signOff', { runId: second.value.runId, by: 'Ann Analyst', note: '' });
  assert.ok(!refusedReference.ok);
  assert.match(refusedReference.error.message, /Another reference has been imported since this reconciliation ran/);
  const unknown = await engine.invoke('reconcile.signOff', { runId: '00000000-0000-4000-8000-000000000000', by: 'Ann Analyst', note: '' });
  assert.ok(!unknown.ok && unknown.error.code === 'not_found', JSON.stringify(unknown));
  engine.close();
});

test('a sign-off made before runs were kept stands by the reference’s SHA-256 alone', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const result = await reconcile(engine, await referenceFrom(engine, {}));
  // As an older workspace has it: no run_id.
  await engine.database.run(`INSERT INTO reconcile.sign_offs (signed_at, "by", note, reference_sha256, tolerance, preset, difference, unexplained)
    VALUES (TIMESTAMP '2024-07-01 09:00:00', 'Ann Analyst', '', ?, '{"absolute":0.01,"relative":0}', 'chartmogul', 0, 0)`, [result.reference.sha256]);
  const before = await engine.invoke('reconcile.state', {});
  assert.ok(before.ok);
  assert.deepEqual([before.value.signOff!.runId, before.value.signOff!.current, before.value.signOff!.staleBecause], [null, true, null]);
  await reconcile(engine, await referenceFrom(engine, { methodology: { churnDate: 'cancellation' } }));
  const after = await engine.invoke('reconcile.state', {});
  assert.ok(after.ok);
  assert.deepEqual([after.value.signOff!.current, after.value.signOff!.staleBecause], [false, 'reference']);
  engine.close();
});

test('a reference row that does not read is rejected with its line, and the rest imports', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const file = writeFile(tempDir(), 'bad.csv', 'customer,month,mrr,type\nA,2024-01,100,new\nA,someday,100,\nB,2024-01,200,sideways\n');
  const imported2 = await engine.invoke('reconcile.importReference', { file: { path: file } });
  assert.ok(imported2.ok, JSON.stringify(imported2));
  assert.deepEqual([imported2.value.reference.rowsRead, imported2.value.reference.rowsLoaded, imported2.value.reference.rowsRejected], [3, 1, 2]);
  assert.deepEqual(imported2.value.reference.fields, { customer_id: 'customer', month: 'month', mrr: 'mrr', movement: 'type' });
  const rejects = await engine.database.rows(`SELECT line, "column", value, reason FROM churn.rejects WHERE import_id = ${imported2.value.reference.importId} ORDER BY line`);
  assert.deepEqual(rejects, [
    { line: 3n, column: 'month', value: 'someday', reason: 'unparseable_date' },
    { line: 4n, column: 'type', value: 'sideways', reason: 'unknown_movement' },
  ]);
  engine.close();
});

test('a reference of monthly totals: a month is explained when one setting makes its total agree', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  // Totals under churn at cancellation (B gone after February), and June off by 5 for no reason.
  const totals = 'Month,MRR,Customers\n2024-01,380,3\n2024-02,430,4\n2024-03,230,3\n2024-04,180,2\n2024-05,180,2\n2024-06,185,2\n';
  const result = await reconcile(engine, totals);
  assert.equal(result.reference.layout, 'monthly');
  assert.deepEqual(parts(result), {
    '2024-03': ['churnDate=cancellation 200/0'],
    '2024-04': ['churnDate=cancellation 200/0'],
    '2024-05': ['churnDate=cancellation 200/0'],
    '2024-06': ['unexplained -5/0'],
  });
  assert.deepEqual(
    result.months.map((m) => m.theirs.customers - m.ours.customers),
    [0, 0, -1, -1, -1, 0],
  );
  const drilled = await engine.invoke('reconcile.drill', { settings: {}, drill: { month: null, part: 'all', offset: 0, limit: 10 } });
  assert.equal(drilled.ok, false);
  engine.close();
});

test('a reference line with the wrong number of values is rejected with its line (wrong_field_count), and the rest imports', async () => {
  const engine = await imported(SUBSCRIPTIONS, 'subscriptions.csv', { asOf: '2024-06-30' });
  const file = writeFile(tempDir(), 'short.csv', 'customer_id,month,mrr\nA,2024-01,100\nA,2024-02\nB,2024-01,200\n');
  const result = await engine.invoke('reconcile.importReference', { file: { path: file } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual([result.value.reference.rowsRead, result.value.reference.rowsLoaded, result.value.reference.rowsRejected], [3, 2, 1]);
  const rejects = await engine.database.rows(`SELECT line, reason FROM churn.rejects WHERE import_id = ${result.value.reference.importId}`);
  assert.deepEqual(rejects, [{ line: 3n, reason: 'wrong_field_count' }]);
  const lines = await engine.database.rows('SELECT customer_id, source_line FROM reconcile.reference_rows ORDER BY source_line');
  assert.deepEqual(lines, [{ customer_id: 'A', source_line: 2n }, { customer_id: 'B', source_line: 4n }]);
  engine.close();
});

test('a reference without model data: the state says there is none to compare with (the screen asks for the billing data), until it is imported', async () => {
  const engine = await Engine.open(null);
  const reference = await engine.invoke('reconcile.importReference', { file: { path: writeFile(tempDir(), 'reference.csv', 'customer_id,month,mrr\nA,2024-01,100\n') } });
  assert.ok(reference.ok, JSON.stringify(reference));
  const before = await engine.invoke('reconcile.state', {});
  assert.ok(before.ok, JSON.stringify(before));
  assert.deepEqual([before.value.reference?.rowsLoaded, before.value.modelHasData], [1, false]);
  assert.ok((await engine.invoke('model.import', { files: [{ path: writeFile(tempDir(), 'subscriptions.csv', SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } })).ok);
  const after = await engine.invoke('reconcile.state', {});
  assert.ok(after.ok && after.value.modelHasData, JSON.stringify(after));
  engine.close();
});
