// The mapping dialog's billing-interval question (renderer/views/import/draft.ts):
// shown for subscriptions without an interval column, with each plan's term as
// the file shows it; required wherever the file says nothing for a plan (a
// billing system's export or any other file); the answers go into the request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockers, fileRequest, intervalQuestion, newDraft, unansweredPlans, withSavedIntervals, type FileDraft } from '../../renderer/views/import/draft.js';
import type { MappingPreview, PlanTerm } from '../../shared/model.js';

const TERMS: PlanTerm[] = [
  { plan: 'annual-588', interval: 'year', count: 1, source: 'period', rows: 3 },
  { plan: 'gold', interval: null, count: null, source: null, rows: 2 },
];
const t = (key: string, options?: Record<string, unknown>) => `${key}${options ? JSON.stringify(options) : ''}`;

function draftWith(preset: string | null, change: Partial<FileDraft> = {}, terms = TERMS): FileDraft {
  const preview = { kind: 'subscriptions', preset, fields: {}, billingTerms: terms, ambiguousDates: [] } as unknown as MappingPreview;
  const map = { customer_id: 'account_code', start_date: 'activated_at', amount: 'unit_amount_in_cents', plan: 'plan_code' };
  return { ...newDraft('/tmp/subscriptions.csv'), loading: false, preview, map, ...change };
}

test('asked for subscriptions without an interval column; not when one is mapped, nor for other kinds', () => {
  assert.deepEqual(intervalQuestion(draftWith('recurly_subscriptions')), { terms: TERMS });
  assert.deepEqual(intervalQuestion(draftWith(null)), { terms: TERMS });
  assert.equal(intervalQuestion(draftWith('recurly_subscriptions', { map: { billing_interval: 'interval' } })), null);
  assert.equal(intervalQuestion(draftWith(null, {}, [{ plan: 'a', interval: 'month', count: 1, source: 'column', rows: 1 }])), null);
});

test('a vendor export or a plain file blocks the import until every plan the file says nothing about is answered', () => {
  for (const preset of ['recurly_subscriptions', null]) {
    const draft = draftWith(preset);
    assert.deepEqual(unansweredPlans(draft), ['gold']);
    assert.ok(blockers(t, draft).some((b) => b.startsWith('import:problems.interval')), String(preset));
    assert.deepEqual(unansweredPlans(draftWith(preset, { intervalByPlan: { gold: 'year' } })), []);
    assert.deepEqual(unansweredPlans(draftWith(preset, { interval: 'month' })), []);
    assert.ok(!blockers(t, draftWith(preset, { interval: 'month' })).some((b) => b.startsWith('import:problems.interval')), String(preset));
  }
  // Every plan's term from the file: shown to check, nothing to answer.
  const derived = draftWith(null, {}, [TERMS[0]!]);
  assert.deepEqual(unansweredPlans(derived), []);
  assert.ok(!blockers(t, derived).some((b) => b.startsWith('import:problems.interval')));
});

test('the request carries the answers given, and only while the question applies', () => {
  const answered = draftWith('recurly_subscriptions', { intervalByPlan: { gold: '6 months', 'annual-588': '' }, interval: 'month' });
  assert.deepEqual([fileRequest(answered).intervalByPlan, fileRequest(answered).interval], [{ gold: '6 months' }, 'month']);
  const unanswered = fileRequest(draftWith('recurly_subscriptions'));
  assert.deepEqual([unanswered.intervalByPlan, unanswered.interval], [undefined, undefined]);
  const mapped = fileRequest({ ...answered, map: { ...answered.map, billing_interval: 'interval' } });
  assert.deepEqual([mapped.intervalByPlan, mapped.interval], [undefined, undefined]);
});

test('answers saved with the header fill the draft when the question first appears; the user’s own answers win', () => {
  const preview = { ...draftWith(null).preview!, savedIntervals: { interval: 'month', intervalByPlan: { gold: 'year', silver: 'quarter' } } };
  assert.deepEqual(withSavedIntervals(newDraft('/tmp/s.csv'), preview), { interval: 'month', intervalByPlan: { gold: 'year', silver: 'quarter' } });
  // Answers given before the question appeared (the file was read as another kind first) win over the saved ones.
  const customers = { ...draftWith(null).preview!, kind: 'customers' } as MappingPreview;
  const own = { ...draftWith(null, { interval: 'week', intervalByPlan: { gold: '2 years', silver: '' } }), preview: customers };
  assert.deepEqual(withSavedIntervals(own, preview), { interval: 'week', intervalByPlan: { gold: '2 years', silver: 'quarter' } });
  assert.deepEqual(withSavedIntervals(newDraft('/tmp/s.csv'), { ...preview, savedIntervals: {} }), { interval: '', intervalByPlan: {} });
});

test('a saved answer can be changed or cleared: it stays so after a new suggestion, and the request clears it', () => {
  const saved = { interval: 'month', intervalByPlan: { gold: 'year', silver: 'quarter' } };
  const preview = { ...draftWith(null).preview!, savedIntervals: saved } as MappingPreview;
  const shown = { ...draftWith(null), preview, ...withSavedIntervals(newDraft('/tmp/s.csv'), preview) };
  assert.deepEqual(fileRequest(shown).intervalByPlan, { gold: 'year', silver: 'quarter' });
  // The user clears gold (back to "as the file says"), changes silver and clears the answer for every other row.
  const edited: FileDraft = { ...shown, interval: '', intervalByPlan: { ...shown.intervalByPlan, gold: '', silver: 'month' } };
  // Nothing in the file gives gold's interval (TERMS), and no answer covers it now: the dialog asks again.
  assert.deepEqual(unansweredPlans(edited), ['gold']);
  assert.ok(blockers(t, edited).some((b) => b.startsWith('import:problems.interval')));
  const request = fileRequest(edited);
  assert.deepEqual([request.intervalByPlan, request.interval], [{ gold: '', silver: 'month' }, '']);
  // A new suggestion (another encoding, say) keeps the user's choices: the cleared answers do not come back.
  assert.deepEqual(withSavedIntervals(edited, preview), { interval: '', intervalByPlan: { gold: '', silver: 'month' } });
  // Without saved answers, an empty choice is simply not sent.
  const fresh = { ...draftWith(null), intervalByPlan: { gold: 'year', silver: '' } };
  assert.deepEqual([fileRequest(fresh).intervalByPlan, fileRequest(fresh).interval], [{ gold: 'year' }, undefined]);
});
