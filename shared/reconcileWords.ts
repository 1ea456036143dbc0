// The reconciliation in words (docs/RECONCILIATION.md, "Attribution"), in every
// language the app has: the per-month and overall sentences ("Of the 4,210.00
// difference in 2024-11, 3,900.00 is churn recognised at cancellation instead of
// at the end of the paid period (Stripe Billing's setting); 310.00 is
// unexplained, in 6 customers.") and the labels of the settings tried. One
// implementation for all: the words are templates in i18next's {{placeholder}}
// syntax, which the screen gives to i18next (renderer/i18n, namespace
// `reconcile`, key `words`) and the engine (CLI, JSON, report) fills with
// wordsTranslator; numbers are formatted for the language with Intl.
import type { ReconcileMonth, ReconcileRule } from './reconcile.js';

const en = {
  agree: 'Ours and theirs agree {{where}} ({{amount}}).',
  difference: 'Of the {{amount}} difference {{where}}, {{pieces}}.',
  inMonth: 'in {{month}}',
  overMonths: 'over {{months}}',
  explained: '{{amount}} is {{rule}}{{whose}}, in {{count}}',
  unexplained: '{{amount}} is unexplained, in {{count}}',
  withinTolerance: '{{amount}} is within the tolerance',
  pieceSeparator: '; ',
  withCurrency: '{{amount}} {{currency}}',
  /** "(Stripe Billing's and Baremetrics' setting)": the presets whose setting the rule is. */
  whose: ' ({{names}} setting)',
  possessive: "{{name}}'s",
  /** For a name ending in s: "Baremetrics'". */
  possessiveS: "{{name}}'",
  listComma: ', ',
  listAnd: ' and ',
  // Plural forms are picked with Intl.PluralRules: `_one`, `_other` (and others where a language has them).
  customers_one: '{{n}} customer',
  customers_other: '{{n}} customers',
  customerMonths_one: '{{n}} customer-month',
  customerMonths_other: '{{n}} customer-months',
  months_one: '{{n}} month',
  months_other: '{{n}} months',
  /** A run's progress (progressMessage): the step under way. */
  progress: {
    comparing: 'Comparing customer-months',
    trying: 'Trying {{rule}}',
  },
  rules: {
    churnDate: 'churn recognised {{alternative}} instead of {{ours}}',
    reactivation: 'revenue after a gap counted as reactivation {{alternative}} instead of {{ours}}',
    zeroMrrCustomers: 'customers at zero MRR counted as {{alternative}} instead of {{ours}}',
    endDate: 'end dates read as {{alternative}} instead of {{ours}}',
    inactivityDays: 'an inactivity window of {{alternative}} days instead of {{ours}}',
    graceDays: 'churn recognised {{alternative}} instead of {{ours}}',
    pauses: 'a pause counted {{alternative}} instead of {{ours}}',
  },
  values: {
    cancellation: 'at cancellation',
    end_of_period: 'at the end of the paid period',
    any_gap: 'after any gap',
    full_month: 'only after a full month at zero',
    within_90_days: 'only when back within 90 days (else new)',
    churned: 'churned',
    active: 'active',
    inclusive: 'the last day paid',
    exclusive: 'the first day not paid',
    /** The grace period's words, as the alternative and as ours. */
    graceAlternativeZero: 'when invoice coverage ends',
    graceAlternative: '{{days}} days after invoice coverage ends',
    graceOursZero: 'when it ends',
    graceOurs: '{{days}} days after',
    /** The pauses setting's values (docs/DATA_MODEL.md, "Pauses"). */
    zero_mrr: 'as months at zero MRR',
    churn: 'as a churn (and the resume as a reactivation)',
  },
  /** The settings by name, and why one was not varied when explaining differences (NotVaried). */
  settings: {
    churnDate: 'churn date',
    reactivation: 'reactivation',
    zeroMrrCustomers: 'zero-MRR customers',
    endDate: 'end-date reading',
    inactivityDays: 'inactivity window',
    graceDays: 'grace period',
    pauses: 'pauses',
    joinedAndChurned: 'joined and churned in one period',
    discounts: 'discounts',
    tax: 'tax inclusion',
    fxRateDate: 'FX rate date',
    timeZone: 'reporting time zone',
  },
  notVaried: {
    joinedAndChurned: 'decides only whether a customer who joined and left in one period counts in the churn rate: no customer-month MRR or movement changes with it',
    discounts: "the model keeps each row's MRR with discounts applied (or not) at import, not the discount itself: import again with the other discount setting to compare",
    tax: 'the model keeps each row\'s MRR net of tax as decided at import, not the tax: import again with the other answer to "does the amount include tax" to compare',
    fxRateDate: "the model converts with one rate per currency (churn.fx_rates), not rates by date: there is no other date's rate to try",
    timeZone: 'dates are taken in the reporting time zone at import and the original timestamps are not kept: import again in the other time zone to compare',
    reactivation: 'changes only which movement a month is (new or reactivation), and the reference has no movements',
    zeroMrrCustomers: 'changes only movements and counts at zero MRR, and the reference has no movements',
    inactivityDays: 'acts only on revenue from transactions, and the workspace has none',
    graceDays: 'acts only on invoice lines with a service period, and the workspace has none',
    endDate: 'the workspace has no subscription or invoice end dates',
    pauses: 'changes only movements (a paused month is at zero MRR or has none), so it is tried only when the workspace has paused subscriptions and the reference has movements',
  },
};

