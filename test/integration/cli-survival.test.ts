// `churn-workbench survival`, run as a user runs it: the JSON equals R's
// survival package on the public data sets (test/fixtures/survival), through
// a plain lifetime file (--time/--event) and through the churn model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SurvivalResult } from '../../shared/survival.js';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { compareWithR, missingSharedData, SHARED_DATA } from '../support/survival.js';

function cli(...args: string[]) {
  ensureBuilt();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), 'survival', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function json(...args: string[]): SurvivalResult {
  const run = cli(...args, '--json', '-');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as SurvivalResult;
}

for (const [dataset, group, horizon, times] of [
  ['aml', 'x', '48', '12,24,36'],
  ['lung', 'sex', '730', '180,365,730'],
] as const) {
  test(`survival --time --event: ${dataset} by ${group} equals R`, { skip: missingSharedData(`${dataset}.csv`) }, () => {
    const result = json(path.join(SHARED_DATA, `${dataset}.csv`), '--time', 'time', '--event', 'status', '--group-by', group, '--horizon', horizon, '--times', times);
    assert.equal(result.source, 'table');
    assert.equal(result.unit, 'time');
    compareWithR(dataset, result);
  });
}

test('survival on a customer list: Telco by Contract equals R, to a file with --json <out>', { skip: missingSharedData('telco_customer_churn.csv') }, () => {
  const out = path.join(tempDir(), 'telco.json');
  const run = cli(path.join(SHARED_DATA, 'telco_customer_churn.csv'), '--group-by', 'Contract', '--horizon', '72', '--json', out);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as SurvivalResult;
  assert.equal(result.source, 'model');
  assert.equal(result.unit, 'months');
  compareWithR('telco', result);
});

test('survival: event codes as words, the summary without --json, and usage errors', () => {
  const dir = tempDir();
  const file = writeFile(dir, 'lifetimes.csv', 'months,left,plan\n1,yes,A\n2,no,A\n4,true,A\n3,1,B\n5,0,B\n');
  const text = cli(file, '--time', 'months', '--event', 'left', '--group-by', 'plan', '--times', '2');
  assert.equal(text.code, 0, text.stderr);
  // A: 1 (event), 2 (censored), 4 (event): S(2) = 2/3; the median is 4, where S first falls to 0.
  assert.match(text.stdout, /A: 3 lifetimes, 2 events; median 4 \(95% CI 1 to not reached\); S\(2\) 66\.7%/);
  assert.match(text.stdout, /B: 2 lifetimes, 1 event; median 3/);
  assert.match(text.stdout, /Log-rank test: chi-square [\d.]+ on 1 df, p = /);
  assert.equal(cli(file, '--time', 'months').code, 2);
  assert.match(cli(file, '--time', 'months').stderr, /--time and --event go together/);
  assert.equal(cli(file, file, '--time', 'months', '--event', 'left').code, 2);
  assert.equal(cli(file, '--time', 'months', '--event', 'left', '--times', '12,x').code, 2);
  const missing = cli(file, '--time', 'tenure', '--event', 'left');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no column "tenure"/);
});
