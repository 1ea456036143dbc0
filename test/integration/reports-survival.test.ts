// The report's survival section on the bundled sample (docs/REPORTS.md,
// docs/METRICS.md "Survival"), against the engine's own answer
// (`survival.run` through the contract, grouped by segment): the HTML says
// which group stays longest in one sentence and each group's median, and
// draws the curves point for point; the XLSX sheet and the CSV files hold the
// engine's numbers unrounded; the options group it otherwise; Chinese words
// it in Chinese; the default report carries it between cohorts and segments;
// the PDF lists it in its contents on the page that carries it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { reportOptionsSchema, type ReportOptions } from '../../shared/reports.js';
import { survivalVerdict, type SurvivalResult } from '../../shared/survival.js';
import { Engine } from '../../main/engine/engine.js';
import { Jobs } from '../../main/runtime/jobs.js';
import { buildReport } from '../../main/reports/build.js';
import { reportCsvFiles } from '../../main/reports/csvZip.js';
import { formatter } from '../../main/reports/format.js';
import { reportHandlers } from '../../main/reports/handlers.js';
import type { ReportChart, ReportModel } from '../../main/reports/document.js';
import { fill, REPORT_STRINGS } from '../../main/reports/strings.js';
import { CHROMIUM } from '../support/browser.js';

const SLOW = { timeout: 300_000 };
const DATE = '2026-01-15';
const ONLY: ReportOptions = reportOptionsSchema.parse({ title: 'Survival review', date: DATE, sections: ['survival'] });
const en = REPORT_STRINGS.en;
const zh = REPORT_STRINGS['zh-CN'];

let engine: Engine;
let handlers: ReturnType<typeof reportHandlers>;
let tmp: string;
/** The engine's answer grouped by segment, as the section asks by default. */
let expected: SurvivalResult;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-report-survival-'));
  engine = await Engine.open(null);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
  handlers = reportHandlers(() => engine.database, new Jobs(() => engine.database));
  const run = await engine.invoke('survival.run', { settings: {}, survival: { groupBy: 'segment' } });
  assert.ok(run.ok, JSON.stringify(run));
  expected = run.value;
});

after(() => {
  engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const headings = (html: string) => [...html.matchAll(/<h2 class="cw-h2" id="sec-([a-z_]+)">/g)].map((m) => m[1]);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const section = (model: ReportModel) => model.sections.find((s) => s.id === 'survival')!;
const charts = (model: ReportModel): ReportChart[] => section(model).blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));

test('HTML: the sentence, the medians and the curves are the engine’s', SLOW, async () => {
  const html = await handlers['report.preview']({ settings: {}, report: ONLY });
  assert.deepEqual(headings(html), ['sources', 'survival']);
  const verdict = survivalVerdict(expected.log_rank);
  assert.deepEqual([verdict.kind, verdict.longest, verdict.shortest, verdict.p], ['significant', 'Enterprise', 'SMB', 'p < 0.001']);
  const sentence = fill(en.survival.significant, { longest: 'Enterprise', shortest: 'SMB', p: 'p < 0.001' });
  assert.equal(sentence, 'Enterprise customers stay significantly longer than SMB customers: p < 0.001.');
  assert.ok(html.includes(escape(sentence)), 'the report says who stays longer, and how sure that is');
  const smb = expected.groups.find((g) => g.group === 'SMB')!;
  assert.deepEqual([smb.median.estimate, smb.median.lower, smb.median.upper], [18, 17, 19]);
  assert.ok(html.includes('Half of SMB customers have churned by 18 months (95% CI 17 to 19).'));
  assert.ok(html.includes('Fewer than half of Enterprise customers have churned in the time observed'));

  const model = await buildReport(engine.database, { settings: {}, report: ONLY });
  const [curves, hazard] = charts(model);
  for (const group of expected.groups) {
    const line = curves!.data.find((trace) => trace.name === group.group)!;
    assert.deepEqual(line.y, [1, ...group.curve.map((r) => r.surv)], `${group.group}: S(t)`);
    assert.deepEqual(line.x, [0, ...group.curve.map((r) => r.time)]);
    assert.deepEqual(hazard!.data.find((trace) => trace.name === group.group)!.y, group.hazard.map((h) => h.hazard));
  }
  // The printed table: each group's survival at 12 months as the report writes percentages.
  const f = formatter('en', model.currency);
  for (const group of expected.groups) assert.ok(html.includes(`>${f.percent(group.at[0]!.surv)}<`), `${group.group} at 12 months`);
});

