// End to end in Debian's Chromium: a Recurly subscriptions export with no
// interval column and plan codes that say nothing about it. The dialog shows
// each zoned timestamp's date beside it, asks how each plan bills (Import is
// blocked until it is answered), and the answers reach the workspace's MRR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { watchPage } from '../support/browser.js';
import { offMachine, startE2E, PAGE_WAIT_MS } from '../support/e2e.js';

const e2e = startE2E();

test('a Recurly export: parsed dates beside the raw ones, the billing interval asked per plan, the answers imported', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(PAGE_WAIT_MS);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('model-file-input').setInputFiles(path.resolve('test/fixtures/vendors/recurly-subscriptions-no-interval.csv'));
  const dialog = page.getByRole('dialog', { name: 'Import into the churn model' });
  await dialog.getByTestId('preview').waitFor();

  // 2022-06-01 10:00:00 PDT is June 1 in UTC: the preview shows the date the import reads.
  const parsed = dialog.getByTestId('preview').getByTestId('parsed-date');
  assert.deepEqual((await parsed.allInnerTexts()).map((text) => text.trim()), ['→ 2022-06-01', '→ 2022-06-01']);

  const question = dialog.getByTestId('interval-question');
  await question.waitFor();
  assert.match(await question.locator('legend').innerText(), /Say how they bill/);
  assert.deepEqual((await question.getByTestId('interval-derived').allInnerTexts()).map((text) => text.trim()), [
    'not in the file — say how it bills',
    'not in the file — say how it bills',
  ]);
  const importButton = dialog.getByRole('button', { name: 'Import file' });
  assert.equal(await importButton.isDisabled(), true);
  assert.match(await dialog.getByTestId('import-problems').innerText(), /say how the plans/);

  await question.getByTestId('interval-gold').selectOption('year');
  assert.equal(await importButton.isDisabled(), true, 'silver is still unanswered');
  await question.getByTestId('interval-silver').selectOption('month');
  assert.equal(await importButton.isDisabled(), false);
  await importButton.click();
  await page.getByRole('dialog', { name: 'Import into the churn model' }).waitFor({ state: 'detached' });

  const mrr = await e2e.app.engine.database.rows(`SELECT customer_id, CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions ORDER BY 1`);
  assert.deepEqual(mrr.map((r) => [r.customer_id, r.mrr]), [['acct-x', '10.000000'], ['acct-y', '60.000000']]);
  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), [], 'the page requests nothing but the loopback host');
  await page.close();
});
