// The reconciliation in words (docs/RECONCILIATION.md, "Summary"): per month,
// "Of the 4,210.00 difference in 2024-11, 3,900.00 is churn recognised at
// cancellation instead of at the end of the paid period (Stripe Billing's
// setting); 310.00 is unexplained, in 6 customers." English, for the CLI, the
// JSON and the report; the screen may word it from the numbers itself.
import type { ReconcileMonth, ReconcileRule } from '../../shared/reconcile.js';

type Parts = Pick<ReconcileMonth, 'difference' | 'explained' | 'unexplained' | 'withinTolerance' | 'ours'>;

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function whose(rule: ReconcileRule): string {
  if (rule.usedBy.length === 0) return '';
  const names = rule.usedBy.map((name) => (name.endsWith('s') ? `${name}'` : `${name}'s`));
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return ` (${listed} setting)`;
}

function body(parts: Parts, ruleById: Map<string, ReconcileRule>, where: string, currency: string | null, unitWords: [string, string]): string {
  const unit = currency ? ` ${currency}` : '';
  if (parts.difference === 0 && parts.explained.length === 0 && parts.unexplained.amount === 0 && parts.withinTolerance.amount === 0) {
    return `Ours and theirs agree ${where} (${money(parts.ours.mrr)}${unit}).`;
  }
  const pieces = parts.explained.map((e) => {
    const rule = ruleById.get(e.rule)!;
    return `${money(e.amount)} is ${rule.label}${whose(rule)}, in ${count(e.customers, ...unitWords)}`;
  });
  if (parts.unexplained.amount !== 0 || parts.unexplained.customers > 0) {
    pieces.push(`${money(parts.unexplained.amount)} is unexplained, in ${count(parts.unexplained.customers, ...unitWords)}`);
  }
  if (parts.withinTolerance.amount !== 0) pieces.push(`${money(parts.withinTolerance.amount)} is within the tolerance`);
  return `Of the ${money(parts.difference)}${unit} difference ${where}, ${pieces.join('; ')}.`;
}

export function monthSentence(month: Parts & { month: string }, ruleById: Map<string, ReconcileRule>, currency: string | null): string {
  return body(month, ruleById, `in ${month.month}`, currency, ['customer', 'customers']);
}

export function totalSentence(total: Parts, months: number, ruleById: Map<string, ReconcileRule>, currency: string | null): string {
  // Over several months a customer counts once per month: customer-months.
  return body(total, ruleById, `over ${count(months, 'month', 'months')}`, currency, ['customer-month', 'customer-months']);
}
