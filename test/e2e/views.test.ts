// End to end in Debian's Chromium against browser mode: the analysis views on
// the sample data. Each view renders without console errors or requests off
// the machine (a screenshot of each is kept in test-results/); a cohort cell
// drills down to exactly the customers the engine lists for it; a filter
// changes the overview to what `analyze --json` gives for the same settings;
// and switching to Chinese shows the Chinese navigation and headings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import type { Page } from 'playwright-core';
import type { AnalysisResult } from '../../shared/analysis.js';
import type { AnalysisSettings, Drill } from '../../shared/metrics.js';
import zhCommon from '../../renderer/i18n/zh-CN/common.js';
import zhCohorts from '../../renderer/i18n/zh-CN/cohorts.js';
import enCohorts from '../../renderer/i18n/en/cohorts.js';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E } from '../support/e2e.js';
import { ROOT } from '../support/app.js';

const run = promisify(execFile);

/** The analysis screens in the order of the navigation (renderer/views/registry.ts). */
const VIEWS = ['overview', 'revenue', 'customers', 'cohorts', 'survival', 'segments', 'methodology', 'customer', 'scenarios', 'reconcile', 'report'] as const;
type View = (typeof VIEWS)[number];

/** An analysis can take a few seconds on the sample; a cold Chromium more. */
const SLOW = 120_000;

const e2e = startE2E();

async function newPage(options: { colorScheme?: 'light' | 'dark' } = {}) {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 }, ...options });
  page.setDefaultTimeout(SLOW);
  return page;
}

/** Tests after the first find the sample already loaded; run on their own, they load it here. */
async function ensureSample() {
  const tables = await e2e.app.engine.invoke('tables.list', {});
  assert.ok(tables.ok, JSON.stringify(tables));
  if (tables.value.some((t) => t.name === 'subscriptions')) return;
  const opened = await e2e.app.engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
}

interface Run {
  settings: Partial<AnalysisSettings>;
  result: AnalysisResult;
}

/** Every finished analysis the page asked for (POST /api/analysis.run), newest last. */
function recordRuns(page: Page): Run[] {
  const runs: Run[] = [];
  page.on('response', (response) => {
    if (!response.url().includes('/api/analysis.run')) return;
    const settings = (response.request().postDataJSON() as { settings: Partial<AnalysisSettings> }).settings;
    void response
      .json()
      .then((body: { ok: boolean; value?: AnalysisResult }) => {
        if (body.ok && body.value) runs.push({ settings, result: body.value });
      })
      .catch(() => {});
  });
  return runs;
}

/** The newest analysis the page received (its body is read a moment after the response). */
async function latestRun(runs: Run[]): Promise<Run> {
  for (let waited = 0; runs.length === 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  const latest = runs.at(-1);
  assert.ok(latest, 'the page ran the analysis');
  return latest;
}

async function runWhere(runs: Run[], wanted: (run: Run) => boolean): Promise<Run> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const found = [...runs].reverse().find(wanted);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail('the page ran the analysis it needs');
}

/** Opens a view from the navigation and waits until it shows its content, not the loading state. */
async function openView(page: Page, view: View) {
  await page.getByTestId(`nav-${view}`).click();
  await page.getByTestId(`view-${view}`).waitFor();
  await page.waitForFunction(
    (view) => {
      const screen = document.querySelector(`[data-testid="view-${view}"]`);
      if (!screen || screen.querySelector('[data-testid="analysis-loading"]')) return false;
      const content = [...screen.children].filter((child) => !child.matches('[data-testid="controls"], .error, .empty'));
      if (!content.some((child) => (child.textContent ?? '').trim() !== '')) return false;
      // Charts drawn, and nothing inside still computing.
      if (![...screen.querySelectorAll('.plot')].every((plot) => plot.querySelector('.main-svg'))) return false;
      return ![...screen.querySelectorAll('*')].some((e) => e.children.length === 0 && /^(Computing…|计算中…)$/.test((e.textContent ?? '').trim()));
    },
    view,
    { timeout: SLOW },
  );
}

