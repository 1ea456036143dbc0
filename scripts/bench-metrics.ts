// npm run bench:metrics [-- --sizes 10000,100000,1000000 --keep DIR --repeat 3 --no-variants]
//
// The full analysis on generated data, in one process, per size:
//   1. the seeded sample generator (main/sample) writes customers.csv and
//      subscriptions.csv (timed on its own; --keep DIR reuses files there);
//   2. Engine model.import into a file-backed workspace (rates EUR 1.08, GBP 1.27);
//   3. analysis.run, median of --repeat runs after one warm-up, and every
//      metric family's SQL on its own (the same builders analyze.ts calls);
//   4. a straightforward single-query baseline — a dense customer × month grid
//      with lag() over it (architecture.md, "the naive approach") — computing
//      the monthly movements, checked month by month against the engine's;
//   5. faster variants of the slowest families, as SQL prototypes beside the
//      engine's, to show what a change in main/metrics/ would gain.
// Prints figures, ratios and growth factors; asserts nothing about time.
// No loop in JavaScript touches a data row: every figure comes from SQL, and
// JavaScript only sees the few summary rows (one per month).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine, SAMPLE_RATES } from '../main/engine/engine.js';
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
import type { Database } from '../main/engine/database.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    keep: { type: 'string' },
    repeat: { type: 'string' },
    'no-variants': { type: 'boolean' },
  },
});

const sizes = (values.sizes ?? '10000,100000,1000000').split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes positive integers, e.g. 10000,100000 (got ${values.sizes})`);
const repeat = Math.max(1, Number(values.repeat ?? 3));

const MiB = 1024 * 1024;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const s2 = (x: number) => x.toFixed(x < 10 ? 3 : 2);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const rssMiB = () => process.resourceUsage().maxRSS / 1024;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const value = await work();
  return { value, seconds: seconds(start) };
}

/** Median of `repeat` runs (the caller warms up first where it matters). */
async function medianOf(work: () => Promise<unknown>, runs = repeat): Promise<{ median: number; runs: number[] }> {
  const times: number[] = [];
  for (let k = 0; k < runs; k += 1) times.push((await timed(work)).seconds);
  return { median: median(times), runs: times };
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
 * definitions are those of docs/METRICS.md under the settings of `ctx`
 * (active = a row with MRR > 0, or ≥ 0 when zero-MRR customers count as
 * active; reactivation after any gap — the default rule; churn at m when
 * active at m − 1 and not at m, m ≤ as-of month).
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

type Row = Record<string, unknown>;

/** Month by month, every compared column: the first difference, or null when they agree. */
function firstDifference(engineRows: Row[], baselineRows: Row[]): string | null {
  const byPeriod = new Map(baselineRows.map((r) => [String(r.period), r]));
  if (engineRows.length !== baselineRows.length) return `${engineRows.length} engine months vs ${baselineRows.length} baseline months`;
  for (const e of engineRows) {
    const b = byPeriod.get(String(e.period));
    if (!b) return `month ${String(e.period)} missing from the baseline`;
    for (const column of COMPARED) {
      const x = Number(e[column]);
      const y = Number(b[column]);
      if (Math.abs(x - y) > 1e-6 * Math.max(1, Math.abs(x), Math.abs(y))) {
        return `${String(e.period)} ${column}: engine ${x}, baseline ${y}`;
      }
    }
  }
  return null;
}

// ------------------------------------------------------------------ variants

/**
 * Prototype: the engine's month periods with the `seq` window ordered by one
 * packed BIGINT key (customer index × 2^15 + month index) instead of
 * PARTITION BY customer_id over a million partitions (architecture.md), and
 * the scope's segment lookups left out when no segment is asked for.
 * Same columns and numbers as periodsSql(ctx, false) for the movements.
 */
function packedMovementsSql(ctx: MetricContext): string {
  const zeroActive = ctx.methodology.zeroMrrCustomers === 'active';
  const asOf = asOfIndex(ctx);
  return `
