// Recurly and Chargebee exports in their own shapes (test/fixtures/vendors/,
// written from the vendors' documented formats), imported with no --map:
// MRR exact by hand, zone abbreviations in the reporting time zone, the
// billing interval derived and said, never assumed (a plain file stops too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { analyze } from '../../main/metrics/analyze.js';
import type { ImportFileRequest, NormalizeOptions } from '../../shared/model.js';

const VENDORS = path.resolve('test/fixtures/vendors');
const file = (name: string) => path.join(VENDORS, name);

async function importInto(engine: Engine, files: ImportFileRequest[], options: Partial<NormalizeOptions> = {}) {
  return engine.invoke('model.import', { files, options });
}

/** customer → month → MRR, from churn.customer_month, as exact text. */
async function monthly(engine: Engine, table = 'churn.customer_month') {
  const rows = await engine.database.rows(`SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(mrr AS VARCHAR) AS mrr FROM ${table} ORDER BY 1, 2`);
  const out: Record<string, Record<string, string>> = {};
  for (const r of rows) (out[String(r.customer_id)] ??= {})[String(r.month)] = String(r.mrr);
  return out;
}

test('Recurly subscriptions: PDT timestamps, an annual plan without an interval column, canceled live until expires_at, cents', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('recurly-subscriptions.csv') }], { asOf: '2022-09-30' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.preset, 'recurly_subscriptions');
  assert.equal(imported.rowsLoaded, 4);
  assert.deepEqual(
    imported.billingTerms.map((t) => [t.plan, t.interval, t.count, t.source]).sort(),
    [['annual-588', 'year', 1, 'period'], ['gold', 'quarter', 1, 'period'], ['pro-monthly', 'month', 1, 'period'], ['starter', 'month', 1, 'period']],
  );
  assert.ok(imported.notes.some((n) => /Billing interval: no column gives it/.test(n) && /"annual-588" year from the length of the billing period/.test(n)), imported.notes.join('\n'));
  assert.deepEqual(await monthly(engine), {
    // 588.00 a year from 2022-06-30 18:30 PDT, which is July 1 in UTC: 49.00 a month from July.
    'acct-annual': { '2022-07': '49.000000', '2022-08': '49.000000', '2022-09': '49.000000' },
    // 24.50 per unit × 2 units a month.
    'acct-monthly': { '2022-07': '49.000000', '2022-08': '49.000000', '2022-09': '49.000000' },
    // canceled: 120.00 a quarter, live until expires_at 2022-09-01, so in force on Jun 30, Jul 31, Aug 31.
    'acct-canceled': { '2022-06': '40.000000', '2022-07': '40.000000', '2022-08': '40.000000' },
    // expired on 2022-08-10.
    'acct-expired': { '2022-05': '50.000000', '2022-06': '50.000000', '2022-07': '50.000000' },
  });
  // Churn at the cancellation date instead: the canceled one stops on 2022-08-20.
  assert.deepEqual((await monthly(engine, 'churn.customer_month_by_cancellation'))['acct-canceled'], { '2022-06': '40.000000', '2022-07': '40.000000' });
  engine.close();
});

test('the reporting time zone decides the day of a zoned timestamp: in Los Angeles the annual plan starts in June', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('recurly-subscriptions.csv') }], { asOf: '2022-09-30', timeZone: 'America/Los_Angeles' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual((await monthly(engine))['acct-annual'], { '2022-06': '49.000000', '2022-07': '49.000000', '2022-08': '49.000000', '2022-09': '49.000000' });
  const [setting] = await engine.database.rows(`SELECT json_extract_string(value, '$') AS z FROM churn.settings WHERE key = 'time_zone'`);
  assert.equal(setting?.z, 'America/Los_Angeles');
  const bad = await importInto(engine, [{ path: file('recurly-subscriptions.csv') }], { timeZone: 'Pacific/Atlantis' });
  assert.ok(!bad.ok);
  assert.match(bad.error.message, /"Pacific\/Atlantis" is not a time zone/);
  engine.close();
});