/** The text of the view without the shared controls. */
function viewText(page: Page, view: View): Promise<string> {
  return page.evaluate((view) => {
    const screen = document.querySelector(`[data-testid="view-${view}"]`);
    return [...(screen?.children ?? [])]
      .filter((child) => !child.matches('[data-testid="controls"]'))
      .map((child) => (child as HTMLElement).innerText)
      .join('\n');
  }, view);
}

function foreignRequests(requests: string[]): string[] {
  return offMachine(requests, e2e.app.host.port);
}

test('the navigation lists exactly the analysis views of the registry', () => {
  const registry = fs.readFileSync(path.join(ROOT, 'renderer/views/registry.ts'), 'utf8');
  const listed = /ANALYSIS_VIEWS = \[([^\]]*)\]/.exec(registry)?.[1]?.match(/'([a-z-]+)'/g)?.map((s) => s.slice(1, -1));
  assert.deepEqual(listed, [...VIEWS]);
});

test('each analysis view renders with the sample data, without console errors or requests off the machine', async () => {
  const page = await newPage();
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByRole('button', { name: 'Open sample data' }).click();
  await page.getByTestId('row-count').waitFor();

  for (const view of VIEWS) {
    await openView(page, view);
    const screen = page.getByTestId(`view-${view}`);
    assert.equal(await screen.getByRole('alert').count(), 0, `${view} shows an error: ${await viewText(page, view)}`);
    assert.equal(await screen.locator('.empty').count(), 0, `${view} says there is no data`);
    await page.screenshot({ path: path.join(ARTEFACTS, `view-${view}.png`) });
  }

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched.requests), [], 'the page requests nothing but the loopback host');
  await page.close();
});

test('the cohorts screen renders in dark mode too', async () => {
  await ensureSample();
  const page = await newPage({ colorScheme: 'dark' });
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await openView(page, 'cohorts');
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-cohorts-dark.png') });
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();
});

test('clicking a churn-reason bar lists the customers who churned for that reason, as many as the bar counts', async () => {
  await ensureSample();
  const page = await newPage();
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await openView(page, 'customers');
  const bar = page.locator('[data-testid="chart-reasons-customers"] .bars .point path').first();
  await bar.waitFor();
  const shown = await latestRun(runs);
  assert.ok(shown.result.churn_reasons.length > 0, 'the sample records churn reasons');

  await bar.scrollIntoViewIfNeeded();
  const box = (await bar.boundingBox())!;
  const asked = page.waitForRequest((request) => request.url().includes('/api/analysis.customers'));
  // Near the bar's start: Plotly's toolbar floats over the top right of the plot.
  await page.mouse.click(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
  const request = (await asked).postDataJSON() as { settings: Partial<AnalysisSettings>; drill: Drill };
  assert.equal(request.drill.kind, 'churn_reason');
  const { reason, churnType } = request.drill as Extract<Drill, { kind: 'churn_reason' }>;
  const row = shown.result.churn_reasons.find((r) => r.reason === reason && r.churn_type === churnType);
  assert.ok(row, `the clicked bar is a row of the reasons table: ${reason} (${churnType})`);

  const panel = page.getByTestId('drill-panel');
  await panel.getByTestId('drill-count').waitFor();
  assert.equal(await panel.getByTestId('drill-count').innerText(), String(row.customers));
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched.requests), []);
  await page.close();
});

