// Tax in real invoice exports: subtracted only from amounts that include it,
// decided from the file, stated in the CLI's mapping lines and the audit, and
// overridable (docs/METRICS.md, "Worked example: an annual invoice with tax").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { formatImport } from '../../main/cli/output.js';
import { importPlan } from '../../main/cli/options.js';
import type { ImportFileRequest } from '../../shared/model.js';
import { tempDir, writeFile } from '../support/fixtures.js';

/** The worked example: 2,000 a year, 400 tax, 2,400 total, and a monthly 100 + 20 = 120 invoice. */
const INVOICES = `invoice_id,customer_id,invoice_date,period_start,period_end,amount_excl_tax,tax,total
INV-1,A,2024-01-01,2024-01-01,2025-01-01,2000.00,400.00,2400.00
INV-2,B,2024-01-01,2024-01-01,2024-02-01,100.00,20.00,120.00
`;

async function importInvoices(request: Omit<ImportFileRequest, 'path'>, content = INVOICES) {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'invoices.csv', content), ...request }], options: { asOf: '2024-03-31' } });
  assert.ok(result.ok, JSON.stringify(result));
  const rows = await engine.database.rows(
    `SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(round(mrr, 2) AS VARCHAR) AS mrr FROM churn.customer_month WHERE month <= DATE '2024-03-01' ORDER BY 1, 2`,
  );
  const audit = await engine.database.rows(`SELECT "check", severity, count, CAST(examples AS VARCHAR) AS examples FROM churn.audit WHERE "check" LIKE 'amount_%'`);
  engine.close();
  return { file: result.value.files[0]!, summary: result.value, mrr: rows.map((r) => `${r.customer_id} ${r.month} ${r.mrr}`), audit };
}

test('the worked example: 166.67 MRR whether the amount mapped is the 2,000 excluding tax or the 2,400 total', async () => {
  const excluding = await importInvoices({});
  assert.equal(excluding.file.fields.amount, 'amount_excl_tax');
  assert.equal(excluding.file.fields.tax, 'tax');
  assert.deepEqual(excluding.mrr, ['A 2024-01 166.67', 'A 2024-02 166.67', 'A 2024-03 166.67', 'B 2024-01 100.00']);
  assert.deepEqual(excluding.file.tax, {
    amountColumn: 'amount_excl_tax',
    taxColumn: 'tax',
    amountIncludesTax: false,
    source: 'data',
    evidence: { column: 'total', rows: 2, of: 2 },
    reason: '"amount_excl_tax" + "tax" = "total" on 2 of 2 sampled rows with tax.',
  });

  const total = await importInvoices({ map: { amount: 'total', tax: 'tax' } });
  assert.equal(total.file.fields.amount, 'total');
  assert.deepEqual(total.mrr, excluding.mrr);
  assert.deepEqual([total.file.tax?.amountIncludesTax, total.file.tax?.source], [true, 'data']);
});

test('the decision is in the audit (count of rows with tax, and why) and on the CLI mapping line', async () => {
  const { summary, audit } = await importInvoices({});
  assert.deepEqual(audit, [
    {
      check: 'amount_excludes_tax',
      severity: 'info',
      count: 2n,
      examples: JSON.stringify([{ line: null, value: '"amount_excl_tax" excludes tax, so "tax" is not subtracted: "amount_excl_tax" + "tax" = "total" on 2 of 2 sampled rows with tax.' }]),
    },
  ]);
  const text = formatImport(summary);
  assert.match(text, /mapping: {3}.*amount=amount_excl_tax.*tax=tax.* \(amount excludes tax\)\n/);
  assert.match(text, /tax: {7}"amount_excl_tax" excludes tax, so "tax" is not subtracted: .* on 2 of 2 sampled rows with tax\.\n/);
  assert.match(text, /info {4}amount_excludes_tax × 2/);
});

