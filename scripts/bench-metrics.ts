// npm run bench:metrics [-- --sizes 10000,100000,1000000 --keep DIR --repeat 3 --timeout 120 --no-prototypes]
//
// The full analysis on generated data, in one process, per size:
//   1. the seeded sample generator (main/sample) writes customers.csv and
//      subscriptions.csv, timed on its own (--keep DIR keeps them, and the
//      imported workspace, in DIR/customers-N and reuses them on the next run);
//   2. Engine model.import into a file-backed workspace (rates EUR 1.08, GBP 1.27);
//   3. analysis.run, median of --repeat runs after one warm-up, and the SQL of
//      every metric family on its own (the builders analyze.ts calls, on a
//      connection of the same workspace);
//   4. a straightforward single-query baseline — a dense customer × month grid
//      with lag() over it, the naive approach of architecture.md — computing
//      the monthly movements, checked month by month against the engine's;
//   5. prototypes: the engine's own SQL with small rewrites (see PROTOTYPES),
//      each checked to return exactly the engine's rows, to show what a
//      change in main/metrics/ would gain. The app's code is not touched.
// A query still running after --timeout seconds is interrupted and shown as
// "> N". Prints figures, ratios and growth factors; asserts nothing about time.
// No JavaScript loop touches a data row: every figure comes from SQL, and
// JavaScript sees only summary rows (one per month).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine, SAMPLE_RATES } from '../main/engine/engine.js';
import type { Database } from '../main/engine/database.js';
import { DEFAULT_SAMPLE_OPTIONS } from '../main/sample/generate.js';
import { writeSample } from '../main/sample/cli.js';
import { metricContext } from '../main/metrics/context.js';
import { periodsSql } from '../main/metrics/periods.js';
import { segmentsSql } from '../main/metrics/segments.js';
import { cohortAverageSql, cohortsSql } from '../main/metrics/cohorts.js';
import { churnReasonsSql, churnTypesSql } from '../main/metrics/reasons.js';
import { atRiskSql } from '../main/metrics/atRisk.js';
import { comparisonSql, headlineSql } from '../main/metrics/comparison.js';
import { asOfIndex, customerMonthTable, type MetricContext } from '../main/metrics/scope.js';
import { str } from '../main/metrics/sql.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../shared/metrics.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    keep: { type: 'string' },
    repeat: { type: 'string' },
    timeout: { type: 'string' },
    'no-prototypes': { type: 'boolean' },
  },
});