test('no interval column, no billing period, no word in the plan code: the import stops and names what it needs; answers per plan import', async () => {
  const engine = await Engine.open(null);
  const stopped = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv') }], { asOf: '2022-07-31' });
  assert.ok(!stopped.ok);
  assert.match(stopped.error.message, /recurly-subscriptions-no-interval\.csv: the billing interval of 2 rows with revenue \(plans "gold", "silver"\) is not in the file/);
  assert.match(stopped.error.message, /--map billing_interval=<column>/);
  assert.match(stopped.error.message, /--interval-by-plan "gold=month"/);
  assert.equal((await engine.database.rows('SELECT count(*) AS n FROM churn.subscriptions'))[0]!.n, 0n, 'nothing of a stopped import remains');

  const answered = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { gold: 'year' }, interval: 'month' }], { asOf: '2022-07-31' });
  assert.ok(answered.ok, JSON.stringify(answered));
  assert.deepEqual(
    answered.value.files[0]!.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(),
    [['gold', 'year', 'answer'], ['silver', 'month', 'answer']],
  );
  assert.deepEqual(await monthly(engine), {
    'acct-x': { '2022-06': '10.000000', '2022-07': '10.000000' }, // 120.00 a year
    'acct-y': { '2022-06': '60.000000', '2022-07': '60.000000' },
  });
  const wrong = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), interval: 'fortnightly-ish' }]);
  assert.ok(!wrong.ok);
  assert.match(wrong.error.message, /"fortnightly-ish" \(for the whole file\) is not a billing interval/);
  engine.close();
});

test('interval answers are kept with the header: the next import asks nothing; a new answer for one plan replaces only that plan', async () => {
  const engine = await Engine.open(null);
  const first = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { gold: 'year', silver: 'quarter' } }], { asOf: '2022-07-31' });
  assert.ok(first.ok, JSON.stringify(first));
  const again = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv') }], { asOf: '2022-07-31' });
  assert.ok(again.ok, JSON.stringify(again));
  assert.deepEqual(again.value.files[0]!.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(), [['gold', 'year', 'answer'], ['silver', 'quarter', 'answer']]);
  const changed = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { silver: 'month' } }], { asOf: '2022-07-31' });
  assert.ok(changed.ok, JSON.stringify(changed));
  assert.deepEqual(changed.value.files[0]!.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(), [['gold', 'year', 'answer'], ['silver', 'month', 'answer']]);
  // Each import adds its rows: the last one's MRR per subscription.
  const last = await engine.database.rows(`SELECT customer_id, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions WHERE import_id = ${changed.value.files[0]!.importId} ORDER BY 1`);
  assert.deepEqual(last.map((r) => [r.customer_id, r.mrr]), [['acct-x', '10.000000'], ['acct-y', '60.000000']]); // 120.00 a year; 60.00 a month
  const preview = await engine.invoke('model.suggest', { path: file('recurly-subscriptions-no-interval.csv') });
  assert.ok(preview.ok);
  assert.deepEqual(preview.value.savedIntervals, { intervalByPlan: { gold: 'year', silver: 'month' } });
  // The preview's terms are the file's own evidence (none here): the dialog shows the saved answers beside them.
  assert.deepEqual(preview.value.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(), [['gold', null, null], ['silver', null, null]]);
  engine.close();
});

