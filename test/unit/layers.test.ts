// The layering rules are lint rules: check that they really catch violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from '../support/app.js';

const eslint = new ESLint({ cwd: ROOT });

async function restricted(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

test('shared/ imports neither main/, renderer/, Node nor Electron', async () => {
  assert.equal(await restricted('shared/x.ts', "import { Engine } from '../main/engine/engine.js'; export { Engine };"), 1);
  assert.equal(await restricted('shared/x.ts', "import { App } from '../renderer/App.js'; export { App };"), 1);
  assert.equal(await restricted('shared/x.ts', "import fs from 'node:fs'; export { fs };"), 1);
  assert.equal(await restricted('shared/x.ts', "import { z } from 'zod'; export { z };"), 0);
});

test('renderer/ never imports main/ or Node', async () => {
  assert.equal(await restricted('renderer/x.ts', "import { Engine } from '../main/engine/engine.js'; export { Engine };"), 1);
  assert.equal(await restricted('renderer/views/x.ts', "import { Jobs } from '../../main/runtime/jobs.js'; export { Jobs };"), 1);
  assert.equal(await restricted('renderer/x.ts', "import { DuckDBInstance } from '@duckdb/node-api'; export { DuckDBInstance };"), 1);
  assert.equal(await restricted('renderer/x.ts', "import type { Method } from '../shared/contract.js'; export type { Method };"), 0);
});

test('only main/electron/ imports electron', async () => {
  assert.equal(await restricted('main/engine/x.ts', "import { app } from 'electron'; export { app };"), 1);
  assert.equal(await restricted('main/host/x.ts', "import { ipcMain } from 'electron'; export { ipcMain };"), 1);
  assert.equal(await restricted('main/electron/x.ts', "import { app } from 'electron'; export { app };"), 0);
  assert.equal(await restricted('main/electron/x.ts', "import { App } from '../../renderer/App.js'; export { App };"), 1);
});

test('inside main/: the runtime imports no feature, features never the dispatcher, the dispatcher never a transport', async () => {
  assert.equal(await restricted('main/runtime/x.ts', "import { analyze } from '../metrics/analyze.js'; export { analyze };"), 1);
  assert.equal(await restricted('main/runtime/x.ts', "import { Engine } from '../engine/engine.js'; export { Engine };"), 1);
  assert.equal(await restricted('main/runtime/x.ts', "import { Database } from './database.js'; export { Database };"), 0);
  assert.equal(await restricted('main/metrics/x.ts', "import { Engine } from '../engine/engine.js'; export { Engine };"), 1);
  assert.equal(await restricted('main/reports/sections/x.ts', "import { main } from '../../cli/main.js'; export { main };"), 1);
  assert.equal(await restricted('main/reports/x.ts', "import { readAudit } from '../ingest/importer.js'; export { readAudit };"), 0);
  assert.equal(await restricted('main/metrics/x.ts', "import { sqlRunner } from '../runtime/sqlRunner.js'; export { sqlRunner };"), 0);
  assert.equal(await restricted('main/runtime/x.ts', "import { runReconcile } from '../reconcile/run.js'; export { runReconcile };"), 1);
  assert.equal(await restricted('main/reconcile/x.ts', "import { Engine } from '../engine/engine.js'; export { Engine };"), 1);
  assert.equal(await restricted('main/reconcile/x.ts', "import { analyze } from '../metrics/analyze.js'; export { analyze };"), 0);
  assert.equal(await restricted('main/engine/x.ts', "import { startHost } from '../host/server.js'; export { startHost };"), 1);
  assert.equal(await restricted('main/engine/x.ts', "import { analyze } from '../metrics/analyze.js'; export { analyze };"), 0);
  assert.equal(await restricted('main/cli/x.ts', "import { Engine } from '../engine/engine.js'; export { Engine };"), 0);
});

test('the transports call the engine through invoke, never its database', async () => {
  const [cli] = await eslint.lintText("export const rows = (engine: { database: { rows(sql: string): unknown } }) => engine.database.rows('SELECT 1');", {
    filePath: path.join(ROOT, 'main/cli/commands/x.ts'),
  });
  assert.equal(cli!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length, 1);
  const [inTests] = await eslint.lintText("export const rows = (engine: { database: { rows(sql: string): unknown } }) => engine.database.rows('SELECT 1');", {
    filePath: path.join(ROOT, 'test/integration/x.test.ts'),
  });
  assert.equal(inTests!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length, 0);
});
