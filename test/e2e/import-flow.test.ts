// End to end in Debian's Chromium against browser mode: upload a customer
// export into the churn model, see the suggested mapping and the preview,
// answer the day-order question the dates need and the billing-interval
// question its plan needs (the file says nothing of it: never read as
// monthly), import, and see the audit with the rejected row; then check the
// workspace holds what was chosen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, startE2E, PAGE_WAIT_MS } from '../support/e2e.js';

const e2e = startE2E();
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-import-'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// 03/04/2024 reads as 3 April or March 4: the user must say which. Line 3 has an amount that is no number.
const CSV = [
  'customer_id,plan,amount,start_date',
  'C1,Basic,10.00,03/04/2024',
  'C2,Pro,"lots, really",05/06/2024',
  'C3,Basic,20.50,07/08/2024',
  '',
].join('\n');

test('imports an export into the churn model through the mapping dialog, asking the day order, and shows the audit', async () => {
  const file = path.join(dir, 'subscriptions-export.csv');
  fs.writeFileSync(file, CSV);
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);

  // Upload through the hidden file input behind "Import into churn model…".
  await page.getByTestId('model-file-input').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'Import into the churn model' });
  await dialog.waitFor();
  await dialog.getByTestId('preview').waitFor();

  // The suggestion: kind, fields pre-filled from the columns, and the reason.
  assert.equal(await dialog.getByTestId('kind-select').inputValue(), 'subscriptions');
  assert.equal(await dialog.getByTestId('map-customer_id').inputValue(), 'customer_id');
  assert.equal(await dialog.getByTestId('map-amount').inputValue(), 'amount');
  assert.equal(await dialog.getByTestId('map-start_date').inputValue(), 'start_date');
  assert.equal(await dialog.getByTestId('map-plan').inputValue(), 'plan');
  assert.equal(await dialog.getByTestId('map-end_date').inputValue(), '');
  assert.match(await dialog.getByTestId('kind-reason').innerText(), /subscriptions/);
  assert.equal(await dialog.getByTestId('encoding-input').inputValue(), 'utf-8');

  // The preview: the file's rows as text, with the mapped field above each mapped column.
  const preview = dialog.getByTestId('preview');
  assert.deepEqual(await preview.locator('thead tr').nth(0).locator('th').allInnerTexts(), ['', 'customer_id', 'plan', 'amount', 'start_date']);
  assert.deepEqual(await preview.locator('thead tr').nth(1).locator('th').allInnerTexts(), ['#', 'customer_id', 'plan', 'amount', 'start_date']);
  assert.deepEqual(await preview.locator('tbody tr').nth(1).locator('td').allInnerTexts(), ['2', 'C2', 'Pro', 'lots, really', '05/06/2024']);
  assert.equal(await preview.locator('tbody tr').count(), 3);

  // Blocked until the day order is answered: the question is there, Import is disabled.
  const importButton = dialog.getByRole('button', { name: 'Import file' });
  const question = dialog.getByTestId('day-order');
  await question.waitFor();
  assert.match(await question.innerText(), /03\/04\/2024/);
  assert.equal(await importButton.isDisabled(), true);
  assert.match(await dialog.getByTestId('import-problems').innerText(), /day first or month first/);

  // Another kind re-suggests: as MRR snapshots no column is recognised for mrr, shown as an error
  // until the user picks one.
  await dialog.getByTestId('kind-select').selectOption('mrr');
  await dialog.locator('tr.missing[data-field="mrr"]').waitFor();
  assert.equal(await dialog.getByTestId('map-month').inputValue(), 'start_date');
  assert.match(await dialog.getByTestId('import-problems').innerText(), /choose a column for mrr/);
  await dialog.getByTestId('map-mrr').selectOption('amount');
  await page.waitForFunction(() => !document.querySelector('tr.missing[data-field]'));
  assert.doesNotMatch(await dialog.getByTestId('import-problems').innerText(), /choose a column/);
  await dialog.getByTestId('kind-select').selectOption('subscriptions');
  await dialog.getByTestId('map-start_date').waitFor();
  await page.waitForFunction(() => !document.querySelector('tr.missing[data-field]'));
  assert.equal(await dialog.getByTestId('map-start_date').inputValue(), 'start_date');

  await page.screenshot({ path: path.join(ARTEFACTS, 'import-dialog.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(ARTEFACTS, 'import-dialog-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  await question.getByLabel(/Day first/).check();
  // Still blocked: nothing in the file says how plan Basic bills (Pro's only row is rejected).
  const intervals = dialog.getByTestId('interval-question');
  await intervals.waitFor();
  assert.deepEqual(await intervals.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-plan'))), ['Basic']);
  assert.match(await intervals.locator('tr[data-plan="Basic"] [data-testid="interval-derived"]').innerText(), /not in the file/);
  assert.equal(await importButton.isDisabled(), true);
  assert.match(await dialog.getByTestId('import-problems').innerText(), /say how the plans the file gives no billing interval for are billed/);
  await dialog.getByTestId('interval-Basic').selectOption('year');
  assert.equal(await importButton.isDisabled(), false);
  await importButton.click();

  // The audit: the file's counts, the rejected-rows check with its example, and the rejects grid.
  const audit = page.getByTestId('audit-view');
  await audit.waitFor();
  await dialog.waitFor({ state: 'detached' });
  const counts = audit.getByTestId('import-counts');
  await counts.waitFor();
  assert.deepEqual(await counts.locator('dd').allInnerTexts(), ['3', '2', '1']);
  const check = audit.locator('tr[data-check="rejected:unparseable_money:amount"]');
  await check.waitFor();
  assert.match(await check.innerText(), /error/i);
  assert.match(await check.locator('.example').innerText(), /^line 3: lots, really$/);
  assert.equal(await audit.getByTestId('rejects-count').innerText(), '1 row');

  const headers = await audit.locator('[role="columnheader"] .grid-column-name').allInnerTexts();
  const row = audit.locator('.grid-row[data-row="1"]');
  await page.waitForFunction(() => !!document.querySelector('.grid-row[data-row="1"]') && !document.querySelector('.grid-row[data-row="1"] .loading'));
  const cells = await row.locator('[role="gridcell"]').allInnerTexts();
  const cell = (name: string) => cells[headers.indexOf(name)];
  assert.equal(cell('line'), '3');
  assert.equal(cell('column'), 'amount');
  assert.equal(cell('value'), 'lots, really');
  assert.equal(cell('reason'), 'unparseable_money');

  await page.screenshot({ path: path.join(ARTEFACTS, 'import-audit.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(ARTEFACTS, 'import-audit-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // Export the rejects as CSV: RFC 4180 quoting of the value with a comma.
  const exportButton = audit.getByRole('button', { name: 'Export rejects (CSV)' });
  await exportButton.click({ trial: true }); // waits until the audit has counted the rejects and enabled it
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), exportButton.click()]);
  assert.equal(download.suggestedFilename(), 'rejects.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n');
  assert.equal(lines[0], headers.join(','));
  assert.match(lines[1]!, /,3,amount,"lots, really",unparseable_money,/);
  assert.equal(lines[2], '');

  // The workspace: imported with day-first dates and the yearly plan (10.00 and 20.50 a year), the audit stored.
  const stored = await e2e.app.engine.invoke('model.audit', {});
  assert.ok(stored.ok);
  const rejected = stored.value.find((r) => r.check === 'rejected:unparseable_money:amount');
  assert.equal(rejected?.count, 1);
  assert.deepEqual(rejected?.examples, [{ line: 3, value: 'lots, really' }]);
  const subscriptions = await e2e.app.engine.database.rows(
    'SELECT customer_id, CAST(start_date AS VARCHAR) AS start_date, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions ORDER BY customer_id',
  );
  assert.deepEqual(
    subscriptions.map((r) => [r.customer_id, r.start_date, r.mrr]),
    [
      ['C1', '2024-04-03', '0.833333'],
      ['C3', '2024-08-07', '1.708333'],
    ],
  );
  const [imported] = await e2e.app.engine.database.rows('SELECT kind, rows_read, rows_loaded, rows_rejected FROM churn.imports');
  assert.deepEqual([imported!.kind, Number(imported!.rows_read), Number(imported!.rows_loaded), Number(imported!.rows_rejected)], ['subscriptions', 3, 2, 1]);

  // On demand from the sidebar, the stored audit again (without the per-file counts of a fresh import).
  await page.getByRole('button', { name: 'Open sample data' }).waitFor();
  await page.getByRole('navigation', { name: 'Churn model' }).getByRole('button', { name: 'Data quality' }).click();
  await audit.locator('tr[data-check="rejected:unparseable_money:amount"]').waitFor();

  assert.deepEqual(watched.consoleErrors, []);
  const foreign = offMachine(watched.requests, e2e.app.host.port);
  assert.deepEqual(foreign, [], 'the page requests nothing but the loopback host');
  await page.close();
});