test('a saved interval answer is cleared by an empty answer: the plan is asked again, and the saved mapping forgets it', async () => {
  const engine = await Engine.open(null);
  const first = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { gold: 'year', silver: 'quarter' }, interval: 'week' }], { asOf: '2022-07-31' });
  assert.ok(first.ok, JSON.stringify(first));
  // gold cleared, nothing else covers it (the file-wide answer is cleared too): the import stops, naming the plan, and changes nothing.
  const stopped = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { gold: '' }, interval: '' }], { asOf: '2022-07-31' });
  assert.ok(!stopped.ok);
  assert.match(stopped.error.message, /gold/);
  const kept = await engine.invoke('model.suggest', { path: file('recurly-subscriptions-no-interval.csv') });
  assert.ok(kept.ok);
  assert.deepEqual(kept.value.savedIntervals, { interval: 'week', intervalByPlan: { gold: 'year', silver: 'quarter' } }, 'a stopped import saves nothing');
  // gold cleared, the rest of the file answered monthly: gold's 120.00 is read monthly; silver keeps its saved quarter.
  const cleared = await importInto(engine, [{ path: file('recurly-subscriptions-no-interval.csv'), intervalByPlan: { gold: '' }, interval: 'month' }], { asOf: '2022-07-31' });
  assert.ok(cleared.ok, JSON.stringify(cleared));
  const importId = cleared.value.files[0]!.importId;
  assert.deepEqual(cleared.value.files[0]!.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(), [['gold', 'month', 'answer'], ['silver', 'quarter', 'answer']]);
  const mrr = await engine.database.rows(`SELECT customer_id, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions WHERE import_id = ${importId} ORDER BY 1`);
  assert.deepEqual(mrr.map((r) => [r.customer_id, r.mrr]), [['acct-x', '120.000000'], ['acct-y', '20.000000']]); // 120.00 a month; 60.00 a quarter
  const after = await engine.invoke('model.suggest', { path: file('recurly-subscriptions-no-interval.csv') });
  assert.ok(after.ok);
  assert.deepEqual(after.value.savedIntervals, { interval: 'month', intervalByPlan: { silver: 'quarter' } });
  engine.close();
});

test('Recurly future: no MRR before current_period_started_at, none at all after the as-of date, which a future start does not move', async () => {
  const engine = await Engine.open(null);
  // No --as-of: the data's own is its latest fact, acct-live's activation on 2022-09-20 (not acct-later's planned start).
  const result = await importInto(engine, [{ path: file('recurly-subscriptions-future.csv') }]);
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.preset, 'recurly_subscriptions');
  assert.equal(imported.rowsLoaded, 3, 'a future row has a start: not rejected');
  assert.equal(imported.rowsRejected, 0);
  const asOf = await engine.database.rows(`SELECT json_extract_string(value, '$') AS v FROM churn.settings WHERE key = 'data_as_of'`);
  assert.equal(asOf[0]!.v, '2022-09-20');
  assert.deepEqual(await monthly(engine), {
    'acct-live': { '2022-09': '50.000000' },
    // 2 seats × 15.00 a month, starting 2022-08-15 (activated_at empty): in force on Aug 31 and Sep 30.
    'acct-soon': { '2022-08': '30.000000', '2022-09': '30.000000' },
    // acct-later: 1,200.00 a year from 2022-11-01, after the as-of date: no MRR at all.
  });
  const subs = await engine.database.rows(`SELECT customer_id, status, CAST(start_date AS VARCHAR) AS s, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions ORDER BY source_line`);
  assert.deepEqual(subs.map((r) => [r.customer_id, r.status, r.s, r.mrr]), [
    ['acct-live', 'active', '2022-09-20', '50.000000'],
    ['acct-soon', 'future', '2022-08-15', '30.000000'],
    ['acct-later', 'future', '2022-11-01', '100.000000'],
  ]);
  engine.close();
});

test('Recurly paused: no MRR from paused_at (months at 0); without paused_at, paused from the as-of date', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('recurly-subscriptions-paused.csv') }], { asOf: '2022-09-30' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.fields.pause_date, 'paused_at');
  assert.ok(imported.notes.some((n) => /1 paused subscription without a pause date/.test(n)), imported.notes.join('\n'));
  assert.deepEqual(await monthly(engine), {
    // 20.00 a month from 2022-06-01, paused 2022-08-01 (no resume date in the export): June, July; 0 in August and September.
    'acct-paused': { '2022-06': '20.000000', '2022-07': '20.000000', '2022-08': '0.000000', '2022-09': '0.000000' },
    // 30.00 a month from 2022-07-01, paused with no date: paused from the as-of date, so September is at 0.
    'acct-undated': { '2022-07': '30.000000', '2022-08': '30.000000', '2022-09': '0.000000' },
  });
  engine.close();
});