export type ReconcileWords = typeof en;

const zhCN: ReconcileWords = {
  agree: '{{where}}本系统与参照一致（{{amount}}）。',
  difference: '{{where}}的差异 {{amount}} 中，{{pieces}}。',
  inMonth: '{{month}} ',
  overMonths: '{{months}}内',
  explained: '{{amount}} 源于{{rule}}{{whose}}，涉及{{count}}',
  unexplained: '{{amount}} 未能解释，涉及{{count}}',
  withinTolerance: '{{amount}} 在容差以内',
  pieceSeparator: '；',
  withCurrency: '{{amount}} {{currency}}',
  whose: '（{{names}} 的设置）',
  possessive: '{{name}}',
  possessiveS: '{{name}}',
  listComma: '、',
  listAnd: ' 和 ',
  customers_one: ' {{n}} 位客户',
  customers_other: ' {{n}} 位客户',
  customerMonths_one: ' {{n}} 个客户月',
  customerMonths_other: ' {{n}} 个客户月',
  months_one: '{{n}} 个月',
  months_other: '{{n}} 个月',
  progress: {
    comparing: '正在比较客户月',
    trying: '正在尝试：{{rule}}',
  },
  rules: {
    churnDate: '{{alternative}}确认流失而非{{ours}}',
    reactivation: '间断后的收入{{alternative}}计为重新激活而非{{ours}}',
    zeroMrrCustomers: 'MRR 为零的客户计为{{alternative}}而非{{ours}}',
    endDate: '结束日期读作{{alternative}}而非{{ours}}',
    inactivityDays: '不活跃窗口为 {{alternative}} 天而非 {{ours}} 天',
    graceDays: '{{alternative}}确认流失而非{{ours}}',
    pauses: '暂停{{alternative}}而非{{ours}}',
  },
  values: {
    cancellation: '在取消时',
    end_of_period: '在已付周期结束时',
    any_gap: '任何间断后即',
    full_month: '仅在整月为零后',
    within_90_days: '仅在 90 天内回归时（否则计为新增）',
    churned: '已流失',
    active: '活跃',
    inclusive: '最后一个已付日',
    exclusive: '第一个未付日',
    graceAlternativeZero: '在发票覆盖期结束时',
    graceAlternative: '在发票覆盖期结束 {{days}} 天后',
    graceOursZero: '结束时',
    graceOurs: '{{days}} 天后',
    zero_mrr: '计为 MRR 为零的月份',
    churn: '计为流失（恢复计为重新激活）',
  },
  settings: {
    churnDate: '流失日期',
    reactivation: '重新激活',
    zeroMrrCustomers: 'MRR 为零的客户',
    endDate: '结束日期的读法',
    inactivityDays: '不活跃窗口',
    graceDays: '宽限期',
    pauses: '暂停',
    joinedAndChurned: '同期加入并流失',
    discounts: '折扣',
    tax: '是否含税',
    fxRateDate: '汇率日期',
    timeZone: '报告时区',
  },
  notVaried: {
    joinedAndChurned: '只决定同一期内加入又离开的客户是否计入流失率：不改变任何客户月的 MRR 或变动',
    discounts: '模型保存的是导入时已（或未）扣除折扣的每行 MRR，而非折扣本身：如需比较，请以另一种折扣设置重新导入',
    tax: '模型保存的是导入时确定的不含税 MRR，而非税额：如需比较，请以“金额是否含税”的另一种回答重新导入',
    fxRateDate: '模型对每种货币只用一个汇率（churn.fx_rates），没有按日期的汇率：没有其他日期的汇率可试',
    timeZone: '日期在导入时按报告时区取值，原始时间戳未保留：如需比较，请以另一时区重新导入',
    reactivation: '只改变某月属于哪种变动（新增或重新激活），而参照数据没有变动',
    zeroMrrCustomers: '只改变 MRR 为零时的变动与计数，而参照数据没有变动',
    inactivityDays: '只作用于来自交易的收入，而工作区中没有交易',
    graceDays: '只作用于带服务期的发票行，而工作区中没有',
    endDate: '工作区中没有订阅或发票的结束日期',
    pauses: '只改变变动（暂停的月份 MRR 为零或没有记录），因此仅在工作区有暂停的订阅且参照数据有变动时尝试',
  },
};

