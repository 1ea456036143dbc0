// Crash isolation (issue 12): the file an import reads is parsed in a reader
// process of its own (main/ingest/reader), so whatever a hostile file does to
// a native reader — crash it, make it idle forever, make it grow without end —
// ends that process only. The import and the mapping preview answer "<file>
// could not be read: the reader stopped (…)", the workspace is unchanged, and
// the engine answers the next request. The failures are made real by the
// reader's CW_TEST_READER_FAULT (main/ingest/reader/child.ts): a real SIGSEGV,
// a real idle process, real memory growth. The reader is kept warm between
// reads (main/ingest/reader/warm.ts): a failed one is never used again.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Engine } from '../../main/engine/engine.js';
import { MAX_JSON_DEPTH, MAX_MESSAGE_CHARS } from '../../main/ingest/sources/limits.js';
import { readerPids } from '../../main/ingest/reader/warm.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { ROOT } from '../support/app.js';

const GOOD = 'customer_id,amount,start_date\nC1,10,2024-01-01\nC2,20,2024-02-01\n';
const SETTINGS = ['CW_TEST_READER_FAULT', 'CW_READER_STALL_SECONDS', 'CW_READER_MEMORY_MB', 'CW_READER_IDLE_SECONDS'] as const;

afterEach(() => {
  for (const name of SETTINGS) delete process.env[name];
});

async function workspaceWithData() {
  const engine = await Engine.open(null);
  const dir = tempDir();
  const seeded = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'seed.csv', GOOD), interval: 'month' }] });
  assert.ok(seeded.ok, JSON.stringify(seeded));
  const snapshot = async () =>
    JSON.stringify(
      await engine.database.rows(`SELECT (SELECT count(*) FROM churn.imports) AS i, (SELECT count(*) FROM churn.subscriptions) AS s, (SELECT count(*) FROM churn.rejects) AS r, (SELECT count(*) FROM churn.customer_month) AS m`),
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
    );
  return { engine, dir, snapshot };
}

