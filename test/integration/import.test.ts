// The import into the canonical model, on small files whose MRR can be worked
// out by hand (../shared/domain.md §3), and every bad-input case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Engine } from '../../main/engine/engine.js';
import type { ImportFileRequest, NormalizeOptions } from '../../shared/model.js';
import { MAX_FIELD_CHARS } from '../../main/ingest/sources/limits.js';
import { tempDir, writeFile } from '../support/fixtures.js';

async function importInto(engine: Engine, files: ImportFileRequest[], options: Partial<NormalizeOptions> = {}) {
  return engine.invoke('model.import', { files, options });
}

/** customer → month → MRR, from churn.customer_month, as exact text. */
async function monthly(engine: Engine, table = 'churn.customer_month') {
  const rows = await engine.database.rows(
    `SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(mrr AS VARCHAR) AS mrr FROM ${table} ORDER BY 1, 2`,
  );
  const out: Record<string, Record<string, string>> = {};
  for (const r of rows) (out[String(r.customer_id)] ??= {})[String(r.month)] = String(r.mrr);
  return out;
}

const SUBSCRIPTIONS = `customer_id,plan,amount,billing_interval,interval_count,discount_pct,tax,start_date,end_date,status
monthly,Pro,100.00,month,,0,,2024-01-01,2024-04-01,canceled
annual,Pro,2000.00,year,,0,,2024-01-01,,active
quarterly,Pro,90.00,quarter,,0,,2024-01-01,,active
discounted,Pro,120.00,year,,10,,2024-01-01,,active
weekly,Pro,10.00,week,,0,,2024-01-01,2024-02-01,canceled
biennial,Pro,4800.00,year,2,0,,2024-01-01,,active
taxed,Pro,120.00,month,,0,20.00,2024-01-01,2024-02-01,canceled
trial,Free trial,0.00,month,,0,,2024-01-01,2024-01-15,canceled
midmonth,Pro,50.00,month,,0,,2024-01-15,2024-03-15,canceled
`;

test('MRR from billing terms, exactly: intervals spread, tax excluded, discounts applied, trials left out', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: writeFile(dir, 'subs.csv', SUBSCRIPTIONS) }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.kind, 'subscriptions');
  assert.equal(result.value.files[0]!.rowsLoaded, 9);
  const m = await monthly(engine);
  assert.deepEqual(m.monthly, { '2024-01': '100.000000', '2024-02': '100.000000', '2024-03': '100.000000' });
  assert.equal(m.annual!['2024-01'], '166.666667'); // 2,000 a year → 166.67
  assert.equal(m.quarterly!['2024-03'], '30.000000'); // 90 a quarter → 30
  assert.equal(m.discounted!['2024-02'], '9.000000'); // 120 a year at 10% off → 9
  assert.deepEqual(m.weekly, { '2024-01': '43.333333' }); // 10 a week × 52 / 12
  assert.equal(m.biennial!['2024-01'], '200.000000'); // 4,800 per 2 years
  assert.deepEqual(m.taxed, { '2024-01': '100.000000' }); // tax excluded
  assert.equal(m.trial, undefined); // trials carry no MRR
  // In force on the last day of the month: Jan 31 and Feb 29, not Mar 31.
  assert.deepEqual(m.midmonth, { '2024-01': '50.000000', '2024-02': '50.000000' });
  // Open subscriptions run to the as-of date.
  assert.deepEqual(Object.keys(m.annual!), ['2024-01', '2024-02', '2024-03']);
  engine.close();
});

test('end dates can be inclusive (the last day paid)', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const file = writeFile(dir, 'incl.csv', 'customer_id,amount,start_date,end_date\nA,10,2024-01-01,2024-02-29\n');
  const imported = await importInto(engine, [{ path: file, interval: 'month' }], { endDate: 'inclusive', asOf: '2024-06-30' });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.deepEqual((await monthly(engine)).A, { '2024-01': '10.000000', '2024-02': '10.000000' });
  engine.close();
});