const sizes = (values.sizes ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes positive integers, e.g. 10000,100000 (got ${values.sizes})`);
const repeat = Math.max(1, Number(values.repeat ?? 3));
const timeoutSeconds = Math.max(1, Number(values.timeout ?? 120));

const MiB = 1024 * 1024;
const elapsed = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const s3 = (x: number) => (x < 10 ? x.toFixed(3) : x < 100 ? x.toFixed(2) : x.toFixed(1));
const rssMiB = () => process.resourceUsage().maxRSS / 1024;

type Row = Record<string, unknown>;

/** A time in seconds; `timedOut` when the query was interrupted at the time limit (a lower bound). */
interface Timing {
  seconds: number;
  timedOut: boolean;
  runs: number[];
  /** CPU seconds of the process (DuckDB's threads included) in the median run: steadier than wall time on a busy machine. */
  cpu?: number;
  /** The result of the last run (a few summary rows), when it finished. */
  rows?: Row[];
}
const show = (t: Timing) => (t.timedOut ? `>${s3(t.seconds)}` : s3(t.seconds));
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * One query on its own connection of the workspace (so it can be interrupted
 * at the time limit), returning its rows, or null when it was interrupted.
 */
async function query(db: Database, sql: string): Promise<{ seconds: number; cpu: number; rows: Row[] | null }> {
  const connection = await db.connect();
  let interrupted = false;
  const timer = setTimeout(() => {
    interrupted = true;
    connection.interrupt();
  }, timeoutSeconds * 1000);
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  try {
    const reader = await connection.runAndReadAll(sql);
    const seconds = elapsed(start);
    const cpu = process.cpuUsage(cpuStart);
    return { seconds, cpu: (cpu.user + cpu.system) / 1e6, rows: reader.getRowObjectsJS() as Row[] };
  } catch (error) {
    if (interrupted) return { seconds: timeoutSeconds, cpu: NaN, rows: null };
    throw error;
  } finally {
    clearTimeout(timer);
    connection.closeSync();
  }
}

/** Median of `repeat` runs; stops at the first run that hits the time limit. */
async function timeQuery(db: Database, sql: string, runs = repeat): Promise<Timing> {
  const times: number[] = [];
  const cpus: number[] = [];
  let last: Row[] = [];
  for (let k = 0; k < runs; k += 1) {
    const { seconds, cpu, rows } = await query(db, sql);
    if (rows === null) return { seconds, timedOut: true, runs: times };
    times.push(seconds);
    cpus.push(cpu);
    last = rows;
  }
  return { seconds: median(times), timedOut: false, runs: times, cpu: median(cpus), rows: last };
}
const showCpu = (t: Timing) => (t.cpu === undefined ? 'cpu –' : `cpu ${s3(t.cpu)}`);

const cell = (v: unknown) => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? Number(v.toPrecision(12)) : v);
const rowKey = (row: Row) => JSON.stringify(Object.entries(row).map(([k, v]) => [k, cell(v)]));

/**
 * Two results (a metric's output: tens to thousands of summary rows) as bags
 * of rows, numbers to 12 significant digits: how many rows of either are not
 * in the other.
 */
function rowsDiffering(a: Row[], b: Row[]): number {
  const counts = new Map<string, number>();
  for (const key of a.map(rowKey)) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of b.map(rowKey)) counts.set(key, (counts.get(key) ?? 0) - 1);
  return [...counts.values()].reduce((sum, n) => sum + Math.abs(n), 0);
}

// ------------------------------------------------------------------ baseline

const COMPARED = [
  'customers_new',
  'customers_reactivated',
  'customers_expanded',
  'customers_contracted',
  'customers_churned',
  'customers_end',
  'mrr_new',
  'mrr_reactivation',
  'mrr_expansion',
  'mrr_contraction',
  'mrr_churned',
  'mrr_end',
] as const;

/**
 * Monthly MRR movements in one straightforward query: every customer × every
 * month (a dense grid), LEFT JOIN customer_month, lag() over the grid. The
 * definitions are those of docs/METRICS.md under the settings of `ctx`:
 * active = a row with MRR > 0, or ≥ 0 when zero-MRR customers count as
 * active; new in the first active month; reactivation after any gap (the
 * any_gap / full_month rules, which coincide on month-end MRR); churn at m
 * when active at m − 1 and not at m, m ≤ as-of month. It ignores the
 * inactivity window that invoice-based revenue gets (the generator writes
 * subscriptions only).
 */
function baselineSql(ctx: MetricContext): string {
  if (ctx.methodology.reactivation === 'within_90_days') throw new Error('the baseline implements the any_gap / full_month reactivation rule');
  const zeroActive = ctx.methodology.zeroMrrCustomers === 'active';
  return `
WITH cm AS (
  SELECT customer_id, year(month) * 12 + month(month) - 1 AS m, mrr
  FROM ${customerMonthTable(ctx.methodology)}
  WHERE month <= DATE ${str(ctx.asOfMonth)}${zeroActive ? '' : ' AND mrr > 0'}
),
customers AS (SELECT customer_id, min(m) AS first_m FROM cm GROUP BY customer_id),
months AS (SELECT range AS m FROM range((SELECT min(m) FROM cm), ${asOfIndex(ctx)} + 1)),
grid AS (
  SELECT c.customer_id, c.first_m, mo.m, cm.mrr IS NOT NULL AS active, coalesce(cm.mrr, 0) AS mrr
  FROM customers c CROSS JOIN months mo
  LEFT JOIN cm ON cm.customer_id = c.customer_id AND cm.m = mo.m
),
lagged AS (
  SELECT *, lag(active, 1, false) OVER w AS prev_active, lag(mrr, 1, 0) OVER w AS prev_mrr
  FROM grid WINDOW w AS (PARTITION BY customer_id ORDER BY m)
)
SELECT strftime(make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1), '%Y-%m') AS period,
  count(*) FILTER (WHERE active AND m = first_m) AS customers_new,
  count(*) FILTER (WHERE active AND NOT prev_active AND m > first_m) AS customers_reactivated,
  count(*) FILTER (WHERE active AND prev_active AND mrr > prev_mrr) AS customers_expanded,
  count(*) FILTER (WHERE active AND prev_active AND mrr < prev_mrr) AS customers_contracted,
  count(*) FILTER (WHERE NOT active AND prev_active) AS customers_churned,
  count(*) FILTER (WHERE active) AS customers_end,
  CAST(coalesce(sum(mrr) FILTER (WHERE active AND m = first_m), 0) AS DOUBLE) AS mrr_new,
  CAST(coalesce(sum(mrr) FILTER (WHERE active AND NOT prev_active AND m > first_m), 0) AS DOUBLE) AS mrr_reactivation,
  CAST(coalesce(sum(mrr - prev_mrr) FILTER (WHERE active AND prev_active AND mrr > prev_mrr), 0) AS DOUBLE) AS mrr_expansion,
  CAST(coalesce(sum(prev_mrr - mrr) FILTER (WHERE active AND prev_active AND mrr < prev_mrr), 0) AS DOUBLE) AS mrr_contraction,
  CAST(coalesce(sum(prev_mrr) FILTER (WHERE NOT active AND prev_active), 0) AS DOUBLE) AS mrr_churned,
  CAST(coalesce(sum(mrr) FILTER (WHERE active), 0) AS DOUBLE) AS mrr_end