test('Recurly accounts: one row per billing method, one customer each; invoices in cents, refunds negative', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [
    { path: file('recurly-subscriptions.csv') },
    { path: file('recurly-accounts.csv') },
    { path: file('recurly-invoices.csv') },
  ], { asOf: '2022-09-30' });
  assert.ok(result.ok, JSON.stringify(result));
  const [subs, accounts, invoices] = result.value.files;
  assert.equal(accounts!.preset, 'recurly_accounts');
  assert.equal(accounts!.rowsLoaded, 4);
  assert.ok(accounts!.notes.some((n) => /2 rows merged/.test(n)));
  const customers = await engine.database.rows(`SELECT customer_id, name, country FROM churn.customers WHERE name IS NOT NULL ORDER BY 1`);
  assert.deepEqual(customers.map((c) => [c.customer_id, c.name, c.country]), [
    ['acct-annual', 'Annual Co', 'US'], ['acct-canceled', 'Canceled Co', 'US'], ['acct-expired', 'Expired Co', 'GB'], ['acct-monthly', 'Monthly Co', 'CA'],
  ]);
  const attributeRows = await engine.database.rows(`SELECT count(*) AS n FROM churn.customer_attributes WHERE customer_id = 'acct-annual' AND attribute = 'payment_method'`);
  assert.equal(attributeRows[0]!.n, 1n, 'the merged billing-method row adds no second attribute');
  const duplicates = await engine.database.rows(`SELECT count(*) AS n FROM churn.audit WHERE import_id = ${accounts!.importId} AND "check" = 'duplicate_ids:customer_id'`);
  assert.equal(duplicates[0]!.n, 0n);
  assert.equal(subs!.rowsLoaded, 4);
  assert.equal(invoices!.preset, 'recurly_invoices');
  const lines = await engine.database.rows(`SELECT customer_id, CAST(amount AS VARCHAR) AS amount, is_refund FROM churn.revenue_lines ORDER BY source_line`);
  assert.deepEqual(lines.map((l) => [l.customer_id, l.amount, l.is_refund]), [
    ['acct-monthly', '49.000000', false], ['acct-monthly', '-49.000000', true], ['acct-gold', '120.000000', false],
  ]);
  engine.close();
});

test('Chargebee Subscriptions.csv with display labels, and the Title Case Customers.csv of the same export', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('chargebee-Subscriptions.csv') }, { path: file('chargebee-Customers.csv') }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const [subs, customers] = result.value.files;
  assert.equal(subs!.preset, 'chargebee_subscriptions');
  assert.equal(customers!.preset, 'chargebee_customers_export');
  assert.deepEqual(
    subs!.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(),
    [['pro-annual', 'year', 'period'], ['starter', 'month', 'period'], ['team', 'month', 'period']],
  );
  const m = await monthly(engine);
  // Active: plan_amount 60.00 (all units) a month since 2023-06-10.
  assert.equal(Object.keys(m['cb-cust-1']!).length, 10);
  assert.equal(m['cb-cust-1']!['2024-03'], '60.000000');
  // Non Renewing: live until its term ends on 2024-11-15 (after the as-of date, which the metrics stop at): 1,200 a year = 100 a month.
  const nonRenewing = Object.entries(m['cb-cust-2']!);
  assert.deepEqual([nonRenewing[0], nonRenewing.at(-1), nonRenewing.length], [['2023-11', '100.000000'], ['2024-10', '100.000000'], 12]);
  // In Trial: no MRR.
  assert.equal(m['cb-cust-3'], undefined);
  // Cancelled at 2024-01-01.
  assert.deepEqual(m['cb-cust-4'], { '2023-10': '50.000000', '2023-11': '50.000000', '2023-12': '50.000000' });
  const statuses = await engine.database.rows(`SELECT status FROM churn.subscriptions ORDER BY source_line`);
  assert.deepEqual(statuses.map((s) => s.status), ['active', 'non_renewing', 'in_trial', 'cancelled']);
  const attributes = await engine.database.rows(`SELECT customer_id, name, country, employees FROM churn.customers ORDER BY 1`);
  assert.deepEqual(attributes.map((a) => [a.customer_id, a.name, a.country, Number(a.employees)]), [
    ['cb-cust-1', 'Onefold Ltd', 'GB', 40], ['cb-cust-2', 'Twofer GmbH', 'DE', 250], ['cb-cust-3', 'Threeway Inc', 'US', 5], ['cb-cust-4', 'Fourth SA', 'FR', 1200],
  ]);
  engine.close();
});

