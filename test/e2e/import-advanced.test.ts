// End to end in Debian's Chromium against browser mode: the import dialog's
// "Advanced" options reach the import. A line with the wrong number of values
// stops the import when the user says so (and changes nothing); rejected with
// its line by default; a row dated before the earliest plausible date the
// user chose is rejected with its line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchPage } from '../support/browser.js';
import { ARTEFACTS, offMachine, PAGE_WAIT_MS, startE2E } from '../support/e2e.js';

const e2e = startE2E();
let dir: string;

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-e2e-advanced-'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Line 3 has one value too many; line 4 is dated 2015.
// Monthly prices, said by the file: without an interval the dialog would ask for one first.
const CSV = ['customer_id,amount,billing_interval,start_date', 'C1,10,month,2024-01-15', 'C2,20,month,2024-01-20,extra', 'C3,30,month,2015-06-01', 'C4,40,month,2024-02-01', ''].join('\n');

test('the Advanced options: stop at a misshapen line, or reject it; reject dates before the earliest plausible date', async () => {
  const file = path.join(dir, 'advanced.csv');
  fs.writeFileSync(file, CSV);
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('model-file-input').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'Import into the churn model' });
  await dialog.getByTestId('preview').waitFor();

  // Folded away until asked for, with the defaults.
  const advanced = dialog.getByTestId('import-advanced');
  assert.equal(await dialog.getByTestId('earliest-date').isVisible(), false);
  await advanced.getByText('Advanced').click();
  assert.equal(await dialog.getByTestId('earliest-date').inputValue(), '');
  assert.equal(await dialog.getByTestId('years-ahead').getAttribute('placeholder'), '10');
  assert.equal(await dialog.getByTestId('misshapen-lines').inputValue(), 'reject_few');
  await page.screenshot({ path: path.join(ARTEFACTS, 'import-advanced.png') });

  // "Stop the import": refused, naming the file and the line; nothing imported.
  await dialog.getByTestId('misshapen-lines').selectOption('stop');
  const importButton = dialog.getByRole('button', { name: 'Import file' });
  await importButton.click();
  const error = dialog.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /advanced\.csv: 1 line has a different number of values than the header \(line 3\)/);
  const none = await e2e.app.engine.database.rows('SELECT count(*) AS n FROM churn.imports');
  assert.equal(Number(none[0]!.n), 0);

  // An earliest date the form refuses, then one it takes; the few misshapen lines rejected again.
  await dialog.getByTestId('years-ahead').fill('101');
  assert.match(await dialog.getByTestId('import-problems').innerText(), /whole number from 0 to 100/);
  assert.equal(await importButton.isDisabled(), true);
  await dialog.getByTestId('years-ahead').fill('5');
  await dialog.getByTestId('earliest-date').fill('2020-01-01');
  await dialog.getByTestId('misshapen-lines').selectOption('reject_few');
  await importButton.click();

  const counts = page.getByTestId('audit-view').getByTestId('import-counts');
  await counts.waitFor();
  assert.deepEqual(await counts.locator('dd').allInnerTexts(), ['4', '2', '2']);
  const rejects = await e2e.app.engine.database.rows('SELECT line, "column", reason FROM churn.rejects ORDER BY line');
  assert.deepEqual(rejects.map((r) => [Number(r.line), r.column, r.reason]), [
    [3, null, 'wrong_field_count'],
    [4, 'start_date', 'date_out_of_range'],
  ]);

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), [], 'the page requests nothing but the loopback host');
  await page.close();
});
