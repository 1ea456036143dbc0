// End to end in Debian's Chromium against browser mode: the Survival screen on
// the sample data. What it draws and lists is what the engine answers to the
// very request the screen sent — the curves and bands point for point, the
// number at risk under the chart (checked against the engine's own survival
// at those times), the medians and survival at 12/24/36, the hazard, the
// log-rank sentence, Show SQL and the CSV export; a curve point lists the
// customers at risk then and those who churned then, as many as the curve
// says; another grouping and Chinese follow. No console errors, no request off
// the machine; test-results/view-survival*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Page } from 'playwright-core';
import type { AnalysisSettings } from '../../shared/metrics.js';
import { survivalVerdict, type SurvivalOptions, type SurvivalResult } from '../../shared/survival.js';
import enSurvival from '../../renderer/i18n/en/survival.js';
import zhSurvival from '../../renderer/i18n/zh-CN/survival.js';
import { DRILL_LIMIT } from '../../renderer/views/survival/SurvivalDrill.js';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E } from '../support/e2e.js';

const SLOW = 180_000;

const e2e = startE2E({
  prepare: async (app) => {
    const opened = await app.engine.invoke('sample.open', {});
    assert.ok(opened.ok, JSON.stringify(opened));
  },
});

interface SurvivalRequest {
  settings: Partial<AnalysisSettings>;
  survival: Partial<SurvivalOptions>;
}

/** Every survival.run the page sends, newest last. */
function recordRequests(page: Page): SurvivalRequest[] {
  const sent: SurvivalRequest[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/survival.run')) sent.push(request.postDataJSON() as SurvivalRequest);
  });
  return sent;
}

async function engineAnswer(request: SurvivalRequest): Promise<SurvivalResult> {
  const answer = await e2e.app.engine.invoke('survival.run', { settings: request.settings, survival: request.survival });
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer.value;
}

/** Waits until the screen shows an answer and its curve chart draws exactly these groups. */
async function waitForCurves(page: Page, groups: string[]) {
  await page.waitForFunction(
    (groups) => {
      const view = document.querySelector('[data-testid="survival-view"]');
      const plot = document.querySelector('[data-testid="survival-curves"]') as (HTMLElement & { data?: { name?: string; mode?: string }[] }) | null;
      if (view?.getAttribute('data-state') !== 'ready' || !plot?.querySelector('.main-svg') || !plot.data) return false;
      const drawn = plot.data.filter((trace) => trace.mode === 'lines+markers').map((trace) => trace.name);
      return JSON.stringify(drawn) === JSON.stringify(groups);
    },
    groups,
    { timeout: SLOW },
  );
}

type Trace = { name: string; mode?: string; x: number[]; y: (number | null)[]; text?: string[]; customdata?: unknown[] };
const traces = (page: Page, testId: string) =>
  page.evaluate((testId) => {
    const plot = document.querySelector(`[data-testid="${testId}"]`) as HTMLElement & { data: Trace[] };
    return JSON.parse(JSON.stringify(plot.data)) as Trace[];
  }, testId);

