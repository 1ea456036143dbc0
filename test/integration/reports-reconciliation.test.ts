// The report's reconciliation section (docs/REPORTS.md, docs/RECONCILIATION.md)
// on a small hand-made model and a hand-written reference: the HTML states
// the reference file's name and SHA-256, the tolerance, the explained and the
// unexplained amounts and the sign-off; the XLSX sheets and the CSV files hold
// the months, the explained parts and the unexplained customer-months; the
// PDF holds the same sentences; the default report carries the section only
// when a reference is imported, and asking for it without one is refused.
//
// The model: A 100 a month Jan–Jun 2024, B 200 Jan–May (paid to the end of
// May, cancelled on 2024-03-10), C 50 Feb–Mar, D 80 Jan–Jun; as of 2024-06-30.
// The reference counts B's churn at the cancellation (no B after February,
// 200 in each of March, April and May explained by that setting) and has D
// at 90 in June (−10 unexplained, one customer): a difference of 590.00.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { reportOptionsSchema, type ReportOptions } from '../../shared/reports.js';
import { Engine } from '../../main/engine/engine.js';
import { Jobs } from '../../main/runtime/jobs.js';
import { buildReport } from '../../main/reports/build.js';
import { reportCsvFiles } from '../../main/reports/csvZip.js';
import { reportHandlers } from '../../main/reports/handlers.js';
import { NO_REFERENCE_MESSAGE } from '../../main/reports/reconcileRun.js';
import { fill, REPORT_STRINGS } from '../../main/reports/strings.js';
import { CHROMIUM } from '../support/browser.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { STORY_REFERENCE, STORY_SUBSCRIPTIONS } from '../support/reconcileStory.js';

const SLOW = { timeout: 300_000 };
const DATE = '2026-01-15';
const ONLY: ReportOptions = reportOptionsSchema.parse({ title: 'Reconciliation review', date: DATE, sections: ['reconciliation'] });
const en = REPORT_STRINGS.en;
const zh = REPORT_STRINGS['zh-CN'];

const SUBSCRIPTIONS = STORY_SUBSCRIPTIONS;
const REFERENCE = STORY_REFERENCE;

let engine: Engine;
let handlers: ReturnType<typeof reportHandlers>;
let tmp: string;
let referenceFile: string;
let sha: string;

