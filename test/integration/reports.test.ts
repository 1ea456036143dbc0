// Reports from the bundled sample, in every format (docs/REPORTS.md):
// - HTML: self-contained — no "http://" or "https://" anywhere in the file, every
//   src/href/srcset/url() outside the scripts is a data: URL or a #fragment, no
//   @import, and opened in Chromium with the network cut it requests nothing but
//   itself and data: URLs while drawing every chart; its two scripts hash to the
//   CSP sources in shared/reports.ts; a zh-CN report has Chinese headings, and
//   every character it shows is covered by an inlined font piece (no tofu).
// - PDF: opens (pdfinfo), cover + contents + a page or more per section, the
//   contents' page numbers point at the pages that carry those headings, and its
//   text holds the headline values formatted as the report formats them; the
//   Chinese one embeds the bundled Noto Sans SC (and no system CJK font), its text
//   holds the Chinese headings, and a page is rendered to test-results/ to look at.
// - XLSX: the sheets' cells equal `analyze --json`'s numbers, stored as numbers
//   with number formats and frozen headers, with a Settings & definitions sheet.
// - CSV: the zip holds every table of the report, numbers unrounded.
// - Reproducible: the same request gives the same bytes (HTML, CSV zip).
// PDF checks use poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm) and
// Debian's Chromium; without them they are skipped, except on CI where they fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import type { AnalysisResult, PeriodRow } from '../../shared/analysis.js';
import { REPORT_SCRIPT_HASHES, REPORT_SECTIONS, type ReportFormat, type ReportOptions } from '../../shared/reports.js';
import { isMethod } from '../../shared/contract.js';
import { Engine } from '../../main/engine/engine.js';
import { Jobs } from '../../main/runtime/jobs.js';
import { analyzeCommand } from '../../main/cli/commands/analyze.js';
import { reportCommand, reportFormat, reportOptions } from '../../main/cli/commands/report.js';
import { UsageError } from '../../main/cli/options.js';
import { reportHandlers } from '../../main/reports/handlers.js';
import { buildReport } from '../../main/reports/build.js';
import { reportTables } from '../../main/reports/model.js';
import { HEADLINE_KEYS, type ReportModel } from '../../main/reports/document.js';
import { formatter } from '../../main/reports/format.js';
import { renderHtmlDocument } from '../../main/reports/html.js';
import { chromiumPdf, NO_CHROMIUM_MESSAGE } from '../../main/reports/pdf.js';
import { REPORT_STRINGS } from '../../main/reports/strings.js';
import { reportSheets } from '../../main/reports/xlsx.js';
import { launchChromium, CHROMIUM } from '../support/browser.js';
import { ROOT } from '../support/app.js';

const SAMPLE = ['subscriptions.csv', 'customers.csv'].map((f) => path.join(ROOT, 'assets', 'sample', f));
const RATES = ['EUR=1.08', 'GBP=1.27'];
const SLOW = { timeout: 300_000 };
const DATE = '2026-01-15';
const artefacts = path.join(ROOT, 'test-results');
/** The sample workspace saves no scenario, so its default report has every section but scenarios (reports-scenarios.test.ts covers that one). */
// Scenarios and reconciliation show by default only when there is a scenario or a reference: neither is here.
const SHOWN_SECTIONS = REPORT_SECTIONS.filter((id) => id !== 'scenarios' && id !== 'reconciliation');

let engine: Engine;
let handlers: ReturnType<typeof reportHandlers>;
let analysis: AnalysisResult;
let tmp: string;
let browser: Browser | null = null;

const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const POPPLER = ['pdfinfo', 'pdftotext', 'pdffonts', 'pdftoppm'].every(has);
const CHROMIUM_OK = fs.existsSync(CHROMIUM);

