// Hostile text in a request: a NUL anywhere is a clean invalid_request naming
// the field (never DuckDB's "Parser Error", never a file other than the one
// named), and no error message is longer than MAX_MESSAGE_CHARS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { fail, MAX_MESSAGE_CHARS } from '../../shared/result.js';
import { tempDir } from '../support/fixtures.js';

let engine: Engine;
const dir = tempDir('cw-request-text-');

before(async () => {
  engine = await Engine.open(null);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
});
after(() => {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a NUL in any text parameter is an invalid_request naming the field', async () => {
  const cases: [string, unknown, string][] = [
    ['customers.search', { query: "a\0' OR 1=1", offset: 0, limit: 10 }, 'query'],
    ['customers.history', { customerId: 'C000001\0', settings: {} }, 'customerId'],
    ['files.inspect', { path: path.join(dir, 'a\0.csv') }, 'path'],
    ['files.import', { paths: ['x.csv', path.join(dir, 'b\0.csv')] }, 'paths.1'],
    ['model.suggest', { path: `${dir}\0/x.csv` }, 'path'],
    ['analysis.run', { settings: { filters: [{ attribute: 'segment', op: 'in', values: ['SMB', 'Mid\0'] }] } }, 'settings.filters.0.values.1'],
  ];
  for (const [method, request, field] of cases) {
    const answer = await engine.invokeUnknown(method, request);
    assert.ok(!answer.ok, `${method} refused`);
    assert.equal(answer.error.code, 'invalid_request', `${method}: ${answer.error.message}`);
    assert.ok(answer.error.message.includes(`${field}: text may not contain NUL`), answer.error.message);
    assert.doesNotMatch(answer.error.message, /Parser Error/);
  }
});

test('a NUL in a workspace path opens nothing and creates no file', async () => {
  const answer = await engine.invokeUnknown('workspace.open', { path: path.join(dir, 'w\0.duckdb') });
  assert.ok(!answer.ok && answer.error.code === 'invalid_request', JSON.stringify(answer));
  assert.deepEqual(fs.readdirSync(dir), []);
  const info = await engine.invoke('workspace.info', {});
  assert.ok(info.ok && info.value.path === null, 'still on the scratch workspace');
});

test('error messages are bounded, saying how much was left out', () => {
  const long = fail('internal', `x`.repeat(300_000));
  assert.ok(!long.ok);
  assert.ok(long.error.message.length < MAX_MESSAGE_CHARS + 100, String(long.error.message.length));
  assert.match(long.error.message, /298,000 more characters left out\)$/);
  const short = fail('internal', 'short');
  assert.ok(!short.ok && short.error.message === 'short');
});

test('a request with thousands of problems names only the first few', async () => {
  const rows = Array.from({ length: 5000 }, () => [{}]);
  const answer = await engine.invokeUnknown('export.xlsx', { sheets: [{ name: 's', columns: [], rows }] });
  assert.ok(!answer.ok && answer.error.code === 'invalid_request');
  assert.ok(Array.isArray(answer.error.details) && answer.error.details.length <= 10, String((answer.error.details as unknown[]).length));
  assert.ok(answer.error.message.length <= MAX_MESSAGE_CHARS + 100);
});

test("a failed job's message, shown beside its progress, is bounded too", async () => {
  const missing = path.join(dir, `${'x'.repeat(3900)}.csv`);
  const answer = await engine.invokeUnknown('files.import', { paths: [missing], jobId: 'long-message' });
  assert.ok(!answer.ok && answer.error.message.length <= MAX_MESSAGE_CHARS + 100, JSON.stringify(answer).slice(0, 200));
  const progress = await engine.invoke('jobs.progress', { jobId: 'long-message' });
  assert.ok(progress.ok && progress.value.state === 'failed', JSON.stringify(progress).slice(0, 200));
  assert.ok(progress.value.message.length <= MAX_MESSAGE_CHARS + 100, String(progress.value.message.length));
  assert.match(progress.value.message, /more characters left out\)$/);
});