FROM lagged GROUP BY m ORDER BY m`;
}

/** The engine's month periods against the baseline (one row per month each): the first difference, or null. */
function firstDifference(engineRows: Row[], baselineRows: Row[]): string | null {
  const byPeriod = new Map(baselineRows.map((r) => [String(r.period), r]));
  if (engineRows.length !== baselineRows.length) return `${engineRows.length} engine months vs ${baselineRows.length} baseline months`;
  for (const e of engineRows) {
    const b = byPeriod.get(String(e.period));
    if (!b) return `month ${String(e.period)} missing from the baseline`;
    for (const column of COMPARED) {
      const x = Number(e[column]);
      const y = Number(b[column]);
      if (Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(x), Math.abs(y))) return `${String(e.period)} ${column}: engine ${x}, baseline ${y}`;
    }
  }
  return null;
}

// ------------------------------------------------------------------ families and prototypes

interface Family {
  name: string;
  short: string;
  /** Run by analysis.run (periods by quarter is not, with the default monthly period). */
  inAnalysis: boolean;
  build(month: MetricContext, quarter: MetricContext): { sql: string; ctx: MetricContext };
}

const FAMILIES: Family[] = [
  { name: 'periods month', short: 'per.m', inAnalysis: true, build: (m) => ({ sql: periodsSql(m, false), ctx: m }) },
  { name: 'periods quarter', short: 'per.q', inAnalysis: false, build: (_m, q) => ({ sql: periodsSql(q, false), ctx: q }) },
  { name: 'segment periods', short: 'seg.per', inAnalysis: true, build: (m) => ({ sql: periodsSql(m, true), ctx: m }) },
  { name: 'segments', short: 'segs', inAnalysis: true, build: (m) => ({ sql: segmentsSql(m), ctx: m }) },
  { name: 'cohorts', short: 'coh', inAnalysis: true, build: (m) => ({ sql: cohortsSql(m, 'month'), ctx: m }) },
  { name: 'cohort average', short: 'coh.avg', inAnalysis: true, build: (m) => ({ sql: cohortAverageSql(m, 'month'), ctx: m }) },
  { name: 'churn reasons', short: 'reasons', inAnalysis: true, build: (m) => ({ sql: churnReasonsSql(m), ctx: m }) },
  { name: 'churn types', short: 'types', inAnalysis: true, build: (m) => ({ sql: churnTypesSql(m), ctx: m }) },
  { name: 'at-risk', short: 'atrisk', inAnalysis: true, build: (m) => ({ sql: atRiskSql(m), ctx: m }) },
  { name: 'headline', short: 'head', inAnalysis: true, build: (m) => ({ sql: headlineSql(m), ctx: m }) },
  { name: 'comparison', short: 'compar', inAnalysis: true, build: (m) => ({ sql: comparisonSql(m), ctx: m }) },
];

/**
 * Rewrites of the engine's SQL, each a change suggested for main/metrics/.
 * A rewrite applies only where its pattern is found, so the bench keeps
 * working (and says "n/a") once the engine's SQL changes.
 */
interface Rewrite {
  label: string;
  /** Changes results (a correction), rather than only the plan. */
  fix?: boolean;
  apply(sql: string, ctx: MetricContext): string;
}

const PROTOTYPES: Rewrite[] = [
  {
    // reasons.ts churn_detail: arg_min(reason, priority * 100 + distance)
    // picks any of the records at the same distance (a churn with records in
    // the month before and the month after, or two cancellations in one
    // month), so reasons can change from run to run on the same data. Not a
    // speed-up: a fix, which the check below applies to the engine's side too.
    label: 'deterministic tie-break in churn_detail (a fix: ties picked at random before)',
    fix: true,
    apply: (sql) =>
      sql
        .replaceAll('arg_min(r.reason, r.priority * 100 + abs(r.rm - c.m))', 'arg_min(r.reason, (r.priority * 100 + abs(r.rm - c.m), r.rm, r.reason, r.churn_type))')
        .replaceAll('arg_min(r.churn_type, r.priority * 100 + abs(r.rm - c.m))', 'arg_min(r.churn_type, (r.priority * 100 + abs(r.rm - c.m), r.rm, r.reason, r.churn_type))'),
  },
  {
    // reasons.ts churn_detail: `abs(r.rm - c.m) <= 1` in a LEFT JOIN is not
    // split into an equi-join plus a residual, so DuckDB plans a
    // BLOCKWISE_NL_JOIN (churns × recorded cancellations: quadratic). A range
    // on rm keeps customer_id as the hash key and the range as join conditions.
    label: 'churn_detail join as a range (HASH_JOIN instead of BLOCKWISE_NL_JOIN)',
    apply: (sql) => sql.replaceAll('AND abs(r.rm - c.m) <= 1', 'AND r.rm BETWEEN c.m - 1 AND c.m + 1'),
  },
  {
    // scope.ts scopeCte: the latest MRR of each customer (an arg_max over all
    // of customer_month) only feeds the `acv` segment rule.
    label: 'scope without the latest-MRR aggregate unless the segment rule is acv',
    apply: (sql, ctx) =>
      ctx.settings.segmentRule.by === 'acv'
        ? sql
        : sql.replace(
            /LEFT JOIN \(SELECT customer_id, arg_max\(mrr, month\) AS mrr FROM [\w.]+\s+WHERE month <= DATE '[\d-]+' GROUP BY customer_id\) last ON last\.customer_id = ids\.customer_id/g,
            '',
          ),
  },
  {
    // periods.ts cb: for months, every churn at m was active at m − 1 (the
    // period's start), so the joined-and-churned-excluded numerator equals
    // customers_churned and the join of the churns with all active rows
    // (10M at 1M customers) can go.
    label: 'monthly periods without the cb join (equals customers_churned for months)',
    apply: (sql, ctx) =>
      ctx.settings.period !== 'month'
        ? sql
        : sql.replaceAll('coalesce(cb.n, 0)', 'p.customers_churned').replaceAll('LEFT JOIN cb ON cb.dim = p.dim AND cb.p = p.p', ''),
  },
  {
    // periods.ts cb, quarters and years: only the active rows of each
    // period's start month can match; filter them before the join.
    label: 'cb joined with the period-start months only',
    apply: (sql, ctx) => {
      const k = ctx.settings.period === 'quarter' ? 3 : ctx.settings.period === 'year' ? 12 : 1;
      if (k === 1) return sql;
      return sql.replaceAll(
        `FROM moves mv JOIN active a ON a.customer_id = mv.customer_id AND a.m = (mv.m // ${k}) * ${k} - 1`,
        `FROM moves mv JOIN (SELECT customer_id, m FROM active WHERE (m + 1) % ${k} = 0) a ON a.customer_id = mv.customer_id AND a.m = (mv.m // ${k}) * ${k} - 1`,
      );
    },
  },
  {
    // atRisk.ts: runs the movements over the whole history to count
    // contractions in the last `window` months; read only the months it needs
    // (plus the inactivity window that invoice revenue may fill forward).
    label: 'at-risk reads only its last months',
    apply: (sql, ctx) => {
      if (!sql.includes(`contraction in ' || contractions || ' of the last`)) return sql;
      const { window, lookback } = ctx.settings.atRisk;
      const months = Math.max(window, lookback) + 1 + Math.ceil(ctx.methodology.inactivityDays / 30.4375);
      const cut = `WHERE cm.month <= DATE ${str(ctx.asOfMonth)}`;
      return sql.replaceAll(cut, `${cut} AND cm.month >= DATE ${str(ctx.asOfMonth)} - INTERVAL ${months} MONTH`);
    },
  },
];