/** Skips a check whose tools are missing here; on CI a missing tool is a failure. */
function needs(ok: boolean, what: string): string | false {
  if (ok) return false;
  if (process.env.CI) throw new Error(`${what} is not installed, and CI must run this check.`);
  return `${what} is not installed`;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-reports-'));
  fs.mkdirSync(artefacts, { recursive: true });
  engine = await Engine.open(null);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
  handlers = reportHandlers(() => engine.database, new Jobs(() => engine.database));
  const run = await engine.invoke('analysis.run', { settings: {} });
  assert.ok(run.ok, JSON.stringify(run));
  analysis = run.value;
});

after(async () => {
  await browser?.close();
  engine?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const OPTIONS: ReportOptions = { title: 'Churn review 2025', client: 'Acme Analytics', author: 'Jane Consultant', date: DATE, notes: { summary: 'Reviewed with the finance team.' } };
const ZH: ReportOptions = { ...OPTIONS, title: '2025 年客户流失回顾', language: 'zh-CN' };

async function exportBytes(format: ReportFormat, report: ReportOptions = OPTIONS): Promise<Uint8Array> {
  const bytes = await handlers['report.export']({ settings: {}, report, format });
  assert.ok(bytes instanceof Uint8Array);
  return bytes;
}

let htmlCache: string | null = null;
async function englishHtml(): Promise<string> {
  htmlCache ??= await handlers['report.preview']({ settings: {}, report: OPTIONS });
  return htmlCache;
}

/** The document without the text of its scripts (Plotly's bundle and the chart JSON). */
const withoutScripts = (html: string) => html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');

function headlineTexts(model: Pick<ReportModel, 'language' | 'currency'>): string[] {
  const f = formatter(model.language, model.currency);
  const h = analysis.headline!;
  const last = analysis.periods.at(-1)!;
  return [
    f.percent(h.customer_churn_rate),
    f.percent(h.gross_mrr_churn_rate),
    f.percent(h.net_mrr_churn_rate),
    f.percent(h.nrr),
    f.percent(h.grr),
    f.number(h.quick_ratio),
    f.money(last.mrr_end),
    f.integer(last.customers_end),
  ];
}

test('report strings: en and zh-CN have the same keys and the same {{placeholders}}', () => {
  const leaves = (value: unknown, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    if (typeof value === 'string') out.set(prefix, value);
    else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${prefix}[${i}]`).forEach((s, k) => out.set(k, s)));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k).forEach((s, key) => out.set(key, s));
    return out;
  };
  const en = leaves(REPORT_STRINGS.en);
  const zh = leaves(REPORT_STRINGS['zh-CN']);
  assert.deepEqual([...zh.keys()].sort(), [...en.keys()].sort());
  const holes = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort().join();
  for (const [key, text] of en) assert.equal(holes(zh.get(key)!), holes(text), key);
});

test('HTML: one self-contained file that names and loads no external URL, with every chart drawn', SLOW, async (t) => {
  const html = await englishHtml();
  // 1. No web address at all, anywhere (Plotly's bundle included: its URL literals are escaped).
  assert.equal(/https?:\/\//i.test(html), false, 'the file contains an http(s):// address');
  // 2. Outside the scripts, everything the page would load is inline: src, href, srcset, url(), @import.
  const markup = withoutScripts(html);
  const targets = [...markup.matchAll(/\b(?:src|href|srcset|poster|data|action)\s*=\s*["']?([^"'\s>]*)/gi)].map((m) => m[1]!);
  const urls = [...markup.matchAll(/url\(\s*["']?([^"')]*)/gi)].map((m) => m[1]!);
  for (const target of [...targets, ...urls]) assert.match(target, /^(data:|#)/, `references ${target.slice(0, 80)}`);
  assert.equal(/@import/i.test(markup), false);
  assert.ok(urls.some((u) => u.startsWith('data:font/woff2;base64,')), 'the font is inlined');
  // 3. The scripts the CSP lets the builder's preview run are exactly these.
  const model = await buildReport(engine.database, { settings: {}, report: OPTIONS });
  assert.deepEqual(renderHtmlDocument(model).scriptHashes, [...REPORT_SCRIPT_HASHES], 'update REPORT_SCRIPT_HASHES in shared/reports.ts');
  // 4. The headline figures, as the report formats them.
  for (const text of headlineTexts(model)) assert.ok(html.includes(text), `the HTML shows ${text}`);
  assert.ok(html.includes('Reviewed with the finance team.'));

  const skip = needs(CHROMIUM_OK, 'Chromium');
  if (skip) return t.skip(skip);
  browser ??= await launchChromium();
  const context = await browser.newContext({ offline: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const file = path.join(tmp, 'report.html');
  fs.writeFileSync(file, html);
  await page.goto(`file://${file}`);
  await page.evaluate(() => (window as unknown as { cwReport: { ready: Promise<unknown> } }).cwReport.ready);
  const charts = model.sections.flatMap((s) => s.blocks.filter((b) => b.type === 'chart')).length;
  assert.equal(await page.locator('.cw-plot .main-svg').first().isVisible(), true);
  assert.equal(await page.locator('.cw-plot[data-drawn] > .plot-container').count(), charts);
  assert.deepEqual(requests.filter((url) => url !== `file://${file}` && !url.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await page.screenshot({ path: path.join(artefacts, 'report-html.png') });
  await context.close();
});

test('HTML in Chinese: Chinese headings, and a bundled font piece for every character shown', SLOW, async () => {
  const html = await handlers['report.preview']({ settings: {}, report: ZH });
  const zh = REPORT_STRINGS['zh-CN'];
  assert.match(html, /<html lang="zh-CN">/);
  const headings = [...html.matchAll(/<h2 class="cw-h2" id="sec-[a-z_]+">([^<]*)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(headings, [zh.provenance.title, ...SHOWN_SECTIONS.map((id) => zh.sections[id])]);
  assert.ok(headings.includes('执行摘要'));
  // No tofu: every character of the text is inside the unicode-range of an inlined @font-face.
  const ranges = [...html.matchAll(/unicode-range:([^;}]+)/g)].flatMap((m) =>
    m[1]!.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as const;
    }),
  );
  const text = withoutScripts(html).replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ');
  const data = /<script type="application\/json" id="cw-report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const missing = new Set<string>();
  for (const ch of text + JSON.parse(data).footer) {
    const code = ch.codePointAt(0)!;
    if (code > 0x20 && !ranges.some(([lo, hi]) => code >= lo && code <= hi)) missing.add(ch);
  }
  assert.deepEqual([...missing], [], 'characters without an inlined font');
});

function pdfText(file: string, first?: number, last?: number): string {
  const args = ['-layout', ...(first ? ['-f', String(first), '-l', String(last ?? first)] : []), file, '-'];
  return spawnSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
}

function pdfPages(file: string): number {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.equal(info.status, 0, info.stderr);
  return Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]);
}

test('PDF: cover, contents with the right page numbers, every section, the headline values in its text', SLOW, async (t) => {
  const skip = needs(CHROMIUM_OK, 'Chromium') || needs(POPPLER, 'poppler-utils (pdftotext)');
  if (skip) return t.skip(skip);
  const started = Date.now();
  const bytes = await exportBytes('pdf');
  t.diagnostic(`PDF: ${bytes.length} bytes in ${Date.now() - started} ms`);
  assert.equal(Buffer.from(bytes.subarray(0, 5)).toString(), '%PDF-');
  const file = path.join(tmp, 'report.pdf');
  fs.writeFileSync(file, bytes);
  const pages = pdfPages(file);
  const en = REPORT_STRINGS.en;
  assert.ok(pages >= 2 + SHOWN_SECTIONS.length, `${pages} pages: a cover, the contents and at least one page per section`);
  const text = pdfText(file);
  const model = await buildReport(engine.database, { settings: {}, report: OPTIONS });
  for (const value of headlineTexts(model)) assert.ok(text.includes(value), `the PDF's text holds ${value}`);
  assert.match(pdfText(file, 1), /Churn review 2025/);
  assert.match(pdfText(file, 1), /Prepared for Acme Analytics/);
  // The contents (page 2) give each section's page; that page carries the section's heading and its number.
  const contents = pdfText(file, 2);
  for (const id of SHOWN_SECTIONS) {
    const title = en.sections[id];
    const line = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+(\\d+)\\s*$`, 'm').exec(contents);
    assert.ok(line, `the contents list ${title}`);
    const page = Number(line[1]);
    assert.ok(page > 2 && page <= pages, `${title} on page ${page}`);
    const onPage = pdfText(file, page);
    assert.ok(onPage.includes(title), `page ${page} carries ${title}`);
    assert.ok(onPage.includes(`Page ${page} of ${pages}`), `page ${page} is numbered`);
  }
});

test('PDF in Chinese: the bundled CJK font is embedded and the Chinese headings are in the text', SLOW, async (t) => {
  const skip = needs(CHROMIUM_OK, 'Chromium') || needs(POPPLER, 'poppler-utils (pdffonts)');
  if (skip) return t.skip(skip);
  const bytes = await exportBytes('pdf', ZH);
  const file = path.join(tmp, 'report-zh.pdf');
  fs.writeFileSync(file, bytes);
  const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
  assert.match(fonts, /NotoSansSC/, 'the bundled Noto Sans SC is embedded');
  assert.doesNotMatch(fonts, /NotoSansCJK|NotoSerifCJK|WenQuanYi|Droid/i, 'no system CJK font stood in');
  for (const line of fonts.split('\n').slice(2).filter(Boolean)) assert.match(line, /\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/, `embedded, subset, with a ToUnicode map: ${line}`);
  const text = pdfText(file);
  const zh = REPORT_STRINGS['zh-CN'];
  for (const id of SHOWN_SECTIONS) assert.ok(text.includes(zh.sections[id]), `the PDF's text holds ${zh.sections[id]}`);
  assert.ok(text.includes('目录'));
  // A page to look at (the executive summary): test-results/report-zh-page.png.
  const contents = pdfText(file, 2);
  const page = Number(new RegExp(`${zh.sections.summary}\\s+(\\d+)`).exec(contents)?.[1] ?? 3);
  const rendered = spawnSync('pdftoppm', ['-r', '80', '-png', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(artefacts, 'report-zh-page')]);
  assert.equal(rendered.status, 0, String(rendered.stderr));
  assert.ok(fs.statSync(path.join(artefacts, 'report-zh-page.png')).size > 10_000);
});

test('PDF without a Chromium: a clear message', async () => {
  await assert.rejects(chromiumPdf('<html></html>', null), (error: Error) => error.message === NO_CHROMIUM_MESSAGE && /apt-get install chromium/.test(error.message));
});

/** Rows of a sheet below its header, as plain values. */
function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const PERIOD_SHEET_KEYS = (model: ReportModel) => reportTables(model).find((t) => t.id === 'periods')!.columns.map((c) => c.key) as (keyof PeriodRow)[];

test('XLSX from the CLI: the cells equal analyze --json, numbers as numbers with formats, frozen headers, settings sheet', SLOW, async () => {
  // The command line, twice over the same files: analyze --json, and report --out .xlsx.
  const jsonFile = path.join(tmp, 'analysis.json');
  const xlsxFile = path.join(tmp, 'report.xlsx');
  const flags = { rate: RATES, period: 'quarter' };
  const cliA = await Engine.open(null);
  const cliB = await Engine.open(null);
  try {
    const log = process.stdout.write;
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      assert.ok((await analyzeCommand(cliA, SAMPLE, { ...flags, json: jsonFile })).ok);
      const written = await reportCommand(cliB, SAMPLE, { ...flags, out: xlsxFile, title: 'Churn review', date: DATE });
      assert.ok(written.ok, JSON.stringify(written));
    } finally {
      process.stdout.write = log;
    }
  } finally {
    cliA.close();
    cliB.close();
  }
  const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as AnalysisResult;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxFile);
  const en = REPORT_STRINGS.en;
  assert.equal(workbook.worksheets[0]!.name, en.tables.settings);
  const settingsText = JSON.stringify(sheetRows(workbook.worksheets[0]!));
  for (const needle of ['subscriptions.csv', 'customers.csv', 'quarter', 'ChartMogul B2B']) assert.ok(settingsText.includes(needle), `the settings sheet names ${needle}`);
  assert.match(settingsText, /[0-9a-f]{64}/, 'the settings sheet holds the files’ SHA-256');
  assert.ok(settingsText.includes(en.definitions[0]![0]), 'and the definitions');

  const periods = workbook.getWorksheet(en.tables.periods)!;
  assert.equal(periods.views[0]?.state, 'frozen');
  assert.equal((periods.views[0] as { ySplit?: number }).ySplit, 1);
  const model = await buildReport(engine.database, { settings: {}, report: OPTIONS });
  const keys = PERIOD_SHEET_KEYS(model);
  const rows = sheetRows(periods);
  assert.equal(rows.length, json.periods.length);
  json.periods.forEach((p, i) =>
    keys.forEach((key, j) => {
      const cell = rows[i]![j] ?? null;
      assert.equal(cell, p[key], `${p.period} ${key}`);
    }),
  );
  const rateColumn = keys.indexOf('customer_churn_rate') + 1;
  assert.equal(periods.getRow(2).getCell(rateColumn).numFmt, '0.00%');
  assert.equal(typeof periods.getRow(2).getCell(keys.indexOf('mrr_end') + 1).value, 'number');
  assert.equal(periods.getRow(2).getCell(keys.indexOf('mrr_end') + 1).numFmt, '#,##0.00');

  const headline = sheetRows(workbook.getWorksheet(en.tables.headline)!);
  assert.deepEqual(headline[0], HEADLINE_KEYS.map((k) => json.headline![k]));
  const segments = sheetRows(workbook.getWorksheet(en.tables.segments)!);
  assert.deepEqual(segments.map((r) => r[8]), json.segments.map((s) => s.annualized_customer_churn_rate));
  const atRisk = sheetRows(workbook.getWorksheet(en.tables.atRisk)!);
  assert.deepEqual(atRisk.map((r) => [r[0], r[2]]), json.at_risk.map((a) => [a.customer_id, a.mrr]));
  const average = sheetRows(workbook.getWorksheet(en.tables.cohortAverage)!);
  assert.deepEqual(average.map((r) => r[2]), json.cohorts.average.map((a) => a.logo_retention));
});

test('XLSX from the app: one sheet per table of the report', SLOW, async () => {
  const bytes = await exportBytes('xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const model = await buildReport(engine.database, { settings: {}, report: OPTIONS });
  assert.deepEqual(workbook.worksheets.map((w) => w.name), reportSheets(model).map((s) => s.sheet.name));
  const periods = sheetRows(workbook.getWorksheet(REPORT_STRINGS.en.tables.periods)!);
  const keys = PERIOD_SHEET_KEYS(model);
  analysis.periods.forEach((p, i) => assert.equal(periods[i]![keys.indexOf('nrr')] ?? null, p.nrr));
});

/** The entries of a zip (stored or deflated), read with zlib. */
function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buffer = Buffer.from(bytes);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extra + comment;
  }
  return files;
}