export const RECONCILE_WORDS: Record<'en' | 'zh-CN', ReconcileWords> = { en, 'zh-CN': zhCN };

/** A key of ReconcileWords ("rules.churnDate") and its values → the sentence: i18next's t, or wordsTranslator. */
export type Translate = (key: string, values?: Record<string, string>) => string;

/** Fills the templates of one language without i18next (the engine's side): "a.b" keys, {{name}} placeholders; an unknown key is itself, as in i18next. */
export function wordsTranslator(words: ReconcileWords): Translate {
  return (key, values = {}) => {
    const template = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], words);
    // As i18next does: a key without words is itself.
    if (typeof template !== 'string') return key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
  };
}

/** How one language says the reconciliation: its templates and its locale for numbers. */
export interface Wording {
  t: Translate;
  /** A BCP 47 locale for Intl: en-US, zh-CN. */
  locale: string;
}

/** What a rule's label needs: the setting and the two values. */
export type RuleSetting = Pick<ReconcileRule, 'setting' | 'ours' | 'alternative'>;

/** "churn recognised at cancellation instead of at the end of the paid period". */
export function ruleLabel(rule: RuleSetting, { t }: Pick<Wording, 't'>): string {
  const value = (v: string) => t(`values.${v}`);
  const grace = (days: string, as: 'alternative' | 'ours') =>
    as === 'alternative' ? (days === '0' ? value('graceAlternativeZero') : t('values.graceAlternative', { days })) : days === '0' ? value('graceOursZero') : t('values.graceOurs', { days });
  switch (rule.setting) {
    case 'inactivityDays':
      return t('rules.inactivityDays', { alternative: rule.alternative, ours: rule.ours });
    case 'graceDays':
      return t('rules.graceDays', { alternative: grace(rule.alternative, 'alternative'), ours: grace(rule.ours, 'ours') });
    default:
      return t(`rules.${rule.setting}`, { alternative: value(rule.alternative), ours: value(rule.ours) });
  }
}

/** A step of a reconciliation run, as its job's progress says it. */
export type ReconcileStep = { step: 'comparing' } | { step: 'trying'; rule: RuleSetting };

const PROGRESS_PREFIX = 'reconcile:';

/**
 * The job's progress message for a step: a key with the rule's setting and values
 * ("reconcile:trying:churnDate:end_of_period:cancellation"), which progressText words in
 * the language shown — the engine does not know the screen's language.
 */
export function progressMessage(step: ReconcileStep): string {
  return step.step === 'comparing' ? `${PROGRESS_PREFIX}comparing` : `${PROGRESS_PREFIX}trying:${step.rule.setting}:${step.rule.ours}:${step.rule.alternative}`;
}

/** A progress message in words; a message that is no step's (another job's) stays as it is. */
export function progressText(message: string, wording: Pick<Wording, 't'>): string {
  if (!message.startsWith(PROGRESS_PREFIX)) return message;
  const [step, setting, ours, alternative] = message.slice(PROGRESS_PREFIX.length).split(':');
  if (step === 'comparing') return wording.t('progress.comparing');
  if (step === 'trying' && setting && ours !== undefined && alternative !== undefined) {
    return wording.t('progress.trying', { rule: ruleLabel({ setting: setting as RuleSetting['setting'], ours, alternative }, wording) });
  }
  return message;
}