test('clicking a cohort heatmap cell lists exactly the customers the engine reports for it', async () => {
  await ensureSample();
  const page = await newPage();
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await openView(page, 'cohorts');
  await page.waitForFunction(() => !!document.querySelector('[data-testid="cohort-heatmap"] .main-svg'));
  // Each screen asks for its own families: wait for the run that carries the cohorts, not the first screen's.
  const shown = await runWhere(runs, (run) => (run.result.cohorts?.logo.length ?? 0) > 2);
  const { cohorts } = shown.result;
  const row = cohorts.logo[2]!;
  const k = 3;
  assert.ok(row.active.length > k, `cohort ${row.cohort} has reached k = ${k}`);

  // The cell's centre on screen, from the heatmap's own axes (y: cohorts, x: k).
  const point = await page.evaluate(
    ({ cohort, k }) => {
      type Axis = { _offset: number; d2p(value: unknown): number };
      const plot = document.querySelector('[data-testid="cohort-heatmap"]') as HTMLElement & { _fullLayout: { xaxis: Axis; yaxis: Axis } };
      const { xaxis, yaxis } = plot._fullLayout;
      const box = plot.getBoundingClientRect();
      return { x: box.left + xaxis._offset + xaxis.d2p(k), y: box.top + yaxis._offset + yaxis.d2p(cohort) };
    },
    { cohort: row.cohort, k },
  );
  const asked = page.waitForRequest((request) => request.url().includes('/api/analysis.customers'));
  await page.mouse.click(point.x, point.y);
  const request = (await asked).postDataJSON() as { settings: Partial<AnalysisSettings>; drill: Drill };
  const drill: Drill = { kind: 'cohort', cohortPeriod: cohorts.period, cohort: row.cohort, k };
  assert.deepEqual(request.drill, drill, 'the drill names the clicked cell');
  assert.deepEqual(request.settings, shown.settings, 'the drill uses the settings of the analysis shown');

  const panel = page.getByTestId('drill-panel');
  await panel.getByTestId('drill-count').waitFor();
  const table = await panel.evaluate((element) => ({
    heads: [...element.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim()),
    rows: [...element.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())),
  }));

  const answer = await e2e.app.engine.invoke('analysis.customers', { settings: request.settings, drill });
  assert.ok(answer.ok, JSON.stringify(answer));
  const expected = tableFromIPC(answer.value)
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);
  assert.equal(expected.length, row.size, 'the engine lists every member of the cohort');
  assert.equal(expected.filter((r) => r.active === true).length, row.active[k], `and ${row.active[k]} of them active at k = ${k}, as the cell says`);

  assert.equal(await panel.getByTestId('drill-count').innerText(), String(expected.length));
  assert.deepEqual(table.heads, Object.keys(expected[0]!));
  const column = (name: string) => table.heads.indexOf(name);
  assert.deepEqual(
    table.rows.map((cells) => [cells[column('segment')], cells[column('customer_id')], cells[column('active')]]),
    expected.map((r) => [String(r.segment), String(r.customer_id), String(r.active)]),
    'the panel lists exactly the engine’s customers, in its order',
  );
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-cohorts-drill.png') });

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched.requests), []);
  await page.close();
});

test('switching to Chinese shows the Chinese navigation and cohorts headings', async () => {
  await ensureSample();
  const page = await newPage();
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await openView(page, 'cohorts');
  const screen = page.getByTestId('view-cohorts');
  assert.equal(await screen.getByRole('heading', { level: 2 }).innerText(), enCohorts.title);

  await page.getByTestId('language').selectOption('zh-CN');
  await screen.getByRole('heading', { level: 2, name: zhCohorts.title }).waitFor();
  for (const view of VIEWS) assert.equal(await page.getByTestId(`nav-${view}`).innerText(), zhCommon.nav[view]);
  assert.equal(await screen.getByRole('heading', { level: 2 }).innerText(), zhCohorts.title);
  assert.match(await screen.locator('#cohort-heatmap-title').innerText(), new RegExp(`^${zhCohorts.heatmap.title}`));
  assert.match(await screen.locator('#cohort-curves-title').innerText(), new RegExp(`^${zhCohorts.curves.title}`));
  assert.equal(await screen.locator('#cohort-table-title').innerText(), zhCohorts.table.title);
  assert.equal(await screen.getByTestId('cohort-measure-revenue').innerText(), zhCohorts.toggles.revenue);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.waitForFunction(() => !!document.querySelector('[data-testid="cohort-heatmap"] .main-svg'));
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-cohorts-zh-CN.png') });

  await page.getByTestId('language').selectOption('en');
  await screen.getByRole('heading', { level: 2, name: enCohorts.title }).waitFor();
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();
});

