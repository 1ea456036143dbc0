// The SQL console end to end in Debian's Chromium against browser mode: type a
// query with a completion, run it, page to the last of a million rows, chart
// it, save it, reopen the workspace and the saved query, see an error marked,
// and open a metric's SQL in the console. No console errors, no request off
// the loopback host; every wait is for state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E } from '../support/e2e.js';
import { tempDir } from '../support/fixtures.js';

const workspace = path.join(tempDir('cw-e2e-console-'), 'ws.duckdb');
const e2e = startE2E({
  workspace,
  prepare: async (app) => assert.ok((await app.engine.invoke('sample.open', {})).ok),
});

/** Text of the cells of the grid row with this 1-based number, once loaded. */
async function rowCells(page: Page, rowNumber: number): Promise<string[]> {
  await page.waitForFunction((n) => {
    const row = document.querySelector(`.console-result .grid-row[data-row="${n}"]`);
    return !!row && !row.querySelector('.loading') && row.querySelectorAll('[role="gridcell"]').length > 0;
  }, rowNumber);
  return page.locator(`.console-result .grid-row[data-row="${rowNumber}"] [role="gridcell"]`).allInnerTexts();
}

/** The machine is shared: waits are for state, with room for a slow moment. */
const WAIT_MS = 120_000;

async function openConsole(page: Page) {
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-console').click();
  await page.getByTestId('sql-editor').waitFor();
  // Completions come from the workspace's tables: typed before the editor has them, nothing would offer them.
  await page.locator('.sql-editor[data-schema="ready"]').waitFor();
}

test('a million-row query typed with a completion: run, page to the end, chart, save, reopen', async () => {
  const [{ n: customers }] = (await e2e.app.engine.database.rows('SELECT count(*) AS n FROM churn.customers')) as [{ n: number }];
  const copies = Math.ceil(1_000_000 / Number(customers));
  const tail = ` c, range(${copies}) r ORDER BY k, c.customer_id LIMIT 1000000`;
  const sql = `SELECT c.customer_id, r.range AS k FROM churn.customers${tail}`;

  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const watched = watchPage(page);
  await openConsole(page);

  // Type up to the table's name and take it from the completions.
  const editor = page.getByTestId('sql-editor');
  await editor.click();
  await page.keyboard.type('SELECT c.customer_id, r.range AS k FROM churn.custo');
  const option = page.locator('.cm-tooltip-autocomplete .cm-completionLabel').getByText('customers', { exact: true });
  await option.first().waitFor();
  await option.first().click();
  await page.keyboard.type(tail);
  assert.equal(await editor.innerText(), sql);

  // Run it with the keyboard; a million rows, paged from DuckDB.
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('result-rows').getByText('1,000,000 rows').waitFor();
  const grid = page.locator('.console-result [data-testid="grid"]');
  assert.deepEqual(await rowCells(page, 1), await expectedRow(sql, 0));
  await grid.press('End');
  assert.deepEqual(await rowCells(page, 1_000_000), await expectedRow(sql, 999_999));

  // A chart of the result, from the engine's aggregate.
  await page.getByTestId('chart-toggle').click();
  await page.getByTestId('chart-kind').selectOption('line');
  await page.locator('[data-testid="console-plot"] .main-svg').first().waitFor();

  // Saved in the workspace.
  await page.getByTestId('save-name').fill('A million rows');
  await page.getByTestId('console-save').click();
  await page.getByTestId('saved-list').getByText('A million rows').waitFor();
  await page.screenshot({ path: path.join(ARTEFACTS, 'console-million.png') });
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();

  // Reopen the workspace: the saved query comes back, and runs again.
  assert.ok((await e2e.app.engine.invoke('workspace.open', { path: workspace })).ok);
  const again = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const watchedAgain = watchPage(again);
  await openConsole(again);
  await again.getByTestId('saved-list').getByText('A million rows').click();
  await again.getByRole('tab', { name: 'A million rows' }).waitFor();
  assert.equal(await again.getByTestId('sql-editor').innerText(), sql);
  await again.getByTestId('console-run').click();
  await again.getByTestId('result-rows').getByText('1,000,000 rows').waitFor();
  await again.getByTestId('library-history').click();
  await again.getByTestId('history-list').getByText(sql).first().waitFor();
  assert.deepEqual(watchedAgain.consoleErrors, []);
  const foreign = offMachine([...watched.requests, ...watchedAgain.requests], e2e.app.host.port);
  assert.deepEqual(foreign, [], 'the page requests nothing but the loopback host');
  await again.close();
});

