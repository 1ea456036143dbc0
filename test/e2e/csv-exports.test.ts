// End to end in Debian's Chromium against browser mode: the CSV files the
// renderer writes (every data table's CSV button, the rejects export) carry
// text a spreadsheet would run as a formula as inert text (shared/csv.ts).
// The data: a churn reason and a rejected amount that are formulas.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { watchPage } from '../support/browser.js';
import { offMachine, startE2E } from '../support/e2e.js';

const HOSTILE_REASON = "=cmd|' /C calc'!A0";
const HOSTILE_AMOUNT = '@SUM(1+1)*cmd|x';
let dir: string;

const e2e = startE2E({
  prepare: async (app) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-csv-'));
    const file = path.join(dir, 'subscriptions.csv');
    fs.writeFileSync(
      file,
      [
        'subscription_id,customer_id,plan,billing_interval,amount,currency,start_date,end_date,status,canceled_at,cancellation_reason,churn_type',
        `S1,C1,Pro,month,100.00,USD,2025-01-01,2025-04-01,canceled,2025-04-01,"${HOSTILE_REASON.replace(/"/g, '""')}",voluntary`,
        'S2,C2,Pro,month,50.00,USD,2025-01-01,,active,,,',
        'S3,C3,Pro,month,80.00,USD,2025-01-01,2025-03-01,canceled,2025-03-01,too expensive,voluntary',
        `S4,C4,Pro,month,${HOSTILE_AMOUNT},USD,2025-01-01,,active,,,`,
        '',
      ].join('\n'),
    );
    const imported = await app.engine.invoke('model.import', { files: [{ path: file }] });
    assert.ok(imported.ok, JSON.stringify(imported));
  },
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function csvOf(page: Page, click: () => Promise<void>): Promise<string[]> {
  const [download] = (await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()])) as [Download, void];
  return fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
}

/** No cell of the CSV lines starts with a formula character (a quoted cell checked inside its quotes). */
function assertNoFormulaCell(lines: string[]) {
  for (const line of lines) assert.doesNotMatch(line, /(^|,)"?[=+@\t\r]/, `no cell of ${JSON.stringify(line)} starts a formula`);
}

test('a data table and the rejects export write formulas as inert text', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  // On a loaded machine the bundle alone can take half a minute to start: waits are for events, not timings.
  page.setDefaultTimeout(120_000);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);

  await page.getByTestId('nav-customers').click();
  const reasons = page.getByTestId('table-churn-reasons');
  await reasons.waitFor({ timeout: 120_000 });
  const table = await csvOf(page, () => reasons.getByRole('button', { name: 'CSV', exact: true }).click());
  assert.ok(table.some((line) => line.startsWith(`'${HOSTILE_REASON},`)), table.join('\n'));
  assert.ok(table.some((line) => line.startsWith('too expensive,')), table.join('\n'));
  assertNoFormulaCell(table);

  await page.getByRole('navigation', { name: 'Churn model' }).getByRole('button', { name: 'Data quality' }).click();
  const exportButton = page.getByTestId('audit-view').getByRole('button', { name: 'Export rejects (CSV)' });
  await exportButton.click({ trial: true }); // waits until the audit has counted the rejects and enabled it
  const rejects = await csvOf(page, () => exportButton.click());
  assert.ok(rejects.some((line) => line.includes(`,5,amount,'${HOSTILE_AMOUNT},unparseable_money,`)), rejects.join('\n'));
  assertNoFormulaCell(rejects);

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), [], 'the page requests nothing but the loopback host');
  await page.close();
});
