// The CLI on a Recurly export whose plans give no billing interval: it stops
// naming the flags that answer, and imports once they are given (the package's
// bin, as a user runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir } from '../support/fixtures.js';

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
