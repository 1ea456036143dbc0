// Stripe Dashboard exports (test/fixtures/stripe, written by hand in Stripe's
// documented shapes: Title Case headers with " (UTC)", a chosen subset of
// columns in any order, "<key> (metadata)" columns, lowercase statuses, major
// units, blank tax) import with no --map to MRR worked out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import type { AuditRow } from '../../shared/model.js';

const FIXTURES = path.resolve(process.cwd(), 'test', 'fixtures', 'stripe');
const fixture = (name: string) => path.join(FIXTURES, name);

async function importStripe(files: string[], asOf = '2024-06-30') {
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: files.map((f) => ({ path: fixture(f) })), options: { asOf } });
  assert.ok(result.ok, JSON.stringify(result));
  const rows = await engine.database.rows(
    `SELECT customer_id, strftime(month, '%Y-%m') AS month, CAST(mrr AS DOUBLE) AS mrr FROM churn.customer_month WHERE month <= DATE '${asOf}' ORDER BY 1, 2`,
  );
  const mrr: Record<string, Record<string, number>> = {};
  for (const r of rows) (mrr[String(r.customer_id)] ??= {})[String(r.month)] = Number(r.mrr);
  return { engine, summary: result.value, mrr };
}

const check = (audit: AuditRow[], name: string) => audit.find((a) => a.check === name);
const months = (from: number, to: number, value: number) =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`2024-${String(from + i).padStart(2, '0')}`, value]));

test('every Stripe fixture is recognised by its preset and imports with no --map and no rejects', async () => {
  for (const [file, preset] of [
    ['invoices.csv', 'stripe_invoices'],
    ['customers.csv', 'stripe_customers'],
    ['payments.csv', 'stripe_payments'],
    ['subscriptions.csv', 'stripe_subscriptions'],
  ] as const) {
    const { engine, summary } = await importStripe([file]);
    assert.equal(summary.files[0]!.preset, preset, file);
    assert.equal(summary.files[0]!.rowsRejected, 0, file);
    engine.close();
  }
});

test('Stripe invoices: the line-item service period, not the invoice period that looks back; statuses; tax; a setup fee', async () => {
  const { engine, summary, mrr } = await importStripe(['invoices.csv', 'customers.csv']);
  const invoices = summary.files[0]!;
  assert.equal(invoices.fields.period_start, 'Minimum Line Item Period Start (UTC)');
  assert.equal(invoices.fields.period_end, 'Maximum Line Item Period End (UTC)');
  assert.equal(invoices.fields.amount, 'Total');
  assert.deepEqual([invoices.tax?.amountIncludesTax, invoices.tax?.source, invoices.tax?.evidence?.column], [true, 'data', 'Subtotal']);
  // Loaded: 6 of 10 (uncollectible, void and draft invoices are not revenue; the setup fee loads as one-off).
  assert.deepEqual([invoices.rowsRead, invoices.rowsLoaded, invoices.rowsRejected], [10, 7, 0]);
  assert.deepEqual(mrr, {
    // Renewal invoices on Feb 1 and Mar 1 whose invoice-level period is the month before: each pays the month after.
    // 120 total − 20 tax = 100; the April invoice is uncollectible, so coverage ends on Apr 1.
    cus_A: months(1, 3, 100),
    // 1,200 a year from Jan 15, blank tax: 100 a month; the void invoice adds nothing.
    cus_B: months(1, 6, 100),
    // 60 − 10 = 50 from Mar 5 (paid) and Apr 5 (open: still revenue) to May 5; the 250 setup fee is not MRR.
    cus_C: months(3, 4, 50),
  });
  const audit = summary.audit;
  assert.deepEqual(
    ['not_revenue_status:uncollectible', 'not_revenue_status:void', 'not_revenue_status:draft'].map((name) => [check(audit, name)?.count, check(audit, name)?.amount]),
    [[1, 120], [1, 500], [1, 80]],
  );
  assert.deepEqual([check(audit, 'one_off_charges')?.count, check(audit, 'one_off_charges')?.amount], [1, 250]);
  assert.equal(check(audit, 'amount_includes_tax')?.count, 5, 'five loaded invoices carry tax');
  // The guest row of the customers export: once, as a row without a customer, not as an error or a duplicate.
  const customers = summary.audit.filter((a) => a.importId === summary.files[1]!.importId);
  assert.deepEqual(
    customers.map((a) => a.check).filter((c) => c.startsWith('rejected') || c.startsWith('duplicate') || c === 'rows_without_customer'),
    ['rows_without_customer'],
  );

  // Coverage, not transactions: A churns in April when its coverage ends, C in May; no inactivity window.
  const analysis = await engine.invoke('analysis.run', { settings: {} });
  assert.ok(analysis.ok);
  const churned = Object.fromEntries(analysis.value.periods.map((p) => [p.period, p.mrr_churned]));
  assert.deepEqual(churned, { '2024-01': 0, '2024-02': 0, '2024-03': 0, '2024-04': 100, '2024-05': 50, '2024-06': 0 });

  // Customer metadata ("tier (metadata)") is the attribute "tier": a filter and a segment column.
  const gold = await engine.invoke('analysis.run', { settings: { filters: [{ attribute: 'tier', op: 'eq', values: ['gold'] }] } });
  assert.ok(gold.ok);
  assert.deepEqual(gold.value.periods.map((p) => p.mrr_end), [100, 100, 150, 50, 0, 0]);
  const byTier = await engine.invoke('analysis.run', { settings: { segmentRule: { by: 'column', column: 'tier' } } });
  assert.ok(byTier.ok);
  assert.deepEqual(byTier.value.segments.map((s) => s.segment).sort(), ['gold', 'silver']);
  engine.close();
});

test('Stripe payments: transactions keep the inactivity window; failed charges and guest payments are not MRR', async () => {
  const { engine, summary, mrr } = await importStripe(['payments.csv']);
  assert.deepEqual(mrr, { cus_P: { '2024-01': 30, '2024-02': 30 } });
  assert.deepEqual([check(summary.audit, 'not_revenue_status:failed')?.count, check(summary.audit, 'not_revenue_status:failed')?.amount], [1, 30]);
  assert.deepEqual([check(summary.audit, 'rows_without_customer')?.count, check(summary.audit, 'rows_without_customer')?.amount], [1, 35]);
  const analysis = await engine.invoke('analysis.run', { settings: {} });
  assert.ok(analysis.ok);
  // Bridged through March and April (⌊90 ÷ 30.4375⌋ = 2 months), churned in May.
  assert.deepEqual(analysis.value.periods.map((p) => [p.period, p.customers_end]), [['2024-01', 1], ['2024-02', 1], ['2024-03', 1], ['2024-04', 1], ['2024-05', 0], ['2024-06', 0]]);
  engine.close();
});

test('Stripe subscriptions: lowercase statuses; a trial and incomplete subscriptions without MRR; an annual plan spread', async () => {
  const { engine, mrr } = await importStripe(['subscriptions.csv']);
  assert.deepEqual(mrr, { cus_S1: months(1, 6, 49), cus_S2: months(2, 4, 50) });
  engine.close();
});

test('the audit tells coverage from transactions: payments are lines without a service period, a setup fee is one-off only', async () => {
  const invoices = await importStripe(['invoices.csv']);
  assert.equal(check(invoices.summary.audit, 'lines_without_service_period'), undefined);
  invoices.engine.close();
  const payments = await importStripe(['payments.csv']);
  assert.deepEqual([check(payments.summary.audit, 'lines_without_service_period')?.count, check(payments.summary.audit, 'lines_without_service_period')?.amount], [2, 60]);
  payments.engine.close();
});
