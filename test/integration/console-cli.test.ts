// `churn-workbench sql`, run as a user runs it: the console's guard, tables on
// the terminal, CSV/JSON/Parquet by COPY, errors with exit code 1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir } from '../support/fixtures.js';
import { Engine } from '../../main/engine/engine.js';

function cli(...args: string[]) {
  ensureBuilt();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

async function workspaceWithSample(): Promise<string> {
  const workspace = path.join(tempDir(), 'ws.duckdb');
  const engine = await Engine.open(workspace);
  assert.ok((await engine.invoke('sample.open', {})).ok);
  engine.close();
  return workspace;
}

test('sql prints a query as a table, writes CSV, JSON and Parquet, and keeps the user\'s schema', async () => {
  const workspace = await workspaceWithSample();
  const table = cli('sql', 'SELECT 1 AS one, \'a\' AS letter UNION ALL SELECT 22, NULL ORDER BY one', '--workspace', workspace);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(table.stdout, 'one  letter\n---  ------\n1    a\n22   NULL\n(2 rows)\n');

  const made = cli('sql', 'CREATE SCHEMA mine; CREATE TABLE mine.few AS SELECT customer_id FROM churn.customers ORDER BY 1 LIMIT 3', '--workspace', workspace);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(made.stderr, 'CREATE SCHEMA\nCREATE TABLE\n');
  const csv = cli('sql', 'FROM mine.few', '--workspace', workspace, '--format', 'csv');
  assert.equal(csv.code, 0, csv.stderr);
  assert.equal(csv.stdout.split('\n')[0], 'customer_id');
  assert.equal(csv.stdout.trim().split('\n').length, 4);
  const json = cli('sql', 'SELECT 1 AS n, \'x\' AS s', '--workspace', workspace, '--format', 'json');
  assert.deepEqual(JSON.parse(json.stdout), [{ n: 1, s: 'x' }]);
  const out = path.join(tempDir(), 'few.parquet');
  const parquet = cli('sql', 'FROM mine.few', '--workspace', workspace, '--format', 'parquet', '--out', out);
  assert.equal(parquet.code, 0, parquet.stderr);
  const engine = await Engine.open(null);
  const [row] = await engine.database.rows(`SELECT count(*) AS n FROM read_parquet('${out}')`);
  engine.close();
  assert.equal(Number(row!.n), 3);
});

test('sql refuses what the console refuses, and reports errors with their place', async () => {
  const workspace = await workspaceWithSample();
  const drop = cli('sql', 'DROP TABLE churn.customers', '--workspace', workspace);
  assert.equal(drop.code, 1);
  assert.match(drop.stderr, /cannot change the churn schema/);
  const file = cli('sql', "SELECT * FROM read_csv('/etc/passwd')", '--workspace', workspace);
  assert.equal(file.code, 1);
  assert.match(file.stderr, /read_csv\(\)/);
  const bad = cli('sql', 'SELECT\n  nope\nFROM churn.customers', '--workspace', workspace);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /nope[\s\S]*at line 2, column 3/);
  const missing = cli('sql', 'SELECT 1', '--workspace', path.join(tempDir(), 'none.duckdb'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /there is no workspace at/);
  assert.equal(cli('sql', 'SELECT 1', '--format', 'xml').code, 2);
  assert.ok(fs.existsSync(workspace));
});
