// The sample billing export generator: determinism, the committed sample, and
// the distributions and messy rows that analyses rely on (checked in DuckDB).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_SAMPLE_OPTIONS, Rng, generateSample } from '../../scripts/sample/generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'scripts', 'sample', 'cli.ts');
const COMMITTED = path.join(ROOT, 'assets', 'sample');
const FILES = ['customers.csv', 'subscriptions.csv'] as const;
const run = promisify(execFile);

let tmp = '';
let dirA = '';
let instance: DuckDBInstance;
let db: DuckDBConnection;

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT });
  return stdout;
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function sqlPath(p: string): string {
  return `'${p.replace(/'/g, "''")}'`;
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** The single row of a query, with BIGINTs as numbers. */
async function one(sql: string): Promise<Record<string, number>> {
  const [row] = await rows(sql);
  assert.ok(row, `no row from: ${sql}`);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : (v as number)]));
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'churn-sample-'));
  dirA = path.join(tmp, 'a');
  const out = await cli('--customers', '2000', '--seed', '42', '--out', dirA);
  assert.match(out, /Wrote 1,9\d\d customer rows and [\d,]+ subscription rows/);
  instance = await DuckDBInstance.create(':memory:');
  db = await instance.connect();
  // 2,000 customers for the structural checks; the committed sample for churn rates.
  for (const [prefix, dir] of [['', dirA], ['big_', COMMITTED]] as const) {
    await db.run(`create view ${prefix}c as select * from read_csv(${sqlPath(path.join(dir, 'customers.csv'))})`);
    await db.run(`create view ${prefix}s as select * from read_csv(${sqlPath(path.join(dir, 'subscriptions.csv'))})`);
  }
});

