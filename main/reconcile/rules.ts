// The alternatives tried when explaining a difference (docs/RECONCILIATION.md,
// "Attribution"): each moves ONE setting from its value in the analysis (or
// at import) to another, in a fixed priority order — the order of the
// issue's list of settings where products disagree. The first alternative
// under which a customer-month agrees with the reference takes it.
import { PRESETS, PRESET_LABELS, PRESET_SETTINGS, type Methodology } from '../../shared/metrics.js';
import type { NotVaried, ReconcileRule } from '../../shared/reconcile.js';
import { ruleLabel, wordingFor } from '../../shared/reconcileWords.js';

/** What the workspace holds, which decides the alternatives that can change anything. */
export interface RuleFacts {
  methodology: Methodology;
  /** Revenue from transactions: only then does the inactivity window act. */
  hasTransactions: boolean;
  /** Subscriptions or invoice lines with an end: only then can the end-date reading change a month. */
  hasEndDates: boolean;
  /** Invoice lines with a service period: only then does a grace period act. */
  hasCoverage: boolean;
  /** The reference has movement types (or sums): only then do rules acting on movements alone explain anything. */
  referenceHasMovements: boolean;
  /** Subscriptions with a pause: only then does the pauses setting change a month. */
  hasPauses: boolean;
  /** The import's grace period, end-date reading and pauses (churn.settings). */
  graceDays: number;
  endDate: 'exclusive' | 'inclusive';
  pauses: 'zero_mrr' | 'churn';
}

const INACTIVITY_ALTERNATIVES = [30, 60, 90, 180, 365];
const GRACE_ALTERNATIVES = [0, 7, 30];

/** The rules' labels in the engine's answer are English; the screen and a report word them in their language (shared/reconcileWords.ts). */
const ENGLISH = wordingFor('en');
const labelled = (rule: Omit<ReconcileRule, 'priority' | 'label'>): Omit<ReconcileRule, 'priority'> => ({ ...rule, label: ruleLabel(rule, ENGLISH) });

/** Analysis presets whose methodology has this value: "(ChartMogul B2B's setting)". */
function usedBy<K extends keyof Methodology>(setting: K, value: Methodology[K]): string[] {
  return PRESETS.filter((preset) => PRESET_SETTINGS[preset][setting] === value).map((preset) => PRESET_LABELS[preset]);
}

function analysisRule<K extends 'churnDate' | 'reactivation' | 'zeroMrrCustomers' | 'inactivityDays'>(
  setting: K,
  ours: Methodology[K],
  alternative: Methodology[K],
): Omit<ReconcileRule, 'priority'> {
  return labelled({
    id: `${setting}=${String(alternative)}`,
    setting,
    ours: String(ours),
    alternative: String(alternative),
    usedBy: setting === 'inactivityDays' ? [] : usedBy(setting, alternative),
    apply: { scope: 'analysis', methodology: { [setting]: alternative } as Partial<Methodology> },
  });
}

/** By closeness to our value: 60 days is tried before 365 when ours is 90. */
const byDistance = (ours: number) => (a: number, b: number) => Math.abs(a - ours) - Math.abs(b - ours) || a - b;

/** The alternatives to try, in priority order. */
export function reconcileRules(facts: RuleFacts): ReconcileRule[] {
  const m = facts.methodology;
  const rules: Omit<ReconcileRule, 'priority'>[] = [];
  const churnDate = m.churnDate === 'cancellation' ? 'end_of_period' : 'cancellation';
  rules.push(analysisRule('churnDate', m.churnDate, churnDate));
  if (facts.referenceHasMovements) {
    for (const value of (['any_gap', 'full_month', 'within_90_days'] as const).filter((v) => v !== m.reactivation)) {
      rules.push(analysisRule('reactivation', m.reactivation, value));
    }
    const zero = m.zeroMrrCustomers === 'churned' ? 'active' : 'churned';
    // Before zero-MRR customers: a pause is the narrower reading of the same months at zero.
    if (facts.hasPauses) {
      const other = facts.pauses === 'zero_mrr' ? 'churn' : 'zero_mrr';
      rules.push(labelled({ id: `pauses=${other}`, setting: 'pauses', ours: facts.pauses, alternative: other, usedBy: [], apply: { scope: 'import', options: { pauses: other } } }));
    }
    rules.push(analysisRule('zeroMrrCustomers', m.zeroMrrCustomers, zero));
  }
  if (facts.hasEndDates) {
    const other = facts.endDate === 'exclusive' ? 'inclusive' : 'exclusive';
    rules.push(labelled({ id: `endDate=${other}`, setting: 'endDate', ours: facts.endDate, alternative: other, usedBy: [], apply: { scope: 'import', options: { endDate: other } } }));
  }
  if (facts.hasTransactions) {
    for (const days of INACTIVITY_ALTERNATIVES.filter((d) => d !== m.inactivityDays).sort(byDistance(m.inactivityDays))) {
      rules.push(analysisRule('inactivityDays', m.inactivityDays, days));
    }
  }
  if (facts.hasCoverage) {
    for (const days of GRACE_ALTERNATIVES.filter((d) => d !== facts.graceDays).sort(byDistance(facts.graceDays))) {
      rules.push(labelled({ id: `graceDays=${days}`, setting: 'graceDays', ours: String(facts.graceDays), alternative: String(days), usedBy: [], apply: { scope: 'import', options: { graceDays: days } } }));
    }
  }
  return rules.map((rule, priority) => ({ ...rule, priority }));
}

/** The settings of the list that no alternative varies, and why (the words: shared/reconcileWords.ts). */
export function notVaried(facts: RuleFacts): NotVaried[] {
  const settings = ['joinedAndChurned', 'discounts', 'tax', 'fxRateDate', 'timeZone'];
  if (!facts.referenceHasMovements) settings.push('reactivation', 'zeroMrrCustomers');
  // Months at MRR 0 and months without a row have the same MRR: a pause changes movements only.
  if (!facts.referenceHasMovements || !facts.hasPauses) settings.push('pauses');
  if (!facts.hasTransactions) settings.push('inactivityDays');
  if (!facts.hasCoverage) settings.push('graceDays');
  if (!facts.hasEndDates) settings.push('endDate');
  return settings.map((setting) => ({ setting, reason: ENGLISH.t(`notVaried.${setting}`) }));
}
