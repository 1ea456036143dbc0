// End to end in Debian's Chromium against browser mode: open the sample, see
// the grid, scroll to the last row; then the same on ten million rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E, PAGE_WAIT_MS } from '../support/e2e.js';


const e2e = startE2E();

async function lastVisibleRowNumber(page: Page): Promise<number> {
  return page.evaluate(() => {
    const grid = document.querySelector('[data-testid="grid"]')!.getBoundingClientRect();
    const rows = [...document.querySelectorAll<HTMLElement>('.grid-row')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.bottom <= grid.bottom + 1 && box.top >= grid.top;
    });
    return Math.max(...rows.map((row) => Number(row.dataset.row)));
  });
}

/** Text of the cells of the grid row with this 1-based number, once loaded. */
async function rowCells(page: Page, rowNumber: number): Promise<string[]> {
  // Wait for the row to be rendered *and* loaded: right after a key press or a scroll the row
  // may not exist yet, and a missing row has no loading cell either.
  await page.waitForFunction((n) => {
    const row = document.querySelector(`.grid-row[data-row="${n}"]`);
    return !!row && !row.querySelector('.loading') && row.querySelectorAll('[role="gridcell"]').length > 0;
  }, rowNumber);
  return page.locator(`.grid-row[data-row="${rowNumber}"] [role="gridcell"]`).allInnerTexts();
}

test('opens the sample data, shows it in the grid, and scrolls to its last row', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByRole('button', { name: 'Open sample data' }).click();
  await page.getByTestId('row-count').waitFor();

  const info = await e2e.app.engine.invoke('tables.list', {});
  assert.ok(info.ok);
  const shown = info.value.find((t) => t.name === 'customers')!;
  assert.ok(shown, 'the sample creates a customers table');
  assert.equal(await page.getByTestId('row-count').innerText(), `${shown.rowCount.toLocaleString('en-US')} rows`);
  const headers = await page.locator('[role="columnheader"] .grid-column-name').allInnerTexts();
  assert.deepEqual(headers, shown.columns.map((c) => c.name));

  // The first row equals the table's first row in DuckDB.
  const [first] = await e2e.app.engine.database.rows('SELECT * FROM customers ORDER BY rowid LIMIT 1');
  const firstCells = await rowCells(page, 1);
  assert.equal(firstCells[0], String(first!.customer_id));

  await page.getByTestId('grid').press('End');
  await page.waitForFunction((n) => !!document.querySelector(`.grid-row[data-row="${n}"]`), shown.rowCount);
  assert.equal(await lastVisibleRowNumber(page), shown.rowCount);
  const [last] = await e2e.app.engine.database.rows('SELECT * FROM customers ORDER BY rowid DESC LIMIT 1');
  assert.equal((await rowCells(page, shown.rowCount))[0], String(last!.customer_id));

  await page.screenshot({ path: path.join(ARTEFACTS, 'sample-grid-end.png') });
  assert.deepEqual(watched.consoleErrors, []);
  const foreign = offMachine(watched.requests, e2e.app.host.port);
  assert.deepEqual(foreign, [], 'the page requests nothing but the loopback host');
  await page.close();
});

test('scrolls smoothly through ten million rows down to the last one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-'));
  const file = path.join(dir, 'ten_million.parquet');
  await e2e.app.engine.database.run(
    `COPY (SELECT i AS id, 'customer ' || i AS name, (i % 997) * 1.25 AS mrr, DATE '2020-01-01' + CAST(i % 1500 AS INTEGER) AS day
           FROM range(10000000) t(i)) TO '${file}' (FORMAT parquet)`,
  );
  const imported = await e2e.app.engine.invoke('files.import', { paths: [file] });
  assert.ok(imported.ok, JSON.stringify(imported));

  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 800 } });

  page.setDefaultTimeout(PAGE_WAIT_MS);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByRole('button', { name: /ten_million/ }).click();
  await page.getByText('10,000,000 rows').waitFor();

  // Wheel scrolling moves the content 1:1 (not by the scaled scrollbar).
  const grid = page.getByTestId('grid');
  await rowCells(page, 1);
  await grid.hover();
  await page.mouse.wheel(0, 28 * 100);
  await page.waitForFunction(() => !!document.querySelector('.grid-row[data-row="101"]'));
  const firstVisible = await page.evaluate(() => {
    const top = document.querySelector('[data-testid="grid"]')!.getBoundingClientRect().top + 32;
    const rows = [...document.querySelectorAll<HTMLElement>('.grid-row')].filter((r) => r.getBoundingClientRect().top >= top - 1);
    return Math.min(...rows.map((r) => Number(r.dataset.row)));
  });
  assert.ok(firstVisible >= 100 && firstVisible <= 102, `after one wheel of 100 rows the first row is ${firstVisible}`);

  // Dragging the scrollbar to the bottom reaches the last row.
  await grid.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await page.waitForFunction(() => !!document.querySelector('.grid-row[data-row="10000000"]'));
  const lastDay = new Date(Date.UTC(2020, 0, 1) + (9_999_999 % 1500) * 86_400_000).toISOString().slice(0, 10);
  assert.deepEqual(await rowCells(page, 10_000_000), ['9999999', 'customer 9999999', ((9_999_999 % 997) * 1.25).toFixed(2), lastDay]);
  assert.equal(await lastVisibleRowNumber(page), 10_000_000);

  // And back to the top with the keyboard.
  await grid.press('Home');
  assert.equal((await rowCells(page, 1))[0], '0');
  await page.screenshot({ path: path.join(ARTEFACTS, 'ten-million-rows.png') });
  assert.deepEqual(watched.consoleErrors, []);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
