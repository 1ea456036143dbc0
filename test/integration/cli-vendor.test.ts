// The CLI on a Recurly export whose plans give no billing interval: it stops
// naming the flags that answer, and imports once they are given (the package's
// bin, as a user runs it); a plain file stops the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

function cli(...args: string[]) {
  ensureBuilt();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const FILE = path.resolve('test/fixtures/vendors/recurly-subscriptions-no-interval.csv');

test('import stops when a vendor export does not say how its plans bill, and --interval-by-plan answers', () => {
  const workspace = path.join(tempDir(), 'ws.duckdb');
  const stopped = cli('import', FILE, '--workspace', workspace);
  assert.equal(stopped.code, 1);
  assert.match(stopped.stderr, /the billing interval of 2 rows with revenue \(plans "gold", "silver"\) is not in the file/);
  assert.match(stopped.stderr, /--interval-by-plan "gold=month"/);

  const answered = cli('import', FILE, '--workspace', workspace, '--interval-by-plan', 'gold=year', '--interval', 'month', '--time-zone', 'America/Los_Angeles');
  assert.equal(answered.code, 0, answered.stderr);
  assert.match(answered.stdout, /"gold" year from your answer \(1 row\); "silver" month from your answer \(1 row\)/);

  const wrong = cli('import', FILE, '--workspace', workspace, '--interval-by-plan', 'gold');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--interval-by-plan takes name=value/);
  const zone = cli('import', FILE, '--workspace', workspace, '--time-zone', 'Mars/Base');
  assert.equal(zone.code, 2);
  assert.match(zone.stderr, /--time-zone takes a time zone name/);
});

test('a plain subscriptions file with no interval evidence stops too; --interval answers, and the answer is kept for files of that header', () => {
  const dir = tempDir();
  const workspace = path.join(dir, 'ws.duckdb');
  const header = 'customer_id,plan,amount,start_date\n';
  const jan = writeFile(dir, 'jan.csv', `${header}A,Team,1200.00,2024-01-01\n`);
  const stopped = cli('import', jan, '--workspace', workspace);
  assert.equal(stopped.code, 1);
  assert.match(stopped.stderr, /jan\.csv: the billing interval of 1 row with revenue \(plan "Team"\) is not in the file/);
  assert.match(stopped.stderr, /--map billing_interval=<column>/);
  assert.match(stopped.stderr, /--interval-by-plan "Team=month"/);
  assert.match(stopped.stderr, /--interval month/);

  const answered = cli('import', jan, '--workspace', workspace, '--interval', 'year', '--as-of', '2024-01-31');
  assert.equal(answered.code, 0, answered.stderr);
  assert.match(answered.stdout, /"Team" year from your answer \(1 row\)/);
  // The next file of the same header: nothing to answer again.
  const feb = writeFile(dir, 'feb.csv', `${header}B,Team,600.00,2024-02-01\n`);
  const again = cli('import', feb, '--workspace', workspace, '--as-of', '2024-02-29');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /"Team" year from your answer \(1 row\)/);
});