test('cancelling one of two subscriptions is contraction, not churn; an open one at the as-of date never churns', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const file = writeFile(
    dir,
    'two.csv',
    'customer_id,subscription_id,amount,start_date,end_date\nA,s1,100,2024-01-01,\nA,s2,50,2024-01-01,2024-03-01\nB,s3,70,2024-01-01,2024-03-01\n',
  );
  const imported = await importInto(engine, [{ path: file, interval: 'month' }], { asOf: '2024-04-30' });
  assert.ok(imported.ok, JSON.stringify(imported));
  const analysis = await engine.invoke('analysis.run', { settings: {} });
  assert.ok(analysis.ok);
  const march = analysis.value.periods.find((p) => p.period === '2024-03')!;
  assert.equal(march.customers_contracted, 1);
  assert.equal(march.mrr_contraction, 50);
  assert.equal(march.customers_churned, 1); // B, whose only subscription ended
  assert.equal(march.mrr_churned, 70);
  assert.deepEqual(analysis.value.periods.map((p) => p.customers_end), [2, 2, 1, 1]);
  engine.close();
});

test('a Chinese GBK export with Chinese headers and dates maps and loads', async () => {
  const dir = tempDir();
  const text = '客户编号,金额,计费周期,开始日期,结束日期,行业\r\nC1,"1,200.00",年,2024年1月5日,,制造业\r\nC2,300,月,2024年2月1日,2024年4月1日,零售\r\n';
  const file = writeFile(dir, '订阅.csv', iconv.encode(text, 'gbk'));
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file }], { asOf: '2024-05-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const imported = result.value.files[0]!;
  assert.equal(imported.encoding, 'gb18030');
  assert.equal(imported.kind, 'subscriptions');
  assert.equal(imported.fields.customer_id, '客户编号');
  assert.equal(imported.fields.amount, '金额');
  assert.equal(imported.fields.start_date, '开始日期');
  const m = await monthly(engine);
  assert.deepEqual(m.C1, { '2024-01': '100.000000', '2024-02': '100.000000', '2024-03': '100.000000', '2024-04': '100.000000', '2024-05': '100.000000' });
  assert.deepEqual(m.C2, { '2024-02': '300.000000', '2024-03': '300.000000' });
  engine.close();
});

test('ambiguous day/month dates are asked, never guessed; the answer is honoured', async () => {
  const dir = tempDir();
  const file = writeFile(dir, 'amb.csv', 'customer_id,amount,start_date\nA,10,03/04/2024\nB,10,05/06/2024\n');
  const engine = await Engine.open(null);
  const refused = await importInto(engine, [{ path: file, interval: 'month' }]);
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.error.message : '', /day-first or month-first/);
  const dayFirst = await importInto(engine, [{ path: file, dayFirst: true, interval: 'month' }]);
  assert.ok(dayFirst.ok, JSON.stringify(dayFirst));
  const [a] = await engine.database.rows("SELECT CAST(start_date AS VARCHAR) AS d FROM churn.subscriptions WHERE customer_id = 'A'");
  assert.equal(a!.d, '2024-04-03');
  engine.close();
});

test('values that do not parse are rejected with their line and column, and kept where the user can see them', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'messy.csv',
    'customer_id,amount,start_date\nA,"$1,234.50",2024-01-01\nB,lots,2024-01-01\n,10,2024-01-01\nC,10,someday\nD,(30.00),2024-02-01\n',
  );
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, interval: 'month' }]);
  assert.ok(result.ok, JSON.stringify(result));
  // Line 4 has no customer: not an error, counted once in the audit (rows_without_customer), not loaded.
  assert.deepEqual([result.value.files[0]!.rowsRead, result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [5, 1, 3]);
  const rejects = await engine.database.rows('SELECT line, "column", value, reason, CAST(raw AS VARCHAR) AS raw FROM churn.rejects ORDER BY line, reason');
  assert.deepEqual(
    rejects.map((r) => [Number(r.line), r.column, r.value, r.reason]),
    [
      [3, 'amount', 'lots', 'unparseable_money'],
      [5, 'start_date', 'someday', 'unparseable_date'],
      [6, 'amount', '(30.00)', 'negative_amount_is_not_mrr'],
    ],
  );
  assert.deepEqual(JSON.parse(String(rejects[0]!.raw)), { customer_id: 'B', amount: 'lots', start_date: '2024-01-01' });
  const [loaded] = await engine.database.rows("SELECT CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions WHERE customer_id = 'A'");
  assert.equal(loaded!.mrr, '1234.500000');
  const audit = await engine.invoke('model.audit', {});
  assert.ok(audit.ok);
  const unparseable = audit.value.find((a) => a.check === 'rejected:unparseable_money:amount')!;
  assert.deepEqual(unparseable.examples, [{ line: 3, value: 'lots' }]);
  const guest = audit.value.find((a) => a.check === 'rows_without_customer')!;
  assert.deepEqual([guest.severity, guest.count, guest.amount, guest.examples], ['info', 1, 10, [{ line: 4, value: '10.000000' }]]);
  engine.close();
});