/** The reader processes this test process has started and that still exist. */
function readerProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'ingest-reader'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** Waits for `condition` (a state of other processes), failing after two minutes rather than hanging the suite. */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 120_000;
  while (!condition()) {
    assert.ok(Date.now() < deadline, `waited two minutes for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function refusedWith(fault: string, pattern: RegExp, settings: Partial<Record<(typeof SETTINGS)[number], string>> = {}) {
  const { engine, dir, snapshot } = await workspaceWithData();
  const file = writeFile(dir, 'customers.csv', GOOD.replace(/C/g, 'D'));
  const before = await snapshot();
  Object.assign(process.env, settings, { CW_TEST_READER_FAULT: fault });
  const imported = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  const suggested = await engine.invoke('model.suggest', { path: file });
  for (const name of SETTINGS) delete process.env[name];
  assert.equal(imported.ok, false, JSON.stringify(imported).slice(0, 300));
  assert.equal(suggested.ok, false, JSON.stringify(suggested).slice(0, 300));
  if (imported.ok || suggested.ok) throw new Error('unreachable');
  for (const error of [imported.error, suggested.error]) {
    assert.equal(error.code, 'import_failed');
    assert.ok(error.message.startsWith(`${file} could not be read: the reader stopped (`), error.message);
    assert.match(error.message, pattern);
    assert.ok(error.message.length <= MAX_MESSAGE_CHARS);
  }
  assert.equal(await snapshot(), before, 'the workspace is exactly as it was');
  // The engine still answers, and the same file now loads.
  const again = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  assert.ok(again.ok, JSON.stringify(again).slice(0, 300));
  assert.equal(again.value.files[0]!.rowsLoaded, 2);
  engine.close();
  await until(() => readerProcesses().length === 0, 'no reader process is left behind');
}

test('a reader that crashes (SIGSEGV) fails the import and the preview with a clear message; the engine and the workspace carry on', async () => {
  await refusedWith('crash', /\(it crashed: SIGSEGV\)/);
});

test('a reader that idles without progress is stopped at the stall limit', async () => {
  await refusedWith('hang', /\(no progress for 2 seconds\)/, { CW_READER_STALL_SECONDS: '2' });
});

test('a reader that grows beyond its memory limit is stopped', async () => {
  await refusedWith('memory', /\(it needed more than 400 MB of memory\)/, { CW_READER_MEMORY_MB: '400' });
});

test('cancelling the import ends its reader process', async () => {
  const { engine, dir, snapshot } = await workspaceWithData();
  const file = writeFile(dir, 'customers.csv', GOOD);
  const before = await snapshot();
  process.env.CW_TEST_READER_FAULT = 'hang';
  const running = engine.invoke('model.import', { files: [{ path: file, interval: 'month' }], jobId: 'stuck' });
  // Cancel once the reader reads (the warm one the seed import left, or a new one).
  await until(() => readerPids(engine.database).busy.length > 0, 'the reader started');
  const [reader] = readerPids(engine.database).busy;
  assert.ok(readerProcesses().includes(String(reader)));
  const cancelled = await engine.invoke('jobs.cancel', { jobId: 'stuck' });
  assert.ok(cancelled.ok && cancelled.value.cancelled, JSON.stringify(cancelled));
  const result = await running;
  assert.equal(result.ok, false);
  if (result.ok) throw new Error('unreachable');
  assert.equal(result.error.code, 'cancelled', result.error.message);
  await until(() => !readerProcesses().includes(String(reader)), 'the reader process ended');
  assert.deepEqual(readerPids(engine.database), { idle: null, busy: [] }, 'a cancelled reader is not kept');
  assert.equal(await snapshot(), before);
  engine.close();
});

test('JSON nested 10,000 deep: refused with its place, in the reader; the engine answers the next request', async () => {
  const { engine, dir, snapshot } = await workspaceWithData();
  const deep = writeFile(dir, 'deep.json', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
  const record = writeFile(dir, 'record.json', `[{"customer_id":"C9","x":${'['.repeat(10_000)}1${']'.repeat(10_000)}}]`);
  const before = await snapshot();
  for (const file of [deep, record]) {
    for (const method of ['model.import', 'model.suggest'] as const) {
      const result = method === 'model.import' ? await engine.invoke(method, { files: [{ path: file }] }) : await engine.invoke(method, { path: file });
      assert.equal(result.ok, false, `${method} ${file}`);
      if (result.ok) throw new Error('unreachable');
      assert.match(result.error.message, new RegExp(`, line 1, column \\d+: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`));
    }
  }
  assert.equal(await snapshot(), before);
  const info = await engine.invoke('workspace.info', {});
  assert.ok(info.ok, JSON.stringify(info));
  engine.close();
});

test('a reference file whose reader crashes: reconcile.suggest and reconcile.importReference refuse it clearly; the reference in place stays, the engine answers', async () => {
  const { engine, dir, snapshot } = await workspaceWithData();
  const first = await engine.invoke('reconcile.importReference', { file: { path: writeFile(dir, 'reference.csv', 'customer_id,month,mrr\nC1,2024-01,10\n') } });
  assert.ok(first.ok, JSON.stringify(first).slice(0, 300));
  const reference = async () =>
    JSON.stringify(
      await engine.database.rows(`SELECT (SELECT list(file) FROM reconcile.reference) AS f, (SELECT list(customer_id || ' ' || month || ' ' || mrr ORDER BY customer_id, month) FROM reconcile.reference_rows) AS r`),
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
    );
  const before = [await snapshot(), await reference()];
  const file = writeFile(dir, 'reference2.csv', 'customer_id,month,mrr\nC1,2024-01,10\nC2,2024-02,20\n');
  process.env.CW_TEST_READER_FAULT = 'crash';
  const suggested = await engine.invoke('reconcile.suggest', { path: file });
  const imported = await engine.invoke('reconcile.importReference', { file: { path: file } });
  delete process.env.CW_TEST_READER_FAULT;
  assert.equal(suggested.ok, false, JSON.stringify(suggested).slice(0, 300));
  assert.equal(imported.ok, false, JSON.stringify(imported).slice(0, 300));
  if (imported.ok || suggested.ok) throw new Error('unreachable');
  for (const error of [suggested.error, imported.error]) {
    assert.equal(error.code, 'import_failed');
    assert.ok(error.message.startsWith(`${file} could not be read: the reader stopped (it crashed: SIGSEGV)`), error.message);
  }
  assert.deepEqual([await snapshot(), await reference()], before, 'the workspace and its reference are exactly as they were');
  // The engine still answers, and the same file now replaces the reference.
  const again = await engine.invoke('reconcile.importReference', { file: { path: file } });
  assert.ok(again.ok, JSON.stringify(again).slice(0, 300));
  assert.equal(again.value.reference.rowsLoaded, 2);
  engine.close();
  await until(() => readerProcesses().length === 0, 'no reader process is left behind');
});

test('consecutive reads share one warm reader; a crash in one read ends only that reader, and the next read starts a fresh one', async () => {
  const { engine, dir } = await workspaceWithData();
  const file = writeFile(dir, 'customers.csv', GOOD);
  const suggest = () => engine.invoke('model.suggest', { path: file });
  // The seed import left its reader waiting.
  const first = readerPids(engine.database).idle;
  assert.ok(first !== null && readerProcesses().includes(String(first)), 'the import left its reader warm');
  for (let read = 0; read < 2; read++) {
    const preview = await suggest();
    assert.ok(preview.ok, JSON.stringify(preview).slice(0, 300));
    assert.deepEqual(readerPids(engine.database), { idle: first, busy: [] }, `read ${read + 1} used the same process`);
  }
  process.env.CW_TEST_READER_FAULT = 'crash';
  const crashed = await suggest();
  delete process.env.CW_TEST_READER_FAULT;
  assert.equal(crashed.ok, false);
  if (crashed.ok) throw new Error('unreachable');
  assert.ok(crashed.error.message.startsWith(`${file} could not be read: the reader stopped (it crashed: SIGSEGV)`), crashed.error.message);
  assert.equal(readerPids(engine.database).idle, null, 'the crashed reader is not kept');
  await until(() => !readerProcesses().includes(String(first)), 'the crashed reader is gone');
  const after = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  assert.ok(after.ok, JSON.stringify(after).slice(0, 300));
  assert.equal(after.value.files[0]!.rowsLoaded, 2);
  const fresh = readerPids(engine.database).idle;
  assert.ok(fresh !== null && fresh !== first, 'a fresh reader read the next file, and waits');
  const again = await suggest();
  assert.ok(again.ok, JSON.stringify(again).slice(0, 300));
  assert.equal(readerPids(engine.database).idle, fresh);
  engine.close();
  await until(() => readerProcesses().length === 0, 'the warm reader ends with the engine');
});

test('a warm reader ends once idle for CW_READER_IDLE_SECONDS; the next read starts another', async () => {
  process.env.CW_READER_IDLE_SECONDS = '1';
  const { engine, dir } = await workspaceWithData();
  const first = readerPids(engine.database).idle;
  assert.ok(first !== null);
  await until(() => !readerProcesses().includes(String(first)), 'the idle reader ended');
  assert.equal(readerPids(engine.database).idle, null);
  const preview = await engine.invoke('model.suggest', { path: writeFile(dir, 'customers.csv', GOOD) });
  assert.ok(preview.ok, JSON.stringify(preview).slice(0, 300));
  const next = readerPids(engine.database).idle;
  assert.ok(next !== null && next !== first);
  engine.close();
  await until(() => readerProcesses().length === 0, 'no reader process is left behind');
});

test('a warm reader never keeps Node running: a process that is done exits with its reader idle', () => {
  const script = `
    import { Engine } from './main/engine/engine.ts';
    import { readerPids } from './main/ingest/reader/warm.ts';
    const engine = await Engine.open(null);
    const preview = await engine.invoke('model.suggest', { path: process.argv[1] });
    if (!preview.ok || readerPids(engine.database).idle === null) process.exit(3);
  `;
  const file = writeFile(tempDir(), 'customers.csv', GOOD);
  // Node ends when its event loop has nothing left: the engine is not closed, the reader waits.
  execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { cwd: ROOT, stdio: 'inherit', timeout: 120_000 });
});