/** The parts of a month (or of every month) a sentence tells. */
export type SentenceParts = Pick<ReconcileMonth, 'difference' | 'explained' | 'unexplained' | 'withinTolerance' | 'ours'>;

function sentence(parts: SentenceParts, rules: readonly ReconcileRule[], currency: string | null, where: string, unit: 'customers' | 'customerMonths', wording: Wording): string {
  const { t, locale } = wording;
  const money = (x: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
  const plural = new Intl.PluralRules(locale);
  const count = (n: number, what: 'customers' | 'customerMonths') => t(`${what}_${plural.select(n) === 'one' ? 'one' : 'other'}`, { n: new Intl.NumberFormat(locale).format(n) });
  const whose = (rule: ReconcileRule) => {
    if (rule.usedBy.length === 0) return '';
    const names = rule.usedBy.map((name) => t(name.endsWith('s') ? 'possessiveS' : 'possessive', { name }));
    const listed = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(t('listComma'))}${t('listAnd')}${names.at(-1)}`;
    return t('whose', { names: listed });
  };
  if (parts.difference === 0 && parts.explained.length === 0 && parts.unexplained.amount === 0 && parts.withinTolerance.amount === 0) {
    const amount = currency ? t('withCurrency', { amount: money(parts.ours.mrr), currency }) : money(parts.ours.mrr);
    return t('agree', { where, amount });
  }
  const pieces = parts.explained.map((e) => {
    const rule = rules.find((r) => r.id === e.rule);
    if (!rule) throw new Error(`The rule ${e.rule} is not among the run's rules.`);
    return t('explained', { amount: money(e.amount), rule: ruleLabel(rule, wording), whose: whose(rule), count: count(e.customers, unit) });
  });
  if (parts.unexplained.amount !== 0 || parts.unexplained.customers > 0) {
    pieces.push(t('unexplained', { amount: money(parts.unexplained.amount), count: count(parts.unexplained.customers, unit) }));
  }
  if (parts.withinTolerance.amount !== 0) pieces.push(t('withinTolerance', { amount: money(parts.withinTolerance.amount) }));
  const amount = currency ? t('withCurrency', { amount: money(parts.difference), currency }) : money(parts.difference);
  return t('difference', { amount, where, pieces: pieces.join(t('pieceSeparator')) });
}

/** A month's sentence: "Of the 130.00 difference in 2024-03, 200.00 is …, in 1 customer; -70.00 is unexplained, in 1 customer." */
export function monthSentence(month: SentenceParts & { month: string }, rules: readonly ReconcileRule[], currency: string | null, wording: Wording): string {
  return sentence(month, rules, currency, wording.t('inMonth', { month: month.month }), 'customers', wording);
}

/** Every month together: a customer counts once per month, so the units are customer-months. */
export function totalSentence(total: SentenceParts, months: number, rules: readonly ReconcileRule[], currency: string | null, wording: Wording): string {
  const plural = new Intl.PluralRules(wording.locale).select(months) === 'one' ? 'one' : 'other';
  const where = wording.t('overMonths', { months: wording.t(`months_${plural}`, { n: new Intl.NumberFormat(wording.locale).format(months) }) });
  return sentence(total, rules, currency, where, 'customerMonths', wording);
}

/** A setting not varied, in words: "discounts: the model keeps …". */
export function notVariedText(setting: string, reason: string, { t }: Pick<Wording, 't'>): { setting: string; reason: string } {
  const known = (key: string) => {
    const text = t(key);
    return text === key ? null : text;
  };
  return { setting: known(`settings.${setting}`) ?? setting, reason: known(`notVaried.${setting}`) ?? reason };
}

/** The engine's wording in English (the CLI and the JSON answer), and a report's in its language. */
export function wordingFor(language: 'en' | 'zh-CN'): Wording {
  return { t: wordsTranslator(RECONCILE_WORDS[language]), locale: language === 'zh-CN' ? 'zh-CN' : 'en-US' };
}
