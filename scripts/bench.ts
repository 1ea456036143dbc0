// npm run bench [-- --sizes 100000,1000000 --pairs 3 --dir DIR --memory-limit 6GB --no-cli | --only-cli]
//
// The app against a plain DuckDB script on the same files, in one run, and
// one table: step, app, baseline, ratio, peak RSS (docs/SCALE.md, README
// "Benchmarks"). Per size:
//   1. data: the seeded sample generator's customers at that size, imported
//      once through the app; its customer-month MRR and the customers'
//      attributes are written out as two clean CSVs (kept in DIR and reused);
//   2. pairs: the app (scripts/bench/app.ts) and the baseline
//      (scripts/bench/baseline.ts) run alternately, each in its own process,
//      --pairs times; the table shows medians; timings are taken inside each
//      process (its start-up is not counted) and peak RSS is the process's;
//   3. agreement: the first screen's monthly movements, per segment too,
//      cohort actives, and the survival table by segment (at risk, events,
//      censored, S(t)) with the log-rank's observed and expected events must
//      be identical in the app and the baseline, else the bench fails;
// then the CLI's start (`--help`, `inspect` of a small file) against a bare
// `node -e "require('@duckdb/node-api')"`, alternately, --pairs × 3 times
// (--no-cli: not this; --only-cli: only this).
// Asserts nothing about time: it prints ratios measured in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Engine, SAMPLE_RATES } from '../main/engine/engine.js';
import { DEFAULT_SAMPLE_OPTIONS } from './sample/generate.js';
import { writeSample } from './sample/cli.js';
import { REANALYSES, STEPS, type StepTiming } from './bench/steps.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,1000000' },
    pairs: { type: 'string', default: '3' },
    dir: { type: 'string', default: path.join(os.tmpdir(), 'churn-workbench-bench') },
    'memory-limit': { type: 'string', default: '6GB' },
    'no-cli': { type: 'boolean' },
    'only-cli': { type: 'boolean' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes takes positive integers (got ${values.sizes})`);
const pairs = Math.max(1, Number(values.pairs));
const memoryLimit = values['memory-limit'];
if (!/^\d+(\.\d+)?\s*[KMGT]i?B$/i.test(memoryLimit)) throw new Error(`--memory-limit takes a size such as 6GB (got ${memoryLimit})`);

type Row = Record<string, unknown>;
interface SideResult {
  timings: StepTiming[];
  first: unknown;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const secs = (x: number) => (x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(2)} s`);