test('CSV: the zip holds every table as its own CSV, numbers unrounded; the same request gives the same bytes', SLOW, async () => {
  const bytes = await exportBytes('csv');
  const files = unzip(bytes);
  const model = await buildReport(engine.database, { settings: {}, report: OPTIONS });
  const ids = reportTables(model).map((t) => `${t.id}.csv`);
  assert.deepEqual([...files.keys()], ids);
  for (const id of ['settings', 'headline', 'periods', 'churn_reasons', 'churn_types', 'cohort_average', 'cohort_logo', 'cohort_revenue', 'segments', 'segment_periods', 'at_risk', 'methodology_comparison', 'data_files', 'audit']) {
    assert.ok(files.has(`${id}.csv`), `${id}.csv is in the zip`);
  }
  const periods = files.get('periods.csv')!.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(periods.length, analysis.periods.length + 1);
  const keys = PERIOD_SHEET_KEYS(model);
  const last = periods.at(-1)!.split(',');
  const p = analysis.periods.at(-1)!;
  assert.equal(last[0], p.period);
  assert.equal(Number(last[keys.indexOf('mrr_end')]), p.mrr_end);
  assert.equal(Number(last[keys.indexOf('customer_churn_rate')]), p.customer_churn_rate);
  if (has('unzip')) assert.equal(spawnSync('unzip', ['-tq', writeTemp('report.zip', bytes)]).status, 0, 'unzip accepts the archive');
  assert.deepEqual(Buffer.from(await exportBytes('csv')), Buffer.from(bytes), 'the same CSV zip again');
  assert.equal(await handlers['report.preview']({ settings: {}, report: OPTIONS }), await englishHtml(), 'the same HTML again');
});

