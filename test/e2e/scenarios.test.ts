// End to end in Debian's Chromium against browser mode: the Scenarios screen
// on the sample data. A scenario is typed into the form (a churn lever, Monte
// Carlo, goal seek) and run: the chart draws history, baseline, the scenario
// and its band; the comparison's total and the goal-seek answer are what the
// engine answers to the very request the screen sent; Save puts it in the
// workspace and the list shows it after the screen is opened again, with the
// form and the last run as they were left; the
// workbook downloads and holds the lever as an input; Delete removes it. No
// console errors, no request off the machine; test-results/scenarios.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { SavedScenario, ScenarioRunResult } from '../../shared/scenarios.js';
import { A, segmentRow, sheetNames } from '../../main/scenarios/xlsxLayout.js';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E } from '../support/e2e.js';

const NAME = 'Cut churn 20%';


const e2e = startE2E();

async function engine<T>(method: string, request: unknown): Promise<T> {
  const result = await e2e.app.engine.invokeUnknown(method, request);
  assert.ok(result.ok, JSON.stringify(result));
  return result.value as T;
}

/** YYYY-MM, `months` after the YYYY-MM given. */
function monthsAfter(month: string, months: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + m - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The number in a formatted amount ("$1,234.50" → 1234.5, "-$5.00" → -5). */
const shownAmount = (text: string) => Number(text.replace(/[−–]/g, '-').replace(/[^0-9.-]/g, ''));

test('the Scenarios screen: run with levers, Monte Carlo and goal seek as the engine answers; save, reopen, download the workbook, delete', { timeout: 600_000 }, async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1500, height: 1100 }, acceptDownloads: true });
  page.setDefaultTimeout(180_000);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByRole('button', { name: 'Open sample data' }).click();
  await page.getByTestId('row-count').waitFor();
  await page.getByTestId('nav-scenarios').click();
  await page.getByTestId('scenarios').waitFor();

  // A target the goal seek can reach: 10% above today's ARR, 24 months on (the inputs, not an expected result).
  const probe = await engine<ScenarioRunResult>('scenarios.run', { settings: {}, scenarios: [{ name: 'probe' }] });
  const asOf = probe.settings.as_of;
  const arrNow = probe.scenarios[0]!.baseline.history.at(-1)!.arr;
  assert.ok(arrNow > 0);
  const target = Math.round(arrNow * 1.1);
  const by = monthsAfter(asOf, 24);

  await page.getByTestId('scenario-name').fill(NAME);
  await page.getByTestId('lever-All-churnPercent').fill('-20');
  await page.getByTestId('scenario-mc-runs').fill('200');
  await page.getByTestId('scenario-goal').check();
  await page.getByTestId('scenario-goal-target').fill(String(target));
  await page.getByTestId('scenario-goal-by').fill(by);

  const asked = page.waitForRequest((request) => request.url().includes('/api/scenarios.run'));
  await page.getByTestId('scenario-run').click();
  const request = (await asked).postDataJSON() as { settings: object; scenarios: unknown[]; jobId?: string };
  assert.equal(request.scenarios.length, 1);
  const chart = page.getByTestId('scenario-projection');
  await chart.locator('.main-svg').first().waitFor();
  await page.getByTestId('scenario-goal-seek').waitFor();

  // The engine's answer to the same request.
  const { jobId: _job, ...same } = request;
  const expected = (await engine<ScenarioRunResult>('scenarios.run', same)).scenarios[0]!;
  assert.deepEqual(expected.scenario.levers, { All: { churnPercent: -20 } });
  assert.equal(expected.monte_carlo?.runs, 200);

  for (const name of ['History', 'Baseline', NAME, `${NAME} P10–P90`]) {
    assert.equal(await chart.locator('text.legendtext', { hasText: name }).count() > 0, true, `the legend names ${name}`);
  }
  const total = page.getByTestId('scenario-comparison').locator('tbody tr').first();
  const cells = await total.locator('td').allInnerTexts();
  assert.equal(cells[0], NAME);
  assert.equal(cells[1], 'Total');
  // Columns: scenario, segment, ARR baseline, ARR scenario, ARR difference, … — money to the cent.
  const cents = (v: number) => Math.round(v * 100) / 100;
  assert.equal(shownAmount(cells[2]!), cents(expected.comparison.arr_at_horizon_baseline));
  assert.equal(shownAmount(cells[3]!), cents(expected.comparison.arr_at_horizon_scenario));
  assert.equal(shownAmount(cells[4]!), cents(expected.comparison.arr_at_horizon_difference));
  assert.ok(expected.comparison.arr_at_horizon_difference > 0, 'less churn, more ARR');
  // Month by month: month 0 is the as-of month, then every month of the horizon, MRR to the cent.
  const months = page.getByTestId('scenario-projection-table').locator('tbody tr');
  assert.equal(await months.count(), expected.projection.total.length);
  const last = await months.last().locator('td').allInnerTexts();
  const lastExpected = expected.projection.total.at(-1)!;
  assert.equal(last[0], lastExpected.date);
  assert.equal(lastExpected.date, monthsAfter(asOf, 24));
  assert.equal(shownAmount(last[2]!), cents(lastExpected.mrr));
  assert.equal(shownAmount(last[4]!), cents(expected.baseline_projection.total.at(-1)!.mrr));
  assert.ok(expected.goal_seek);
  // The answer in words, from the engine's figures: the target is reachable by a churn cut.
  const goal = expected.goal_seek;
  assert.equal(goal.reachable, true);
  const usd = (v: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(v);
  const pct = (v: number) => new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v);
  assert.equal(
    (await page.locator('.scn-goal-message').innerText()).trim(),
    `ARR of ${usd(target)} by ${by} takes monthly churn ${goal.churn_change_points! <= 0 ? 'down' : 'up'} ${Math.abs(goal.churn_change_points!).toFixed(3)} points on every segment, a pooled ${pct(goal.churn_rate!)} a month, on top of the scenario.`,
  );
  await page.screenshot({ path: path.join(ARTEFACTS, 'scenarios.png'), fullPage: true });

  // Save: in the workspace, and listed again when the screen is opened anew.
  await page.getByTestId('scenario-save').click();
  const list = page.getByTestId('scenario-list');
  await list.getByRole('button', { name: NAME, exact: true }).waitFor();
  const saved = await engine<SavedScenario[]>('scenarios.list', {});
  assert.deepEqual(saved.map((s) => [s.name, s.scenario.levers]), [[NAME, { All: { churnPercent: -20 } }]]);
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('nav-scenarios').click();
  await list.getByRole('button', { name: NAME, exact: true }).waitFor();
  // The form and the last run are as they were left.
  assert.equal(await page.getByTestId('scenario-name').inputValue(), NAME);
  await chart.locator('.main-svg').first().waitFor();

  // The workbook: a real download whose Assumptions sheet holds the lever as an input.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scenario-xlsx').click()]);
  assert.equal(download.suggestedFilename(), 'Cut-churn-20.xlsx');
  const file = path.join(ARTEFACTS, 'scenarios-download.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const names = sheetNames(0);
  for (const sheet of [names.assumptions, names.projection, names.baseline, names.comparison]) assert.ok(workbook.getWorksheet(sheet), `sheet ${sheet}`);
  assert.equal(workbook.getWorksheet(names.assumptions)!.getCell(segmentRow(0), A.churnPercent).value, -20);

  // Delete.
  await list.getByTitle(`Delete “${NAME}”`).click();
  await list.getByRole('button', { name: NAME, exact: true }).waitFor({ state: 'detached' });
  assert.deepEqual(await engine<SavedScenario[]>('scenarios.list', {}), []);

  const foreign = offMachine(watched.requests, e2e.app.host.port);
  assert.deepEqual(foreign, []);
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();
});