/** The engine's SQL with every rewrite that applies; `fixed` has only the result-changing ones (the reference to check against). */
function prototype(query: { sql: string; ctx: MetricContext }): { sql: string; fixed: string; applied: string[] } {
  let sql = query.sql;
  let fixed = query.sql;
  const applied: string[] = [];
  for (const rewrite of PROTOTYPES) {
    const next = rewrite.apply(sql, query.ctx);
    if (next !== sql) applied.push(rewrite.label);
    sql = next;
    if (rewrite.fix) fixed = rewrite.apply(fixed, query.ctx);
  }
  return { sql, fixed, applied };
}

// ------------------------------------------------------------------ one size

interface SizeReport {
  customers: number;
  customerMonths: number;
  generate: number | null;
  import: number;
  importRows: number;
  analysis: Timing;
  families: Record<string, Timing>;
  prototypes: Record<string, Timing>;
  baseline: Timing;
  agrees: string;
}

async function ensureFiles(customers: number, dir: string): Promise<{ seconds: number | null; files: string[] }> {
  const files = ['customers.csv', 'subscriptions.csv'].map((f) => path.join(dir, f));
  if (files.every((f) => fs.existsSync(f))) {
    console.log(`  reusing the generated files in ${dir}`);
    return { seconds: null, files };
  }
  const result = await writeSample({ ...DEFAULT_SAMPLE_OPTIONS, customers }, dir);
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  console.log(
    `  generated ${fmt(result.customerRows)} customer rows + ${fmt(result.subscriptionRows)} subscription rows ` +
      `(${(bytes / MiB).toFixed(0)} MiB) in ${result.seconds.toFixed(2)} s`,
  );
  return { seconds: result.seconds, files };
}