test('Chargebee Paused carries no MRR from its pause date (months at 0); Future starts at subscriptions.start_date (none at all after the as-of date)', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('chargebee-Subscriptions-paused-future.csv') }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.preset, 'chargebee_subscriptions');
  assert.equal(imported.rowsLoaded, 4, 'a Future row has a start: not rejected');
  assert.deepEqual(await monthly(engine), {
    // Paused: 50.00 a month from 2023-10-01, paused on 2024-01-15 (no resume date): in force on Oct 31, Nov 30, Dec 31;
    // paused on Jan 31, Feb 29 and Mar 31: months at MRR 0 (pauses = zero_mrr, the default).
    'cb-cust-5': { '2023-10': '50.000000', '2023-11': '50.000000', '2023-12': '50.000000', '2024-01': '0.000000', '2024-02': '0.000000', '2024-03': '0.000000' },
    // Future, starting 2024-02-10 (started_at empty): in force on Feb 29 and Mar 31.
    'cb-cust-6': { '2024-02': '30.000000', '2024-03': '30.000000' },
    // cb-cust-7: Future, starting 2024-06-01, after the as-of date: no MRR.
    // Active, no pause date: 20.00 a month from 2024-01-05.
    'cb-cust-8': { '2024-01': '20.000000', '2024-02': '20.000000', '2024-03': '20.000000' },
  });
  const subs = await engine.database.rows(
    `SELECT subscription_id, status, CAST(start_date AS VARCHAR) AS s, CAST(end_date AS VARCHAR) AS e, CAST(pause_date AS VARCHAR) AS p FROM churn.subscriptions ORDER BY source_line`,
  );
  assert.deepEqual(subs.map((r) => [r.subscription_id, r.status, r.s, r.e, r.p]), [
    ['cb-sub-5', 'paused', '2023-10-01', null, '2024-01-15'],
    ['cb-sub-6', 'future', '2024-02-10', null, null],
    ['cb-sub-7', 'future', '2024-06-01', null, null],
    ['cb-sub-8', 'active', '2024-01-05', null, null],
  ]);
  engine.close();
});

test('Chargebee Paused without a pause date column is not live as of the data: paused from the as-of date, and the import says so', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('chargebee-Subscriptions-paused-no-date.csv') }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.rowsLoaded, 2);
  assert.ok(imported.notes.some((n) => /1 paused subscription without a pause date/.test(n) && /2024-03-31/.test(n)), imported.notes.join('\n'));
  assert.deepEqual(await monthly(engine), {
    // Paused, 50.00 a month from 2023-10-01: Oct to Feb; paused on the as-of date 2024-03-31, so March is at 0.
    'cb-cust-9': { '2023-10': '50.000000', '2023-11': '50.000000', '2023-12': '50.000000', '2024-01': '50.000000', '2024-02': '50.000000', '2024-03': '0.000000' },
    // Active, from 2023-12-01: to the as-of month.
    'cb-cust-10': { '2023-12': '50.000000', '2024-01': '50.000000', '2024-02': '50.000000', '2024-03': '50.000000' },
  });
  engine.close();
});

