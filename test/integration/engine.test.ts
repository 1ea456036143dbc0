// The engine on a real DuckDB: workspace files, resource settings, jobs with
// progress and cancel, and imports that are all-or-nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { PLANS_CSV, tempDir, writeFile } from '../support/fixtures.js';
import { ROOT } from '../support/app.js';

test('a workspace file keeps its tables when reopened', async () => {
  const dir = tempDir();
  const workspace = path.join(dir, 'client.duckdb');
  const csv = writeFile(dir, 'plans.csv', PLANS_CSV);
  const first = await Engine.open(workspace);
  assert.ok((await first.invoke('files.import', { paths: [csv] })).ok);
  first.close();

  const again = await Engine.open(workspace);
  const info = await again.invoke('workspace.info', {});
  assert.ok(info.ok);
  assert.equal(info.value.path, workspace);
  assert.deepEqual(info.value.tables.map((t) => [t.name, t.rowCount, t.source]), [['plans', 3, csv]]);
  again.close();
});

test('switching workspaces: open a file, then back to scratch', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const opened = await engine.invoke('workspace.open', { path: path.join(dir, 'new.duckdb') });
  assert.ok(opened.ok);
  assert.equal(opened.value.path, path.join(dir, 'new.duckdb'));
  assert.ok(fs.existsSync(path.join(dir, 'new.duckdb')));
  const scratch = await engine.invoke('workspace.scratch', {});
  assert.ok(scratch.ok);
  assert.equal(scratch.value.path, null);
  const bad = await engine.invoke('workspace.open', { path: path.join(dir, 'missing-folder', 'x.duckdb') });
  assert.equal(!bad.ok && bad.error.code, 'not_found');
  engine.close();
});

test('DuckDB runs with bounded threads and memory, spills to a temp folder, and installs nothing', async () => {
  const engine = await Engine.open(null);
  const { resources } = engine.database;
  const [settings] = await engine.database.rows(
    `SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS memory,
            current_setting('temp_directory') AS temp, current_setting('autoinstall_known_extensions') AS autoinstall`,
  );
  assert.equal(Number(settings!.threads), resources.threads);
  assert.equal(settings!.temp, resources.tempDirectory);
  assert.equal(settings!.autoinstall, false);
  assert.match(String(settings!.memory), /iB$/);
  engine.close();
});

test('closing the workspace leaves no spill folder behind, after a transcoded import used it', async () => {
  const engine = await Engine.open(null);
  const temp = engine.database.resources.tempDirectory;
  const imported = await engine.invoke('files.import', { paths: [path.join(ROOT, 'test', 'fixtures', 'gbk.csv')] });
  assert.ok(imported.ok, JSON.stringify(imported));
  assert.ok(fs.existsSync(temp), 'the GBK file was converted inside the spill folder');
  engine.close();
  assert.equal(fs.existsSync(temp), false);
});

test('an import of several files is one transaction: a bad file leaves the workspace as it was', async () => {
  const dir = tempDir();
  const good = writeFile(dir, 'good.csv', PLANS_CSV);
  const bad = writeFile(dir, 'bad.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x00]));
  const engine = await Engine.open(null);
  const result = await engine.invoke('files.import', { paths: [good, bad] });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'unsupported_file');
  assert.match(!result.ok ? result.error.message : '', /bad\.csv/);
  const after = await engine.invoke('tables.list', {});
  assert.deepEqual(after, { ok: true, value: [] });

  // A failure inside DuckDB (after the first table was created) rolls back too.
  // Past the sniffer's sample, a text value in a column detected as numbers.
  const ragged = writeFile(dir, 'ragged.csv', `a,b\n${'1,2\n'.repeat(30_000)}x,y\n`);
  const second = await engine.invoke('files.import', { paths: [good, ragged] });
  assert.equal(second.ok, false);
  assert.equal(!second.ok && second.error.code, 'import_failed');
  assert.match(!second.ok ? second.error.message : '', /ragged\.csv/);
  assert.deepEqual(await engine.invoke('tables.list', {}), { ok: true, value: [] });
  engine.close();
});

test('an empty file is refused with a clear message', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const result = await engine.invoke('files.import', { paths: [writeFile(dir, 'empty.csv', '')] });
  assert.equal(!result.ok && result.error.code, 'unsupported_file');
  assert.match(!result.ok ? result.error.message : '', /empty\.csv is empty/);
  engine.close();
});

/** A CSV large enough that loading it takes a few seconds on two cores. */
async function bigCsv(engine: Engine, dir: string): Promise<string> {
  const file = path.join(dir, 'big.csv');
  await engine.database.run(
    `COPY (SELECT i AS id, 'name ' || i AS name, i * 1.5 AS amount, DATE '2020-01-01' + CAST(i % 2000 AS INTEGER) AS day
           FROM range(6000000) t(i)) TO '${file}' (HEADER)`,
  );
  return file;
}

test('a long import reports progress and can be cancelled, leaving nothing behind', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const file = await bigCsv(engine, dir);
  const running = engine.invoke('files.import', { paths: [file], jobId: 'big-import' });
  const seen: (number | null)[] = [];
  for (let i = 0; i < 200; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const progress = await engine.invoke('jobs.progress', { jobId: 'big-import' });
    assert.ok(progress.ok);
    if (progress.value.state !== 'running') break;
    seen.push(progress.value.percent);
    if ((progress.value.percent ?? 0) > 0) break;
  }
  assert.ok(seen.some((p) => p !== null && p > 0 && p < 100), `progress seen while running: ${JSON.stringify(seen)}`);
  assert.deepEqual(await engine.invoke('jobs.cancel', { jobId: 'big-import' }), { ok: true, value: { cancelled: true } });
  const result = await running;
  assert.equal(!result.ok && result.error.code, 'cancelled');
  const progress = await engine.invoke('jobs.progress', { jobId: 'big-import' });
  assert.equal(progress.ok && progress.value.state, 'cancelled');
  assert.deepEqual(await engine.invoke('tables.list', {}), { ok: true, value: [] });

  // The engine is still usable, and the same import completes when left alone.
  const done = await engine.invoke('files.import', { paths: [file] });
  assert.ok(done.ok);
  assert.equal(done.value[0]!.rowCount, 6_000_000);
  engine.close();
});