async function timeAnalysis(engine: Engine, settings: Partial<AnalysisSettings>): Promise<{ warm: Timing; timing: Timing; summary: string }> {
  let jobs = 0;
  const once = async (): Promise<{ seconds: number; summary: string | null }> => {
    const jobId = `bench-analysis-${(jobs += 1)}`;
    const timer = setTimeout(() => void engine.invoke('jobs.cancel', { jobId }), timeoutSeconds * 1000);
    const start = process.hrtime.bigint();
    try {
      const result = await engine.invoke('analysis.run', { settings, jobId });
      const seconds = elapsed(start);
      if (!result.ok) {
        if (result.error.code === 'cancelled') return { seconds: timeoutSeconds, summary: null };
        throw new Error(`analysis.run: ${result.error.message}`);
      }
      const r = result.value;
      return { seconds, summary: `${r.periods.length} months, ${r.segments.length} segments, ${r.churn_reasons.length} reasons, ${r.at_risk.length} at risk` };
    } finally {
      clearTimeout(timer);
    }
  };
  const warm = await once();
  if (warm.summary === null) {
    const cut: Timing = { seconds: timeoutSeconds, timedOut: true, runs: [] };
    return { warm: cut, timing: cut, summary: 'cancelled at the time limit' };
  }
  const runs: number[] = [];
  for (let k = 0; k < repeat; k += 1) {
    const run = await once();
    if (run.summary === null) return { warm: { seconds: warm.seconds, timedOut: false, runs: [] }, timing: { seconds: timeoutSeconds, timedOut: true, runs }, summary: warm.summary };
    runs.push(run.seconds);
  }
  return { warm: { seconds: warm.seconds, timedOut: false, runs: [warm.seconds] }, timing: { seconds: median(runs), timedOut: false, runs }, summary: warm.summary };
}