before(async () => {
  tmp = tempDir('cw-report-reconcile-');
  engine = await Engine.open(null);
  const model = await engine.invoke('model.import', { files: [{ path: writeFile(tmp, 'subscriptions.csv', SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } });
  assert.ok(model.ok, JSON.stringify(model));
  handlers = reportHandlers(() => engine.database, new Jobs(() => engine.database));
  referenceFile = writeFile(tmp, 'stripe-mrr-november.csv', `${REFERENCE}\n`);
  sha = createHash('sha256').update(fs.readFileSync(referenceFile)).digest('hex');
});

after(() => {
  engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const headings = (html: string) => [...html.matchAll(/<h2 class="cw-h2" id="sec-([a-z_]+)">/g)].map((m) => m[1]);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const has = (html: string, text: string) => html.includes(escape(text)) || html.includes(text);

test('without a reference: the default report leaves the section out, and asking for it is refused', SLOW, async () => {
  const html = await handlers['report.preview']({ settings: {}, report: reportOptionsSchema.parse({ date: DATE }) });
  assert.ok(!headings(html).includes('reconciliation'));
  await assert.rejects(handlers['report.preview']({ settings: {}, report: ONLY }), (error: Error) => error.message === NO_REFERENCE_MESSAGE);
});

test('HTML: the reference, its SHA-256, the tolerance, the explained and unexplained amounts, then the sign-off', SLOW, async () => {
  const imported = await engine.invoke('reconcile.importReference', { file: { path: referenceFile } });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.equal(imported.value.reference.sha256, sha);

  const html = await handlers['report.preview']({ settings: {}, report: ONLY });
  assert.deepEqual(headings(html), ['sources', 'reconciliation']);
  const section = /id="sec-reconciliation">[\s\S]*$/.exec(html)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 3000) ?? '';
  const reference = fill(en.reconciliation.reference, {
    file: 'stripe-mrr-november.csv',
    layout: 'customer × month',
    first: '2024-01',
    last: '2024-06',
    rows: '16',
    rejected: '0',
    sha,
  });
  assert.ok(has(html, reference), `the reference: ${reference}\n${/Reference: [^<]*/.exec(html)?.[0]}`);
  assert.ok(has(html, fill(en.reconciliation.tolerance, { absolute: '0.01', relative: '0.00%' })), `the tolerance: ${/Tolerance: [^<]*/.exec(html)?.[0]}`);
  assert.ok(has(html, fill(en.reconciliation.ourSideNoCurrency, { preset: 'ChartMogul B2B' })), section);
  const amounts = fill(en.reconciliation.amounts, {
    months: '6',
    ours: '2,180.00',
    theirs: '1,590.00',
    difference: '590.00',
    explained: '600.00',
    unexplained: '-10.00',
    within: '0.00',
  });
  assert.ok(has(html, amounts), `the amounts: ${amounts}\n${/Over \d+ months[^<]*/.exec(html)?.[0]}`);
  assert.ok(has(html, fill(en.reconciliation.notReconciled, { count: '1', months: '6', list: '2024-06' })), section);
  assert.ok(has(html, en.reconciliation.notSignedOff), section);

  const run = await engine.invoke('reconcile.run', { settings: {} });
  assert.ok(run.ok, JSON.stringify(run));
  const signed = await engine.invoke('reconcile.signOff', { runId: run.value.runId, by: 'Dana Whitfield', note: 'D’s June price rise is booked in July.' });
  assert.ok(signed.ok, JSON.stringify(signed));
  const after = await handlers['report.preview']({ settings: {}, report: ONLY });
  const at = `${signed.value.at.replace('T', ' ').slice(0, 16)} UTC`;
  const signedSection = /id="sec-reconciliation">[\s\S]*$/.exec(after)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 3000) ?? '';
  assert.ok(has(after, fill(en.reconciliation.signedOff, { by: 'Dana Whitfield', at, difference: '590.00', unexplained: '-10.00' })), signedSection);
  assert.ok(has(after, fill(en.reconciliation.signOffNote, { note: 'D’s June price rise is booked in July.' })), signedSection);
});

test('XLSX and CSV: the months, the explained parts and the unexplained customer-months, unrounded', SLOW, async () => {
  const bytes = await handlers['report.export']({ settings: {}, report: ONLY, format: 'xlsx' });
  assert.ok(bytes instanceof Uint8Array);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = (title: string) => {
    const found = workbook.worksheets.find((w) => w.name === title.slice(0, 31));
    assert.ok(found, `sheet ${title}: ${workbook.worksheets.map((w) => w.name).join(', ')}`);
    const values: unknown[][] = [];
    found.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    return values;
  };
  const byMonth = sheet(en.reconciliation.tables.months);
  assert.deepEqual(byMonth[0], Object.values(en.reconciliation.columns).slice(0, 9));
  assert.deepEqual(
    byMonth.slice(1).map((r) => r.slice(0, 8)),
    [
      ['2024-01', 380, 380, 0, 0, 0, 0, 0],
      ['2024-02', 430, 430, 0, 0, 0, 0, 0],
      ['2024-03', 430, 230, 200, 200, 0, 0, 0],
      ['2024-04', 380, 180, 200, 200, 0, 0, 0],
      ['2024-05', 380, 180, 200, 200, 0, 0, 0],
      ['2024-06', 180, 190, -10, 0, -10, 1, 0],
    ],
  );
  assert.deepEqual(
    sheet(en.reconciliation.tables.explained).slice(1).map((r) => [r[0], r[2], r[3]]),
    [
      ['2024-03', 200, 1],
      ['2024-04', 200, 1],
      ['2024-05', 200, 1],
    ],
  );
  assert.deepEqual(sheet(en.reconciliation.tables.unexplained).slice(1).map((r) => r.slice(0, 5)), [['D', '2024-06', 80, 90, -10]]);

  const model = await buildReport(engine.database, { settings: {}, report: ONLY });
  const files = new Map(reportCsvFiles(model).map((file) => [file.name, file.text.replace(/^\uFEFF/, '').trim().split('\r\n')]));
  for (const name of ['reconciliation.csv', 'reconciliation_explained.csv', 'reconciliation_unexplained.csv', 'reconciliation_rules.csv']) assert.ok(files.has(name), name);
  assert.equal(files.get('reconciliation_unexplained.csv')![1], 'D,2024-06,80,90,-10,,');
});

test('the default report carries the section once a reference is imported; Chinese words it in Chinese', SLOW, async () => {
  const html = await handlers['report.preview']({ settings: {}, report: reportOptionsSchema.parse({ date: DATE }) });
  const order = headings(html);
  assert.ok(order.includes('reconciliation'));
  assert.ok(order.indexOf('reconciliation') < order.indexOf('data_quality'));
  const chinese = await handlers['report.preview']({ settings: {}, report: { ...ONLY, language: 'zh-CN' } });
  assert.ok(chinese.includes(zh.sections.reconciliation));
  assert.ok(has(chinese, fill(zh.reconciliation.tolerance, { absolute: '0.01', relative: '0.00%' })));
  // The sentence over all months in Chinese too (the engine's own is English): 600.00 by the churn date, −10.00 unexplained.
  const zhSentence = '6 个月内的差异 590.00 中，600.00 源于在取消时确认流失而非在已付周期结束时（Stripe Billing 和 Baremetrics 的设置），涉及 3 个客户月；-10.00 未能解释，涉及 1 个客户月。';
  assert.ok(has(chinese, zhSentence), /id="sec-reconciliation">[\s\S]*$/.exec(chinese)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(0, 2000));
  assert.ok(!chinese.includes('is unexplained'), 'no English sentence in the Chinese report');
});

test('PDF: the section and its sentences', SLOW, async (t) => {
  const installed = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
  if (!fs.existsSync(CHROMIUM) || !installed('pdftotext')) {
    if (process.env.CI) throw new Error('Chromium and poppler-utils must be installed on CI');
    return t.skip('Chromium or poppler-utils is not installed');
  }
  const bytes = await handlers['report.export']({ settings: {}, report: ONLY, format: 'pdf' });
  assert.ok(bytes instanceof Uint8Array);
  const file = path.join(tmp, 'reconciliation.pdf');
  fs.writeFileSync(file, bytes);
  const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  assert.ok(text.includes(en.sections.reconciliation), text.slice(0, 3000));
  assert.ok(text.includes(sha.slice(0, 16)), 'the SHA-256');
  assert.ok(text.includes('Signed off by Dana Whitfield'));
});

test('the report reads the run kept for its settings, tolerance and data instead of computing it again; a stale or other one is computed anew', SLOW, async () => {
  const dir = tempDir('cw-report-reconcile-kept-');
  const own = await Engine.open(null);
  try {
    const modelFile = writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS);
    const importModel = async (file: string) => assert.ok((await own.invoke('model.import', { files: [{ path: file }], options: { asOf: '2024-06-30' } })).ok);
    await importModel(modelFile);
    assert.ok((await own.invoke('reconcile.importReference', { file: { path: writeFile(dir, 'reference.csv', `${REFERENCE}\n`) } })).ok);
    const ownHandlers = reportHandlers(() => own.database, new Jobs(() => own.database));
    const runs = async () => (await own.database.rows('SELECT run_id FROM reconcile.runs ORDER BY ran_at, run_id')).map((r) => String(r.run_id));
    const amounts = (ours: string, difference: string, unexplained: string) => (html: string) =>
      has(html, fill(en.reconciliation.amounts, { months: '6', ours, theirs: '1,590.00', difference, explained: '600.00', unexplained, within: '0.00' }));

    const screen = await own.invoke('reconcile.run', { settings: {} });
    assert.ok(screen.ok, JSON.stringify(screen));
    // The screen's run, kept: the report (settings given differently, the same once resolved) adds no run and shows its figures.
    const html = await ownHandlers['report.preview']({ settings: { preset: 'chartmogul' }, report: ONLY });
    assert.ok(amounts('2,180.00', '590.00', '-10.00')(html));
    assert.deepEqual(await runs(), [screen.value.runId]);

    // Other settings: computed, and kept.
    await ownHandlers['report.preview']({ settings: { methodology: { churnDate: 'cancellation' } }, report: ONLY });
    const afterOther = await runs();
    assert.equal(afterOther.length, 2);

    // The model's data imported again (E, 70 from March, only ours): the kept runs are out of date, so the report computes
    // a new run, 4 × 70 more of ours and unexplained (and the next report reads that one).
    await importModel(writeFile(dir, 'more.csv', 'customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,canceled_at\nE,e1,Pro,70,month,2024-03-01,,\n'));
    assert.ok(amounts('2,460.00', '870.00', '270.00')(await ownHandlers['report.preview']({ settings: {}, report: ONLY })));
    const afterImport = await runs();
    assert.equal(afterImport.length, 3);
    assert.ok(!afterOther.includes(afterImport[2]!));
    await ownHandlers['report.preview']({ settings: {}, report: ONLY });
    assert.deepEqual(await runs(), afterImport);
  } finally {
    own.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