function writeTemp(name: string, bytes: Uint8Array): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, bytes);
  return file;
}

test('sections, notes and a logo: only what was chosen, with the consultant’s words and image', SLOW, async () => {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const html = await handlers['report.preview']({
    settings: { period: 'quarter' },
    report: { sections: ['segments', 'summary'], notes: { segments: 'SMB is the focus for 2026.' }, logo: `data:image/png;base64,${png}`, date: DATE },
  });
  const en = REPORT_STRINGS.en;
  const headings = [...html.matchAll(/<h2 class="cw-h2" id="sec-([a-z_]+)">/g)].map((m) => m[1]);
  assert.deepEqual(headings, ['sources', 'summary', 'segments'], 'in the report order, whatever the request order');
  assert.ok(html.includes('SMB is the focus for 2026.'));
  assert.ok(html.includes(`<img class="cw-logo" src="data:image/png;base64,${png}"`));
  assert.ok(html.includes(en.settingValues.quarter), 'the period is stated');
  assert.ok(html.includes(`${en.settingNames.period} = ${en.settingValues.quarter}`), 'as a setting that differs from the default');
  await assert.rejects(
    handlers['report.preview']({ settings: {}, report: { logo: 'data:image/png;base64,aGVsbG8=' } }),
    /not a PNG, JPEG, GIF, WebP or SVG image/,
  );
  await assert.rejects(handlers['report.preview']({ settings: {}, report: { currency: 'EUR' } }), /amounts are in USD/);
});