test('bad files: empty, binary, header only, no usable column, missing required field — clear messages naming the file', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const cases: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /empty\.csv.*empty/],
    ['binary.csv', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0, 0, 9, 0, 0, 0]), /binary\.csv.*binary/],
    ['header.csv', 'customer_id,amount,start_date\n', /header\.csv.*no rows/],
    ['noamount.csv', 'customer_id,start_date,colour\nA,2024-01-01,red\n', /noamount\.csv.*amount.*--map/],
  ];
  for (const [name, content, message] of cases) {
    const result = await importInto(engine, [{ path: writeFile(dir, name, content), kind: 'subscriptions' }], { asOf: '2024-01-31' });
    assert.equal(result.ok, false, name);
    assert.match(!result.ok ? result.error.message : '', message, name);
  }
  // --map fixes it.
  const mapped = await importInto(
    engine,
    [{ path: path.join(dir, 'noamount.csv'), kind: 'customers' }],
  );
  assert.ok(mapped.ok, JSON.stringify(mapped));
  engine.close();
});

test('an import is one transaction: when a later file fails, the workspace is exactly as before', async () => {
  const dir = tempDir();
  const engine = await Engine.open(path.join(dir, 'ws.duckdb'));
  const good = writeFile(dir, 'good.csv', 'customer_id,amount,start_date\nA,10,2024-01-01\n');
  const imported = await importInto(engine, [{ path: good, interval: 'month' }], { asOf: '2024-02-29' });
  assert.ok(imported.ok, JSON.stringify(imported));
  const snapshot = async () =>
    engine.database.rows(`SELECT (SELECT count(*) FROM churn.subscriptions) s, (SELECT count(*) FROM churn.customer_month) m,
                                 (SELECT count(*) FROM churn.imports) i, (SELECT count(*) FROM churn.audit) a, (SELECT count(*) FROM churn.rejects) r`);
  const before = await snapshot();
  const second = writeFile(dir, 'second.csv', 'customer_id,amount,start_date\nB,20,2024-01-01\n');
  const broken = writeFile(dir, 'broken.csv', 'customer_id,start_date\nC,2024-01-01\n');
  const result = await importInto(engine, [{ path: second, interval: 'month' }, { path: broken, kind: 'subscriptions' }]);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error.message : '', /broken\.csv/);
  assert.deepEqual(await snapshot(), before);
  engine.close();
});

test('currencies are converted with the rates given; a currency without a rate is an audit error', async () => {
  const dir = tempDir();
  const file = writeFile(dir, 'fx.csv', 'customer_id,amount,currency,start_date\nA,100,USD,2024-01-01\nB,100,EUR,2024-01-01\nC,100,GBP,2024-01-01\nD,100,USD,2024-01-01\n');
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, interval: 'month' }], { rates: { EUR: 1.1 }, asOf: '2024-01-31' });
  assert.ok(result.ok, JSON.stringify(result).slice(0, 2000));
  assert.equal(result.value.reportingCurrency, 'USD');
  const m = await monthly(engine);
  assert.equal(m.B!['2024-01'], '110.000000');
  assert.equal(m.C, undefined);
  const mix = result.value.audit.find((a) => a.check === 'currency_mix')!;
  assert.deepEqual(mix.examples.map((e) => e.value), ['USD: 2 rows', 'EUR: 1 rows', 'GBP: 1 rows']);
  const missing = result.value.audit.find((a) => a.check === 'currency_without_rate')!;
  assert.equal(missing.severity, 'error');
  assert.deepEqual(missing.examples.map((e) => e.value), ['GBP']);
  engine.close();
});

