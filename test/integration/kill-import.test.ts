// kill -9 in the middle of an import (issue 12): the command is killed while
// its converted copy of a UTF-16 export sits in its temp folder. The next
// start removes that folder, and the workspace holds exactly what it held
// before, with no write-ahead log left over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { Engine } from '../../main/engine/engine.js';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const BIN = path.join(ROOT, 'bin', 'churn-workbench.js');

/** Every table of the churn schema: its rows counted and hashed. */
async function fingerprint(workspace: string): Promise<string> {
  const engine = await Engine.open(workspace);
  try {
    const tables = await engine.database.rows(`SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'churn' ORDER BY ALL`);
    const parts: string[] = [];
    for (const { t } of tables) {
      const [row] = await engine.database.rows(`SELECT count(*) AS n, CAST(sum(hash(x)) AS VARCHAR) AS h FROM churn."${String(t)}" x`);
      parts.push(`${String(t)}: ${String(row?.n)} rows, hash ${String(row?.h)}`);
    }
    return parts.join('\n');
  } finally {
    engine.close();
  }
}

/** The files under `dir`, with their sizes (none when it does not exist). */
function filesUnder(dir: string): { file: string; size: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    const file = path.join(dir, name);
    try {
      const stat = fs.statSync(file);
      return stat.isFile() ? [{ file, size: stat.size }] : [];
    } catch {
      return [];
    }
  });
}

test('kill -9 during an import: the next start removes its temp files, and the workspace is as it was', { timeout: 600_000 }, async () => {
  ensureBuilt();
  const dir = tempDir('cw-kill-');
  const tmp = path.join(dir, 'tmp');
  fs.mkdirSync(tmp);
  const env = { ...process.env, TMPDIR: tmp };
  const workspace = path.join(dir, 'ws.duckdb');
  const seed = writeFile(dir, 'seed.csv', 'customer_id,amount,start_date\nC1,10,2024-01-01\nC2,20,2024-02-01\n');
  const seeded = spawnSync(process.execPath, [BIN, 'import', seed, '--workspace', workspace, '--interval', 'month'], { env, encoding: 'utf8' });
  assert.equal(seeded.status, 0, seeded.stderr);
  const before = await fingerprint(workspace);
  assert.match(before, /subscriptions: 2 rows/);

  // A UTF-16 export of 600,000 rows (about 50 MB): converted to UTF-8 in the process's temp folder first.
  const rows = Array.from({ length: 600_000 }, (_, i) => `K${i},${(i % 500) + 1}.50,2024-0${1 + (i % 9)}-15\n`);
  const big = writeFile(dir, 'big-utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`customer_id,amount,start_date\n${rows.join('')}`, 'utf16le')]));
  const child = spawn(process.execPath, [BIN, 'import', big, '--workspace', workspace, '--interval', 'month'], { env, stdio: 'ignore' });
  const exited = once(child, 'exit');
  const own = path.join(tmp, `churn-workbench-${child.pid}`);
  // Killed once its converted copy has passed a megabyte: while converting, or loading from the copy.
  let running = true;
  void exited.then(() => (running = false));
  while (running && !filesUnder(own).some((f) => f.file.endsWith('.utf8.csv') && f.size > 1024 * 1024)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(running, 'the import was still running when its converted copy had grown');
  child.kill('SIGKILL');
  const [code, signal] = await exited;
  assert.deepEqual([code, signal], [null, 'SIGKILL']);
  assert.ok(filesUnder(own).length > 0, 'the killed import left its temp files behind');

  // The next start (any command) removes them; the workspace opens with its data as it was.
  const next = spawnSync(process.execPath, [BIN, 'sql', 'SELECT count(*) AS n FROM churn.subscriptions', '--workspace', workspace, '--format', 'csv'], { env, encoding: 'utf8' });
  assert.equal(next.status, 0, next.stderr);
  assert.equal(next.stdout.trim().split('\n').at(-1), '2');
  assert.equal(fs.existsSync(own), false, 'the killed process’s temp folder is gone');
  assert.deepEqual(fs.readdirSync(tmp).filter((name) => name.startsWith('churn-workbench-') || name.startsWith('cw-source-')), []);
  assert.equal(await fingerprint(workspace), before);
  assert.equal(fs.existsSync(`${workspace}.wal`), false, 'no write-ahead log left');
  fs.rmSync(dir, { recursive: true, force: true });
});
