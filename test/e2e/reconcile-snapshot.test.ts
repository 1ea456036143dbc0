// End to end in Debian's Chromium against browser mode: a customer list (a
// Baremetrics customers export: each customer's MRR on the day of the export)
// imported as a reference through the Reconciliation screen's mapping dialog.
// The dialog recognises the format, shows that the month is stated rather than
// read from a column, keeps Import disabled until the user says which month,
// and the reference then covers that month only (the shared story's March:
// B cancelled, D at 90 — 200.00 explained by the churn date, −10.00 not).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchPage } from '../support/browser.js';
import { offMachine, startE2E } from '../support/e2e.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { STORY_SUBSCRIPTIONS } from '../support/reconcileStory.js';

const SLOW = 180_000;
const dir = tempDir('cw-e2e-reconcile-snapshot-');
const referenceFile = writeFile(
  dir,
  'baremetrics-customers.csv',
  'oid,email,name,current_mrr,is_active\nA,a@example.com,Alpha,10000,true\nB,b@example.com,Beta,0,false\nC,c@example.com,Gamma,5000,true\nD,d@example.com,Delta,9000,true\n',
);

const e2e = startE2E({
  prepare: async (app) => {
    const imported = await app.engine.invoke('model.import', { files: [{ path: writeFile(dir, 'subscriptions.csv', STORY_SUBSCRIPTIONS) }], options: { asOf: '2024-06-30' } });
    assert.ok(imported.ok, JSON.stringify(imported));
  },
});

test('a customer list is imported as the month the user states in the dialog', { timeout: 300_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(SLOW);
  const watched = watchPage(page);
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-reconcile').click();
  await page.getByTestId('reconcile-import').waitFor();
  await page.getByTestId('reference-file-input').setInputFiles(referenceFile);
  const dialog = page.getByTestId('reference-dialog');
  await dialog.waitFor();
  await page.getByTestId('reference-month').waitFor();

  assert.equal(await page.getByTestId('reference-preset').inputValue(), 'baremetrics_customers');
  assert.equal(await page.getByTestId('reference-field-mrr').inputValue(), 'current_mrr');
  assert.equal(await page.getByTestId('reference-field-month').innerText(), 'the month stated below');
  assert.ok(await page.getByTestId('reference-import').isDisabled(), 'no month yet');

  await page.getByTestId('reference-month').fill('2024-03');
  await page.getByTestId('reference-import').click();
  await dialog.waitFor({ state: 'detached', timeout: SLOW });
  await page.waitForFunction(() => document.querySelector('[data-testid="reconcile-view"]')?.getAttribute('data-state') === 'ready', null, { timeout: SLOW });

  const state = await e2e.app.engine.invoke('reconcile.state', {});
  assert.ok(state.ok && state.value.reference, JSON.stringify(state));
  assert.deepEqual([state.value.reference.preset, state.value.reference.firstMonth, state.value.reference.lastMonth, state.value.reference.rowsLoaded], ['baremetrics_customers', '2024-03', '2024-03', 4]);
  const run = await e2e.app.engine.invoke('reconcile.run', { settings: {} });
  assert.ok(run.ok, JSON.stringify(run));
  assert.deepEqual(
    run.value.months.map((m) => [m.month, m.ours.mrr, m.theirs.mrr, m.explained.map((e) => `${e.rule} ${e.amount}`), m.unexplained.amount]),
    [['2024-03', 430, 240, ['churnDate=cancellation 200'], -10]],
  );
  await page.getByTestId('reconcile-row-2024-03').waitFor();

  assert.deepEqual(watched.consoleErrors, []);
  assert.deepEqual(offMachine(watched.requests, e2e.app.host.port), [], 'the page requests nothing but the loopback host');
  await context.close();
});
