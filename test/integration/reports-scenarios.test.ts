// The report's scenarios section on the bundled sample (docs/REPORTS.md,
// docs/SCENARIOS.md), against the engine's own scenario results
// (`scenarios.run` through the contract): the HTML shows the section with the
// scenario's name and its ARR at the horizon and Monte Carlo band as the
// report formats numbers, and draws its charts; the chart's history ends
// where the projection starts; the XLSX projection sheet and the CSV
// projection file hold exactly the engine's months; the default report of a
// workspace without scenarios has no such section and is byte for byte the
// report without it; asking for it with no scenario is refused; saved
// scenarios are used when none are given; the command line reads --scenario
// files; the PDF lists the section in its contents.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { EngineError } from '../../shared/result.js';
import { REPORT_SECTIONS, reportOptionsSchema, type ReportOptions } from '../../shared/reports.js';
import type { ScenarioInput, ScenarioResult } from '../../shared/scenarios.js';
import { Engine } from '../../main/engine/engine.js';
import { Jobs } from '../../main/runtime/jobs.js';
import { reportCommand, reportOptions } from '../../main/cli/commands/report.js';
import { buildReport } from '../../main/reports/build.js';
import { formatter } from '../../main/reports/format.js';
import { reportHandlers } from '../../main/reports/handlers.js';
import { reportTables } from '../../main/reports/model.js';
import { type ReportChart, type ReportModel } from '../../main/reports/document.js';
import { NO_SCENARIO_MESSAGE } from '../../main/reports/scenarioRun.js';
import { REPORT_STRINGS } from '../../main/reports/strings.js';
import { reportSheets } from '../../main/reports/xlsx.js';
import { launchChromium, CHROMIUM } from '../support/browser.js';
import { ROOT } from '../support/app.js';

const SAMPLE = ['subscriptions.csv', 'customers.csv'].map((f) => path.join(ROOT, 'assets', 'sample', f));
const RATES = ['EUR=1.08', 'GBP=1.27'];
const SLOW = { timeout: 300_000 };
const DATE = '2026-01-15';

const SCENARIO: ScenarioInput = {
  name: 'Retention push',
  description: 'Customer success programme: churn down a fifth.',
  levers: { All: { churnPercent: -20, discountRateAnnual: 0.1 } },
  monteCarlo: { runs: 200, seed: 7 },
  goalSeek: { solveFor: 'churn', targetArr: 400_000_000, by: '2027-06' },
};
const REPORT: ReportOptions = reportOptionsSchema.parse({ title: 'Scenario review', date: DATE, scenarios: [SCENARIO] });
const withScenarios = (report: Record<string, unknown>): ReportOptions => reportOptionsSchema.parse(report);

let engine: Engine;
let handlers: ReturnType<typeof reportHandlers>;
let tmp: string;
/** The engine's answer for SCENARIO, through the contract's scenarios.run. */
let expected: ScenarioResult;

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-report-scenarios-'));
  engine = await Engine.open(null);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
  handlers = reportHandlers(() => engine.database, new Jobs(() => engine.database));
  const run = await engine.invoke('scenarios.run', { settings: {}, scenarios: [SCENARIO] });
  assert.ok(run.ok, JSON.stringify(run));
  expected = run.value.scenarios[0]!;
});

after(() => {
  engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const headings = (html: string) => [...html.matchAll(/<h2 class="cw-h2" id="sec-([a-z_]+)">/g)].map((m) => m[1]);
const charts = (model: ReportModel): ReportChart[] => model.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : [])));
const f = (model: ReportModel) => formatter(model.language, model.currency);