WITH active AS (
  SELECT customer_id, dense_rank() OVER (ORDER BY customer_id) AS c,
         year(month) * 12 + month(month) - 1 AS m, mrr
  FROM ${customerMonthTable(ctx.methodology)}
  WHERE month <= DATE ${str(ctx.asOfMonth)}${zeroActive ? '' : ' AND mrr > 0'}
),
seq AS (
  SELECT c, m, mrr,
    lag(c) OVER w AS prev_c, lag(m) OVER w AS prev_m, lag(mrr) OVER w AS prev_mrr,
    lead(c) OVER w AS next_c, lead(m) OVER w AS next_m
  FROM active WINDOW w AS (ORDER BY c * 32768 + m)
),
moves AS (
  SELECT m,
    CASE WHEN prev_c IS DISTINCT FROM c THEN 'new'
         WHEN prev_m = m - 1 THEN CASE WHEN mrr > prev_mrr THEN 'expansion' WHEN mrr < prev_mrr THEN 'contraction' END
         ELSE 'reactivation' END AS movement,
    CASE WHEN prev_c = c AND prev_m = m - 1 THEN prev_mrr ELSE 0 END AS mrr_before, mrr AS mrr_after
  FROM seq
  UNION ALL
  SELECT m + 1, 'churn', mrr, 0 FROM seq
  WHERE (next_c IS DISTINCT FROM c OR next_m > m + 1) AND m + 1 <= ${asOf}
)
SELECT strftime(make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1), '%Y-%m') AS period, movement,
  count(*) AS customers, CAST(sum(abs(mrr_after - mrr_before)) AS DOUBLE) AS mrr