test('the user overrides the decision (--amount-tax): the stated decision and the MRR follow', async () => {
  const plan = importPlan(['invoices.csv'], { 'amount-tax': 'included' });
  assert.equal(plan.files[0]!.amountIncludesTax, true);
  assert.throws(() => importPlan(['x.csv'], { 'amount-tax': 'yes' }), /--amount-tax takes one of included, excluded/);
  const overridden = await importInvoices({ amountIncludesTax: true });
  assert.deepEqual(overridden.mrr, ['A 2024-01 133.33', 'A 2024-02 133.33', 'A 2024-03 133.33', 'B 2024-01 80.00']);
  assert.deepEqual([overridden.file.tax?.source, overridden.file.tax?.reason], ['user', 'you said "amount_excl_tax" includes tax.']);
  assert.equal(overridden.audit[0]!.check, 'amount_includes_tax');
});

test('an amount nothing describes is taken to include its tax, and the audit warns that it was assumed', async () => {
  const { mrr, file, audit } = await importInvoices({}, 'customer_id,invoice_date,amount,tax\nA,2024-01-01,120.00,20.00\n');
  assert.deepEqual(mrr, ['A 2024-01 100.00']);
  assert.equal(file.tax?.source, 'assumed');
  assert.deepEqual([audit[0]!.check, audit[0]!.severity], ['amount_includes_tax', 'warning']);
});

test('subscriptions: the same rule (a net price with its tax beside it keeps its MRR)', async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const file = writeFile(dir, 'subs.csv', 'customer_id,start_date,net price,tax,gross price\nA,2024-01-01,100.00,19.00,119.00\n');
  const result = await engine.invoke('model.import', { files: [{ path: file, kind: 'subscriptions', map: { amount: 'net price' }, interval: 'month' }], options: { asOf: '2024-01-31' } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.tax?.amountIncludesTax, false);
  const [row] = await engine.database.rows('SELECT CAST(mrr AS VARCHAR) AS mrr FROM churn.subscriptions');
  assert.equal(row!.mrr, '100.000000');
  engine.close();
});

test("the user's answer is kept with the header's mapping: the next import and the dialog's preview use it", async () => {
  const dir = tempDir();
  const engine = await Engine.open(null);
  const file = writeFile(dir, 'invoices.csv', 'customer_id,invoice_date,amount,tax\nA,2024-01-01,120.00,20.00\n');
  assert.ok((await engine.invoke('model.import', { files: [{ path: file, amountIncludesTax: false }], options: { asOf: '2024-01-31' } })).ok);
  const preview = await engine.invoke('model.suggest', { path: file });
  assert.ok(preview.ok);
  assert.deepEqual([preview.value.tax?.source, preview.value.tax?.amountIncludesTax], ['user', false]);
  const again = await engine.invoke('model.import', { files: [{ path: file }], options: { asOf: '2024-01-31' } });
  assert.ok(again.ok);
  assert.deepEqual([again.value.files[0]!.tax?.source, again.value.files[0]!.tax?.amountIncludesTax], ['user', false]);
  engine.close();
});

test('the relation the first rows showed is checked on every row: rows past the sample where it fails are in the audit', async () => {
  const lines = ['customer_id,invoice_date,amount_excl_tax,tax,total'];
  for (let i = 0; i < 600; i += 1) lines.push(`C${i},2024-01-01,100.00,20.00,${i < 500 ? '120.00' : '110.00'}`);
  const dir = tempDir();
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'big.csv', `${lines.join('\n')}\n`) }], options: { asOf: '2024-01-31' } });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual([result.value.files[0]!.tax?.source, result.value.files[0]!.tax?.evidence], ['data', { column: 'total', rows: 500, of: 500 }]);
  const differs = result.value.audit.find((a) => a.check === 'tax_relation_differs:total');
  // 100 of 600 rows with tax (over 5%): a warning, with the amount of those rows and the first examples.
  assert.deepEqual([differs?.severity, differs?.count, differs?.amount, differs?.examples[0]], ['warning', 100, 10000, { line: 502, value: '100.000000 / 110.000000' }]);
  engine.close();
  const clean = await importInvoices({});
  assert.equal(clean.summary.audit.some((a) => a.check.startsWith('tax_relation_differs')), false);
});
