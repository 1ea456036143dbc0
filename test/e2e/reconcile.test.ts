// End to end in Debian's Chromium against browser mode: the Reconciliation
// screen on a small hand-made model (A 100 a month Jan–Jun 2024, B 200 Jan–May
// cancelled on 2024-03-10, C 50 Feb–Mar, D 80 Jan–Jun; as of 2024-06-30). The
// user imports a reference through the screen's own file picking and mapping
// dialog — one that counts B's churn at the cancellation and has D at 90 in
// June — and sees the engine's figures for the very request the screen sent:
// the sentence, months × parts, the bridge from their MRR to ours bar for bar;
// drills into the unexplained customers (D, June, 80 against 90); signs off
// (kept in the workspace with who and the note); applies the setting that
// explains the rest. No console errors, no request off the machine;
// test-results/view-reconcile*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AnalysisSettings } from '../../shared/metrics.js';
import { bridgeSteps, type ReconcileResult, type Tolerance } from '../../shared/reconcile.js';
import { monthSentence, ruleLabel, totalSentence, wordingFor } from '../../shared/reconcileWords.js';
import { Engine } from '../../main/engine/engine.js';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E } from '../support/e2e.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { STORY_REFERENCE, STORY_SUBSCRIPTIONS } from '../support/reconcileStory.js';

const SLOW = 180_000;

const SUBSCRIPTIONS = STORY_SUBSCRIPTIONS;
const REFERENCE = STORY_REFERENCE;

const dir = tempDir('cw-e2e-reconcile-');
const referenceFile = writeFile(dir, 'stripe-mrr-per-subscriber.csv', `${REFERENCE}\n`);

const e2e = startE2E({
  prepare: async (app) => {
    const imported = await app.engine.invoke('model.import', { files: [{ path: writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } });
    assert.ok(imported.ok, JSON.stringify(imported));
  },
});

interface RunRequest {
  settings: Partial<AnalysisSettings>;
  tolerance: Tolerance;
}

/** Every reconcile.run the page sends, newest last. */
function recordRuns(page: Page): RunRequest[] {
  const sent: RunRequest[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/reconcile.run')) sent.push(request.postDataJSON() as RunRequest);
  });
  return sent;
}

async function engineAnswer(request: RunRequest): Promise<ReconcileResult> {
  const answer = await e2e.app.engine.invoke('reconcile.run', { settings: request.settings, tolerance: request.tolerance });
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer.value;
}

async function waitReady(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="reconcile-view"]')?.getAttribute('data-state') === 'ready', null, { timeout: SLOW });
}

type Trace = { x: string[]; y: number[]; customdata: [string, string][] };
async function bridge(page: Page): Promise<Trace> {
  await page.waitForFunction(() => document.querySelector('[data-testid="reconcile-bridge"] .main-svg'), null, { timeout: SLOW });
  return page.evaluate(() => {
    const plot = document.querySelector('[data-testid="reconcile-bridge"]') as HTMLElement & { data: Trace[] };
    return JSON.parse(JSON.stringify(plot.data[0])) as Trace;
  });
}

/** Clicks the middle of the bridge's i-th bar, where Plotly draws it (its own axes give the place). */
async function clickBridgeBar(page: Page, i: number) {
  await page.getByTestId('reconcile-bridge').scrollIntoViewIfNeeded();
  const point = await page.evaluate((i) => {
    type Axis = { _offset: number; d2p(value: unknown): number; l2p(value: number): number };
    const plot = document.querySelector('[data-testid="reconcile-bridge"]') as HTMLElement & { _fullLayout: { xaxis: Axis; yaxis: Axis }; data: { x: string[]; y: number[] }[] };
    const { xaxis, yaxis } = plot._fullLayout;
    const { x, y } = plot.data[0]!;
    const before = y.slice(0, i).reduce((s, v) => s + v, 0);
    const box = plot.getBoundingClientRect();
    return { x: box.left + xaxis._offset + xaxis.d2p(x[i]), y: box.top + yaxis._offset + yaxis.l2p(before + y[i]! / 2) };
  }, i);
  await page.mouse.click(point.x, point.y);
}

