// End to end in Debian's Chromium against browser mode: a workspace holding a
// reference but no model data. The Reconciliation screen does not run (the
// engine would refuse: no revenue data) and shows no error, but what to do
// first — import the billing data — in English and in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import en from '../../renderer/i18n/en/reconcile.js';
import zh from '../../renderer/i18n/zh-CN/reconcile.js';
import { watchPage } from '../support/browser.js';
import { startE2E } from '../support/e2e.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const e2e = startE2E({
  prepare: async (app) => {
    const reference = await app.engine.invoke('reconcile.importReference', { file: { path: writeFile(tempDir('cw-e2e-reconcile-nomodel-'), 'reference.csv', 'customer_id,month,mrr\nA,2024-01,100\n') } });
    assert.ok(reference.ok, JSON.stringify(reference));
  },
});

test('a reference without model data: the screen asks for the billing data first, in each language, and shows no error', { timeout: 300_000 }, async () => {
  const context = await e2e.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(180_000);
  const watched = watchPage(page);
  const runs: string[] = [];
  page.on('request', (request) => void (request.url().includes('/api/reconcile.run') && runs.push(request.url())));
  await page.goto(e2e.app.host.url);
  await page.getByTestId('nav-reconcile').click();
  const empty = page.getByTestId('reconcile-no-model');
  await empty.waitFor();
  assert.equal((await empty.innerText()).trim(), en.noModel);
  // The reference is shown, and can be replaced.
  await page.getByTestId('reconcile-sha').waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(runs, [], 'nothing to run');
  await page.getByTestId('language').selectOption('zh-CN');
  await page.waitForFunction((text) => document.querySelector('[data-testid="reconcile-no-model"]')?.textContent?.trim() === text, zh.noModel);
  assert.deepEqual(watched.consoleErrors, []);
  await context.close();
});