test('invoices spread over their service period; refunds are not MRR', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'invoices.csv',
    'customer_id,invoice_date,amount,period_start,period_end,recurring\nA,2024-01-01,1200,2024-01-01,2025-01-01,yes\nB,2024-01-10,30,,,yes\nB,2024-02-10,30,,,yes\nB,2024-02-15,-30,,,yes\nB,2024-02-20,500,,,no\n',
  );
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, kind: 'invoices' }], { asOf: '2024-03-31' });
  assert.ok(result.ok, JSON.stringify(result));
  const m = await monthly(engine);
  assert.deepEqual(m.A, { '2024-01': '100.000000', '2024-02': '100.000000', '2024-03': '100.000000', '2024-04': '100.000000', '2024-05': '100.000000', '2024-06': '100.000000', '2024-07': '100.000000', '2024-08': '100.000000', '2024-09': '100.000000', '2024-10': '100.000000', '2024-11': '100.000000', '2024-12': '100.000000' });
  assert.deepEqual(m.B, { '2024-01': '30.000000', '2024-02': '30.000000' });
  assert.ok(result.value.audit.some((a) => a.check === 'refunds_and_negative_amounts' && a.count === 1));
  // The one-off charge (a setup fee) is not MRR either.
  assert.ok(result.value.audit.some((a) => a.check === 'one_off_charges' && a.count === 1));
  engine.close();
});

test('MRR snapshots and a customers file named beside them, joined by customer id', async () => {
  const dir = tempDir();
  const snapshots = writeFile(dir, 'mrr.csv', 'customer,month,mrr\nA,2024-01,10\nA,2024-02,12\nB,2024-02,5\n');
  const customers = writeFile(dir, 'accounts.csv', 'customer_id,company,employees,country,tier\nA,Acme,1500,DE,gold\nB,Bolt,12,US,silver\n');
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: snapshots }, { path: customers }], revenueKind: 'mrr' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual(result.value.files.map((f) => f.kind), ['mrr', 'customers']);
  const analysis = await engine.invoke('analysis.run', { settings: { filters: [{ attribute: 'tier', op: 'eq', values: ['gold'] }] } });
  assert.ok(analysis.ok);
  assert.deepEqual(analysis.value.periods.map((p) => p.mrr_end), [10, 12]);
  assert.deepEqual(analysis.value.segments.map((s) => s.segment), ['Enterprise']);
  engine.close();
});

test('a later customers file fills only what earlier ones left empty, one row per customer, also in a workspace whose customers table had a key', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'ws.duckdb');
  const first = await Engine.open(file);
  // A workspace made when churn.customers had a primary key.
  await first.database.run(`DROP TABLE churn.customers; CREATE TABLE churn.customers (
    customer_id VARCHAR PRIMARY KEY, name VARCHAR, first_seen DATE, employees BIGINT, annual_revenue DECIMAL(18,2),
    contract_value DECIMAL(18,2), segment VARCHAR, country VARCHAR, industry VARCHAR)`);
  const early = writeFile(dir, 'early.csv', 'customer_id,employees,country\nA,1500,\nB,12,US\n');
  assert.ok((await importInto(first, [{ path: early, kind: 'customers' }])).ok);
  first.close();
  const engine = await Engine.open(file);
  const keys = await engine.database.rows(`SELECT constraint_type FROM duckdb_constraints() WHERE schema_name = 'churn' AND table_name = 'customers'`);
  assert.deepEqual(keys, [], 'reopened, the table has no key left');
  const later = writeFile(dir, 'later.csv', 'customer_id,employees,country\nA,20,DE\nC,7,FR\n');
  assert.ok((await importInto(engine, [{ path: later, kind: 'customers' }])).ok);
  const rows = await engine.database.rows('SELECT customer_id, employees, country FROM churn.customers ORDER BY customer_id');
  assert.deepEqual(rows.map((r) => [r.customer_id, Number(r.employees), r.country]), [['A', 1500, 'DE'], ['B', 12, 'US'], ['C', 7, 'FR']]);
  engine.close();
});

test('the audit names customers without revenue and revenue of customers missing from the customer files', async () => {
  const dir = tempDir();
  const snapshots = writeFile(dir, 'mrr.csv', 'customer,month,mrr\nA,2024-01,10\nA,2024-02,12\nB,2024-02,5\nE,2024-01,0\nE,2024-02,0\n');
  const customers = writeFile(dir, 'accounts.csv', 'customer_id,country\nA,DE\nC,US\nD,FR\n');
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: snapshots, kind: 'mrr' }, { path: customers, kind: 'customers' }]);
  assert.ok(result.ok, JSON.stringify(result));
  const found = (check: string) => {
    const row = result.value.audit.find((a) => a.check === check);
    return row && { count: row.count, values: row.examples.map((e) => e.value).sort() };
  };
  assert.deepEqual(found('customers_without_revenue'), { count: 2, values: ['C', 'D'] });
  assert.deepEqual(found('revenue_without_customers'), { count: 2, values: ['B', 'E'] });
  engine.close();
});

