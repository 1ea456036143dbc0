// The mapping dialog's tax question (renderer/views/import/draft.ts): asked
// when amount and tax are both mapped, showing the file's own decision only
// for the columns it was made for, and sending the user's answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_OPTIONS, fileRequest, importOptions, newDraft, optionProblems, taxQuestion, type FileDraft } from '../../renderer/views/import/draft.js';
import type { MappingPreview, TaxDecision } from '../../shared/model.js';

const decision: TaxDecision = {
  amountColumn: 'Total',
  taxColumn: 'Tax',
  amountIncludesTax: true,
  source: 'data',
  evidence: { column: 'Subtotal', rows: 3, of: 3 },
  reason: '"Subtotal" + "Tax" = "Total" on 3 of 3 sampled rows with tax.',
};

function draftWith(map: Record<string, string>, amountIncludesTax: boolean | null = null): FileDraft {
  const preview = { kind: 'invoices', fields: { customer_id: 'Customer', date: 'Date', amount: 'Total', tax: 'Tax' }, tax: decision } as unknown as MappingPreview;
  return { ...newDraft('/tmp/invoices.csv'), loading: false, preview, map, amountIncludesTax };
}

test('no question without both amount and tax mapped', () => {
  assert.equal(taxQuestion(draftWith({ customer_id: 'Customer', date: 'Date', amount: 'Total' })), null);
});

test("the file's decision is shown for the columns it was made for, not after the user remaps them", () => {
  assert.deepEqual(taxQuestion(draftWith({ amount: 'Total', tax: 'Tax' })), { decision });
  assert.deepEqual(taxQuestion(draftWith({ amount: 'Subtotal', tax: 'Tax' })), { decision: null });
});

test("the request carries the user's answer only when given and when the question applies", () => {
  assert.equal(fileRequest(draftWith({ amount: 'Total', tax: 'Tax' })).amountIncludesTax, undefined);
  assert.equal(fileRequest(draftWith({ amount: 'Total', tax: 'Tax' }, false)).amountIncludesTax, false);
  assert.equal(fileRequest(draftWith({ amount: 'Total' }, false)).amountIncludesTax, undefined);
});

test('import options: the grace period and the statuses that are not revenue', () => {
  const t = (key: string) => key;
  const options = { ...EMPTY_OPTIONS, graceDays: '30', skipStatuses: 'void, draft ,' };
  assert.deepEqual(optionProblems(t, options), []);
  assert.deepEqual(importOptions(options), { endDate: 'exclusive', graceDays: 30, skipStatuses: ['void', 'draft'] });
  assert.deepEqual(importOptions(EMPTY_OPTIONS), { endDate: 'exclusive' }, 'empty: the workspace’s grace and the default list');
  assert.deepEqual(optionProblems(t, { ...EMPTY_OPTIONS, graceDays: '1.5' }), ['import:problems.graceDays']);
  assert.deepEqual(optionProblems(t, { ...EMPTY_OPTIONS, graceDays: '400' }), ['import:problems.graceDays']);
  // How a pause counts: sent when chosen; empty keeps the workspace's (else months at 0).
  assert.deepEqual(importOptions({ ...EMPTY_OPTIONS, pauses: 'churn' }), { endDate: 'exclusive', pauses: 'churn' });
  assert.deepEqual(importOptions({ ...EMPTY_OPTIONS, pauses: 'zero_mrr' }), { endDate: 'exclusive', pauses: 'zero_mrr' });
});

test('advanced import options: the plausible dates and what a line with the wrong number of values does', () => {
  const t = (key: string) => key;
  const options = { ...EMPTY_OPTIONS, earliestDate: '1990-01-01', yearsAhead: '2', misshapenLines: 'stop' as const };
  assert.deepEqual(optionProblems(t, options), []);
  assert.deepEqual(importOptions(options), { endDate: 'exclusive', earliestDate: '1990-01-01', yearsAhead: 2, misshapenLines: 'stop' });
  assert.deepEqual(importOptions({ ...EMPTY_OPTIONS, yearsAhead: ' 0 ' }), { endDate: 'exclusive', yearsAhead: 0 }, '0: no date after the as-of date');
  assert.deepEqual(optionProblems(t, { ...EMPTY_OPTIONS, yearsAhead: '101' }), ['import:problems.yearsAhead']);
  assert.deepEqual(optionProblems(t, { ...EMPTY_OPTIONS, yearsAhead: '-1' }), ['import:problems.yearsAhead']);
  assert.deepEqual(optionProblems(t, { ...EMPTY_OPTIONS, earliestDate: '1990-01-01', asOf: '1989-12-31' }), ['import:problems.asOfBeforeEarliest']);
});
