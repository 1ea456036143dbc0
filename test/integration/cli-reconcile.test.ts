// `churn-workbench reconcile`, run as a user runs it: data files and a
// reference in, the months and their explanations out (text and JSON).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { ReconcileResult } from '../../shared/reconcile.js';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

// B is paid to the end of May but cancelled on 2024-03-10.
const SUBSCRIPTIONS = `customer_id,subscription_id,plan,amount,billing_interval,start_date,end_date,canceled_at
A,a1,Pro,100,month,2024-01-01,,
B,b1,Pro,200,month,2024-01-01,2024-06-01,2024-03-10
`;
// Theirs stops B at the cancellation, has A at 105 in April (noise) and E, whom we do not have.
const REFERENCE = `Customer,Month,MRR
A,2024-01,100
A,2024-02,100
A,2024-03,100
A,2024-04,105
B,2024-01,200
B,2024-02,200
E,2024-02,30
`;

function cli(...args: string[]) {
  ensureBuilt();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), 'reconcile', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('reconcile --json: every month, what explains it, and who is only on one side', () => {
  const dir = tempDir();
  const run = cli(writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS), '--as-of', '2024-04-30', '--reference', writeFile(dir, 'stripe.csv', REFERENCE), '--json', '-');
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as ReconcileResult;
  assert.deepEqual(
    result.months.map((m) => [m.month, m.ours.mrr, m.theirs.mrr, m.explained.map((e) => `${e.rule} ${e.amount}`), m.unexplained.amount]),
    [
      ['2024-01', 300, 300, [], 0],
      ['2024-02', 300, 330, [], -30],
      ['2024-03', 300, 100, ['churnDate=cancellation 200'], 0],
      ['2024-04', 300, 105, ['churnDate=cancellation 200'], -5],
    ],
  );
  assert.deepEqual(result.onlyTheirs, { customers: 1, mrr: 30 });
  assert.equal(result.suggestion?.rule, 'churnDate=cancellation');
});

test('reconcile as text: the sentences, the unexplained customer-months, and a tolerance that absorbs the noise', () => {
  const dir = tempDir();
  const run = cli(writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS), '--as-of', '2024-04-30', '--reference', writeFile(dir, 'stripe.csv', REFERENCE), '--tolerance-abs', '5');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Of the 195\.00 difference in 2024-04, 200\.00 is churn recognised at cancellation instead of at the end of the paid period \(Stripe Billing's and Baremetrics' setting\), in 1 customer; -5\.00 is within the tolerance\./);
  assert.match(run.stdout, /Unexplained customer-months \(1\):\n {2}E {2}2024-02 {2}ours — {2}theirs 30\.00/);
});

test('reconcile without --reference says what it needs', () => {
  const run = cli(writeFile(tempDir(), 'subscriptions.csv', SUBSCRIPTIONS));
  assert.equal(run.code, 2);
  assert.match(run.stderr, /needs --reference <file>/);
});

// Baremetrics' customer list (the Customer object's names, cents): each customer's MRR on the export's day.
const SNAPSHOT = `oid,email,name,current_mrr,is_active
A,a@example.com,Alpha,10000,true
B,b@example.com,Beta,0,false
`;

test('reconcile --reference-month: a customer list is the month stated, and only that month is compared', () => {
  const dir = tempDir();
  const reference = writeFile(dir, 'baremetrics.csv', SNAPSHOT);
  const run = cli(writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS), '--as-of', '2024-04-30', '--reference', reference, '--reference-month', '2024-03', '--json', '-');
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as ReconcileResult;
  assert.equal(result.reference.preset, 'baremetrics_customers');
  assert.deepEqual(
    result.months.map((m) => [m.month, m.ours.mrr, m.theirs.mrr, m.explained.map((e) => `${e.rule} ${e.amount}`), m.unexplained.amount]),
    [['2024-03', 300, 100, ['churnDate=cancellation 200'], 0]],
  );
  const without = cli(writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS), '--reference', reference);
  assert.notEqual(without.code, 0);
  assert.match(without.stderr, /state which month that is \(YYYY-MM; --reference-month on the command line\)/);
  const wrong = cli(writeFile(dir, 'subscriptions.csv', SUBSCRIPTIONS), '--reference', reference, '--reference-month', '2024-13');
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--reference-month takes a month as YYYY-MM, not "2024-13"/);
});