const mib = (x: number) => (x >= 1024 ? `${(x / 1024).toFixed(2)} GiB` : `${x.toFixed(0)} MiB`);
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The two CSVs both sides read, made once per size from the generator's export through the app's import. */
async function prepare(customers: number): Promise<string> {
  const dir = path.join(values.dir, `customers-${customers}`);
  const files = ['customer_month.csv', 'customers.csv'].map((f) => path.join(dir, f));
  if (files.every((f) => fs.existsSync(f))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  const sampleDir = path.join(dir, 'sample');
  log(`generating ${customers.toLocaleString('en-US')} customers in ${dir}`);
  const sample = await writeSample({ ...DEFAULT_SAMPLE_OPTIONS, customers }, sampleDir);
  const workspace = path.join(dir, 'prepare.duckdb');
  const engine = await Engine.open(workspace);
  try {
    const imported = await engine.invoke('model.import', { files: sample.files.map((p) => ({ path: p })), options: { rates: SAMPLE_RATES } });
    if (!imported.ok) throw new Error(imported.error.message);
    const quote = (p: string) => `'${p.replaceAll("'", "''")}'`;
    await engine.database.run(
      `COPY (SELECT customer_id, strftime(month, '%Y-%m-%d') AS month, round(mrr, 6) AS mrr FROM churn.customer_month ORDER BY customer_id, month)
       TO ${quote(`${files[0]}.tmp`)} (HEADER, FORMAT csv)`,
    );
    await engine.database.run(
      `COPY (SELECT customer_id, employees, country, industry FROM churn.customers ORDER BY customer_id) TO ${quote(`${files[1]}.tmp`)} (HEADER, FORMAT csv)`,
    );
  } finally {
    engine.close();
    for (const f of [workspace, `${workspace}.wal`]) fs.rmSync(f, { force: true });
  }
  fs.rmSync(sampleDir, { recursive: true, force: true });
  for (const f of files) fs.renameSync(`${f}.tmp`, f);
  return dir;
}

function runSide(side: 'app' | 'baseline', dir: string): SideResult {
  const out = path.join(dir, `${side}-result.json`);
  fs.rmSync(out, { force: true });
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bench', `${side}.ts`), dir, out, memoryLimit], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the ${side} run failed (exit ${child.status})`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as SideResult;
}

// ------------------------------------------------------------------ agreement

const MOVEMENT_COLUMNS = [
  'customers_new', 'customers_reactivated', 'customers_expanded', 'customers_contracted', 'customers_churned', 'customers_end',
  'mrr_new', 'mrr_reactivation', 'mrr_expansion', 'mrr_contraction', 'mrr_churned', 'mrr_end',
];

/** The first difference between the app's first screen and the baseline's, or null when every number agrees. */
function firstDifference(app: { periods: Row[]; segments: { segment: string; periods: Row[] }[]; cohorts: { cohort: string; active: number[] }[] }, baseline: { movements: Row[]; cohorts: Row[] }): string | null {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
  const bySegment = new Map<string, Row[]>();
  for (const row of baseline.movements) bySegment.set(String(row.segment), [...(bySegment.get(String(row.segment)) ?? []), row]);
  const compare = (segment: string, periods: Row[]) => {
    const rows = new Map((bySegment.get(segment) ?? []).map((r) => [String(r.period), r]));
    for (const p of periods) {
      const b = rows.get(String(p.period));
      for (const column of MOVEMENT_COLUMNS) {
        const x = Number(p[column] ?? 0);
        const y = Number(b?.[column] ?? 0);
        if (!close(x, y)) return `${segment} ${String(p.period)} ${column}: app ${x}, baseline ${y}`;
      }
    }
    return null;
  };
  const all = compare('All', app.periods);
  if (all) return all;
  for (const s of app.segments) {
    const difference = compare(s.segment, s.periods);
    if (difference) return difference;
  }
  const cells = new Map(baseline.cohorts.filter((c) => c.segment === 'All').map((c) => [`${String(c.cohort)}/${Number(c.k)}`, Number(c.active)]));
  for (const c of app.cohorts) {
    for (const [k, active] of c.active.entries()) {
      if ((cells.get(`${c.cohort}/${k}`) ?? 0) !== active) return `cohort ${c.cohort} k=${k}: app ${active}, baseline ${cells.get(`${c.cohort}/${k}`) ?? 0}`;
    }
  }
  return null;
}

interface AppSurvival {
  group: string;
  curve: { time: number; n_risk: number; n_event: number; n_censor: number; surv: number }[];
  observed: number | null;
  expected: number | null;
}

/** The first difference between the app's survival by segment and the baseline's query, or null. */
function survivalDifference(app: AppSurvival[], baseline: { curves: Row[]; logRank: Row[] }): string | null {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  const rows = baseline.curves.map((r) => `${String(r.segment)} ${Number(r.time)} ${Number(r.at_risk)} ${Number(r.events)} ${Number(r.censored)}`);
  const mine = app.flatMap((g) => g.curve.map((r) => `${g.group} ${r.time} ${r.n_risk} ${r.n_event} ${r.n_censor}`));
  const counts = mine.findIndex((line, i) => line !== rows[i]);
  if (counts >= 0 || mine.length !== rows.length) return `survival table row ${counts}: app ${mine[counts]}, baseline ${rows[counts]}`;
  const surv = app.flatMap((g) => g.curve.map((r) => r.surv));
  const at = surv.findIndex((s, i) => !close(s, Number(baseline.curves[i]!.surv)));
  if (at >= 0) return `S(t) at row ${at}: app ${surv[at]}, baseline ${String(baseline.curves[at]!.surv)}`;
  for (const r of baseline.logRank) {
    const g = app.find((x) => x.group === String(r.segment));
    if (!g || g.observed !== Number(r.observed) || !close(g.expected ?? NaN, Number(r.expected))) return `log-rank ${String(r.segment)}: app ${g?.observed}/${g?.expected}, baseline ${String(r.observed)}/${String(r.expected)}`;
  }
  return null;
}

// ------------------------------------------------------------------ CLI start

/** Wall seconds and peak RSS (MiB, from GNU time) of one command. */
function timed(command: string[]): { seconds: number; rssMiB: number } {
  const start = process.hrtime.bigint();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', ...command], { cwd: ROOT, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`${command.join(' ')} failed: ${child.stderr}`);
  const kib = Number(child.stderr.trim().split('\n').at(-1));
  return { seconds, rssMiB: kib / 1024 };
}

// ------------------------------------------------------------------ the table

interface TableRow {
  step: string;
  app: number;
  baseline: number;
  appRss: number;
  baselineRss: number;
  /** For a re-analysis: its share of the app's import + first screen. */
  ofFull?: number;
}

function printTable(title: string, rows: TableRow[]): void {
  const lines = [
    `\n${title}\n`,
    '| step | app | baseline | ratio | app peak RSS | baseline peak RSS | share of import + first screen |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.step} | ${secs(r.app)} | ${secs(r.baseline)} | ${(r.app / r.baseline).toFixed(2)}× | ${mib(r.appRss)} | ${mib(r.baselineRss)} | ${r.ofFull === undefined ? '' : `${(100 * r.ofFull).toFixed(1)} %`} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `npm run bench — ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, DuckDB memory_limit ${memoryLimit}, ${pairs} alternating pairs, medians\n`,
  );
  const fullBySize = new Map<number, { app: number; baseline: number }>();
  for (const customers of values['only-cli'] ? [] : sizes) {
    const dir = await prepare(customers);
    const lines = execFileSync('wc', ['-l', path.join(dir, 'customer_month.csv')], { encoding: 'utf8' });
    const monthRows = Number(lines.trim().split(/\s+/)[0]) - 1;
    const size = fs.statSync(path.join(dir, 'customer_month.csv')).size;
    const runs: { app: SideResult; baseline: SideResult }[] = [];
    for (let pair = 1; pair <= pairs; pair += 1) {
      log(`${customers.toLocaleString('en-US')} customers: pair ${pair} of ${pairs}`);
      const app = runSide('app', dir);
      const baseline = runSide('baseline', dir);
      runs.push({ app, baseline });
    }
    const difference =
      firstDifference(runs[0]!.app.first as never, runs[0]!.baseline.first as never) ??
      survivalDifference((runs[0]!.app.first as { survival: AppSurvival[] }).survival, (runs[0]!.baseline.first as { survival: { curves: Row[]; logRank: Row[] } }).survival);
    if (difference) throw new Error(`The app and the baseline disagree at ${customers} customers: ${difference}`);
    const at = (side: 'app' | 'baseline', step: string, field: 'seconds' | 'rssMiB') =>
      runs.map((r) => r[side].timings.find((t) => t.step === step)![field]);
    const full = (side: 'app' | 'baseline') => median(runs.map((r) => r[side].timings[0]!.seconds + r[side].timings[1]!.seconds));
    const appFull = full('app');
    fullBySize.set(customers, { app: appFull, baseline: full('baseline') });
    const rows: TableRow[] = STEPS.map((step) => ({
      step: (REANALYSES as readonly string[]).includes(step) ? `re-analysis: ${step}` : step,
      app: median(at('app', step, 'seconds')),
      baseline: median(at('baseline', step, 'seconds')),
      appRss: median(at('app', step, 'rssMiB')),
      baselineRss: median(at('baseline', step, 'rssMiB')),
      ofFull: (REANALYSES as readonly string[]).includes(step) ? median(at('app', step, 'seconds')) / appFull : undefined,
    }));
    rows.splice(2, 0, {
      step: '**import + first screen**',
      app: appFull,
      baseline: full('baseline'),
      appRss: rows[1]!.appRss,
      baselineRss: rows[1]!.baselineRss,
    });
    printTable(
      `${customers.toLocaleString('en-US')} customers: ${monthRows.toLocaleString('en-US')} customer-month rows, ${(size / 2 ** 20).toFixed(0)} MiB CSV; the first screen's movements, per segment, cohorts and the survival table by segment with the log-rank's observed and expected agree with the baseline`,
      rows,
    );
  }
  if (sizes.length > 1 && !values['only-cli']) {
    const [a, b] = [sizes[0]!, sizes.at(-1)!];
    const growth = (side: 'app' | 'baseline') => fullBySize.get(b)![side] / fullBySize.get(a)![side];
    process.stdout.write(`\nGrowth of import + first screen from ${a.toLocaleString('en-US')} to ${b.toLocaleString('en-US')} customers: app ${growth('app').toFixed(2)}×, baseline ${growth('baseline').toFixed(2)}×\n`);
  }
  if (values['no-cli']) return;
  const cli = path.join(ROOT, 'bin', 'churn-workbench.js');
  const small = path.join(ROOT, 'assets', 'sample', 'customers.csv');
  const commands = {
    '--help': [process.execPath, cli, '--help'],
    'inspect (small file)': [process.execPath, cli, 'inspect', small],
    bare: [process.execPath, '-e', "require('@duckdb/node-api')"],
  };
  const samples: Record<string, { seconds: number; rssMiB: number }[]> = { '--help': [], 'inspect (small file)': [], bare: [] };
  for (let k = 0; k < pairs * 3; k += 1) {
    for (const [name, command] of Object.entries(commands)) samples[name]!.push(timed(command));
  }
  const med = (name: string, field: 'seconds' | 'rssMiB') => median(samples[name]!.map((s) => s[field]));
  printTable(
    `CLI start (wall time of the process; baseline: node -e "require('@duckdb/node-api')")`,
    ['--help', 'inspect (small file)'].map((name) => ({
      step: `CLI ${name}`,
      app: med(name, 'seconds'),
      baseline: med('bare', 'seconds'),
      appRss: med(name, 'rssMiB'),
      baselineRss: med('bare', 'rssMiB'),
    })),
  );
}

await main();