/** The months' movements as [month, start, new, reactivation, expansion, contraction, churned, end, customers churned]. */
async function movements(engine: Engine, preset: 'chartmogul' | 'stripe') {
  const result = await analyze(engine.database, { period: 'month', asOf: '2024-03-31', preset, from: '2023-11-01', to: '2024-03-31' });
  const quarters = await analyze(engine.database, { period: 'quarter', asOf: '2024-03-31', preset, from: '2023-10-01', to: '2024-03-31' });
  for (const p of [...result.segments.flatMap((segment) => segment.periods), ...quarters.periods]) {
    assert.equal(p.mrr_start + p.mrr_new + p.mrr_reactivation + p.mrr_expansion - p.mrr_contraction - p.mrr_churned, p.mrr_end, p.period);
  }
  assert.ok(result.segments.length > 0);
  return result.periods.map((p) => {
    // The identity every period keeps (docs/METRICS.md, Movements).
    assert.equal(p.mrr_start + p.mrr_new + p.mrr_reactivation + p.mrr_expansion - p.mrr_contraction - p.mrr_churned, p.mrr_end, p.period);
    return [p.period, p.mrr_start, p.mrr_new, p.mrr_reactivation, p.mrr_expansion, p.mrr_contraction, p.mrr_churned, p.mrr_end, p.customers_churned];
  });
}

test('Chargebee pause and resume: no MRR from subscriptions.pause_date, MRR again from subscriptions.resume_date; the pause is months at 0 (not churn where zero-MRR customers are active), or a churn with --pauses churn', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('chargebee-Subscriptions-paused-resumed.csv') }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.rowsLoaded, 3);
  assert.deepEqual(await monthly(engine), {
    // Active again: 40.00 a month from 2023-10-01, paused 2023-12-10, resumed 2024-02-10: in force on Oct 31 and Nov 30,
    // paused on Dec 31 and Jan 31 (0), in force again on Feb 29 and Mar 31.
    'cb-cust-20': { '2023-10': '40.000000', '2023-11': '40.000000', '2023-12': '0.000000', '2024-01': '0.000000', '2024-02': '40.000000', '2024-03': '40.000000' },
    // Paused on 2024-02-01 until 2024-05-01: 25.00 Nov to Jan, 0 from Feb to April (a dated stretch runs past the as-of
    // date, as a Non Renewing term does; the metrics stop at the as-of month). The resume is after it: nothing of it counts.
    'cb-cust-21': { '2023-11': '25.000000', '2023-12': '25.000000', '2024-01': '25.000000', '2024-02': '0.000000', '2024-03': '0.000000', '2024-04': '0.000000' },
    'cb-cust-22': { '2023-10': '10.000000', '2023-11': '10.000000', '2023-12': '10.000000', '2024-01': '10.000000', '2024-02': '10.000000', '2024-03': '10.000000' },
  });
  // ChartMogul B2B (zero-MRR customers active): a pause is a contraction to 0, a resume an expansion; nobody churns.
  assert.deepEqual(await movements(engine, 'chartmogul'), [
    ['2023-11', 50, 25, 0, 0, 0, 0, 75, 0],
    ['2023-12', 75, 0, 0, 0, 40, 0, 35, 0],
    ['2024-01', 35, 0, 0, 0, 0, 0, 35, 0],
    ['2024-02', 35, 0, 0, 40, 25, 0, 50, 0],
    ['2024-03', 50, 0, 0, 0, 0, 0, 50, 0],
  ]);
  // Stripe's preset counts zero-MRR customers as churned: the pause is a churn, the resume a reactivation.
  const stripe = await movements(engine, 'stripe');
  assert.deepEqual(stripe, [
    ['2023-11', 50, 25, 0, 0, 0, 0, 75, 0],
    ['2023-12', 75, 0, 0, 0, 0, 40, 35, 1],
    ['2024-01', 35, 0, 0, 0, 0, 0, 35, 0],
    ['2024-02', 35, 0, 40, 0, 0, 25, 50, 1],
    ['2024-03', 50, 0, 0, 0, 0, 0, 50, 0],
  ]);
  // --pauses churn: no months at all while paused, so a churn and a reactivation whatever the methodology.
  const churned = await Engine.open(null);
  const again = await importInto(churned, [{ path: file('chargebee-Subscriptions-paused-resumed.csv') }], { asOf: '2024-03-31', pauses: 'churn' });
  assert.ok(again.ok, JSON.stringify(again));
  const m = await monthly(churned);
  assert.deepEqual([m['cb-cust-20'], m['cb-cust-21']], [
    { '2023-10': '40.000000', '2023-11': '40.000000', '2024-02': '40.000000', '2024-03': '40.000000' },
    { '2023-11': '25.000000', '2023-12': '25.000000', '2024-01': '25.000000' },
  ]);
  assert.deepEqual(await movements(churned, 'chartmogul'), stripe);
  // The workspace keeps the choice for later imports that do not give one.
  const later = await importInto(churned, [{ path: file('chargebee-Subscriptions-paused-future.csv') }], { asOf: '2024-03-31' });
  assert.ok(later.ok, JSON.stringify(later));
  assert.deepEqual((await monthly(churned))['cb-cust-5'], { '2023-10': '50.000000', '2023-11': '50.000000', '2023-12': '50.000000' });
  churned.close();
  engine.close();
});

