// The `churn-workbench` command, run as a user runs it (the package's bin).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureBuilt } from '../support/app.js';
import { PLANS_CSV, tempDir, writeFile } from '../support/fixtures.js';
import { Engine } from '../../main/engine/engine.js';

function cli(...args: string[]) {
  ensureBuilt();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('--help lists the commands', () => {
  const { code, stdout } = cli('--help');
  assert.equal(code, 0);
  assert.match(stdout, /churn-workbench inspect <file>/);
});

test('inspect prints row count, columns and types of a CSV', () => {
  const dir = tempDir();
  const file = writeFile(dir, 'plans.csv', PLANS_CSV);
  const { code, stdout } = cli('inspect', file);
  assert.equal(code, 0);
  assert.match(stdout, /Rows:\s+3\n/);
  assert.match(stdout, /Format:\s+csv \(delimiter ","\)/);
  assert.match(stdout, /mrr\s+DOUBLE/);
  assert.match(stdout, /start_date\s+DATE/);
});

test('inspect --json reads Parquet', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'n.parquet');
  const engine = await Engine.open(null);
  await engine.database.run(`COPY (SELECT i AS n FROM range(12345) t(i)) TO '${file}' (FORMAT parquet)`);
  engine.close();
  const { code, stdout } = cli('inspect', file, '--json');
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout), {
    path: file,
    format: 'parquet',
    rowCount: 12345,
    columns: [{ name: 'n', type: 'BIGINT' }],
    delimiter: null,
    encoding: null,
    sheets: null,
    sheet: null,
  });
});

test('bad input exits non-zero with a message naming the file', () => {
  const dir = tempDir();
  const missing = cli('inspect', path.join(dir, 'missing.csv'));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /missing\.csv: no such file/);
  const empty = cli('inspect', writeFile(dir, 'empty.csv', ''));
  assert.equal(empty.code, 1);
  assert.match(empty.stderr, /empty\.csv is empty/);
  assert.equal(cli('frobnicate').code, 2);
  assert.equal(cli().code, 2);
});