async function benchSize(customers: number, tmp: string): Promise<SizeReport> {
  console.log(`\n== ${fmt(customers)} customers × ${DEFAULT_SAMPLE_OPTIONS.months} months`);
  const dataDir = values.keep ? path.join(path.resolve(values.keep), `customers-${customers}`) : path.join(tmp, `data-${customers}`);
  const generated = await ensureFiles(customers, dataDir);

  // With --keep, the imported workspace is kept beside the files and reused (with the import's figures).
  const workspace = values.keep ? path.join(dataDir, 'workspace.duckdb') : path.join(tmp, `workspace-${customers}.duckdb`);
  const importRecord = `${workspace}.import.json`;
  const reuse = Boolean(values.keep) && fs.existsSync(workspace) && fs.existsSync(importRecord);
  const engine = await Engine.open(workspace);
  try {
    const db = engine.database;
    let start = process.hrtime.bigint();
    let importSeconds: number;
    let importRows: number;
    let asOf: string | null;
    if (reuse) {
      ({ seconds: importSeconds, rows: importRows, asOf } = JSON.parse(fs.readFileSync(importRecord, 'utf8')) as { seconds: number; rows: number; asOf: string | null });
      console.log(`  reusing the workspace ${workspace} (delete it to import again); figures of its import:`);
    } else {
      const imported = await engine.invoke('model.import', { files: generated.files.map((p) => ({ path: p })), options: { rates: SAMPLE_RATES } });
      importSeconds = elapsed(start);
      if (!imported.ok) throw new Error(`model.import: ${imported.error.message}`);
      importRows = imported.value.files.reduce((sum, f) => sum + f.rowsRead, 0);
      asOf = imported.value.asOf;
      if (values.keep) fs.writeFileSync(importRecord, JSON.stringify({ seconds: importSeconds, rows: importRows, asOf }));
    }
    const [counts] = await db.rows(
      `SELECT count(*) AS n, count(DISTINCT customer_id) AS c, (SELECT count(*) FROM churn.revenue_lines) AS invoices FROM churn.customer_month`,
    );
    const customerMonths = Number(counts!.n);
    console.log(
      `  model.import ${s3(importSeconds)} s: ${fmt(importRows)} rows read (${fmt(importRows / importSeconds)} rows/s), ` +
        `${fmt(customerMonths)} customer_month rows for ${fmt(Number(counts!.c))} customers, as of ${asOf}`,
    );

    // The whole analysis, as the app runs it.
    const settings: Partial<AnalysisSettings> = {};
    start = process.hrtime.bigint();
    const analysis = await timeAnalysis(engine, settings);
    console.log(
      `  analysis.run ${show(analysis.timing)} s, median of ${analysis.timing.runs.length} after a warm-up of ${show(analysis.warm)} s ` +
        `(runs ${analysis.timing.runs.map(s3).join(', ') || 'none'}): ${analysis.summary}`,
    );

    // Each metric family on its own.
    const month = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
    const quarter = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings, period: 'quarter' });
    const list = FAMILIES.map((family) => ({ ...family, ...family.build(month, quarter) }));
    const familyTimes: Record<string, Timing> = {};
    for (const family of list) {
      familyTimes[family.name] = await timeQuery(db, family.sql);
      const t = familyTimes[family.name]!;
      console.log(`  ${family.name.padEnd(16)} ${show(t).padStart(8)} s  (${showCpu(t)} s)   runs ${t.runs.map(s3).join(', ')}`);
    }

    // The naive baseline, and the cross-check against the engine's month periods.
    const sql = baselineSql(month);
    const baseline = await timeQuery(db, sql);
    let agrees: string;
    const baselineRows = baseline.rows;
    const engineRows = familyTimes['periods month']!.rows;
    if (!baselineRows || !engineRows) agrees = 'not checked (time limit)';
    else {
      const difference = firstDifference(engineRows, baselineRows);
      agrees = difference ? `no — first difference: ${difference}` : `yes (${engineRows.length} months × ${COMPARED.length} columns)`;
    }
    if (Number(counts!.invoices) > 0) agrees += ' (the baseline ignores the inactivity window of invoice revenue)';
    console.log(
      `  baseline: dense customer × month grid ${show(baseline)} s (${showCpu(baseline)} s; runs ${baseline.runs.map(s3).join(', ')}); ` +
        `engine month movements ${show(familyTimes['periods month']!)} s (${showCpu(familyTimes['periods month']!)} s)`,
    );
    console.log(`  baseline agrees: ${agrees}`);

    // Prototypes of faster SQL (not the app's code), each checked against the engine's rows.
    const prototypes: Record<string, Timing> = {};
    if (!values['no-prototypes']) {
      for (const family of list) {
        const { sql: faster, fixed, applied } = prototype(family);
        if (!applied.length) continue;
        const timing = await timeQuery(db, faster);
        prototypes[family.name] = timing;
        // The reference: the engine's rows, or for a fix the engine's SQL with the fix alone.
        const engineTiming = familyTimes[family.name]!;
        const reference = fixed === family.sql ? engineTiming.rows : engineTiming.timedOut ? undefined : ((await query(db, fixed)).rows ?? undefined);
        const differing = reference && timing.rows ? rowsDiffering(reference, timing.rows) : null;
        const check =
          differing === null
            ? 'not checked (time limit)'
            : differing === 0
              ? `yes (${timing.rows!.length} rows${fixed === family.sql ? '' : ', against the engine with the fix alone'})`
              : `NO (${differing} rows differ)`;
        console.log(
          `  prototype ${family.name.padEnd(16)} ${show(timing).padStart(8)} s, ${showCpu(timing)} s (engine ${show(engineTiming)} s, ${showCpu(engineTiming)} s), ` +
            `same rows: ${check} — ${applied.join('; ')}`,
        );
      }
    }
    console.log(`  peak RSS so far ${fmt(rssMiB())} MiB`);

    return {
      customers,
      customerMonths,
      generate: generated.seconds,
      import: importSeconds,
      importRows,
      analysis: analysis.timing,
      families: familyTimes,
      prototypes,
      baseline,
      agrees,
    };
  } finally {
    engine.close();
    if (!values.keep) for (const f of [workspace, `${workspace}.wal`]) fs.rmSync(f, { force: true });
  }
}

