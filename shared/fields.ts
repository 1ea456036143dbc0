// The canonical fields of the churn model (docs/DATA_MODEL.md): their value
// types, which kinds of file each belongs to and what it means, and which
// fields each kind requires. Pure data, read by the engine's mapping layer
// (which adds the header synonyms) and by the mapping dialog alike.
import { KINDS, type Kind } from './model.js';

export const VALUE_TYPES = ['text', 'date', 'money', 'number', 'integer', 'percent', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const FIELDS = [
  'customer_id',
  'subscription_id',
  'plan',
  'start_date',
  'end_date',
  'amount',
  'billing_interval',
  'interval_count',
  'quantity',
  'discount',
  'discount_amount',
  'tax',
  'currency',
  'status',
  'canceled_at',
  'trial_end',
  'pause_date',
  'resume_date',
  'cancellation_reason',
  'churn_type',
  'date',
  'period_start',
  'period_end',
  'is_refund',
  'recurring',
  'month',
  'mrr',
  'tenure_months',
  'churned',
  'name',
  'first_seen',
  'employees',
  'annual_revenue',
  'contract_value',
  'segment',
  'country',
  'industry',
] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldDef {
  field: Field;
  type: ValueType;
  kinds: readonly Kind[];
  meaning: string;
}

export const FIELD_DEFS: Readonly<Record<Field, FieldDef>> = {
  customer_id: { field: 'customer_id', type: 'text', kinds: KINDS, meaning: 'the customer; trimmed; the join key across files' },
  subscription_id: {
    field: 'subscription_id',
    type: 'text',
    kinds: ['subscriptions', 'invoices'],
    meaning: 'the subscription (invoices: a line without one and without a service period is one-off revenue)',
  },
  plan: { field: 'plan', type: 'text', kinds: ['subscriptions', 'invoices'], meaning: 'plan or product' },
  start_date: { field: 'start_date', type: 'date', kinds: ['subscriptions', 'customer_list'], meaning: 'first day paid' },
  end_date: { field: 'end_date', type: 'date', kinds: ['subscriptions'], meaning: 'end of the paid period (exclusive by default); empty = still active' },
  amount: { field: 'amount', type: 'money', kinds: ['subscriptions', 'invoices'], meaning: 'price per billing interval (subscriptions) or the line amount (invoices)' },
  billing_interval: { field: 'billing_interval', type: 'text', kinds: ['subscriptions'], meaning: 'day, week, month, quarter or year (where empty: derived from the file, or asked)' },
  interval_count: { field: 'interval_count', type: 'integer', kinds: ['subscriptions'], meaning: 'billing every N intervals (default 1)' },
  quantity: { field: 'quantity', type: 'number', kinds: ['subscriptions'], meaning: 'seats' },
  discount: { field: 'discount', type: 'percent', kinds: ['subscriptions'], meaning: '0–100 (or 0–1 as a fraction) off the amount' },
  discount_amount: { field: 'discount_amount', type: 'money', kinds: ['subscriptions'], meaning: 'fixed amount off per interval' },
  tax: { field: 'tax', type: 'money', kinds: ['subscriptions', 'invoices'], meaning: 'tax included in amount; subtracted' },
  currency: { field: 'currency', type: 'text', kinds: ['subscriptions', 'invoices', 'mrr', 'customer_list'], meaning: 'ISO currency code' },
  status: {
    field: 'status',
    type: 'text',
    kinds: ['subscriptions', 'invoices'],
    meaning: 'active, canceled, trialing, past_due, … (invoices: paid, open, void, draft, uncollectible …)',
  },
  canceled_at: { field: 'canceled_at', type: 'date', kinds: ['subscriptions', 'customer_list'], meaning: 'when the customer cancelled' },
  trial_end: { field: 'trial_end', type: 'date', kinds: ['subscriptions'], meaning: 'end of the free trial: MRR starts then, not at the start date' },
  pause_date: { field: 'pause_date', type: 'date', kinds: ['subscriptions'], meaning: 'when the subscription was (or will be) paused: no MRR from then until it resumes' },
  resume_date: { field: 'resume_date', type: 'date', kinds: ['subscriptions'], meaning: 'when a paused subscription resumes (or resumed): MRR again from then; empty = paused until further notice' },
  cancellation_reason: { field: 'cancellation_reason', type: 'text', kinds: ['subscriptions', 'customer_list', 'churn_events'], meaning: 'why the customer left' },
  churn_type: { field: 'churn_type', type: 'text', kinds: ['subscriptions', 'customer_list', 'churn_events'], meaning: 'voluntary or involuntary' },
  date: { field: 'date', type: 'date', kinds: ['invoices', 'churn_events'], meaning: 'invoice or event date' },
  period_start: {
    field: 'period_start',
    type: 'date',
    kinds: ['invoices', 'subscriptions'],
    meaning: 'start of the service period an invoice line pays for; for a subscription, of its current (or last) billing period, whose length gives the billing interval when no column does',
  },
  period_end: {
    field: 'period_end',
    type: 'date',
    kinds: ['invoices', 'subscriptions'],
    meaning: 'end of the service period an invoice line pays for; for a subscription, of its current (or last) billing period',
  },
  is_refund: { field: 'is_refund', type: 'boolean', kinds: ['invoices'], meaning: 'refund lines (negative amounts are refunds too)' },
  recurring: { field: 'recurring', type: 'boolean', kinds: ['invoices'], meaning: 'false for one-off charges (setup fees, services): they are not MRR' },
  month: { field: 'month', type: 'date', kinds: ['mrr'], meaning: 'any day of the month' },
  mrr: { field: 'mrr', type: 'money', kinds: ['mrr', 'customer_list'], meaning: 'monthly recurring revenue' },
  tenure_months: { field: 'tenure_months', type: 'integer', kinds: ['customer_list'], meaning: 'months as a customer (when no start date)' },
  churned: { field: 'churned', type: 'boolean', kinds: ['customer_list'], meaning: 'yes/no, true/false, 1/0, 是/否' },
  name: { field: 'name', type: 'text', kinds: ['customers', 'customer_list'], meaning: 'company name' },
  first_seen: { field: 'first_seen', type: 'date', kinds: ['customers'], meaning: 'first seen' },
  employees: { field: 'employees', type: 'integer', kinds: ['customers', 'customer_list'], meaning: 'company size: the default segment rule' },
  annual_revenue: { field: 'annual_revenue', type: 'money', kinds: ['customers', 'customer_list'], meaning: "the customer company's annual revenue" },
  contract_value: { field: 'contract_value', type: 'money', kinds: ['customers', 'customer_list'], meaning: 'annual contract value' },
  segment: { field: 'segment', type: 'text', kinds: ['customers', 'customer_list'], meaning: 'an explicit segment, overriding the rules' },
  country: { field: 'country', type: 'text', kinds: ['customers', 'customer_list'], meaning: 'country' },
  industry: { field: 'industry', type: 'text', kinds: ['customers', 'customer_list'], meaning: 'industry' },
};

/** A required field, or a choice of fields of which one is enough. */
export type Requirement = Field | readonly Field[];

export const REQUIRED: Readonly<Record<Kind, readonly Requirement[]>> = {
  subscriptions: ['customer_id', 'start_date', 'amount'],
  invoices: ['customer_id', 'date', 'amount'],
  mrr: ['customer_id', 'month', 'mrr'],
  customer_list: ['customer_id', 'mrr', ['start_date', 'tenure_months']],
  customers: ['customer_id'],
  churn_events: ['customer_id', 'date'],
};

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  subscriptions: 'subscriptions (one row per subscription or subscription period)',
  invoices: 'invoices or payments (one row per invoice line or payment)',
  mrr: 'MRR snapshots (one row per customer and month)',
  customer_list: 'customer list (one row per customer with MRR and a start or tenure)',
  customers: 'customer attributes (one row per customer)',
  churn_events: 'churn events (one row per churn, with its reason)',
};

export const isKind = (value: string): value is Kind => (KINDS as readonly string[]).includes(value);
export const isField = (value: string): value is Field => (FIELDS as readonly string[]).includes(value);

/** The fields a file of this kind may map, in catalog order. */
export function fieldsOfKind(kind: Kind): Field[] {
  return FIELDS.filter((field) => FIELD_DEFS[field].kinds.includes(kind));
}

/** How a requirement reads: "amount", or "start_date or tenure_months". */
export const requirementText = (requirement: Requirement): string =>
  typeof requirement === 'string' ? requirement : requirement.join(' or ');
