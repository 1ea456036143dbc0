// The reconciliation's sentences in each language the app has, through
// i18next with the screen's own resources (renderer/i18n, reconcile:words):
// one month's sentence per language, numbers formatted for the language, and
// the engine's wording (CLI, JSON, report) word for word the same as the
// screen's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import i18next from 'i18next';
import { LANGUAGES, resources } from '../../renderer/i18n/index.js';
import type { ReconcileRule } from '../../shared/reconcile.js';
import { monthSentence, notVariedText, progressMessage, progressText, ruleLabel, totalSentence, wordingFor, type Wording } from '../../shared/reconcileWords.js';
import { PRESET_SETTINGS } from '../../shared/metrics.js';
import { notVaried } from '../../main/reconcile/rules.js';

const RULE: ReconcileRule = {
  id: 'churnDate=cancellation',
  setting: 'churnDate',
  ours: 'end_of_period',
  alternative: 'cancellation',
  label: 'churn recognised at cancellation instead of at the end of the paid period',
  usedBy: ['Stripe Billing', 'Baremetrics'],
  apply: { scope: 'analysis', methodology: { churnDate: 'cancellation' } },
  priority: 0,
};

// 4,210.00 = 3,900.00 by the churn date (1 customer) + 310.00 unexplained (6 customers).
const NOVEMBER = {
  month: '2024-11',
  difference: 4210,
  explained: [{ rule: RULE.id, amount: 3900, customers: 1 }],
  unexplained: { amount: 310, customers: 6 },
  withinTolerance: { amount: 0, customers: 0 },
  ours: { mrr: 104210, customers: 80 },
};

const EXPECTED: Record<(typeof LANGUAGES)[number], string> = {
  en: "Of the 4,210.00 USD difference in 2024-11, 3,900.00 is churn recognised at cancellation instead of at the end of the paid period (Stripe Billing's and Baremetrics' setting), in 1 customer; 310.00 is unexplained, in 6 customers.",
  'zh-CN': '2024-11 的差异 4,210.00 USD 中，3,900.00 源于在取消时确认流失而非在已付周期结束时（Stripe Billing 和 Baremetrics 的设置），涉及 1 位客户；310.00 未能解释，涉及 6 位客户。',
};

async function screenWording(language: string): Promise<Wording> {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: language, fallbackLng: 'en', defaultNS: 'common', interpolation: { escapeValue: false } });
  const t = instance.getFixedT(language, 'reconcile', 'words');
  return { t: (key, values) => String(t(key, values)), locale: language === 'zh-CN' ? 'zh-CN' : 'en-US' };
}

for (const language of LANGUAGES) {
  test(`${language}: a month's sentence through i18next, numbers formatted for the language, as the engine words it`, async () => {
    const screen = await screenWording(language);
    const sentence = monthSentence(NOVEMBER, [RULE], 'USD', screen);
    assert.equal(sentence, EXPECTED[language]);
    assert.equal(monthSentence(NOVEMBER, [RULE], 'USD', wordingFor(language)), sentence, 'the engine and the screen say the same');
  });
}

test('English: the engine’s rule label and the agreeing and plural forms', () => {
  const en = wordingFor('en');
  assert.equal(ruleLabel(RULE, en), RULE.label);
  assert.equal(ruleLabel({ setting: 'graceDays', ours: '0', alternative: '7' }, en), 'churn recognised 7 days after invoice coverage ends instead of when it ends');
  assert.equal(ruleLabel({ setting: 'pauses', ours: 'churn', alternative: 'zero_mrr' }, en), 'a pause counted as months at zero MRR instead of as a churn (and the resume as a reactivation)');
  assert.equal(ruleLabel({ setting: 'pauses', ours: 'zero_mrr', alternative: 'churn' }, wordingFor('zh-CN')), '暂停计为流失（恢复计为重新激活）而非计为 MRR 为零的月份');
  const agree = { ...NOVEMBER, difference: 0, explained: [], unexplained: { amount: 0, customers: 0 } };
  assert.equal(monthSentence(agree, [RULE], null, en), 'Ours and theirs agree in 2024-11 (104,210.00).');
  assert.equal(
    totalSentence({ ...NOVEMBER, unexplained: { amount: -1234567.5, customers: 1 } }, 1, [RULE], null, en),
    "Of the 4,210.00 difference over 1 month, 3,900.00 is churn recognised at cancellation instead of at the end of the paid period (Stripe Billing's and Baremetrics' setting), in 1 customer-month; -1,234,567.50 is unexplained, in 1 customer-month.",
  );
});

test('the settings not varied, in each language: the engine’s English reason, the screen’s and the report’s in theirs', async () => {
  const [why] = notVaried({ methodology: PRESET_SETTINGS.chartmogul, hasTransactions: true, hasEndDates: true, hasCoverage: true, referenceHasMovements: true, hasPauses: true, graceDays: 0, endDate: 'exclusive', pauses: 'zero_mrr' }).filter((n) => n.setting === 'fxRateDate');
  assert.equal(why!.reason, "the model converts with one rate per currency (churn.fx_rates), not rates by date: there is no other date's rate to try");
  assert.deepEqual(notVariedText(why!.setting, why!.reason, await screenWording('zh-CN')), {
    setting: '汇率日期',
    reason: '模型对每种货币只用一个汇率（churn.fx_rates），没有按日期的汇率：没有其他日期的汇率可试',
  });
  assert.deepEqual(notVariedText('somethingNew', 'as the engine says', wordingFor('zh-CN')), { setting: 'somethingNew', reason: 'as the engine says' }, 'a setting without words keeps the engine’s');
});

test('a run’s progress: the engine sends keys, the screen words them in its language (i18next), another job’s message stays', async () => {
  const comparing = progressMessage({ step: 'comparing' });
  const trying = progressMessage({ step: 'trying', rule: RULE });
  assert.equal(trying, 'reconcile:trying:churnDate:end_of_period:cancellation');
  const zh = await screenWording('zh-CN');
  assert.equal(progressText(comparing, zh), '正在比较客户月');
  assert.equal(progressText(trying, zh), '正在尝试：在取消时确认流失而非在已付周期结束时');
  const en = await screenWording('en');
  assert.equal(progressText(comparing, en), 'Comparing customer-months');
  assert.equal(progressText(trying, en), `Trying ${RULE.label}`);
  assert.equal(progressText(progressMessage({ step: 'trying', rule: { setting: 'graceDays', ours: '0', alternative: '30' } }), zh), '正在尝试：在发票覆盖期结束 30 天后确认流失而非结束时');
  assert.equal(progressText('Loading subscriptions.csv', zh), 'Loading subscriptions.csv');
});