const SHARED = path.resolve(process.cwd(), '..', 'shared', 'data');

test('dbt mrr-playbook subscriptions: customer_month equals the month-by-month sum of periods in force', { skip: !fs.existsSync(SHARED) && 'shared data absent' }, async () => {
  const file = path.join(SHARED, 'subscription_periods.csv');
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file }], { asOf: '2020-12-31' });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.rowsLoaded, 121);
  // Independent reading: month-aligned periods, end exclusive, so a period is in force in month m when start ≤ m < end.
  const [diff] = await engine.database.rows(`
    WITH expected AS (
      SELECT CAST(customer_id AS VARCHAR) AS customer_id, m AS month, sum(monthly_amount) AS mrr
      FROM read_csv('${file}') s, (SELECT unnest(generate_series(DATE '2017-01-01', DATE '2020-12-01', INTERVAL 1 MONTH))::DATE AS m)
      WHERE s.start_date <= m AND (s.end_date IS NULL OR s.end_date > m) GROUP BY ALL)
    SELECT (SELECT count(*) FROM (SELECT * FROM expected EXCEPT SELECT customer_id, month, mrr FROM churn.customer_month)) +
           (SELECT count(*) FROM (SELECT customer_id, month, mrr FROM churn.customer_month EXCEPT SELECT * FROM expected)) AS n,
           (SELECT count(*) FROM expected) AS rows`);
  assert.ok(Number(diff!.rows) > 100, `${diff!.rows} customer-months`);
  assert.equal(Number(diff!.n), 0);
  engine.close();
});

test('Telco customer list: churned share by contract equals the file', { skip: !fs.existsSync(SHARED) && 'shared data absent' }, async () => {
  const file = path.join(SHARED, 'telco_customer_churn.csv');
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file }]);
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.kind, 'customer_list');
  const analysis = await engine.invoke('analysis.run', { settings: { segmentRule: { by: 'column', column: 'Contract' } } });
  assert.ok(analysis.ok);
  const expected = await engine.database.rows(`
    SELECT Contract AS segment, count(*) AS n, count(*) FILTER (WHERE Churn = 'Yes') AS churned, sum(MonthlyCharges) FILTER (WHERE Churn = 'Yes') AS mrr
    FROM read_csv('${file}') GROUP BY ALL ORDER BY 1`);
  const segments = analysis.value.segments;
  for (const e of expected) {
    const s = segments.find((x) => x.segment === e.segment)!;
    assert.equal(s.customers_total, Number(e.n));
    assert.equal(s.customers_churned_total, Number(e.churned));
    assert.ok(Math.abs(s.churned_mrr_total - Number(e.mrr)) < 1e-6);
  }
  engine.close();
});

test('transactional data: a customer is churned only after the inactivity window without revenue', async () => {
  const dir = tempDir();
  // A pays monthly but skips March (one month at zero); B pays in January, then again in August.
  const file = writeFile(
    dir,
    'payments.csv',
    'customer_id,date,amount\nA,2024-01-05,10\nA,2024-02-05,10\nA,2024-04-05,10\nA,2024-05-05,10\nB,2024-01-05,20\nB,2024-08-05,20\n',
  );
  const engine = await Engine.open(null);
  const imported = await importInto(engine, [{ path: file, kind: 'invoices' }], { asOf: '2024-08-31' });
  assert.ok(imported.ok, JSON.stringify(imported));
  const run = async (inactivityDays: number) => {
    const result = await engine.invoke('analysis.run', { settings: { methodology: { inactivityDays } } });
    assert.ok(result.ok, JSON.stringify(result).slice(0, 2000));
    return Object.fromEntries(result.value.periods.map((p) => [p.period, [p.customers_churned, p.customers_reactivated, p.customers_end]]));
  };
  // 90 days: two whole months tolerated. A's one-month gap is bridged; B churns in April, once two
  // months have passed, and comes back in August, when A (last paid for May) counts as churned.
  assert.deepEqual(await run(90), {
    '2024-01': [0, 0, 2], '2024-02': [0, 0, 2], '2024-03': [0, 0, 2], '2024-04': [1, 0, 1],
    '2024-05': [0, 0, 1], '2024-06': [0, 0, 1], '2024-07': [0, 0, 1], '2024-08': [1, 1, 1],
  });
  // 1 day: no tolerance, every gap is a churn and a reactivation.
  assert.deepEqual(await run(1), {
    '2024-01': [0, 0, 2], '2024-02': [1, 0, 1], '2024-03': [1, 0, 0], '2024-04': [0, 1, 1],
    '2024-05': [0, 0, 1], '2024-06': [1, 0, 0], '2024-07': [0, 0, 0], '2024-08': [0, 1, 1],
  });
  engine.close();
});

