// The built reader runs its code with the V8 code cache the build made
// (main/ingest/reader/entry.ts, scripts/build.mjs): V8 takes it when the
// reader starts as the engine starts it (READER_EXEC_ARGV), and the cache is
// named by the hash of the code it was made from, so a cache of other code
// (of the same length, which is all V8 checks) is never taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { READER_EXEC_ARGV } from '../../main/ingest/reader/warm.js';
import { childEnv } from '../../main/runtime/childProcess.js';
import { ROOT, ensureBuilt } from '../support/app.js';

const dist = path.join(ROOT, 'dist');
const status = (execArgv: string[]) =>
  execFileSync(process.execPath, [...execArgv, path.join(dist, 'ingest-reader.cjs'), '--code-cache-status'], { env: childEnv(), encoding: 'utf8' }).trim();

test('the reader started as the engine starts it takes the code cache the build made', () => {
  ensureBuilt();
  assert.equal(status(READER_EXEC_ARGV), 'accepted');
  // Other flags, another cache for V8: the code is compiled instead.
  assert.equal(status([]), 'rejected');
});

test("the code cache is named by the hash of the reader's code", () => {
  ensureBuilt();
  const code = fs.readFileSync(path.join(dist, 'ingest-reader-code.cjs'));
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  assert.deepEqual(
    fs.readdirSync(dist).filter((file) => file.endsWith('.cache')),
    [`ingest-reader-code-${hash}.cache`],
  );
  assert.ok(fs.readFileSync(path.join(dist, 'ingest-reader.cjs'), 'utf8').includes(`ingest-reader-code-${hash}.cache`));
});
