// npm run bench:import [-- --rows N --gbk-rows N --xlsx-rows N --customers N --invoice-rows N --only-invoices --no-model --no-memory]
//
// The import path against plain DuckDB, in one process:
//   1. a generated UTF-8 CSV (10M rows by default) loaded with a plain
//      CREATE TABLE AS SELECT * FROM read_csv(...) and through the app
//      (Engine files.import → openSource), printed as a ratio (goal ≤ 1.25×);
//   2. the GBK path (detect, stream-transcode, load) in rows per second;
//   3. a 100k-row XLSX sheet (streamed to CSV, loaded) in rows per second;
//   4. the model import: the sample generator's customers.csv and
//      subscriptions.csv (1M customers by default, --customers N) through the
//      canonical path (model.import: map, check, load, customer_month, audit)
//      into a file-backed workspace, beside the raw files.import of the same
//      files, in rows per second;
//   4b. an invoice import: a generated Stripe-shaped invoices CSV (1M rows by
//      default, --invoice-rows N; statuses, tax and total, line-item service
//      periods, one-off lines) through model.import, beside its raw
//      files.import, in rows per second and as a ratio (--only-invoices runs
//      just this step);
//   5. peak memory of each path at two file sizes, each in a fresh child
//      process, to show it stays flat as the file grows.
// Prints figures; asserts nothing about time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { quotedString } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Engine, SAMPLE_RATES } from '../main/engine/engine.js';
import { DEFAULT_SAMPLE_OPTIONS } from './sample/generate.js';
import { writeSample } from './sample/cli.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' },
    'gbk-rows': { type: 'string' },
    'xlsx-rows': { type: 'string' },
    customers: { type: 'string' },
    'invoice-rows': { type: 'string' },
    'only-invoices': { type: 'boolean' },
    'no-model': { type: 'boolean' },
    'no-memory': { type: 'boolean' },
    repeat: { type: 'string' },
    // Child mode: import one file and report memory.
    child: { type: 'string' },
    workspace: { type: 'string' },
  },
});