test('HTML: the scenarios section, after methodology, with the scenario and the engine’s figures as the report formats them', SLOW, async (t) => {
  const started = Date.now();
  const html = await handlers['report.preview']({ settings: {}, report: REPORT });
  t.diagnostic(`HTML with one scenario: ${html.length} bytes in ${Date.now() - started} ms`);
  // No reference is imported here: the reconciliation section is the one left out.
  assert.deepEqual(headings(html), ['sources', ...REPORT_SECTIONS.filter((id) => id !== 'reconciliation')], 'every section, scenarios between methodology and data quality');
  const en = REPORT_STRINGS.en;
  assert.ok(html.includes(`>${en.sections.scenarios}</h2>`));
  assert.ok(html.includes(SCENARIO.name) && html.includes(SCENARIO.description!));

  const model = await buildReport(engine.database, { settings: {}, report: REPORT });
  const money = f(model).money;
  const c = expected.comparison;
  for (const value of [c.arr_at_horizon_baseline, c.arr_at_horizon_scenario, c.churned_mrr_avoided, c.revenue_difference, c.revenue_difference_pv]) {
    assert.ok(html.includes(money(value)), `the HTML shows ${money(value)}`);
  }
  const band = expected.monte_carlo!.arr_at_horizon;
  for (const value of [band.p10, band.p50, band.p90]) assert.ok(html.includes(money(value)), `the HTML shows the band's ${money(value)}`);
  const goal = expected.goal_seek!;
  assert.ok(html.includes(money(goal.target_arr)) && html.includes(goal.by), 'the goal-seek sentence names its target');
  // The engine's projection, not a copy of it computed here: the headline figures move with the scenario.
  const softer = await buildReport(engine.database, { settings: {}, report: withScenarios({ ...REPORT, scenarios: [{ ...SCENARIO, levers: { All: { churnPercent: -5 } } }] }) });
  const kpi = (m: ReportModel) => m.sections.find((s) => s.id === 'scenarios')!.blocks.find((b) => b.type === 'kpis');
  assert.notDeepEqual(kpi(softer), kpi(model));

  // The ARR chart: history (solid) up to the as-of month, whose last month is the projections' month 0.
  const arr = charts(model).find((chart) => chart.id === 'scenario_1_arr')!;
  const trace = (name: string) => arr.data.find((d) => d.name === name) as { x: string[]; y: number[]; line: { dash?: string } };
  const s = en.scenarios.charts;
  const history = trace(s.history);
  assert.deepEqual(history.x, expected.baseline.history.map((m) => m.date));
  assert.equal(history.x.at(-1), expected.baseline.as_of);
  // Equal up to the order of summation (the SQL sums all segments; the projection adds its segments' MRR).
  const start = expected.projection.total[0]!.arr;
  assert.ok(Math.abs(history.y.at(-1)! - start) <= 1e-12 * start, `history ends at ${history.y.at(-1)}, month 0 is ${start}`);
  assert.deepEqual(history.y, expected.baseline.history.map((m) => m.arr));
  assert.equal(trace(s.baselineProjection).line.dash, 'dash');
  assert.deepEqual(trace(s.scenarioProjection).y, expected.projection.total.map((m) => m.arr));
  assert.deepEqual(trace(s.band).y, expected.monte_carlo!.months.map((m) => m.arr.p90));
  const tornado = charts(model).find((chart) => chart.id === 'scenario_1_sensitivity')!;
  assert.deepEqual(tornado.data[1]!.x, expected.sensitivity.levers.map((l) => l.delta_plus));

  if (!fs.existsSync(CHROMIUM)) return t.skip('Chromium is not installed');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const file = path.join(tmp, 'scenarios.html');
    fs.writeFileSync(file, html);
    await page.goto(`file://${file}`);
    await page.evaluate(() => (window as unknown as { cwReport: { ready: Promise<unknown> } }).cwReport.ready);
    for (const id of ['scenario_1_arr', 'scenario_1_sensitivity']) assert.equal(await page.locator(`#cw-chart-${id}[data-drawn] .main-svg`).count() > 0, true, `${id} is drawn`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('HTML in Chinese: the section heading and labels in Chinese, every character with a bundled font piece', SLOW, async () => {
  const html = await handlers['report.preview']({ settings: {}, report: { ...REPORT, language: 'zh-CN' } });
  const zh = REPORT_STRINGS['zh-CN'];
  assert.ok(html.includes(`>${zh.sections.scenarios}</h2>`));
  assert.equal(zh.sections.scenarios, '情景分析');
  const model = await buildReport(engine.database, { settings: {}, report: { ...REPORT, language: 'zh-CN' } });
  assert.ok(html.includes(f(model).money(expected.comparison.arr_at_horizon_scenario)));
  assert.ok(html.includes(zh.scenarios.kpis.revenuePv));
  // No tofu: the section's characters (±, −, “ ” and the Chinese) are inside an inlined font piece's unicode-range.
  const ranges = [...html.matchAll(/unicode-range:([^;}]+)/g)].flatMap((m) =>
    m[1]!.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as const;
    }),
  );
  const section = html.slice(html.indexOf('id="sec-scenarios"'), html.indexOf('id="sec-data_quality"'));
  assert.ok(section.length > 1000 && section.includes(zh.scenarios.kpis.revenuePv), 'the section is found');
  const data = /<script type="application\/json" id="cw-report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const chartText = JSON.stringify(JSON.parse(data).charts.filter((c: { id: string }) => c.id.startsWith('scenario_')).map((c: { data: { name?: string }[] }) => c.data.map((d) => d.name)));
  const missing = new Set<string>();
  for (const ch of section.replace(/<[^>]+>/g, ' ') + chartText) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && !ranges.some(([lo, hi]) => code >= lo && code <= hi)) missing.add(ch);
  }
  assert.deepEqual([...missing], [], 'characters without an inlined font');
});