// ------------------------------------------------------------------ report

function sumOf(timings: Timing[]): Timing {
  const timedOut = timings.some((t) => t.timedOut);
  const cpu = timedOut ? undefined : timings.reduce((s, t) => s + (t.cpu ?? 0), 0);
  return { seconds: timings.reduce((s, t) => s + t.seconds, 0), timedOut, runs: [], ...(cpu === undefined ? {} : { cpu }) };
}

function printReport(reports: SizeReport[]): void {
  const list = FAMILIES;
  const analysisFamilies = list.filter((f) => f.inAnalysis);
  const familySum = (r: SizeReport) => sumOf(analysisFamilies.map((f) => r.families[f.name]!));
  const prototypeSum = (r: SizeReport) => sumOf(analysisFamilies.map((f) => r.prototypes[f.name] ?? r.families[f.name]!));
  const head = ['customers', 'cust-months', 'gen s', 'import s', 'analysis s', ...list.map((f) => f.short), 'sum', 'sum cpu', 'proto sum', 'proto cpu', 'baseline s', 'eng/base', 'agrees'];
  const rows = reports.map((r) => [
    fmt(r.customers),
    fmt(r.customerMonths),
    r.generate === null ? 'kept' : s3(r.generate),
    s3(r.import),
    show(r.analysis),
    ...list.map((f) => show(r.families[f.name]!)),
    show(familySum(r)),
    familySum(r).cpu === undefined ? '–' : s3(familySum(r).cpu!),
    show(prototypeSum(r)),
    prototypeSum(r).cpu === undefined ? '–' : s3(prototypeSum(r).cpu!),
    show(r.baseline),
    `${r.families['periods month']!.seconds / r.baseline.seconds < 10 ? (r.families['periods month']!.seconds / r.baseline.seconds).toFixed(2) : '–'}×`,
    r.agrees.startsWith('yes') ? 'yes' : r.agrees.startsWith('no') ? 'NO' : '?',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(`\nSummary, seconds (medians of ${repeat}; ">" = interrupted at the ${timeoutSeconds} s limit, a lower bound)`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(
    `  ${list.map((f) => `${f.short} = ${f.name}`).join(', ')}; sum = the families analysis.run runs, one after another; ` +
      `proto sum = the same with the prototypes; cpu = CPU seconds of the process (steadier than wall time on a shared machine); ` +
      `eng/base = engine month movements ÷ the naive dense-grid baseline`,
  );

  if (reports.length > 1) {
    console.log('\nGrowth between consecutive sizes (time factor against the customer-month factor; linear = equal factors):');
    const growth = (a: Timing, b: Timing) => `${b.timedOut ? '>' : ''}${(b.seconds / a.seconds).toFixed(2)}×${a.timedOut ? '?' : ''}`;
    const cpuGrowth = (a: Timing, b: Timing) => (a.cpu && b.cpu ? `${(b.cpu / a.cpu).toFixed(2)}×` : '–');
    for (let i = 1; i < reports.length; i += 1) {
      const a = reports[i - 1]!;
      const b = reports[i]!;
      const data = b.customerMonths / a.customerMonths;
      console.log(
        `  ${fmt(a.customers)} → ${fmt(b.customers)}: customer-months ${data.toFixed(2)}×; analysis ${growth(a.analysis, b.analysis)}, ` +
          `family sum ${growth(familySum(a), familySum(b))} (cpu ${cpuGrowth(familySum(a), familySum(b))}), ` +
          `prototype sum ${growth(prototypeSum(a), prototypeSum(b))} (cpu ${cpuGrowth(prototypeSum(a), prototypeSum(b))}), ` +
          `import ${(b.import / a.import).toFixed(2)}×, baseline ${growth(a.baseline, b.baseline)}`,
      );
      console.log(`      per family: ${list.map((f) => `${f.short} ${growth(a.families[f.name]!, b.families[f.name]!)}`).join(', ')}`);
    }
  }
  const last = reports[reports.length - 1]!;
  console.log(
    `\nReference (architecture.md; 1M customers × 36 months ≈ 10.1M customer-months, plain DuckDB SQL, 2 cores): movements ~1.1 s ` +
      `(0.8 s with a packed key), movements + cohorts + 3 segments ~2.5 s, dense grid ~10 s. Here at ${fmt(last.customerMonths)} customer-months: ` +
      `analysis.run ${show(last.analysis)} s, month movements ${show(last.families['periods month']!)} s, baseline ${show(last.baseline)} s.`,
  );
  console.log(`Peak RSS ${fmt(rssMiB())} MiB`);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-metrics-'));
  const probe = await Engine.open(null);
  const { threads, memoryLimit } = probe.database.resources;
  probe.close();
  console.log(`Churn Workbench metrics benchmark — ${os.cpus().length} cores, DuckDB threads ${threads}, memory_limit ${memoryLimit}, Node ${process.version}`);
  console.log(
    `sizes ${sizes.map(fmt).join(', ')} customers; ${repeat} timed runs each; time limit ${timeoutSeconds} s a query; temp folder ${tmp}` +
      `${values.keep ? `; generated data kept in ${path.resolve(values.keep)}` : ''}`,
  );
  const reports: SizeReport[] = [];
  try {
    for (const customers of sizes) reports.push(await benchSize(customers, tmp));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  printReport(reports);
}

await main();