after(() => {
  db?.closeSync();
  instance?.closeSync();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the PRNG is deterministic and uniform in [0, 1)', () => {
  const a = new Rng(123);
  const b = new Rng(123);
  const xs = Array.from({ length: 10_000 }, () => a.next());
  assert.deepEqual(xs.slice(0, 100), Array.from({ length: 100 }, () => b.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.notEqual(new Rng(124).next(), new Rng(123).next());
});

test('generation is lazy: the first customer of a huge run comes at once', () => {
  const it = generateSample({ ...DEFAULT_SAMPLE_OPTIONS, customers: 50_000_000 });
  const began = Date.now();
  const first = it.next();
  assert.equal(first.done, false);
  assert.ok(first.value.subscriptions.length >= 1);
  assert.ok(Date.now() - began < 1000);
});

test('same seed gives byte-identical files; another seed gives different ones', async () => {
  const dirB = path.join(tmp, 'b');
  const dirC = path.join(tmp, 'c');
  await cli('--customers', '2000', '--seed', '42', '--out', dirB);
  await cli('--customers', '2000', '--seed', '7', '--out', dirC);
  for (const f of FILES) {
    assert.equal(sha256(path.join(dirA, f)), sha256(path.join(dirB, f)), `${f} differs between two runs with seed 42`);
    assert.notEqual(sha256(path.join(dirA, f)), sha256(path.join(dirC, f)), `${f} is the same for seeds 42 and 7`);
  }
  assert.deepEqual(fs.readdirSync(dirB).sort(), [...FILES], 'no temporary files left behind');
});

test('the committed assets/sample equals a fresh generation with the defaults', async () => {
  const fresh = path.join(tmp, 'defaults');
  await cli('--out', fresh);
  for (const f of FILES) {
    assert.ok(
      fs.readFileSync(path.join(COMMITTED, f)).equals(fs.readFileSync(path.join(fresh, f))),
      `assets/sample/${f} is stale: run \`npm run sample\` and commit the result`,
    );
  }
  const size = FILES.reduce((sum, f) => sum + fs.statSync(path.join(COMMITTED, f)).size, 0);
  assert.ok(size > 1e6 && size < 3e6, `committed sample is ${size} bytes`);
});

test('bad arguments are refused with usage', async () => {
  for (const args of [['--months', '0'], ['--start', '2025-13'], ['--customers', 'lots'], ['--bogus']]) {
    await assert.rejects(cli(...args, '--out', path.join(tmp, 'never')), (error: { code?: number; stderr?: string }) => {
      assert.equal(error.code, 2, `exit code for ${args.join(' ')}`);
      assert.match(error.stderr ?? '', /Usage:/);
      return true;
    });
  }
  assert.equal(fs.existsSync(path.join(tmp, 'never')), false);
});

test("DuckDB's sniffer infers numeric and date types", async () => {
  const types = async (view: string) =>
    Object.fromEntries((await rows(`describe ${view}`)).map((r) => [r.column_name as string, r.column_type as string]));
  assert.deepEqual(await types('c'), {
    customer_id: 'VARCHAR',
    company_name: 'VARCHAR',
    employees: 'BIGINT',
    country: 'VARCHAR',
    industry: 'VARCHAR',
    signup_date: 'DATE',
  });
  const s = await types('s');
  assert.equal(s.amount, 'DOUBLE');
  assert.equal(s.quantity, 'BIGINT');
  assert.equal(s.discount_pct, 'BIGINT');
  for (const col of ['start_date', 'end_date', 'canceled_at']) assert.equal(s[col], 'DATE', col);
  const raw = await one(
    `select count(*) filter (where not regexp_full_match(amount, '-?[0-9]+\\.[0-9]{2}')) as bad
     from read_csv(${sqlPath(path.join(dirA, 'subscriptions.csv'))}, all_varchar = true)`,
  );
  assert.equal(raw.bad, 0, 'amounts are plain numbers with two decimals');
});

test('company sizes span all three segments, SMB the majority', async () => {
  const r = await one(`select count(*) filter (where employees < 100) smb,
      count(*) filter (where employees between 100 and 999) mid,
      count(*) filter (where employees >= 1000) ent, count(*) total from c`);
  assert.ok(r.smb! > r.total! / 2, JSON.stringify(r));
  assert.ok(r.mid! >= 200 && r.ent! >= 50, JSON.stringify(r));
  assert.ok(r.mid! > r.ent!, JSON.stringify(r));
});

test('plans, intervals, currencies and signups look like a SaaS business', async () => {
  const iv = await rows(`select distinct lower(trim(billing_interval)) v from s order by v`);
  assert.deepEqual(iv.map((r) => r.v), ['month', 'year']);
  const plans = await rows(`select distinct lower(trim(plan)) v from s order by v`);
  assert.deepEqual(plans.map((r) => r.v), ['business', 'enterprise', 'free trial', 'growth', 'starter']);
  const r = await one(`select
      count(*) filter (where lower(trim(plan)) = 'free trial' and amount <> 0) paid_trials,
      count(*) filter (where lower(trim(plan)) = 'free trial') trials,
      count(*) filter (where upper(trim(currency)) = 'USD') usd,
      count(*) filter (where upper(trim(currency)) = 'EUR') eur,
      count(*) filter (where upper(trim(currency)) = 'GBP') gbp,
      count(*) total,
      count(*) filter (where start_date >= date '2026-01-01' or end_date >= date '2026-01-01' or canceled_at >= date '2026-01-01') future,
      count(*) filter (where (lower(trim(status)) = 'active') <> (end_date is null)) bad_status
    from s`);
  assert.equal(r.paid_trials, 0);
  assert.ok(r.trials! > 0);
  assert.ok(r.usd! > r.total! / 2 && r.eur! > 0 && r.gbp! > 0, JSON.stringify(r));
  assert.equal(r.future, 0, 'nothing after the as-of date');
  assert.equal(r.bad_status, 0, 'active exactly when end_date is empty');
  // Enterprise customers pay far more than SMB ones.
  const arr = await one(`select
      median(amount * 12 / case when lower(trim(billing_interval)) = 'year' then 12 else 1 end) filter (where employees < 100) smb,
      median(amount * 12 / case when lower(trim(billing_interval)) = 'year' then 12 else 1 end) filter (where employees >= 1000) ent
    from s join c using (customer_id) where amount > 0`);
  assert.ok(arr.ent! > 20 * arr.smb!, JSON.stringify(arr));
  // Signups spread over the 36 months.
  const months = await one(`select count(distinct date_trunc('month', signup_date)) n, min(signup_date) lo, max(signup_date) hi from c`);
  assert.equal(months.n, 36);
});

test('upgrades and downgrades: a row ends and the next starts the same day at another MRR', async () => {
  const r = await one(`with m as (
      select *, amount / case when lower(trim(billing_interval)) = 'year' then 12 else 1 end as mrr from s
      where lower(trim(plan)) <> 'free trial' and amount > 0)
    select count(*) filter (where b.mrr > a.mrr) up, count(*) filter (where b.mrr < a.mrr) down
    from m a join m b on a.customer_id = b.customer_id and b.start_date = a.end_date and a.subscription_id <> b.subscription_id`);
  assert.ok(r.up! >= 20 && r.down! >= 10, JSON.stringify(r));
  assert.ok(r.up! > r.down!, 'more expansion than contraction');
});

test('cancellations: voluntary and involuntary, several reasons, failed payments are involuntary', async () => {
  const types = await rows(`select distinct lower(trim(churn_type)) v from s where churn_type is not null order by v`);
  assert.deepEqual(types.map((r) => r.v), ['involuntary', 'voluntary']);
  const r = await one(`select
      count(distinct lower(trim(cancellation_reason))) filter (where lower(trim(churn_type)) = 'voluntary') voluntary_reasons,
      count(*) filter (where lower(trim(cancellation_reason)) = 'payment failed' and lower(trim(churn_type)) = 'involuntary') failed,
      count(*) filter (where lower(trim(cancellation_reason)) = 'payment failed' and lower(trim(churn_type)) is distinct from 'involuntary') failed_wrong,
      count(*) filter (where lower(trim(cancellation_reason)) = 'payment failed' and canceled_at <= end_date) dunning_wrong,
      count(*) filter (where lower(trim(churn_type)) = 'voluntary' and end_date >= start_date and canceled_at > end_date) notice_wrong
    from s`);
  assert.ok(r.voluntary_reasons! >= 5, JSON.stringify(r));
  assert.ok(r.failed! > 0);
  assert.equal(r.failed_wrong, 0);
  assert.equal(r.dunning_wrong, 0, 'a failed payment is cancelled after the unpaid renewal');
  assert.equal(r.notice_wrong, 0, 'a voluntary cancellation is made before the paid period ends');
});

test('some churned customers come back after at least a month without a subscription', async () => {
  const r = await one(`select count(distinct a.customer_id) n
    from s a join s b on b.customer_id = a.customer_id and b.start_date >= a.end_date + interval 1 month
    where a.churn_type is not null and a.end_date >= a.start_date
      and not exists (select 1 from s x where x.customer_id = a.customer_id
                      and x.start_date <= a.end_date and (x.end_date is null or x.end_date > a.end_date))`);
  assert.ok(r.n! >= 20, JSON.stringify(r));
});

test('a few customers hold two concurrent paid subscriptions', async () => {
  const r = await one(`with p as (select * from s where lower(trim(plan)) <> 'free trial' and amount > 0 and coalesce(end_date, date '2026-01-01') > start_date)
    select count(distinct a.customer_id) n from p a join p b
      on a.customer_id = b.customer_id and a.subscription_id < b.subscription_id
     and b.start_date > a.start_date and b.start_date < coalesce(a.end_date, date '2026-01-01')
     and a.amount > 0 and b.amount > 0`);
  assert.ok(r.n! >= 10, JSON.stringify(r));
});

test('every kind of messy row is present, and rare', async () => {
  const r = await one(`select
      (select count(*) from (select * from s group by all having count(*) > 1)) duplicates,
      (select count(*) from s anti join c using (customer_id)) orphans,
      (select count(*) from s where end_date < start_date) backwards,
      (select count(*) from s where amount < 0) refunds,
      (select count(*) from s where plan not in ('Free trial', 'Starter', 'Growth', 'Business', 'Enterprise')
          or billing_interval not in ('month', 'year') or currency not in ('USD', 'EUR', 'GBP')
          or status not in ('active', 'canceled') or churn_type not in ('voluntary', 'involuntary')
          or cancellation_reason <> lower(trim(cancellation_reason))) odd_subscriptions,
      (select count(*) from c where country <> upper(trim(country)) or industry <> trim(industry)
          or company_name <> trim(company_name) or industry in (upper(industry), lower(industry))) odd_customers,
      (select count(*) from c where country is null or industry is null) blanks,
      (select count(*) from s) + (select count(*) from c) total`);
  for (const [kind, n] of Object.entries(r)) assert.ok(n > 0, `${kind}: ${JSON.stringify(r)}`);
  const messy = r.duplicates! + r.orphans! + r.backwards! + r.refunds! + r.odd_subscriptions! + r.odd_customers! + r.blanks!;
  assert.ok(messy / r.total! < 0.015, `messy share ${messy / r.total!}`);
  const refund = await rows(`select distinct lower(trim(cancellation_reason)) cancellation_reason from s where amount < 0`);
  assert.deepEqual(refund.map((x) => x.cancellation_reason), ['refund']);
});

test('annual logo churn falls with company size, within the benchmark bands', async () => {
  const churn = await rows(`
    with paid as (
      select s.customer_id, start_date, coalesce(end_date, date '2026-01-01') e,
             case when employees < 100 then 'smb' when employees < 1000 then 'mid' else 'ent' end seg
      from big_s s join big_c using (customer_id)
      where lower(trim(plan)) <> 'free trial' and amount > 0 and discount_pct < 100
        and (end_date is null or end_date > start_date)),
    months as (select unnest(generate_series(date '2024-01-01', date '2025-12-01', interval 1 month))::date d),
    act as (select distinct d, customer_id, seg from months join paid on start_date <= d and d < e),
    moves as (select a.seg, count(*) n, count(*) filter (where b.customer_id is null) lost
      from act a left join act b on b.customer_id = a.customer_id and b.d = a.d + interval 1 month
      where a.d < date '2025-12-01' group by all)
    select seg, 1 - pow(1 - sum(lost) / sum(n), 12) annual from moves group by seg`);
  const by = Object.fromEntries(churn.map((r) => [r.seg as string, r.annual as number]));
  assert.ok(by.smb! > 0.3 && by.smb! < 0.5, JSON.stringify(by));
  assert.ok(by.mid! > 0.1 && by.mid! < 0.22, JSON.stringify(by));
  assert.ok(by.ent! > 0.03 && by.ent! < 0.12, JSON.stringify(by));
});