const percent = (v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const decimal = (v: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
const integer = (v: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(v);
const fill = (template: string, values: object) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String((values as Record<string, unknown>)[key]));

test('the Survival screen shows the engine’s answer to its request; a curve point drills down; grouping and language follow', { timeout: 600_000 }, async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  const sent = recordRequests(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-survival').click();
  await page.getByTestId('survival-view').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="survival-view"]')?.getAttribute('data-state') === 'ready', null, { timeout: SLOW });

  // The request behind what is shown is the last one sent (a newer one replaces an older).
  const request = sent.at(-1)!;
  assert.equal(request.survival.groupBy, 'segment', 'the screen opens grouped by segment');
  const expected = await engineAnswer(request);
  const groups = expected.groups.map((g) => g.group);
  assert.deepEqual(groups, ['Enterprise', 'Mid-market', 'SMB', 'Unknown']);
  await waitForCurves(page, groups);

  // Curves and bands, point for point (0 and 1 first: everyone is there at the start).
  const drawn = await traces(page, 'survival-curves');
  for (const group of expected.groups) {
    const curve = drawn.find((trace) => trace.name === group.group && trace.mode === 'lines+markers')!;
    assert.deepEqual(curve.x, [0, ...group.curve.map((r) => r.time)], `${group.group}: times`);
    assert.deepEqual(curve.y, [1, ...group.curve.map((r) => r.surv)], `${group.group}: S(t)`);
    assert.deepEqual(drawn.find((trace) => trace.name === `${group.group} upper`)!.y, [1, ...group.curve.map((r) => r.upper)]);
    assert.deepEqual(drawn.find((trace) => trace.name === `${group.group} lower`)!.y, [1, ...group.curve.map((r) => r.lower)]);
  }

  // The number at risk under the chart, at the axis's ticks, equals the engine's n at risk at those times.
  const risk = drawn.filter((trace) => trace.name.endsWith(' at risk'));
  const ticks = risk[0]!.x;
  assert.ok(ticks.length >= 3 && ticks[0] === 0, `ticks ${ticks}`);
  const atTicks = await engineAnswer({ settings: request.settings, survival: { ...request.survival, times: ticks } });
  for (const group of atTicks.groups) {
    const row = risk.find((trace) => trace.name === `${group.group} at risk`)!;
    assert.deepEqual(row.text, group.at.map((a) => integer(a.n_risk ?? 0)), `${group.group}: number at risk`);
  }
  // Aligned with the axis: the table's x positions are the axis's own ticks.
  const axis = await page.evaluate(() => {
    const plot = document.querySelector('[data-testid="survival-curves"]') as HTMLElement & { _fullLayout: { xaxis: { tick0: number; dtick: number } } };
    return { tick0: plot._fullLayout.xaxis.tick0, dtick: plot._fullLayout.xaxis.dtick };
  });
  assert.deepEqual(ticks, ticks.map((_, i) => axis.tick0 + i * axis.dtick));

  // The log-rank sentence: enterprise customers stay longest, SMB shortest, far beyond chance.
  const verdict = survivalVerdict(expected.log_rank);
  assert.deepEqual([verdict.kind, verdict.longest, verdict.shortest, verdict.p], ['significant', 'Enterprise', 'SMB', 'p < 0.001']);
  assert.equal(await page.getByTestId('survival-sentence').innerText(), fill(enSurvival.verdict.significant, verdict));
  assert.match(await page.getByTestId('survival-test').innerText(), new RegExp(`on ${expected.log_rank!.df} degrees of freedom, ${expected.log_rank!.p_text.replace(/[().]/g, '\\$&')}`));

  // Medians and survival at 12, 24, 36 months.
  const table = await page.getByTestId('survival-summary').evaluate((element) => ({
    heads: [...element.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()),
    rows: [...element.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
  }));
  const cell = (row: string[], head: string) => row[table.heads.indexOf(head)];
  assert.equal(table.rows.length, expected.groups.length);
  expected.groups.forEach((group, i) => {
    const row = table.rows[i]!;
    assert.equal(cell(row, enSurvival.summary.group), group.group);
    assert.equal(cell(row, enSurvival.summary.n), integer(group.n));
    assert.equal(cell(row, enSurvival.summary.events), integer(group.events));
    assert.equal(cell(row, fill(enSurvival.summary.median, { unit: 'months' })), group.median.estimate === null ? enSurvival.summary.notReached : decimal(group.median.estimate));
    for (const at of group.at) {
      assert.equal(cell(row, fill(enSurvival.summary.at, { time: at.time })), percent(at.surv), `${group.group} at ${at.time}`);
      assert.equal(cell(row, fill(enSurvival.summary.atLower, { time: at.time })), percent(at.lower));
    }
  });
  assert.deepEqual(expected.groups[0]!.at.map((a) => a.time), [12, 24, 36]);

  // The hazard, interval by interval.
  const hazard = await traces(page, 'survival-hazard');
  for (const group of expected.groups) {
    const line = hazard.find((trace) => trace.name === group.group)!;
    assert.deepEqual(line.y, group.hazard.map((h) => h.hazard), `${group.group}: hazard`);
  }

  // Show SQL is the statement the engine ran, and the CSV export holds the table's rows.
  await page.getByTestId('sql-survival').click();
  assert.equal(await page.locator('.sql-modal pre').innerText(), expected.sql);
  await page.locator('.sql-modal').getByRole('button', { name: 'Close' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('survival-summary').getByRole('button', { name: 'CSV' }).click()]);
  assert.equal(download.suggestedFilename(), 'survival-summary.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(csv.length, expected.groups.length + 1);
  assert.ok(csv[3]!.startsWith(`SMB,${expected.groups[2]!.n},${expected.groups[2]!.events},`), csv[3]);
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-survival.png'), fullPage: true });

  // A point of the SMB curve at 12 months: the customers at risk then, and those who churned then.
  const smb = expected.groups.find((g) => g.group === 'SMB')!;
  const at12 = smb.curve.find((r) => r.time === 12)!;
  const point = await page.evaluate(
    ({ x, y }) => {
      type Axis = { _offset: number; d2p(value: number): number };
      const plot = document.querySelector('[data-testid="survival-curves"]') as HTMLElement & { _fullLayout: { xaxis: Axis; yaxis: Axis } };
      const { xaxis, yaxis } = plot._fullLayout;
      plot.scrollIntoView();
      const box = plot.getBoundingClientRect();
      return { x: box.left + xaxis._offset + xaxis.d2p(x), y: box.top + yaxis._offset + yaxis.d2p(y) };
    },
    { x: 12, y: at12.surv },
  );
  const drills: { drill: { group: string; time: number; who: string; limit?: number }; survival: Partial<SurvivalOptions>; settings: Partial<AnalysisSettings> }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/survival.customers')) drills.push(r.postDataJSON() as (typeof drills)[number]);
  });
  await page.mouse.click(point.x, point.y);
  const panel = page.getByTestId('drill-panel');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid$="-count"]')].filter((e) => /^\d+$/.test(e.textContent ?? '')).length === 2, null, { timeout: SLOW });
  assert.equal(await panel.getByTestId('survival-drill-at_risk-count').innerText(), String(at12.n_risk));
  assert.equal(await panel.getByTestId('survival-drill-events-count').innerText(), String(at12.n_event));
  assert.deepEqual(drills.map((d) => d.drill).sort((a, b) => a.who.localeCompare(b.who)), [
    { group: 'SMB', time: 12, who: 'at_risk', limit: DRILL_LIMIT },
    { group: 'SMB', time: 12, who: 'events', limit: DRILL_LIMIT },
  ]);
  assert.ok(at12.n_risk < DRILL_LIMIT, 'every lifetime at risk is listed');
  const listed = await e2e.app.engine.invoke('survival.customers', { settings: drills[0]!.settings, survival: drills[0]!.survival, drill: { group: 'SMB', time: 12, who: 'events' } });
  assert.ok(listed.ok);
  const churned = tableFromIPC(listed.value).getChild('customer_id')!.toArray() as string[];
  const shown = await panel.getByTestId('survival-drill-events').locator('tbody tr td:first-child').allInnerTexts();
  assert.deepEqual(shown, [...churned], 'the panel lists the engine’s customers, in its order');
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-survival-drill.png') });
  await panel.getByRole('button', { name: 'Close' }).click();

  // Grouped by plan: a new request, and the chart follows it.
  const asked = page.waitForRequest((r) => r.url().includes('/api/survival.run') && (r.postDataJSON() as SurvivalRequest).survival.groupBy === 'plan');
  await page.getByTestId('survival-group-by').selectOption('plan');
  const byPlan = await engineAnswer((await asked).postDataJSON() as SurvivalRequest);
  await waitForCurves(page, byPlan.groups.map((g) => g.group));

  // Chinese: the headings and the sentence in Chinese, the numbers unchanged.
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByRole('heading', { level: 2, name: zhSurvival.title }).waitFor();
  const planVerdict = survivalVerdict(byPlan.log_rank);
  const template = planVerdict.kind === 'significant' ? zhSurvival.verdict.significant : planVerdict.kind === 'not_significant' ? zhSurvival.verdict.notSignificant : zhSurvival.verdict.noTest;
  assert.equal(await page.getByTestId('survival-sentence').innerText(), fill(template, planVerdict));
  assert.equal(await page.locator('#survival-curves-title').innerText(), zhSurvival.curves.title);
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-survival-zh-CN.png'), fullPage: true });
  await page.getByTestId('language').selectOption('en');

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), []);
  await page.close();
});
