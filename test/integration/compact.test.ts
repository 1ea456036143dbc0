// Workspace compaction (main/engine/compact.ts): a workspace grown by imports
// that failed shrinks back by itself, `workspace.compact` and the CLI's
// `compact` shrink one grown otherwise, and every table, row, key and setting
// is the same afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { quotedIdentifier } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import { workspaceBytes } from '../../main/engine/compact.js';
import { ROOT } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const SLOW = { timeout: 300_000 };
let dir: string;
let big: string;
let headerOnly: string;

before(() => {
  dir = tempDir('cw-compact-');
  // Large enough that DuckDB writes row groups of the import to the file before it commits
  // (250,000 rows grow the sample workspace from 8.7 MB to 11.3 MB when nothing compacts it).
  const lines = ['id,name,amount,day'];
  for (let i = 0; i < 250_000; i++) lines.push(`${i},name ${i % 977} ${i},${(i * 7) % 10000}.25,2024-01-${String(1 + (i % 28)).padStart(2, '0')}`);
  big = writeFile(dir, 'big.csv', `${lines.join('\n')}\n`);
  headerOnly = writeFile(dir, 'header-only.csv', 'id,name\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every table of the workspace: its rows counted and hashed, its constraints; and the workspace's settings. */
async function fingerprint(engine: Engine): Promise<string> {
  const db = engine.database;
  const tables = await db.rows(
    `SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = current_database() ORDER BY ALL`,
  );
  const parts: string[] = [];
  for (const { s, t } of tables) {
    const name = `${quotedIdentifier(String(s))}.${quotedIdentifier(String(t))}`;
    const [row] = await db.rows(`SELECT count(*) AS n, CAST(sum(hash(x)) AS VARCHAR) AS h FROM ${name} x`);
    parts.push(`${String(s)}.${String(t)}: ${String(row?.n)} rows, hash ${String(row?.h)}`);
  }
  const constraints = await db.rows(
    `SELECT table_name, constraint_type, CAST(constraint_column_names AS VARCHAR) AS cols FROM duckdb_constraints()
     WHERE database_name = current_database() ORDER BY ALL`,
  );
  parts.push(...constraints.map((c) => `${String(c.table_name)} ${String(c.constraint_type)} ${String(c.cols)}`));
  return parts.join('\n');
}

/** A workspace file holding the bundled sample, closed; its bytes and fingerprint. */
async function sampleWorkspace(name: string): Promise<{ file: string; bytes: number; print: string }> {
  const file = path.join(dir, name);
  const engine = await Engine.open(file);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
  const print = await fingerprint(engine);
  engine.close();
  return { file, bytes: workspaceBytes(file), print };
}

test('a workspace grown by failed imports shrinks back by itself, everything intact', SLOW, async () => {
  const { file, bytes, print } = await sampleWorkspace('failed.duckdb');
  const engine = await Engine.open(file);
  try {
    for (let attempt = 1; attempt <= 2; attempt++) {
      // The large file loads inside the import's transaction; the header-only one then fails it.
      const failed = await engine.invoke('files.import', { paths: [big, headerOnly] });
      assert.ok(!failed.ok, 'the import fails');
      assert.match(failed.error.message, /header but no data rows/, 'with its own message');
      const size = workspaceBytes(file);
      assert.ok(size <= bytes * 1.1, `attempt ${attempt}: ${size} bytes, was ${bytes} before the failed imports`);
      assert.equal(await fingerprint(engine), print, `attempt ${attempt}: every table, row and key as before`);
    }
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.startsWith('failed.duckdb.')), [], 'no copy left beside it');
    const tables = await engine.invoke('tables.list', {});
    assert.ok(tables.ok && tables.value.every((t) => t.name !== 'big'), 'nothing of the failed import');
  } finally {
    engine.close();
  }
});

test('an import cancelled after it grew the file is compacted back, everything intact', SLOW, async () => {
  const { file, bytes, print } = await sampleWorkspace('cancelled.duckdb');
  const engine = await Engine.open(file);
  try {
    const large = path.join(dir, 'large.csv');
    await engine.database.run(
      `COPY (SELECT i AS id, 'name ' || i AS name, i * 1.5 AS amount, DATE '2020-01-01' + CAST(i % 2000 AS INTEGER) AS day
             FROM range(3000000) t(i)) TO '${large}' (HEADER)`,
    );
    const running = engine.invoke('files.import', { paths: [large], jobId: 'grow-then-cancel' });
    // Wait (polling its progress) until the load is well under way, so it has written row groups to the file.
    let percent = 0;
    while (percent < 40) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const progress = await engine.invoke('jobs.progress', { jobId: 'grow-then-cancel' });
      assert.ok(progress.ok && progress.value.state === 'running', JSON.stringify(progress));
      percent = progress.value.percent ?? 0;
    }
    assert.deepEqual(await engine.invoke('jobs.cancel', { jobId: 'grow-then-cancel' }), { ok: true, value: { cancelled: true } });
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'cancelled');
    assert.ok(workspaceBytes(file) <= bytes * 1.1, `${workspaceBytes(file)} bytes, was ${bytes} before the cancelled import`);
    assert.equal(await fingerprint(engine), print);
    fs.rmSync(large);
  } finally {
    engine.close();
  }
});

