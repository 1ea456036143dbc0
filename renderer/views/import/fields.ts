// The canonical fields of each kind of file, as docs/DATA_MODEL.md lists them:
// what the mapping dialog offers. The engine has its own catalog (with the
// header synonyms); the names here are the same fixed names.
import type { Kind } from '../../../shared/model.js';

export type FieldType = 'text' | 'date' | 'money' | 'number' | 'integer' | 'percent' | 'boolean';

export interface FieldDef {
  field: string;
  type: FieldType;
  kinds: readonly Kind[];
  meaning: string;
}

const ALL: readonly Kind[] = ['subscriptions', 'invoices', 'mrr', 'customer_list', 'customers', 'churn_events'];

const f = (field: string, type: FieldType, kinds: readonly Kind[], meaning: string): FieldDef => ({ field, type, kinds, meaning });

export const FIELDS: readonly FieldDef[] = [
  f('customer_id', 'text', ALL, 'the customer; the join key across files'),
  f('subscription_id', 'text', ['subscriptions'], 'the subscription'),
  f('plan', 'text', ['subscriptions', 'invoices'], 'plan or product'),
  f('start_date', 'date', ['subscriptions', 'customer_list'], 'first day paid'),
  f('end_date', 'date', ['subscriptions'], 'end of the paid period; empty = still active'),
  f('amount', 'money', ['subscriptions', 'invoices'], 'price per billing interval, or the line amount'),
  f('billing_interval', 'text', ['subscriptions'], 'day, week, month, quarter or year (default month)'),
  f('interval_count', 'integer', ['subscriptions'], 'billing every N intervals (default 1)'),
  f('quantity', 'number', ['subscriptions'], 'seats (default 1)'),
  f('discount', 'percent', ['subscriptions'], '0–100 (or 0–1) off the amount'),
  f('discount_amount', 'money', ['subscriptions'], 'fixed amount off per interval'),
  f('tax', 'money', ['subscriptions', 'invoices'], 'tax included in amount; subtracted'),
  f('currency', 'text', ['subscriptions', 'invoices', 'mrr', 'customer_list'], 'ISO currency code'),
  f('status', 'text', ['subscriptions'], 'active, canceled, trialing, past_due, …'),
  f('canceled_at', 'date', ['subscriptions', 'customer_list'], 'when the customer cancelled'),
  f('cancellation_reason', 'text', ['subscriptions', 'customer_list', 'churn_events'], 'why the customer left'),
  f('churn_type', 'text', ['subscriptions', 'customer_list', 'churn_events'], 'voluntary or involuntary'),
  f('date', 'date', ['invoices', 'churn_events'], 'invoice or event date'),
  f('period_start', 'date', ['invoices'], 'start of the service period paid for'),
  f('period_end', 'date', ['invoices'], 'end of the service period paid for'),
  f('is_refund', 'boolean', ['invoices'], 'refund lines (negative amounts are refunds too)'),
  f('month', 'date', ['mrr'], 'any day of the month'),
  f('mrr', 'money', ['mrr', 'customer_list'], 'monthly recurring revenue'),
  f('tenure_months', 'integer', ['customer_list'], 'months as a customer (when no start date)'),
  f('churned', 'boolean', ['customer_list'], 'yes/no, true/false, 1/0, 是/否'),
  f('name', 'text', ['customers', 'customer_list'], 'company name'),
  f('first_seen', 'date', ['customers'], 'first seen'),
  f('employees', 'integer', ['customers', 'customer_list'], 'company size: the default segment rule'),
  f('annual_revenue', 'money', ['customers', 'customer_list'], "the customer company's annual revenue"),
  f('contract_value', 'money', ['customers', 'customer_list'], 'annual contract value'),
  f('segment', 'text', ['customers', 'customer_list'], 'an explicit segment, overriding the rules'),
  f('country', 'text', ['customers', 'customer_list'], 'country'),
  f('industry', 'text', ['customers', 'customer_list'], 'industry'),
];

/** A required field, or a choice of fields of which one is enough. */
export type Requirement = string | readonly string[];

export const REQUIRED: Readonly<Record<Kind, readonly Requirement[]>> = {
  subscriptions: ['customer_id', 'start_date', 'amount'],
  invoices: ['customer_id', 'date', 'amount'],
  mrr: ['customer_id', 'month', 'mrr'],
  customer_list: ['customer_id', 'mrr', ['start_date', 'tenure_months']],
  customers: ['customer_id'],
  churn_events: ['customer_id', 'date'],
};

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  subscriptions: 'Subscriptions — one row per subscription or period',
  invoices: 'Invoices or payments — one row per line or payment',
  mrr: 'MRR snapshots — one row per customer and month',
  customer_list: 'Customer list — one row per customer with MRR',
  customers: 'Customer attributes — one row per customer',
  churn_events: 'Churn events — one row per churn, with its reason',
};

export function fieldsOfKind(kind: Kind): FieldDef[] {
  return FIELDS.filter((def) => def.kinds.includes(kind));
}

/** How the field's requirement reads: "required", "required (or tenure_months)", or null. */
export function requirementOf(kind: Kind, field: string): string | null {
  for (const requirement of REQUIRED[kind]) {
    if (requirement === field) return 'required';
    if (typeof requirement !== 'string' && requirement.includes(field)) {
      return `required (or ${requirement.filter((other) => other !== field).join(' or ')})`;
    }
  }
  return null;
}

/** The requirements a mapping leaves unmet, in words: ["amount", "start_date or tenure_months"]. */
export function unmetRequirements(kind: Kind, mapped: Iterable<string>): string[] {
  const have = new Set(mapped);
  return REQUIRED[kind]
    .filter((requirement) => (typeof requirement === 'string' ? !have.has(requirement) : !requirement.some((field) => have.has(field))))
    .map((requirement) => (typeof requirement === 'string' ? requirement : requirement.join(' or ')));
}