test('XLSX and CSV: the summary, the curves, the hazard and the test, unrounded', SLOW, async () => {
  const bytes = await handlers['report.export']({ settings: {}, report: ONLY, format: 'xlsx' });
  assert.ok(bytes instanceof Uint8Array);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(en.survival.tables.summary)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  assert.deepEqual(
    rows.map((r) => [r[0], r[1], r[2], r[3], r[4] ?? null]),
    expected.groups.map((g) => [g.group, g.n, g.events, g.censored, g.median.estimate]),
  );
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const at12 = header.indexOf(fill(en.survival.columns.at, { time: '12' }));
  assert.deepEqual(rows.map((r) => r[at12] ?? null), expected.groups.map((g) => g.at[0]!.surv));

  const model = await buildReport(engine.database, { settings: {}, report: ONLY });
  const files = new Map(reportCsvFiles(model).map((file) => [file.name, file.text.replace(/^\uFEFF/, '').trim().split('\r\n')]));
  for (const name of ['survival.csv', 'survival_curves.csv', 'survival_hazard.csv', 'survival_log_rank.csv']) assert.ok(files.has(name), name);
  const curves = files.get('survival_curves.csv')!;
  assert.equal(curves.length, 1 + expected.groups.reduce((n, g) => n + g.curve.length, 0));
  const [group, time, nRisk, nEvent, , surv, stdErr] = curves[1]!.split(',');
  const first = expected.groups[0]!.curve[0]!;
  assert.deepEqual([group, Number(time), Number(nRisk), Number(nEvent), Number(surv), Number(stdErr)], [expected.groups[0]!.group, first.time, first.n_risk, first.n_event, first.surv, first.std_err]);
  const test = files.get('survival_log_rank.csv')!;
  assert.equal(Number(test[1]!.split(',')[4]), expected.log_rank!.chisq);
});

test('options group it otherwise; Chinese words it in Chinese; the default report carries it after cohorts', SLOW, async () => {
  const byPlan = await buildReport(engine.database, { settings: {}, report: { ...ONLY, survival: { groupBy: 'plan' } } });
  const plans = await engine.invoke('survival.run', { settings: {}, survival: { groupBy: 'plan' } });
  assert.ok(plans.ok);
  assert.deepEqual(charts(byPlan)[0]!.data.filter((t) => t.name).map((t) => t.name), plans.value.groups.map((g) => g.group));

  const chinese = await handlers['report.preview']({ settings: {}, report: { ...ONLY, language: 'zh-CN' } });
  assert.ok(chinese.includes(`>${zh.sections.survival}</h2>`));
  assert.ok(chinese.includes(escape(fill(zh.survival.significant, { longest: 'Enterprise', shortest: 'SMB', p: 'p < 0.001' }))));

  const all = await handlers['report.preview']({ settings: {}, report: { date: DATE } });
  const order = headings(all);
  assert.equal(order.indexOf('survival'), order.indexOf('cohorts') + 1, order.join(', '));
  assert.ok(order.includes('segments'));
});

test('PDF: the contents list the survival section on the page that carries it', SLOW, async (t) => {
  const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!fs.existsSync(CHROMIUM) || !['pdfinfo', 'pdftotext'].every(has)) {
    if (process.env.CI) throw new Error('Chromium and poppler-utils must be installed on CI');
    return t.skip('Chromium or poppler-utils is not installed');
  }
  const bytes = await handlers['report.export']({ settings: {}, report: { ...ONLY, sections: ['summary', 'survival'] }, format: 'pdf' });
  assert.ok(bytes instanceof Uint8Array);
  const file = path.join(tmp, 'survival.pdf');
  fs.writeFileSync(file, bytes);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout)?.[1]);
  const text = (page: number) => spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
  const title = en.sections.survival;
  const page = Number(new RegExp(`${title}\\s+(\\d+)\\s*$`, 'm').exec(text(2))?.[1]);
  assert.ok(page > 2 && page <= pages, `the contents give the section's page (${page})`);
  assert.ok(text(page).includes(title));
  const all = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  assert.ok(all.includes('Enterprise customers stay significantly longer than SMB customers: p < 0.001.'), 'the PDF holds the sentence');
});