/** Rows of a sheet below its header, as plain values. */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const MONTH_KEYS = ['customers', 'mrr', 'arr', 'new_customers', 'new_mrr', 'churned_customers', 'churned_mrr', 'price_change_mrr'] as const;

test('XLSX: the projection sheet holds the engine’s months, baseline beside scenario, numbers as numbers; sheet names fit Excel', SLOW, async () => {
  const bytes = await handlers['report.export']({ settings: {}, report: REPORT, format: 'xlsx' });
  assert.ok(bytes instanceof Uint8Array);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const model = await buildReport(engine.database, { settings: {}, report: REPORT });
  const names = workbook.worksheets.map((w) => w.name);
  assert.deepEqual(names, reportSheets(model).map((s) => s.sheet.name));
  assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'sheet names are unique');
  for (const name of names) assert.ok(name.length <= 31, `${name} fits Excel's 31 characters`);

  const table = reportTables(model).find((t) => t.id === 'scenario_1_projection')!;
  assert.ok(table.title.length <= 31);
  const sheet = workbook.getWorksheet(table.title)!;
  assert.ok(sheet, `a sheet named ${table.title}`);
  const keys = table.columns.map((c) => c.key);
  const rows = sheetRows(sheet);
  assert.equal(rows.length, expected.scenario.horizonMonths + 1, 'months 0 to the horizon');
  expected.projection.total.forEach((month, i) => {
    const row = rows[i]!;
    assert.equal(row[keys.indexOf('month')], month.month);
    assert.equal(row[keys.indexOf('date')], month.date);
    for (const key of MONTH_KEYS) {
      assert.equal(row[keys.indexOf(`scenario_${key}`)], month[key], `${month.date} scenario ${key}`);
      assert.equal(row[keys.indexOf(`baseline_${key}`)], expected.baseline_projection.total[i]![key], `${month.date} baseline ${key}`);
    }
    assert.equal(row[keys.indexOf('arr_p10')], expected.monte_carlo!.months[i]!.arr.p10);
  });
  const mrrColumn = keys.indexOf('scenario_mrr') + 1;
  assert.equal(sheet.getRow(2).getCell(mrrColumn).numFmt, '#,##0.00');
  assert.equal(typeof sheet.getRow(3).getCell(mrrColumn).value, 'number');
  const summary = sheetRows(workbook.getWorksheet(REPORT_STRINGS.en.scenarios.tables.summary)!);
  assert.deepEqual(summary.map((r) => r.slice(0, 2)), [[1, SCENARIO.name]]);
});