test('a confirmed mapping is saved in the workspace and reused for files with the same header', async () => {
  const dir = tempDir();
  const header = 'account,fee,began,colour\n';
  const first = writeFile(dir, 'jan.csv', `${header}A,10,03/04/2024,red\n`);
  const second = writeFile(dir, 'feb.csv', `${header}B,20,05/06/2024,blue\n`);
  const engine = await Engine.open(path.join(dir, 'ws.duckdb'));
  const map = { customer_id: 'account', amount: 'fee', start_date: 'began' };
  const imported = await importInto(engine, [{ path: first, kind: 'subscriptions', map, dayFirst: true, interval: 'year' }]);
  assert.ok(imported.ok, JSON.stringify(imported));
  const preview = await engine.invoke('model.suggest', { path: second });
  assert.ok(preview.ok);
  assert.equal(preview.value.kind, 'subscriptions');
  assert.deepEqual(preview.value.fields, map);
  // The dialog shows the saved interval as the answer, beside what the file itself says (nothing): nothing left to ask.
  assert.deepEqual(preview.value.savedIntervals, { interval: 'year' });
  assert.deepEqual(preview.value.billingTerms.map((t) => [t.plan, t.interval, t.source]), [[null, null, null]]);
  // Nothing to say this time: kind, fields, the day order and the billing interval come from the saved mapping.
  const again = await importInto(engine, [{ path: second }]);
  assert.ok(again.ok, JSON.stringify(again));
  const [b] = await engine.database.rows("SELECT CAST(start_date AS VARCHAR) AS d, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions WHERE customer_id = 'B'");
  assert.deepEqual([b!.d, b!.mrr], ['2024-06-05', '1.666667']);
  engine.close();
});

test('rows keep their lines when the file has columns named file_row_number and __row (names the stage numbers rows by)', async () => {
  const dir = tempDir();
  const file = writeFile(dir, 'named.csv', 'customer_id,month,mrr,file_row_number,__row\nA,2024-01-01,10,x,y\nA,2024-02-01,lots,x,y\nB,2024-01-01,5,x,y\nB,2024-02-01,-1,x,y\n');
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, kind: 'mrr' }]);
  assert.ok(result.ok, JSON.stringify(result));
  const rejects = await engine.database.rows('SELECT line, reason, CAST(raw AS VARCHAR) AS raw FROM churn.rejects ORDER BY line');
  assert.deepEqual(rejects.map((r) => [Number(r.line), r.reason]), [[3, 'unparseable_money'], [5, 'negative_mrr']]);
  assert.deepEqual(JSON.parse(String(rejects[0]!.raw)), { customer_id: 'A', month: '2024-02-01', mrr: 'lots', file_row_number: 'x', __row: 'y' });
  const loaded = await engine.database.rows('SELECT customer_id, source_line FROM churn.mrr_snapshots ORDER BY source_line');
  assert.deepEqual(loaded.map((r) => [r.customer_id, Number(r.source_line)]), [['A', 2], ['B', 4]]);
  engine.close();
});

test('rejected rows after lines with the wrong number of values keep their own lines and raw rows', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'ragged.csv',
    'customer_id,month,mrr\nA,2024-01-01,10\nA,2024-02-01,10,extra\nB,2024-01-01,lots\nB,2024-02-01,5\nB,2024-02-01,5\nC,2024-01-01,1,x\nC,2024-02-01,-3\n',
  );
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, kind: 'mrr' }]);
  assert.ok(result.ok, JSON.stringify(result));
  const rejects = await engine.database.rows('SELECT line, reason, CAST(raw AS VARCHAR) AS raw FROM churn.rejects ORDER BY line');
  assert.deepEqual(
    rejects.map((r) => [Number(r.line), r.reason, r.reason === 'wrong_field_count' ? null : JSON.parse(String(r.raw))]),
    [
      [3, 'wrong_field_count', null],
      [4, 'unparseable_money', { customer_id: 'B', month: '2024-01-01', mrr: 'lots' }],
      [6, 'duplicate_row', { customer_id: 'B', month: '2024-02-01', mrr: '5' }],
      [7, 'wrong_field_count', null],
      [8, 'negative_mrr', { customer_id: 'C', month: '2024-02-01', mrr: '-3' }],
    ],
  );
  engine.close();
});