async function expectedRow(sql: string, offset: number): Promise<string[]> {
  const [row] = await e2e.app.engine.database.rows(`SELECT * FROM (${sql}) OFFSET ${offset} LIMIT 1`);
  return [String(row!.customer_id), Number(row!.k).toLocaleString('en-US')];
}

test('an error is marked where DuckDB says, a refused write says why, a runaway query is cancelled, a result is downloaded', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const watched = watchPage(page);
  await openConsole(page);
  await page.getByTestId('sql-editor').click();
  await page.keyboard.type('SELECT customer_id,\n  nope\nFROM churn.customers');
  await page.getByTestId('console-run-all').click();
  await page.getByTestId('console-error').getByText(/Referenced column "nope" not found/).waitFor();
  assert.equal(await page.locator('.cm-sql-error').innerText(), 'nope');

  await page.getByTestId('console-new-tab').click();
  await page.getByTestId('sql-editor').click();
  await page.keyboard.type('DROP TABLE churn.customers');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('console-error').getByText(/cannot change the churn schema/).waitFor();
  assert.ok(Number((await e2e.app.engine.database.rows('SELECT count(*) AS n FROM churn.customers'))[0]!.n) > 0);

  // A runaway query is cancelled from the toolbar.
  await page.getByTestId('console-new-tab').click();
  await page.getByTestId('sql-editor').click();
  await page.keyboard.type('SELECT sum(a.range * b.range) FROM range(300000) a, range(300000) b');
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('console-cancel').click();
  await page.getByTestId('console-error').getByText(/Cancelled/).waitFor();

  // A small result downloaded as CSV: the file is the result.
  await page.getByTestId('console-new-tab').click();
  await page.getByTestId('sql-editor').click();
  await page.keyboard.type("SELECT range AS n, '=1+' || range AS formula FROM range(3)");
  await page.keyboard.press('Control+Enter');
  await page.getByTestId('result-rows').getByText('3 rows').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const file = await download.path();
  assert.equal(fs.readFileSync(file, 'utf8'), "n,formula\n0,'=1+0\n1,'=1+1\n2,'=1+2\n");
  assert.deepEqual(watched.consoleErrors.filter((e) => !/status of 4\d\d/.test(e)), []);
  await page.close();
});

test('"Open in console" puts a metric\'s SQL in a new tab, ready to run', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const watched = watchPage(page);
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-overview').click();
  await page.getByTestId('sql-periods').first().click();
  await page.getByTestId('open-in-console').click();
  await page.getByRole('tab', { name: 'Metric SQL' }).waitFor();
  const { sql } = await e2e.app.engine.invoke('analysis.sql', { query: 'periods', settings: {} }).then((r) => (r.ok ? r.value : { sql: '' }));
  // The editor draws only the lines in view: they are the statement's first lines.
  const shown = (await page.getByTestId('sql-editor').innerText()).replace(/\s+/g, ' ').trim();
  assert.ok(shown.length > 100 && sql.replace(/\s+/g, ' ').startsWith(shown.slice(0, 1000)), shown.slice(0, 200));
  await page.getByTestId('console-run-all').click();
  await page.getByTestId('result-rows').waitFor();
  const direct = await e2e.app.engine.invoke('console.run', { tabId: 'direct', sql });
  assert.ok(direct.ok && direct.value.result);
  const rows = direct.value.result.rowCount;
  assert.equal(await page.getByTestId('result-rows').innerText(), `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`);
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();
});