test('a plain file without any interval evidence stops too, naming the plan; the plan code of another plan is evidence; an answer imports it', async () => {
  const engine = await Engine.open(null);
  const dir = (await import('../support/fixtures.js')).tempDir();
  const plain = (await import('../support/fixtures.js')).writeFile(dir, 'plain.csv', 'customer_id,plan,amount,start_date\nP1,Basic,30.00,2024-01-01\nP2,Yearly Pro,1200.00,2024-01-01\n');
  const stopped = await importInto(engine, [{ path: plain }], { asOf: '2024-01-31' });
  assert.ok(!stopped.ok, 'a plain file with no interval evidence must not be read as monthly');
  assert.equal(stopped.error.code, 'invalid_request');
  assert.match(stopped.error.message, /plain\.csv: the billing interval of 1 row with revenue \(plan "Basic"\) is not in the file/);
  assert.match(stopped.error.message, /--map billing_interval=<column>/);
  assert.match(stopped.error.message, /--interval-by-plan "Basic=month"/);
  assert.deepEqual((stopped.error.details as { needs?: string }).needs, 'billing_interval');
  assert.equal((await engine.database.rows('SELECT count(*) AS n FROM churn.subscriptions'))[0]!.n, 0n, 'nothing of a stopped import remains');

  const result = await importInto(engine, [{ path: plain, intervalByPlan: { Basic: 'quarter' } }], { asOf: '2024-01-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.deepEqual(imported.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(), [['Basic', 'quarter', 'answer'], ['Yearly Pro', 'year', 'plan']]);
  assert.ok(imported.notes.some((n) => /"Basic" quarter from your answer \(1 row\)/.test(n) && /"Yearly Pro" year from a word in the plan code/.test(n)), imported.notes.join('\n'));
  assert.deepEqual(await monthly(engine), { P1: { '2024-01': '10.000000' }, P2: { '2024-01': '100.000000' } });
  engine.close();
});

test('a plain file whose amount header names the interval needs no answer; nor do invoices, MRR snapshots or a customer list', async () => {
  const engine = await Engine.open(null);
  const { tempDir, writeFile } = await import('../support/fixtures.js');
  const dir = tempDir();
  const files = [
    { path: writeFile(dir, 'monthly.csv', 'customer_id,monthly_price,start_date\nM1,30.00,2024-01-01\n'), kind: 'subscriptions' as const },
    { path: writeFile(dir, 'invoices.csv', 'customer_id,invoice_date,amount\nI1,2024-01-05,45.00\n'), kind: 'invoices' as const },
    { path: writeFile(dir, 'mrr.csv', 'customer_id,month,mrr\nS1,2024-01,70.00\n'), kind: 'mrr' as const },
  ];
  const result = await importInto(engine, files, { asOf: '2024-01-31' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.value.files[0]!.billingTerms.map((t) => [t.plan, t.interval, t.source]), [[null, 'month', 'header']]);
  assert.deepEqual((await monthly(engine)).M1, { '2024-01': '30.000000' });
  engine.close();
});

test('the mapping preview shows each date as the import reads it beside the raw one, and each plan’s interval', async () => {
  const engine = await Engine.open(null);
  const preview = await engine.invoke('model.suggest', { path: file('recurly-subscriptions.csv') });
  assert.ok(preview.ok, JSON.stringify(preview));
  const activated = preview.value.columns.findIndex((c) => c.name === 'activated_at');
  assert.deepEqual(
    preview.value.rows.map((row, r) => [row[activated], preview.value.parsedDates.activated_at?.[r]]),
    [
      ['2022-06-30 18:30:00 PDT', '2022-07-01'],
      ['2022-07-15 09:00:00 PDT', '2022-07-15'],
      ['2022-06-01 10:00:00 PDT', '2022-06-01'],
      ['2022-05-10 08:00:00 PDT', '2022-05-10'],
    ],
  );
  assert.deepEqual(
    preview.value.billingTerms.map((t) => [t.plan, t.interval, t.source]).sort(),
    [['annual-588', 'year', 'period'], ['gold', 'quarter', 'period'], ['pro-monthly', 'month', 'period'], ['starter', 'month', 'period']],
  );
  const inLosAngeles = await engine.invoke('model.suggest', { path: file('recurly-subscriptions.csv'), timeZone: 'America/Los_Angeles' });
  assert.ok(inLosAngeles.ok);
  assert.equal(inLosAngeles.value.parsedDates.activated_at?.[0], '2022-06-30');
  const noInterval = await engine.invoke('model.suggest', { path: file('recurly-subscriptions-no-interval.csv') });
  assert.ok(noInterval.ok);
  assert.deepEqual(noInterval.value.billingTerms.map((t) => [t.plan, t.interval]).sort(), [['gold', null], ['silver', null]]);
  engine.close();
});

test('every export preset imports a file in its shape with no --map', async () => {
  const { PRESETS } = await import('../../main/ingest/mapping/index.js');
  const FIXTURES: Record<string, string> = {
    stripe_subscriptions: path.resolve('test/fixtures/stripe/subscriptions.csv'),
    stripe_payments: path.resolve('test/fixtures/stripe/payments.csv'),
    stripe_invoices: path.resolve('test/fixtures/stripe/invoices.csv'),
    stripe_customers: path.resolve('test/fixtures/stripe/customers.csv'),
    chargebee_subscriptions: file('chargebee-Subscriptions.csv'),
    chargebee_customers_export: file('chargebee-Customers.csv'),
    chargebee_customers: file('chargebee-customers-dotted.csv'),
    chargebee_invoices: file('chargebee-Invoices.csv'),
    recurly_subscriptions: file('recurly-subscriptions.csv'),
    recurly_accounts: file('recurly-accounts.csv'),
    recurly_invoices: file('recurly-invoices.csv'),
  };
  assert.deepEqual(PRESETS.map((p) => p.id).filter((id) => !FIXTURES[id]), [], 'every preset has a fixture');
  for (const preset of PRESETS) {
    const engine = await Engine.open(null);
    const result = await importInto(engine, [{ path: FIXTURES[preset.id]! }]);
    assert.ok(result.ok, `${preset.id}: ${JSON.stringify(result)}`);
    const imported = result.value.files[0]!;
    assert.equal(imported.preset, preset.id);
    assert.equal(imported.kind, preset.kind);
    assert.ok(imported.rowsLoaded > 0, `${preset.id} loads rows`);
    engine.close();
  }
});

test('Recurly trials: activated when the trial starts, paid (and MRR) from trial_ends_at', async () => {
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file('recurly-subscriptions-trial.csv') }], { asOf: '2022-09-30' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.fields.trial_end, 'trial_ends_at');
  // Trial 2022-06-10 → 2022-07-24, then 30.00 a month: July 31 is the first month-end paid.
  // The other is still in its trial on the as-of date: no MRR yet.
  assert.deepEqual(await monthly(engine), { 'acct-trial': { '2022-07': '30.000000', '2022-08': '30.000000', '2022-09': '30.000000' } });
  engine.close();
});