test('import a reference, see the bridge, drill into the unexplained customers, sign off, apply the setting', { timeout: 300_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-reconcile').click();
  await page.getByTestId('reconcile-view').waitFor();
  await page.getByTestId('reconcile-import').waitFor();

  // Import: the screen's own file input, then the mapping dialog with the engine's suggestion.
  await page.getByTestId('reference-file-input').setInputFiles(referenceFile);
  const dialog = page.getByTestId('reference-dialog');
  await dialog.waitFor();
  await page.waitForFunction(() => (document.querySelector('[data-testid="reference-field-mrr"]') as HTMLSelectElement | null)?.value === 'mrr', null, { timeout: SLOW });
  assert.equal(await page.getByTestId('reference-field-customer_id').inputValue(), 'customer_id');
  assert.equal(await page.getByTestId('reference-field-month').inputValue(), 'month');
  assert.equal(await page.getByTestId('reference-layout').inputValue(), 'customer_month');
  await page.getByTestId('reference-import').click();
  await dialog.waitFor({ state: 'detached', timeout: SLOW });
  await waitReady(page);

  const state = await e2e.app.engine.invoke('reconcile.state', {});
  assert.ok(state.ok && state.value.reference, JSON.stringify(state));
  assert.equal(state.value.reference.file.split(/[\\/]/).pop(), 'stripe-mrr-per-subscriber.csv');
  assert.equal(state.value.reference.rowsLoaded, 16);
  assert.ok((await page.getByTestId('reconcile-sha').innerText()).includes(state.value.reference.sha256));

  // What the screen shows is the engine's answer to the request it sent.
  const request = runs.at(-1)!;
  const result = await engineAnswer(request);
  assert.equal(await page.getByTestId('reconcile-sentence').innerText(), result.total.sentence);
  assert.equal(result.total.difference, 590);
  assert.equal(result.total.unexplained.amount, -10);
  assert.deepEqual(
    result.months.map((m) => [m.month, m.difference, m.explained.map((e) => `${e.rule} ${e.amount}`).join(), m.unexplained.amount]),
    [
      ['2024-01', 0, '', 0],
      ['2024-02', 0, '', 0],
      ['2024-03', 200, 'churnDate=cancellation 200', 0],
      ['2024-04', 200, 'churnDate=cancellation 200', 0],
      ['2024-05', 200, 'churnDate=cancellation 200', 0],
      ['2024-06', -10, '', -10],
    ],
  );
  for (const m of result.months) {
    const row = page.getByTestId(`reconcile-row-${m.month}`);
    assert.ok((await row.innerText()).startsWith(m.month), m.month);
  }
  assert.equal(await page.getByTestId('reconcile-rule-2024-03-churnDate=cancellation').innerText(), '200.00');

  // The bridge opens on the month with the largest difference (March), bar for bar the engine's steps.
  const march = result.months.find((m) => m.month === '2024-03')!;
  assert.equal(await page.getByTestId('reconcile-month').inputValue(), '2024-03');
  assert.deepEqual((await bridge(page)).y, bridgeSteps(march).map((s) => s.amount));
  assert.equal(await page.getByTestId('reconcile-month-sentence').innerText(), march.sentence);
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-reconcile.png') });

  // June: theirs 190, −10 unexplained, ours 180.
  await page.getByTestId('reconcile-month').selectOption('2024-06');
  const june = result.months.find((m) => m.month === '2024-06')!;
  await page.waitForFunction(() => (document.querySelector('[data-testid="reconcile-bridge"]') as HTMLElement & { data?: { y: number[] }[] })?.data?.[0]?.y.length === 3, null, { timeout: SLOW });
  const juneBridge = await bridge(page);
  assert.deepEqual(juneBridge.y, [190, -10, 180]);
  assert.deepEqual(juneBridge.y, bridgeSteps(june).map((s) => s.amount));
  assert.deepEqual(juneBridge.customdata.map((c) => c[0]), ['theirs', 'unexplained', 'ours']);

  // Clicking a bar of the bridge opens the customers behind it: March's churn-date bar, then June's unexplained one.
  await page.getByTestId('reconcile-month').selectOption('2024-03');
  await page.waitForFunction(() => (document.querySelector('[data-testid="reconcile-bridge"]') as HTMLElement & { data?: { y: number[] }[] })?.data?.[0]?.y.length === 3, null, { timeout: SLOW });
  const drill = page.getByTestId('drill-panel');
  await clickBridgeBar(page, 1);
  await drill.waitFor();
  assert.equal(await drill.locator('h3').innerText(), `Customers behind: ${result.rules.find((r) => r.id === 'churnDate=cancellation')!.label}, 2024-03`);
  await page.getByTestId('reconcile-drill-table').waitFor({ timeout: SLOW });
  assert.equal(await page.getByTestId('reconcile-drill-count').innerText(), '1 customer-month');
  assert.deepEqual((await page.getByTestId('reconcile-drill-table').locator('tbody tr').first().locator('td').allInnerTexts()).slice(0, 5), ['B', '2024-03', '200.00', '—', '200.00']);
  await drill.getByRole('button', { name: 'Close' }).click();
  await drill.waitFor({ state: 'detached' });

  await page.getByTestId('reconcile-month').selectOption('2024-06');
  await page.waitForFunction(() => (document.querySelector('[data-testid="reconcile-bridge"]') as HTMLElement & { data?: { customdata: string[][] }[] })?.data?.[0]?.customdata[1]?.[0] === 'unexplained', null, { timeout: SLOW });
  await clickBridgeBar(page, 1);
  await drill.waitFor();
  assert.equal(await drill.locator('h3').innerText(), 'Customers behind: unexplained, 2024-06');
  await page.getByTestId('reconcile-drill-table').waitFor({ timeout: SLOW });
  assert.deepEqual((await page.getByTestId('reconcile-drill-table').locator('tbody tr').first().locator('td').allInnerTexts()).slice(0, 5), ['D', '2024-06', '80.00', '90.00', '-10.00']);
  await drill.getByRole('button', { name: 'Close' }).click();
  await drill.waitFor({ state: 'detached' });

  // Drill into the unexplained customers of June from the table: D, 80 against 90, as the engine lists them.
  await page.getByTestId('reconcile-unexplained-2024-06').click();
  await drill.waitFor();
  await page.getByTestId('reconcile-drill-table').waitFor({ timeout: SLOW });
  assert.equal(await page.getByTestId('reconcile-drill-count').innerText(), '1 customer-month');
  const cells = await page.getByTestId('reconcile-drill-table').locator('tbody tr').first().locator('td').allInnerTexts();
  assert.deepEqual(cells.slice(0, 5), ['D', '2024-06', '80.00', '90.00', '-10.00']);
  const listed = await e2e.app.engine.invoke('reconcile.drill', { settings: request.settings, tolerance: request.tolerance, drill: { month: '2024-06', part: 'unexplained', offset: 0, limit: 100 } });
  assert.ok(listed.ok, JSON.stringify(listed));
  assert.deepEqual(listed.value.rows.map((r) => [r.customerId, r.ours, r.theirs]), [['D', 80, 90]]);
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-reconcile-drill.png') });
  await drill.getByRole('button', { name: 'Close' }).click();

  // Sign off: who and the note, kept in the workspace.
  await page.getByTestId('reconcile-signoff-by').fill('Dana Whitfield');
  await page.getByTestId('reconcile-signoff-note').fill('D’s June price rise is booked in July.');
  await page.getByTestId('reconcile-signoff-submit').click();
  await page.getByTestId('reconcile-signed').waitFor({ timeout: SLOW });
  const signed = await e2e.app.engine.invoke('reconcile.state', {});
  assert.ok(signed.ok && signed.value.signOff, JSON.stringify(signed));
  assert.deepEqual([signed.value.signOff.by, signed.value.signOff.note, signed.value.signOff.current], ['Dana Whitfield', 'D’s June price rise is booked in July.', true]);
  assert.equal(signed.value.signOff.referenceSha256, state.value.reference.sha256);
  assert.equal(signed.value.signOff.unexplained, -10);
  const signedText = await page.getByTestId('reconcile-signed').innerText();
  assert.ok(signedText.includes('Signed off by Dana Whitfield'), signedText);
  assert.ok(signedText.includes('D’s June price rise is booked in July.'), signedText);

  // Apply the setting that explains most of it: ours then counts B's churn at the cancellation too.
  assert.deepEqual(result.suggestion && [result.suggestion.rule, result.suggestion.amount], ['churnDate=cancellation', 600]);
  const before = runs.length;
  await page.getByTestId('reconcile-apply').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid="reconcile-view"]')?.getAttribute('data-state') === 'ready' && n, before, { timeout: SLOW });
  await page.waitForFunction(() => document.querySelector('[data-testid="reconcile-row-2024-03"]')?.textContent?.includes('230.00230.00'), null, { timeout: SLOW });
  const applied = runs.at(-1)!;
  assert.equal(applied.settings.methodology?.churnDate, 'cancellation');
  const after = await engineAnswer(applied);
  assert.equal(after.total.difference, -10);
  assert.equal(await page.getByTestId('reconcile-sentence').innerText(), after.total.sentence);

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), [], 'the page requests nothing but the loopback host');
  await context.close();
});