FROM moves WHERE movement IS NOT NULL GROUP BY ALL ORDER BY ALL`;
}

// ------------------------------------------------------------------ one size

interface SizeReport {
  customers: number;
  customerMonths: number;
  generate: number | null;
  import: number;
  importRows: number;
  analysis: number;
  families: Record<string, number>;
  baseline: number;
  agrees: boolean;
  variants: Record<string, number>;
}

const FAMILY_NAMES = [
  'periods month',
  'periods quarter',
  'segment periods',
  'segments',
  'cohorts',
  'cohort average',
  'churn reasons',
  'churn types',
  'at-risk',
  'headline',
  'comparison',
] as const;
type Family = (typeof FAMILY_NAMES)[number];

function familySql(month: MetricContext, quarter: MetricContext): Record<Family, string> {
  return {
    'periods month': periodsSql(month, false),
    'periods quarter': periodsSql(quarter, false),
    'segment periods': periodsSql(month, true),
    segments: segmentsSql(month),
    cohorts: cohortsSql(month, 'month'),
    'cohort average': cohortAverageSql(month, 'month'),
    'churn reasons': churnReasonsSql(month),
    'churn types': churnTypesSql(month),
    'at-risk': atRiskSql(month),
    headline: headlineSql(month),
    comparison: comparisonSql(month),
  };
}

async function ensureFiles(customers: number, dir: string): Promise<{ seconds: number | null; files: string[] }> {
  const files = ['customers.csv', 'subscriptions.csv'].map((f) => path.join(dir, f));
  if (files.every((f) => fs.existsSync(f))) {
    console.log(`  reusing ${dir}`);
    return { seconds: null, files };
  }
  const result = await writeSample({ ...DEFAULT_SAMPLE_OPTIONS, customers }, dir);
  const size = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  console.log(
    `  generated ${fmt(result.customerRows)} customer rows + ${fmt(result.subscriptionRows)} subscription rows ` +
      `(${(size / MiB).toFixed(0)} MiB) in ${result.seconds.toFixed(2)} s`,
  );
  return { seconds: result.seconds, files };
}

async function rowsOf(db: Database, sql: string): Promise<Row[]> {
  return db.rows(sql);
}

async function benchSize(customers: number, tmp: string): Promise<SizeReport> {
  console.log(`\n== ${fmt(customers)} customers × ${DEFAULT_SAMPLE_OPTIONS.months} months`);
  const dataDir = values.keep ? path.join(path.resolve(values.keep), `customers-${customers}`) : path.join(tmp, `data-${customers}`);
  const generated = await ensureFiles(customers, dataDir);

  const workspace = path.join(tmp, `workspace-${customers}.duckdb`);
  const engine = await Engine.open(workspace);
  try {
    const db = engine.database;
    const imported = await timed(() =>
      engine.invoke('model.import', { files: generated.files.map((p) => ({ path: p })), options: { rates: SAMPLE_RATES } }),
    );
    if (!imported.value.ok) throw new Error(`model.import: ${imported.value.error.message}`);
    const importRows = imported.value.value.files.reduce((sum, f) => sum + f.rowsRead, 0);
    const [counts] = await db.rows('SELECT count(*) AS n, count(DISTINCT customer_id) AS c FROM churn.customer_month');
    const customerMonths = Number(counts!.n);
    console.log(
      `  model.import ${s2(imported.seconds)} s: ${fmt(importRows)} rows read (${fmt(importRows / imported.seconds)} rows/s), ` +
        `${fmt(customerMonths)} customer_month rows for ${fmt(Number(counts!.c))} customers, as of ${imported.value.value.asOf}`,
    );

    // The whole analysis, as the app runs it.
    const settings: Partial<AnalysisSettings> = {};
    const runAnalysis = async () => {
      const result = await engine.invoke('analysis.run', { settings });
      if (!result.ok) throw new Error(`analysis.run: ${result.error.message}`);
      return result.value;
    };
    const warm = await timed(runAnalysis);
    const analysis = await medianOf(runAnalysis);
    console.log(
      `  analysis.run ${s2(analysis.median)} s median of ${repeat} (warm-up ${s2(warm.seconds)} s; runs ${analysis.runs.map(s2).join(', ')}), ` +
        `${warm.value.periods.length} months, ${warm.value.segments.length} segments, ${warm.value.at_risk.length} at risk`,
    );

    // Each metric family on its own, on the workspace's connection.
    const month = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
    const quarter = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings, period: 'quarter' });
    const sqls = familySql(month, quarter);
    const families: Record<string, number> = {};
    for (const name of FAMILY_NAMES) {
      families[name] = (await medianOf(() => db.rows(sqls[name]))).median;
    }
    const familySum = Object.values(families).reduce((a, b) => a + b, 0);
    console.log(
      `  per family (median of ${repeat}): ${FAMILY_NAMES.map((n) => `${n} ${s2(families[n]!)}`).join(', ')}; sum ${s2(familySum)} s`,
    );

    // The naive baseline, and the cross-check against the engine's month periods.
    const sql = baselineSql(month);
    const baselineRows = await rowsOf(db, sql);
    const baseline = await medianOf(() => db.rows(sql));
    const engineRows = await rowsOf(db, periodsSql(month, false));
    const difference = firstDifference(engineRows, baselineRows);
    console.log(`  baseline (dense customer × month grid) ${s2(baseline.median)} s median of ${repeat}; engine movements (periods month) ${s2(families['periods month']!)} s`);
    console.log(`  baseline agrees: ${difference ? `no — first difference: ${difference}` : `yes (${engineRows.length} months × ${COMPARED.length} columns)`}`);

    // Prototypes of faster SQL for the slowest families (not the app's code).
    const variants: Record<string, number> = {};
    if (!values['no-variants']) {
      const packed = packedMovementsSql(month);
      const check = await rowsOf(
        db,
        `WITH v AS (${packed}), e AS (${periodsSql(month, false)}),
         ev AS (
           SELECT period, 'new' AS movement, customers_new AS customers, mrr_new AS mrr FROM e
           UNION ALL SELECT period, 'reactivation', customers_reactivated, mrr_reactivation FROM e
           UNION ALL SELECT period, 'expansion', customers_expanded, mrr_expansion FROM e
           UNION ALL SELECT period, 'contraction', customers_contracted, mrr_contraction FROM e
           UNION ALL SELECT period, 'churn', customers_churned, mrr_churned FROM e)
         SELECT count(*) AS differences FROM ev FULL JOIN v USING (period, movement)
         WHERE coalesce(ev.customers, 0) <> coalesce(v.customers, 0) OR abs(coalesce(ev.mrr, 0) - coalesce(v.mrr, 0)) > 1e-6`,
      );
      variants['packed movements'] = (await medianOf(() => db.rows(packed))).median;
      console.log(
        `  prototype: movements with a packed BIGINT window key ${s2(variants['packed movements']!)} s ` +
          `(engine periods month ${s2(families['periods month']!)} s), same movements: ${Number(check[0]!.differences) === 0 ? 'yes' : `no (${check[0]!.differences} cells differ)`}`,
      );
    }
    console.log(`  peak RSS so far ${fmt(rssMiB())} MiB`);

    return {
      customers,
      customerMonths,
      generate: generated.seconds,
      import: imported.seconds,
      importRows,
      analysis: analysis.median,
      families,
      baseline: baseline.median,
      agrees: difference === null,
      variants,
    };
  } finally {
    engine.close();
    for (const f of [workspace, `${workspace}.wal`]) fs.rmSync(f, { force: true });
  }
}

// ------------------------------------------------------------------ report

function printTable(reports: SizeReport[]): void {
  const short: Record<Family, string> = {
    'periods month': 'per.m',
    'periods quarter': 'per.q',
    'segment periods': 'seg.per',
    segments: 'segs',
    cohorts: 'coh',
    'cohort average': 'coh.avg',
    'churn reasons': 'reasons',
    'churn types': 'types',
    'at-risk': 'atrisk',
    headline: 'head',
    comparison: 'compar',
  };
  const head = ['customers', 'cust-months', 'gen s', 'import s', 'analysis s', ...FAMILY_NAMES.map((f) => short[f]), 'baseline s', 'eng/base', 'agrees'];
  const rows = reports.map((r) => [
    fmt(r.customers),
    fmt(r.customerMonths),
    r.generate === null ? 'kept' : s2(r.generate),
    s2(r.import),
    s2(r.analysis),
    ...FAMILY_NAMES.map((f) => s2(r.families[f]!)),
    s2(r.baseline),
    `${(r.families['periods month']! / r.baseline).toFixed(2)}×`,
    r.agrees ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log('\nSummary (seconds; analysis and families are medians; eng/base = engine month movements ÷ naive baseline)');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(`families: ${FAMILY_NAMES.map((f) => `${short[f]} = ${f}`).join(', ')}`);

  if (reports.length > 1) {
    console.log('\nGrowth between consecutive sizes (time factor vs data factor; ≤ 1 per unit of data = linear or better):');
    for (let i = 1; i < reports.length; i += 1) {
      const a = reports[i - 1]!;
      const b = reports[i]!;
      const data = b.customerMonths / a.customerMonths;
      const growth = (x: number, y: number) => `${(y / x).toFixed(2)}×`;
      const perFamily = FAMILY_NAMES.map((f) => `${short[f]} ${growth(a.families[f]!, b.families[f]!)}`).join(', ');
      console.log(
        `  ${fmt(a.customers)} → ${fmt(b.customers)}: customer-months ${data.toFixed(2)}×, analysis ${growth(a.analysis, b.analysis)} ` +
          `(${(b.analysis / a.analysis / data).toFixed(2)} per unit of data), import ${growth(a.import, b.import)}, baseline ${growth(a.baseline, b.baseline)}`,
      );
      console.log(`      per family: ${perFamily}`);
    }
  }
  const largest = reports[reports.length - 1]!;
  console.log(
    `\nReference (architecture.md, 1M customers × 36 months ≈ 10.1M customer-months, plain DuckDB SQL, 2 cores): ` +
      `movements ~1.1 s (0.8 s with a packed key), full set ~2.5 s, dense grid ~10 s. ` +
      `Largest size here: ${fmt(largest.customerMonths)} customer-months, analysis ${s2(largest.analysis)} s, ` +
      `movements ${s2(largest.families['periods month']!)} s, baseline ${s2(largest.baseline)} s.`,
  );
  console.log(`Peak RSS ${fmt(rssMiB())} MiB`);
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-metrics-'));
  const probe = await Engine.open(null);
  const { threads, memoryLimit } = probe.database.resources;
  probe.close();
  console.log(
    `Churn Workbench metrics benchmark — ${os.cpus().length} cores, DuckDB threads ${threads}, memory_limit ${memoryLimit}, Node ${process.version}`,
  );
  console.log(`sizes ${sizes.map(fmt).join(', ')} customers; temp folder ${tmp}${values.keep ? `; data kept in ${path.resolve(values.keep)}` : ''}`);
  const reports: SizeReport[] = [];
  try {
    for (const customers of sizes) reports.push(await benchSize(customers, tmp));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  printTable(reports);
}

await main();