test('a filter changes the overview to what `analyze --json` gives for the same settings', async () => {
  await ensureSample();
  const page = await newPage();
  const watched = watchPage(page);
  const runs = recordRuns(page);
  await page.goto(e2e.app.host.url);
  await openView(page, 'overview');
  const before = await latestRun(runs);
  assert.deepEqual(before.result.settings.filters, []);
  const textBefore = await viewText(page, 'overview');

  const isUsRun = (settings: Partial<AnalysisSettings> | undefined) =>
    JSON.stringify(settings?.filters) === JSON.stringify([{ attribute: 'country', op: 'eq', values: ['US'] }]);
  const filtered = page.waitForResponse((response) => {
    if (!response.url().includes('/api/analysis.run')) return false;
    return isUsRun((response.request().postDataJSON() as { settings?: Partial<AnalysisSettings> }).settings);
  });
  await page.getByTestId('filter-attribute').fill('country');
  await page.getByTestId('filter-value').fill('US');
  await page.getByTestId('filter-add').click();
  const response = await filtered;
  const body = (await response.json()) as { ok: boolean; value: AnalysisResult };
  assert.ok(body.ok, JSON.stringify(body).slice(0, 500));
  const shown = body.value;
  assert.equal(await page.getByTestId('filter-chip').innerText().then((t) => t.replace(/\s*×$/, '')), 'country = US');
  await openView(page, 'overview');

  // The numbers changed…
  assert.notDeepEqual(shown.headline, before.result.headline, 'the filter changes the headline');
  assert.notDeepEqual(shown.periods.at(-1), before.result.periods.at(-1), 'and the latest period');
  // …and, once the Overview shows numbers, so does its text: where it showed the latest
  // period's paying customers, it now shows the filtered count.
  const customers = (result: AnalysisResult) => result.periods.at(-1)!.customers_end.toLocaleString('en-US');
  if (textBefore.includes(customers(before.result))) {
    await page.waitForFunction(
      ({ expected }) => (document.querySelector('[data-testid="view-overview"]') as HTMLElement | null)?.innerText.includes(expected) ?? false,
      { expected: customers(shown) },
      { timeout: SLOW },
    );
  }
  if (/\d/.test(textBefore)) {
    await page.waitForFunction(
      ({ textBefore }) => {
        const screen = document.querySelector('[data-testid="view-overview"]');
        const text = [...(screen?.children ?? [])]
          .filter((child) => !child.matches('[data-testid="controls"]'))
          .map((child) => (child as HTMLElement).innerText)
          .join('\n');
        return text !== textBefore;
      },
      { textBefore },
      { timeout: SLOW },
    );
  }
  await page.screenshot({ path: path.join(ARTEFACTS, 'view-overview-filtered.png') });

  // The CLI with the same settings gives the same numbers, exactly.
  const { stdout } = await run(
    process.execPath,
    [
      path.join(ROOT, 'bin/churn-workbench.js'),
      'analyze',
      path.join(ROOT, 'assets/sample/subscriptions.csv'),
      path.join(ROOT, 'assets/sample/customers.csv'),
      '--rate',
      'EUR=1.08',
      '--rate',
      'GBP=1.27',
      '--filter',
      'country=US',
      '--json',
      '-',
    ],
    { cwd: ROOT, maxBuffer: 512 * 1024 * 1024 },
  );
  const cli = JSON.parse(stdout) as AnalysisResult;
  assert.deepEqual(shown.settings, cli.settings, 'the page and the CLI used the same settings');
  assert.deepEqual(shown.headline, cli.headline);
  assert.deepEqual(shown.periods, cli.periods);

  // Leave the workspace's controls as they were.
  const cleared = page.waitForResponse((response) => {
    if (!response.url().includes('/api/analysis.run')) return false;
    return ((response.request().postDataJSON() as { settings?: Partial<AnalysisSettings> }).settings?.filters ?? []).length === 0;
  });
  await page.getByTestId('filter-chip').getByRole('button', { name: 'remove' }).click();
  await cleared;

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(foreignRequests(watched.requests), []);
  await page.close();
});