test('a run shows its progress and can be cancelled; run again, it answers', { timeout: 300_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  // The first run's request is held until Cancel is pressed: the engine then starts it already cancelled.
  let release: () => void = () => undefined;
  const cancelPressed = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  await page.route('**/api/reconcile.run', async (route) => {
    if (held++ === 0) await cancelPressed;
    await route.continue();
  });
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-reconcile').click();
  await page.getByTestId('reconcile-progress').waitFor();
  assert.equal(await page.getByTestId('reconcile-view').getAttribute('data-state'), 'loading');
  const cancelled = page.waitForRequest((request) => request.url().includes('/api/jobs.cancel'));
  await page.getByTestId('reconcile-cancel').click();
  await cancelled;
  release();
  await page.getByTestId('reconcile-cancelled').waitFor();
  assert.equal(await page.getByTestId('reconcile-view').getAttribute('data-state'), 'cancelled');
  assert.equal(await page.getByTestId('reconcile-summary').count(), 0, 'a cancelled run shows no figures');

  await page.getByTestId('reconcile-run-again').click();
  await waitReady(page);
  assert.equal(held, 2);
  await page.getByTestId('reconcile-summary').waitFor();
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

test('another workspace brings its own saved tolerance: the one in use is not run, nor saved, over it', { timeout: 300_000 }, async () => {
  // Workspace B: the same story, reconciled with a tolerance of 15 (June's −10 is then agreement).
  const other = path.join(tempDir('cw-e2e-reconcile-b-'), 'client-b.duckdb');
  const engine = await Engine.open(other);
  assert.ok((await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'subscriptions-b.csv', SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } })).ok);
  assert.ok((await engine.invoke('reconcile.importReference', { file: { path: referenceFile } })).ok);
  assert.ok((await engine.invoke('reconcile.run', { settings: {}, tolerance: { absolute: 15, relative: 0 } })).ok);
  engine.close();

  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-reconcile').click();
  await waitReady(page);
  await page.getByTestId('reconcile-tolerance-absolute').fill('0.5');
  const applied = page.waitForRequest((request) => request.url().includes('/api/reconcile.run') && (request.postDataJSON() as RunRequest).tolerance.absolute === 0.5);
  await page.getByTestId('reconcile-tolerance-apply').click();
  await applied;
  await page.waitForFunction(() => !!document.querySelector('[data-testid="reconcile-row-2024-06"]')?.textContent?.endsWith('no'), null, { timeout: SLOW });
  await waitReady(page);

  // Open B (browser mode asks for its path).
  page.once('dialog', (dialog) => void dialog.accept(other));
  await page.getByRole('button', { name: 'Open…', exact: true }).click();
  await page.waitForFunction(() => (document.querySelector('[data-testid="reconcile-tolerance-absolute"]') as HTMLInputElement | null)?.value === '15', null, { timeout: SLOW });
  await page.waitForFunction(() => !!document.querySelector('[data-testid="reconcile-row-2024-06"]')?.textContent?.endsWith('yes'), null, { timeout: SLOW });
  await waitReady(page);
  assert.deepEqual(runs.at(-1)!.tolerance, { absolute: 15, relative: 0 }, 'B is run with its own tolerance');
  const state = await e2e.app.engine.invoke('reconcile.state', {});
  assert.ok(state.ok);
  assert.deepEqual(state.value.tolerance, { absolute: 15, relative: 0 }, 'and keeps it');
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});

test('in Chinese: the sentences and the settings’ labels are the engine’s numbers in Chinese words', { timeout: 300_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('language').selectOption('zh-CN');
  await page.getByTestId('nav-reconcile').click();
  await waitReady(page);
  const result = await engineAnswer(runs.at(-1)!);
  const zh = wordingFor('zh-CN');
  const sentence = totalSentence(result.total, result.months.length, result.rules, result.reportingCurrency, zh);
  assert.ok(/[\u4e00-\u9fff]/.test(sentence) && !sentence.includes('unexplained'), sentence);
  assert.equal(await page.getByTestId('reconcile-sentence').innerText(), sentence);
  const month = result.months.find((m) => m.month === (result.months.reduce((a, b) => (Math.abs(b.difference) > Math.abs(a.difference) ? b : a)).month))!;
  assert.equal(await page.getByTestId('reconcile-month-sentence').innerText(), monthSentence(month, result.rules, result.reportingCurrency, zh));
  const rule = result.rules.find((r) => r.id === 'churnDate=cancellation')!;
  assert.ok((await bridge(page)).x.includes(ruleLabel(rule, zh)), 'the bridge names the setting in Chinese');
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-reconcile-zh-CN.png') });
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