/** The entries of a zip (deflated or stored), read with zlib. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const buffer = Buffer.from(bytes);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8').replace(/^\uFEFF/, ''));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return files;
}

test('CSV: the zip holds the projection, comparison, by-segment and sensitivity tables, numbers unrounded', SLOW, async () => {
  const bytes = await handlers['report.export']({ settings: {}, report: REPORT, format: 'csv' });
  assert.ok(bytes instanceof Uint8Array);
  const files = unzip(bytes);
  for (const id of ['scenarios', 'scenario_1_comparison', 'scenario_1_projection', 'scenario_1_segments', 'scenario_1_sensitivity']) assert.ok(files.has(`${id}.csv`), `${id}.csv`);
  const model = await buildReport(engine.database, { settings: {}, report: REPORT });
  const keys = reportTables(model).find((t) => t.id === 'scenario_1_projection')!.columns.map((c) => c.key);
  const lines = files.get('scenario_1_projection.csv')!.trim().split('\r\n');
  assert.equal(lines.length, expected.projection.total.length + 1);
  const last = lines.at(-1)!.split(',');
  const month = expected.projection.total.at(-1)!;
  assert.equal(last[keys.indexOf('date')], month.date);
  assert.equal(Number(last[keys.indexOf('scenario_arr')]), month.arr);
  assert.equal(Number(last[keys.indexOf('baseline_arr')]), expected.baseline_projection.total.at(-1)!.arr);
  const total = files.get('scenario_1_comparison.csv')!.trim().split('\r\n').at(-1)!.split(',');
  assert.equal(Number(total[1]), expected.comparison.arr_at_horizon_baseline);
  assert.equal(Number(total[2]), expected.comparison.arr_at_horizon_scenario);
});

test('no scenario: the default report has no scenarios section and is the report without it; asking for it is refused', SLOW, async () => {
  const saved = await engine.invoke('scenarios.list', {});
  assert.ok(saved.ok && saved.value.length === 0, 'the sample workspace saves no scenario');
  const plain = { title: 'Scenario review', date: DATE };
  const html = await handlers['report.preview']({ settings: {}, report: plain });
  const shown = REPORT_SECTIONS.filter((id) => id !== 'scenarios' && id !== 'reconciliation');
  assert.deepEqual(headings(html), ['sources', ...shown]);
  const without = await handlers['report.preview']({ settings: {}, report: { ...plain, sections: shown } });
  assert.equal(html, without, 'byte for byte the report that leaves the section out');

  await assert.rejects(
    handlers['report.preview']({ settings: {}, report: { ...plain, sections: ['summary', 'scenarios'] } }),
    (error: unknown) => error instanceof EngineError && error.code === 'invalid_request' && error.message === NO_SCENARIO_MESSAGE,
  );
  assert.match(NO_SCENARIO_MESSAGE, /Scenarios screen/);
  assert.match(NO_SCENARIO_MESSAGE, /--scenario <scenario\.json>/);
  const answer = await engine.invokeUnknown('report.export', { settings: {}, report: { sections: ['scenarios'] }, format: 'csv' });
  assert.equal(answer.ok, false);
  if (!answer.ok) assert.equal(answer.error.code, 'invalid_request');
});

test('saved scenarios: used when none are given, and given ones take their place', SLOW, async () => {
  const other = await Engine.open(null);
  try {
    assert.ok((await other.invoke('sample.open', {})).ok);
    const savedScenario: ScenarioInput = { name: 'Saved price rise', horizonMonths: 36, levers: { SMB: { priceChangePercent: 5 } } };
    assert.ok((await other.invoke('scenarios.save', { scenario: savedScenario })).ok);
    const run = await other.invoke('scenarios.run', { settings: {}, scenarios: [savedScenario] });
    assert.ok(run.ok);
    const otherHandlers = reportHandlers(() => other.database, new Jobs(() => other.database));
    const html = await otherHandlers['report.preview']({ settings: {}, report: { date: DATE } });
    assert.ok(headings(html).includes('scenarios'), 'the default sections hold the scenarios section once one is saved');
    assert.ok(html.includes('Saved price rise'));
    const model = await buildReport(other.database, { settings: {}, report: { date: DATE } });
    assert.ok(html.includes(f(model).money(run.value.scenarios[0]!.comparison.arr_at_horizon_scenario)));
    const given = await otherHandlers['report.preview']({ settings: {}, report: { date: DATE, sections: ['scenarios'], scenarios: [SCENARIO] } });
    assert.ok(given.includes(SCENARIO.name) && !given.includes('Saved price rise'), 'given scenarios replace the saved ones');
  } finally {
    other.close();
  }
});

test('the command line: --scenario reads scenario files, --sections takes scenarios, a bad file is named', SLOW, async () => {
  const file = path.join(tmp, 'retention.json');
  fs.writeFileSync(file, JSON.stringify({ scenarios: [SCENARIO, { name: 'Price rise', levers: { SMB: { priceChangePercent: 5 } } }] }));
  const options = reportOptions({ scenario: [file], sections: 'summary,scenarios' });
  assert.deepEqual(options.sections, ['summary', 'scenarios']);
  assert.deepEqual(options.scenarios?.map((s) => [s.name, s.horizonMonths, s.trailingMonths, s.churnModel]), [
    ['Retention push', 24, 6, 'flat'],
    ['Price rise', 24, 6, 'flat'],
  ]);
  const bad = path.join(tmp, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify({ name: 'Typo', levers: { All: { churnPercnt: -20 } } }));
  assert.throws(() => reportOptions({ scenario: [bad] }), (error: Error) => error.message.startsWith(bad) && /churnPercnt/.test(error.message));

  const out = path.join(tmp, 'cli.html');
  const cli = await Engine.open(null);
  const log = process.stdout.write;
  try {
    process.stdout.write = (() => true) as typeof process.stdout.write;
    const missing = await reportCommand(cli, [], { out, scenario: [path.join(tmp, 'none.json')] });
    assert.ok(!missing.ok && missing.error.code === 'invalid_request' && /no such file/.test(missing.error.message));
    const written = await reportCommand(cli, SAMPLE, { rate: RATES, out, scenario: [file], sections: 'scenarios', date: DATE });
    assert.ok(written.ok, JSON.stringify(written));
  } finally {
    process.stdout.write = log;
  }
  try {
    // The engine's numbers on the files the command imported, formatted as that report formats them.
    const run = await cli.invoke('scenarios.run', { settings: {}, scenarios: [SCENARIO] });
    assert.ok(run.ok);
    const model = await buildReport(cli.database, { settings: {}, report: withScenarios({ sections: ['scenarios'], scenarios: [SCENARIO] }) });
    const html = fs.readFileSync(out, 'utf8');
    assert.deepEqual(headings(html), ['sources', 'scenarios']);
    assert.ok(html.includes('Price rise'));
    assert.ok(html.includes(f(model).money(run.value.scenarios[0]!.comparison.arr_at_horizon_scenario)), 'the CLI report shows the engine’s ARR at the horizon');
  } finally {
    cli.close();
  }
});

test('PDF: the contents list the scenarios section on the page that carries it', SLOW, async (t) => {
  const tools = ['pdfinfo', 'pdftotext'].every(has);
  if (!fs.existsSync(CHROMIUM) || !tools) {
    if (process.env.CI) throw new Error('Chromium and poppler-utils must be installed on CI');
    return t.skip('Chromium or poppler-utils is not installed');
  }
  const started = Date.now();
  const bytes = await handlers['report.export']({ settings: {}, report: { ...REPORT, sections: ['summary', 'scenarios'] }, format: 'pdf' });
  assert.ok(bytes instanceof Uint8Array);
  const file = path.join(tmp, 'scenarios.pdf');
  fs.writeFileSync(file, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);
  t.diagnostic(`PDF (summary and one scenario): ${bytes.length} bytes, ${pages} pages in ${Date.now() - started} ms`);
  const text = (first: number) => spawnSync('pdftotext', ['-layout', '-f', String(first), '-l', String(first), file, '-'], { encoding: 'utf8' }).stdout;
  const title = REPORT_STRINGS.en.sections.scenarios;
  const page = Number(new RegExp(`${title}\\s+(\\d+)\\s*$`, 'm').exec(text(2))?.[1]);
  assert.ok(page > 2 && page <= pages, `the contents give the section's page (${page})`);
  assert.ok(text(page).includes(title) && text(page).includes(SCENARIO.name));
  const all = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
  const model = await buildReport(engine.database, { settings: {}, report: REPORT });
  assert.ok(all.includes(f(model).money(expected.comparison.arr_at_horizon_scenario)), 'the PDF holds the scenario’s ARR at the horizon');
});