const MiB = 1024 * 1024;
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Peak JS heap + external (Buffers) while `work` runs, sampled every 20 ms. */
async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ value: T; peakHeap: number }> {
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed + usage.external + usage.arrayBuffers);
  };
  const timer = setInterval(sample, 20);
  try {
    const value = await work();
    sample();
    return { value, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

async function childMain(file: string, workspace: string): Promise<void> {
  const engine = await Engine.open(workspace);
  // A bounded buffer pool, so RSS shows the import path rather than DuckDB's cache.
  await engine.database.run("SET memory_limit = '1GB'");
  const start = process.hrtime.bigint();
  const { value: result, peakHeap } = await withPeakHeap(() => engine.invoke('files.import', { paths: [file] }));
  const elapsed = seconds(start);
  engine.close();
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(
    `${JSON.stringify({ rows: result.value[0]!.rowCount, seconds: elapsed, maxRssMiB: process.resourceUsage().maxRSS / 1024, peakHeapMiB: peakHeap / MiB })}\n`,
  );
}

interface ChildReport {
  rows: number;
  seconds: number;
  maxRssMiB: number;
  peakHeapMiB: number;
}

function runChild(file: string, dir: string): ChildReport {
  const script = fileURLToPath(import.meta.url);
  const workspace = path.join(dir, `child-${path.basename(file)}-${Date.now()}.duckdb`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', file, '--workspace', workspace], {
    encoding: 'utf8',
    maxBuffer: 16 * MiB,
  });
  fs.rmSync(workspace, { force: true });
  fs.rmSync(`${workspace}.wal`, { force: true });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildReport;
}

const CITIES_ZH = ['北京', '上海', '深圳', '杭州', '成都', '广州', '南京', '武汉'];
const STATES_ZH = ['活跃', '已取消', '暂停'];

async function makeCsv(engine: Engine, file: string, rows: number, chinese: boolean): Promise<void> {
  const text = chinese
    ? `'客户' || i AS 客户名称, [${CITIES_ZH.map(quotedString).join(', ')}][(i % 8) + 1] AS 城市,
       [${STATES_ZH.map(quotedString).join(', ')}][(i % 3) + 1] AS 状态`
    : `'Customer ' || i AS name, ['DE','FR','US','CN','JP','BR','IN','GB'][(i % 8) + 1] AS country,
       ['active','canceled','paused'][(i % 3) + 1] AS status`;
  await engine.database.run(
    `COPY (SELECT 'C' || lpad(CAST(i AS VARCHAR), 9, '0') AS customer_id, ${text},
                  ['Starter','Growth','Enterprise'][(i % 3) + 1] AS plan,
                  round(10 + (i % 1000) * 1.37, 2) AS amount,
                  CAST(1 + i % 50 AS INTEGER) AS seats,
                  DATE '2020-01-01' + CAST(i % 1800 AS INTEGER) AS start_date
           FROM range(${rows}) t(i)) TO ${quotedString(file)} (FORMAT csv, HEADER)`,
  );
}

async function toGbk(utf8File: string, gbkFile: string): Promise<void> {
  await pipeline(fs.createReadStream(utf8File), iconv.decodeStream('utf8'), iconv.encodeStream('gbk'), fs.createWriteStream(gbkFile));
}

async function makeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Subscriptions');
  sheet.columns = [
    { header: 'customer_id', key: 'id' },
    { header: 'plan', key: 'plan' },
    { header: 'amount', key: 'amount' },
    { header: 'seats', key: 'seats' },
    { header: 'start_date', key: 'start', style: { numFmt: 'yyyy-mm-dd' } },
    { header: 'country', key: 'country' },
  ];
  const plans = ['Starter', 'Growth', 'Enterprise'];
  const countries = ['DE', 'FR', 'US', 'CN', 'JP', 'BR', 'IN', 'GB'];
  for (let i = 0; i < rows; i += 1) {
    sheet
      .addRow({
        id: `C${String(i).padStart(9, '0')}`,
        plan: plans[i % 3],
        amount: Math.round((10 + (i % 1000) * 1.37) * 100) / 100,
        seats: 1 + (i % 50),
        start: new Date(Date.UTC(2020, 0, 1 + (i % 1800))),
        country: countries[i % 8],
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function timeImport(engine: Engine, file: string, options: { encoding?: string } = {}): Promise<{ seconds: number; rows: number }> {
  const start = process.hrtime.bigint();
  const result = await engine.invoke('files.import', { paths: [file], ...options });
  const elapsed = seconds(start);
  if (!result.ok) throw new Error(result.error.message);
  const table = result.value[0]!;
  await engine.invoke('tables.drop', { table: table.name });
  return { seconds: elapsed, rows: table.rowCount };
}

async function timePlain(engine: Engine, file: string): Promise<number> {
  const start = process.hrtime.bigint();
  await engine.database.run(`CREATE TABLE plain_bench AS SELECT * FROM read_csv(${quotedString(file)})`);
  const elapsed = seconds(start);
  await engine.database.run('DROP TABLE plain_bench');
  return elapsed;
}

/**
 * The generator's two files imported into the churn model (model.import, as
 * the app's import dialog and the CLI do), beside the raw files.import of the
 * same files, each into a fresh file-backed workspace.
 */
async function benchModelImport(dir: string, customers: number): Promise<void> {
  const sampleDir = path.join(dir, 'sample');
  const written = await writeSample({ ...DEFAULT_SAMPLE_OPTIONS, customers }, sampleDir);
  const bytes = written.files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const rows = written.customerRows + written.subscriptionRows;
  console.log(
    `generated the sample for ${fmt(customers)} customers: ${fmt(written.customerRows)} customer rows + ${fmt(written.subscriptionRows)} subscription rows ` +
      `(${fmt(bytes / MiB)} MiB) in ${written.seconds.toFixed(1)} s`,
  );
  const workspace = (name: string) => path.join(dir, `${name}.duckdb`);
  const raw = await Engine.open(workspace('raw'));
  let start = process.hrtime.bigint();
  const tables = await raw.invoke('files.import', { paths: written.files });
  const rawSeconds = seconds(start);
  raw.close();
  if (!tables.ok) throw new Error(tables.error.message);
  const rawRows = tables.value.reduce((sum, t) => sum + t.rowCount, 0);

  const model = await Engine.open(workspace('model'));
  start = process.hrtime.bigint();
  const imported = await model.invoke('model.import', { files: written.files.map((p) => ({ path: p })), options: { rates: SAMPLE_RATES } });
  const modelSeconds = seconds(start);
  if (!imported.ok) throw new Error(imported.error.message);
  const [months] = await model.database.rows('SELECT count(*) AS n FROM churn.customer_month');
  model.close();
  const loaded = imported.value.files.reduce((sum, f) => sum + f.rowsLoaded, 0);
  const modelRows = imported.value.files.reduce((sum, f) => sum + f.rowsRead, 0);
  console.log(`Model import, ${fmt(rows)} rows in 2 CSV files (file-backed workspaces):`);
  console.log(`  raw files.import         ${rawSeconds.toFixed(2)} s  (${fmt(rawRows / rawSeconds)} rows/s)`);
  console.log(
    `  model import             ${modelSeconds.toFixed(2)} s  (${fmt(modelRows / modelSeconds)} rows/s): ${fmt(loaded)} rows loaded, ` +
      `${fmt(modelRows - loaded)} rejected, ${fmt(Number(months!.n))} customer_month rows`,
  );
  console.log(`  ratio model / raw        ${(modelSeconds / rawSeconds).toFixed(2)}×\n`);
  for (const name of ['raw', 'model']) for (const f of [workspace(name), `${workspace(name)}.wal`]) fs.rmSync(f, { force: true });
  fs.rmSync(sampleDir, { recursive: true, force: true });
}

/** A Stripe-shaped invoices export: paid, open and void invoices, tax beside a total, line-item service periods, some one-off lines. */
async function makeInvoices(engine: Engine, file: string, rows: number): Promise<void> {
  await engine.database.run(
    `COPY (SELECT 'in_' || lpad(CAST(i AS VARCHAR), 9, '0') AS id,
                  'cus_' || lpad(CAST(i % ${Math.max(1, Math.floor(rows / 12))} AS VARCHAR), 8, '0') AS "Customer",
                  CASE WHEN i % 50 = 0 THEN '' ELSE 'sub_' || lpad(CAST(i % ${Math.max(1, Math.floor(rows / 12))} AS VARCHAR), 8, '0') END AS "Subscription",
                  ['paid','paid','paid','paid','paid','paid','open','void','draft','uncollectible'][(i % 10) + 1] AS "Status",
                  'usd' AS "Currency",
                  round(10 + (i % 1000) * 1.37, 2) AS "Subtotal",
                  round((10 + (i % 1000) * 1.37) * 0.2, 2) AS "Tax",
                  round(10 + (i % 1000) * 1.37, 2) + round((10 + (i % 1000) * 1.37) * 0.2, 2) AS "Total",
                  strftime(TIMESTAMP '2020-01-01 08:00:00' + to_days(CAST(i % 1800 AS INTEGER)), '%Y-%m-%d %H:%M:%S') AS "Date (UTC)",
                  strftime(TIMESTAMP '2020-01-01 08:00:00' + to_days(CAST(i % 1800 AS INTEGER)) - INTERVAL 1 MONTH, '%Y-%m-%d %H:%M:%S') AS "Period Start (UTC)",
                  strftime(TIMESTAMP '2020-01-01 08:00:00' + to_days(CAST(i % 1800 AS INTEGER)), '%Y-%m-%d %H:%M:%S') AS "Period End (UTC)",
                  CASE WHEN i % 50 = 0 THEN '' ELSE strftime(TIMESTAMP '2020-01-01 08:00:00' + to_days(CAST(i % 1800 AS INTEGER)), '%Y-%m-%d %H:%M:%S') END AS "Minimum Line Item Period Start (UTC)",
                  CASE WHEN i % 50 = 0 THEN '' ELSE strftime(TIMESTAMP '2020-01-01 08:00:00' + to_days(CAST(i % 1800 AS INTEGER)) + INTERVAL 1 MONTH, '%Y-%m-%d %H:%M:%S') END AS "Maximum Line Item Period End (UTC)"
           FROM range(${rows}) t(i)) TO ${quotedString(file)} (FORMAT csv, HEADER)`,
  );
}

/** The invoice file through model.import, beside files.import of the same file (both file-backed). */
async function benchInvoiceImport(engine: Engine, dir: string, rows: number): Promise<void> {
  const file = path.join(dir, 'invoices.csv');
  const start0 = process.hrtime.bigint();
  await makeInvoices(engine, file, rows);
  console.log(`generated ${fmt(rows)}-row Stripe-shaped invoices CSV (${fmt(fs.statSync(file).size / MiB)} MiB) in ${seconds(start0).toFixed(1)} s`);
  const workspace = (name: string) => path.join(dir, `invoices-${name}.duckdb`);
  const raw = await Engine.open(workspace('raw'));
  let start = process.hrtime.bigint();
  const tables = await raw.invoke('files.import', { paths: [file] });
  const rawSeconds = seconds(start);
  raw.close();
  if (!tables.ok) throw new Error(tables.error.message);
  const model = await Engine.open(workspace('model'));
  start = process.hrtime.bigint();
  const imported = await model.invoke('model.import', { files: [{ path: file }], options: {} });
  const modelSeconds = seconds(start);
  if (!imported.ok) throw new Error(imported.error.message);
  const [months] = await model.database.rows('SELECT count(*) AS n FROM churn.customer_month');
  model.close();
  const f = imported.value.files[0]!;
  console.log(`Invoice import, ${fmt(rows)} rows (file-backed workspaces), mapped as ${f.preset ?? 'no preset'}:`);
  console.log(`  raw files.import         ${rawSeconds.toFixed(2)} s  (${fmt(rows / rawSeconds)} rows/s)`);
  console.log(
    `  model import             ${modelSeconds.toFixed(2)} s  (${fmt(rows / modelSeconds)} rows/s): ${fmt(f.rowsLoaded)} rows loaded, ` +
      `${fmt(f.rowsRejected)} rejected, ${fmt(Number(months!.n))} customer_month rows`,
  );
  console.log(`  ratio model / raw        ${(modelSeconds / rawSeconds).toFixed(2)}×\n`);
  for (const name of ['raw', 'model']) for (const w of [workspace(name), `${workspace(name)}.wal`]) fs.rmSync(w, { force: true });
  fs.rmSync(file, { force: true });
}

async function main(): Promise<void> {
  const rows = Number(values.rows ?? 10_000_000);
  const gbkRows = Number(values['gbk-rows'] ?? Math.min(rows, 1_000_000));
  const xlsxRows = Number(values['xlsx-rows'] ?? Math.min(rows, 100_000));
  const repeat = Number(values.repeat ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-'));
  const engine = await Engine.open(null);
  const { threads, memoryLimit } = engine.database.resources;
  console.log(`Churn Workbench import benchmark — ${os.cpus().length} cores, DuckDB threads ${threads}, memory_limit ${memoryLimit}, Node ${process.version}`);
  console.log(`temp folder ${dir}\n`);
  try {
    if (values['only-invoices']) {
      await benchInvoiceImport(engine, dir, Number(values['invoice-rows'] ?? 1_000_000));
      return;
    }
    // 1. UTF-8 CSV: plain read_csv vs the app's path.
    const csv = path.join(dir, 'subscriptions.csv');
    let start = process.hrtime.bigint();
    await makeCsv(engine, csv, rows, false);
    console.log(`generated ${fmt(rows)}-row UTF-8 CSV (${fmt(fs.statSync(csv).size / MiB)} MiB) in ${seconds(start).toFixed(1)} s`);
    await engine.database.rows(`SELECT count(*) FROM read_csv(${quotedString(csv)})`); // warm the page cache
    const plain: number[] = [];
    const app: number[] = [];
    for (let k = 0; k < repeat; k += 1) {
      plain.push(await timePlain(engine, csv));
      app.push((await timeImport(engine, csv)).seconds);
    }
    const bestPlain = Math.min(...plain);
    const bestApp = Math.min(...app);
    console.log(`UTF-8 CSV, ${fmt(rows)} rows (best of ${repeat}):`);
    console.log(`  plain DuckDB read_csv   ${bestPlain.toFixed(2)} s  (${fmt(rows / bestPlain)} rows/s)   runs: ${plain.map((s) => s.toFixed(2)).join(', ')}`);
    console.log(`  app files.import        ${bestApp.toFixed(2)} s  (${fmt(rows / bestApp)} rows/s)   runs: ${app.map((s) => s.toFixed(2)).join(', ')}`);
    console.log(`  ratio app / plain       ${(bestApp / bestPlain).toFixed(3)}×   (goal ≤ 1.25×)\n`);

    // 2. GBK: detection, streaming transcode, load.
    const zhUtf8 = path.join(dir, 'customers-zh.utf8.csv');
    const gbk = path.join(dir, 'customers-zh.gbk.csv');
    await makeCsv(engine, zhUtf8, gbkRows, true);
    await toGbk(zhUtf8, gbk);
    const zhPlain = await timePlain(engine, zhUtf8);
    const gbkRun = await timeImport(engine, gbk);
    console.log(`GBK CSV, ${fmt(gbkRun.rows)} rows (${fmt(fs.statSync(gbk).size / MiB)} MiB):`);
    console.log(`  app files.import (detect + transcode + load)  ${gbkRun.seconds.toFixed(2)} s  ${fmt(gbkRun.rows / gbkRun.seconds)} rows/s`);
    console.log(`  same data as UTF-8, plain read_csv            ${zhPlain.toFixed(2)} s  ${fmt(gbkRows / zhPlain)} rows/s\n`);
    fs.rmSync(zhUtf8, { force: true });

    // 3. XLSX: one sheet streamed to CSV, then loaded.
    const xlsx = path.join(dir, 'subscriptions.xlsx');
    start = process.hrtime.bigint();
    await makeXlsx(xlsx, xlsxRows);
    console.log(`generated ${fmt(xlsxRows)}-row XLSX (${(fs.statSync(xlsx).size / MiB).toFixed(1)} MiB) in ${seconds(start).toFixed(1)} s`);
    const xlsxRun = await timeImport(engine, xlsx);
    console.log(`XLSX, ${fmt(xlsxRun.rows)} rows: app files.import ${xlsxRun.seconds.toFixed(2)} s  ${fmt(xlsxRun.rows / xlsxRun.seconds)} rows/s\n`);
    engine.close();

    // 4. The canonical model import of the generator's files, beside the raw import.
    if (!values['no-model']) await benchModelImport(dir, Number(values.customers ?? 1_000_000));
    // 4b. An invoice import (tax, statuses, service periods).
    if (!values['no-model']) await benchInvoiceImport(engine, dir, Number(values['invoice-rows'] ?? 1_000_000));

    if (values['no-memory']) return;
    // 5. Peak memory at two sizes, each import in a fresh process (file-backed
    //    workspace, DuckDB memory_limit 1GB so its cache does not mask the path).
    const small = (n: number) => Math.max(1, Math.floor(n / 4));
    const helper = await Engine.open(null);
    const csvSmall = path.join(dir, 'subscriptions-small.csv');
    await makeCsv(helper, csvSmall, small(rows), false);
    const gbkSmallUtf8 = path.join(dir, 'zh-small.utf8.csv');
    const gbkSmall = path.join(dir, 'zh-small.gbk.csv');
    await makeCsv(helper, gbkSmallUtf8, small(gbkRows), true);
    await toGbk(gbkSmallUtf8, gbkSmall);
    helper.close();
    const xlsxSmall = path.join(dir, 'subscriptions-small.xlsx');
    await makeXlsx(xlsxSmall, small(xlsxRows));
    console.log('Peak memory per import, fresh process each (maxRSS includes DuckDB; JS = heap + external + array buffers):');
    for (const [label, files] of [
      ['UTF-8 CSV', [csvSmall, csv]],
      ['GBK CSV', [gbkSmall, gbk]],
      ['XLSX', [xlsxSmall, xlsx]],
    ] as const) {
      for (const file of files) {
        const report = runChild(file, dir);
        console.log(
          `  ${label.padEnd(9)} ${fmt(report.rows).padStart(12)} rows  ${(fs.statSync(file).size / MiB).toFixed(0).padStart(5)} MiB file  ` +
            `maxRSS ${fmt(report.maxRssMiB).padStart(5)} MiB  peak JS ${fmt(report.peakHeapMiB).padStart(4)} MiB  ${report.seconds.toFixed(2)} s`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (values.child) {
  await childMain(values.child, values.workspace!);
} else {
  await main();
}