test('workspace.compact and `churn-workbench compact` give back what a rolled-back load left in the file', SLOW, async () => {
  const { file, bytes, print } = await sampleWorkspace('manual.duckdb');
  const grow = async () => {
    const engine = await Engine.open(file);
    const connection = await engine.database.connect();
    await connection.run('BEGIN TRANSACTION');
    await connection.run(`CREATE TABLE scratch AS SELECT range AS id, 'row ' || range AS label, random() AS r FROM range(1000000)`);
    await connection.run('ROLLBACK');
    connection.closeSync();
    return engine;
  };

  let engine = await grow();
  try {
    const grown = workspaceBytes(file);
    assert.ok(grown > bytes * 1.5, `the rolled-back load grew the file: ${bytes} → ${grown}`);
    const compacted = await engine.invoke('workspace.compact', {});
    assert.ok(compacted.ok, JSON.stringify(compacted));
    assert.equal(compacted.value.path, file);
    assert.equal(compacted.value.bytesBefore, grown);
    assert.ok(compacted.value.bytesAfter! <= bytes * 1.1, `${compacted.value.bytesAfter} bytes after, ${bytes} before it grew`);
    assert.equal(await fingerprint(engine), print);
    const analysis = await engine.invoke('analysis.run', { settings: {} });
    assert.ok(analysis.ok && analysis.value.headline !== null, 'the analysis still runs on the compacted workspace');
  } finally {
    engine.close();
  }

  engine = await grow();
  engine.close();
  const grown = workspaceBytes(file);
  const cli = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'main', 'cli', 'main.ts'), 'compact', '--workspace', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /manual\.duckdb: [\d.]+ MB → [\d.]+ MB/);
  assert.ok(workspaceBytes(file) < grown && workspaceBytes(file) <= bytes * 1.1, `${grown} → ${workspaceBytes(file)}`);
  engine = await Engine.open(file);
  try {
    assert.equal(await fingerprint(engine), print);
  } finally {
    engine.close();
  }
});

test('a half-made copy of an interrupted compaction is removed when the workspace opens; a scratch workspace has nothing to compact', SLOW, async () => {
  const { file } = await sampleWorkspace('leftover.duckdb');
  const leftover = writeFile(dir, 'leftover.duckdb.compacting-0badc0de', 'half a copy');
  const unrelated = writeFile(dir, 'leftover.duckdb.notes', 'mine');
  const engine = await Engine.open(file);
  engine.close();
  assert.ok(!fs.existsSync(leftover));
  assert.ok(fs.existsSync(unrelated));

  const scratch = await Engine.open(null);
  try {
    assert.deepEqual(await scratch.invoke('workspace.compact', {}), { ok: true, value: { path: null, bytesBefore: null, bytesAfter: null } });
  } finally {
    scratch.close();
  }
});