test('an exact copy of an earlier row is rejected as a duplicate, with its line; a row that differs in any character is not', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'copies.csv',
    'customer_id,month,mrr\nA,2024-01-01,10\nA,2024-01-01,10\nA,2024-02-01,10\nB,2024-01-01,lots\nB,2024-01-01,lots\nA,2024-01-01,10\nA,2024-01-01,10.0\n',
  );
  const engine = await Engine.open(null);
  const result = await importInto(engine, [{ path: file, kind: 'mrr' }]);
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual([result.value.files[0]!.rowsRead, result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [7, 3, 4]);
  const rejects = await engine.database.rows('SELECT line, "column", value, reason, CAST(raw AS VARCHAR) AS raw FROM churn.rejects ORDER BY line, reason');
  assert.deepEqual(
    rejects.map((r) => [Number(r.line), r.column, r.value, r.reason]),
    [
      [3, null, null, 'duplicate_row'],
      [5, 'mrr', 'lots', 'unparseable_money'],
      [6, null, null, 'duplicate_row'],
      [6, 'mrr', 'lots', 'unparseable_money'],
      [7, null, null, 'duplicate_row'],
    ],
  );
  assert.deepEqual(JSON.parse(String(rejects[0]!.raw)), { customer_id: 'A', month: '2024-01-01', mrr: '10' });
  // The first row and the one written 10.0 both count: 10 + 10.
  assert.deepEqual(await monthly(engine), { A: { '2024-01': '20.000000', '2024-02': '10.000000' } });
  engine.close();
});

test("a check's examples are its first lines, whatever order the engine's threads find them in", async () => {
  const dir = tempDir();
  // 200,000 rows, every thousandth at zero MRR: read by both threads, in ranges.
  const lines = ['customer_id,month,mrr'];
  for (let i = 0; i < 200_000; i += 1) lines.push(`C${i},2024-01-01,${i % 1000 === 999 ? 0 : 10}`);
  const file = writeFile(dir, 'snapshots.csv', lines.join('\n'));
  const engine = await Engine.open(null);
  try {
    const result = await engine.invoke('model.import', { files: [{ path: file, kind: 'mrr' }] });
    assert.ok(result.ok, JSON.stringify(result).slice(0, 600));
    const zero = result.value.audit.find((a) => a.check === 'zero_amounts')!;
    assert.equal(zero.count, 200);
    // Row i is on line i + 2 (the header is line 1).
    assert.deepEqual(zero.examples.map((e) => e.line), [1001, 2001, 3001, 4001, 5001]);
  } finally {
    engine.close();
  }
});

test('a value longer than the bound in characters rejects its row; one as long in bytes but not in characters loads', async () => {
  const dir = tempDir();
  // 32,768 characters of 中 (98,304 bytes) is at the bound; 32,769 ASCII characters is past it.
  const atBound = '中'.repeat(MAX_FIELD_CHARS);
  const past = 'x'.repeat(MAX_FIELD_CHARS + 1);
  const file = writeFile(dir, 'long.csv', `customer_id,month,mrr\n${atBound},2024-01-01,10\n${past},2024-01-01,20\nB,2024-01-01,30\n`);
  const engine = await Engine.open(null);
  try {
    const result = await importInto(engine, [{ path: file, kind: 'mrr' }]);
    assert.ok(result.ok, JSON.stringify(result).slice(0, 500));
    assert.deepEqual([result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [2, 1]);
    const rejects = await engine.database.rows('SELECT line, "column", length(value) AS n, reason FROM churn.rejects');
    assert.deepEqual(rejects.map((r) => [Number(r.line), r.column, Number(r.n), r.reason]), [[3, 'customer_id', MAX_FIELD_CHARS + 1, 'value_too_long']]);
    const [loaded] = await engine.database.rows(`SELECT CAST(sum(mrr) AS VARCHAR) AS mrr, max(length(customer_id)) AS n FROM churn.customer_month`);
    assert.deepEqual([String(loaded!.mrr), Number(loaded!.n)], ['40.000000', MAX_FIELD_CHARS]);
  } finally {
    engine.close();
  }
});