test('the command line: format by the file ending, sections and languages checked', () => {
  assert.equal(reportFormat('a/report.PDF'), 'pdf');
  assert.equal(reportFormat('report.zip'), 'csv');
  assert.throws(() => reportFormat('report.docx'), UsageError);
  assert.deepEqual(reportOptions({ sections: 'summary,at-risk,data_quality', lang: 'zh-CN', note: ['summary=Line one\\nline two'] }), {
    sections: ['summary', 'at_risk', 'data_quality'],
    language: 'zh-CN',
    notes: { summary: 'Line one\nline two' },
  });
  assert.throws(() => reportOptions({ sections: 'summary,charts' }), /"charts" is none of them/);
  assert.throws(() => reportOptions({ lang: 'fr' }), /--lang/);
  assert.throws(() => reportOptions({ date: '15/01/2026' }), /--date/);
});

test('the engine serves the report methods when they are wired into the contract', SLOW, async (t) => {
  if (!isMethod('report.preview')) return t.skip('report.preview is not in shared/contract.ts yet (docs/REPORTS.md, "Wiring")');
  const answer = await engine.invokeUnknown('report.export', { settings: {}, report: { ...OPTIONS, sections: ['summary'] }, format: 'html', path: path.join(tmp, 'engine.html') });
  assert.ok(answer.ok, JSON.stringify(answer));
  assert.ok(fs.statSync(path.join(tmp, 'engine.html')).size > 1_000_000);
});
