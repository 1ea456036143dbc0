// The reader process starts without NODE_EXTRA_CA_CERTS (main/runtime/childProcess.ts,
// childEnv): Node 20 parses that certificate bundle as it starts, and the reader
// opens no connection. Everything else of the environment reaches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkLauncher } from '../../main/runtime/childProcess.js';

test('a child started by the fork launcher has the environment without NODE_EXTRA_CA_CERTS', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-reader-env-'));
  const entry = path.join(dir, 'child.mjs');
  fs.writeFileSync(entry, "process.send({ certs: process.env.NODE_EXTRA_CA_CERTS ?? null, other: process.env.CW_TEST_ENV_KEPT ?? null }, () => process.exit(0));\n");
  const saved = { certs: process.env.NODE_EXTRA_CA_CERTS, kept: process.env.CW_TEST_ENV_KEPT };
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, 'none.pem');
  process.env.CW_TEST_ENV_KEPT = 'kept';
  try {
    const child = forkLauncher(entry, []);
    child.holdParent(true);
    const message = await new Promise((resolve) => child.onMessage(resolve));
    await new Promise((resolve) => child.onExit(resolve));
    assert.deepEqual(message, { certs: null, other: 'kept' });
    assert.equal(process.env.NODE_EXTRA_CA_CERTS, path.join(dir, 'none.pem'), 'this process keeps its own');
  } finally {
    for (const [name, value] of [['NODE_EXTRA_CA_CERTS', saved.certs], ['CW_TEST_ENV_KEPT', saved.kept]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
