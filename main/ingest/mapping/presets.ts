// Export presets: the CSV exports of Stripe, Chargebee and Recurly, recognised
// by their headers and mapped onto the canonical fields.
//
// Where the column names come from. Each preset lists in `confirmed` the names
// seen in public material (the source is in `sources`); every other name is
// modelled on the vendor's API attribute of the same meaning and has NOT been
// confirmed against a real export. Such a name only matters if a file has it:
// an unconfirmed name that is wrong maps nothing, and the header synonyms of
// fields.ts still apply to the rest of the file.
import { normalizeHeader, type Field, type Kind } from './fields.js';
import { fieldsFromCandidates, signatureMatch } from './headerSignature.js';

export type Vendor = 'stripe' | 'chargebee' | 'recurly';

/** A field read from `column` where the field's own column is empty (on rows whose status code is `status`, when given). */
export interface PresetFallback {
  field: Field;
  column: string;
  status?: string;
}

export interface ExportPreset {
  id: string;
  vendor: Vendor;
  label: string;
  kind: Kind;
  /** Headers that must all be present. */
  requires: readonly string[];
  /** At least `minAnyOf` of these must be present too. */
  anyOf: readonly string[];
  minAnyOf: number;
  /** Headers whose presence rules the preset out (to tell one vendor's exports apart). */
  excludes?: readonly string[];
  /** Field → candidate columns, preferred first. */
  columns: Readonly<Partial<Record<Field, readonly string[]>>>;
  /** Columns holding amounts in minor units (cents): divide by 10^digits. Any column named *_in_cents is cents too. */
  minorUnits?: Readonly<Record<string, number>>;
  /** Amount columns that hold the price of one unit: the file's MRR multiplies them by quantity. */
  unitPriceColumns?: readonly string[];
  /**
   * A second column a field is read from where its own column is empty (and,
   * with `status`, only on rows of that status code): Chargebee writes a
   * future subscription's start in another column than a started one's.
   */
  fallbacks?: readonly PresetFallback[];
  /** The export has several rows per customer that describe the same customer (Recurly: one per billing method): merged. */
  rowsPerCustomer?: 'several';
  /**
   * Amount columns whose tax content the vendor documents (true: the amount
   * includes tax). The file's own values and header words still come first
   * (mapping/tax.ts).
   */
  amountIncludesTax?: Readonly<Record<string, boolean>>;
  /** Semantics the import must respect (amount units, intervals, end dates). */
  notes: readonly string[];
  /** Column names seen in public material; all others are unconfirmed. */
  confirmed: readonly string[];
  sources: readonly string[];
}

const STRIPE_SUBSCRIPTIONS: ExportPreset = {
  id: 'stripe_subscriptions',
  vendor: 'stripe',
  label: 'Stripe subscriptions export',
  kind: 'subscriptions',
  requires: ['id', 'Customer ID', 'Status'],
  anyOf: [
    'Created (UTC)', 'Start (UTC)', 'Start Date (UTC)', 'Current Period Start (UTC)', 'Current Period End (UTC)',
    'Trial Start (UTC)', 'Trial End (UTC)', 'Canceled At (UTC)', 'Ended At (UTC)', 'Cancellation Reason',
    'Interval', 'Cancel At Period End',
  ],
  minAnyOf: 2,
  excludes: ['Amount Refunded', 'Amount Due', 'Amount Paid'],
  columns: {
    customer_id: ['Customer ID'],
    subscription_id: ['id'],
    plan: ['Plan', 'Product', 'Price'],
    start_date: ['Start Date (UTC)', 'Start (UTC)', 'Created (UTC)'],
    end_date: ['Ended At (UTC)'],
    amount: ['Amount'],
    billing_interval: ['Interval'],
    interval_count: ['Interval Count'],
    quantity: ['Quantity'],
    currency: ['Currency'],
    status: ['Status'],
    canceled_at: ['Canceled At (UTC)'],
    cancellation_reason: ['Cancellation Reason', 'Cancellation Feedback'],
  },
  notes: [
    'Stripe dashboard exports write amounts in the major unit of the currency ("19.00"), not in cents as the API does.',
    '"Amount" is the price per "Interval"; "Interval Count" (when exported) bills every N intervals.',
    'Dates are UTC timestamps; the import keeps their calendar date.',
    '"Ended At (UTC)" is the day the subscription stopped (the first day no longer paid); "Canceled At (UTC)" is when the cancellation was requested, which can be earlier (cancel at period end).',
    'Whether "Amount" covers all seats or one seat is not documented: check it against "Quantity" on a few rows.',
    '"Status" is lowercase: trialing, incomplete (first invoice not paid) and incomplete_expired (never paid) carry no MRR; active, past_due, unpaid and canceled (until "Ended At (UTC)") do.',
  ],
  confirmed: [
    'id', 'Customer ID', 'Customer Name', 'Customer Email', 'Status', 'Cancellation Reason', 'Created (UTC)',
    'Start (UTC)', 'Start Date (UTC)', 'Current Period Start (UTC)', 'Current Period End (UTC)', 'Trial Start (UTC)',
    'Trial End (UTC)', 'Canceled At (UTC)', 'Ended At (UTC)', 'Amount', 'Interval',
  ],
  sources: [
    'public scripts that read Stripe subscription CSV exports (column lists in pandas/Next.js code on GitHub)',
  ],
};

const STRIPE_PAYMENTS: ExportPreset = {
  id: 'stripe_payments',
  vendor: 'stripe',
  label: 'Stripe payments export',
  kind: 'invoices',
  requires: ['id', 'Amount', 'Amount Refunded', 'Currency'],
  anyOf: [
    'Created (UTC)', 'Created', 'Converted Amount', 'Converted Amount Refunded', 'Fee', 'Customer ID', 'Customer Email',
    'Captured', 'Card Last4', 'Statement Descriptor', 'Seller Message', 'Invoice ID',
  ],
  minAnyOf: 3,
  columns: {
    customer_id: ['Customer ID'],
    date: ['Created (UTC)', 'Created'],
    amount: ['Amount'],
    currency: ['Currency'],
    tax: ['Tax'],
    status: ['Status'],
  },
  amountIncludesTax: { Amount: true },
  notes: [
    'Amounts are in the major unit of the currency ("19.00").',
    'One row per charge: failed charges ("Status" Failed) carry no revenue and are left out (the skipStatuses setting).',
    '"Amount Refunded" is refunded separately: it is not subtracted from "Amount".',
    'A payment is a transaction (no service period): the inactivity window decides when its customer churns.',
    'Payments of guest buyers have no "Customer ID": they are counted in the audit, not loaded.',
  ],
  confirmed: [
    'id', 'Description', 'Seller Message', 'Created (UTC)', 'Created', 'Amount', 'Amount Refunded', 'Currency',
    'Converted Amount', 'Converted Amount Refunded', 'Fee', 'Tax', 'Converted Currency', 'Mode', 'Status',
    'Statement Descriptor', 'Customer ID', 'Customer Description', 'Customer Email', 'Captured', 'Card Last4',
    'Invoice ID',
  ],
  sources: ['header lines of Stripe payments.csv exports quoted in public importers (Ruby, Python, ClojureScript)'],
};

const STRIPE_INVOICES: ExportPreset = {
  id: 'stripe_invoices',
  vendor: 'stripe',
  label: 'Stripe invoices export',
  kind: 'invoices',
  requires: ['id'],
  anyOf: [
    'Amount Due', 'Amount Paid', 'Amount Remaining', 'Subtotal', 'Total', 'Tax', 'Date (UTC)', 'Period Start (UTC)', 'Period End (UTC)',
    'Minimum Line Item Period Start (UTC)', 'Maximum Line Item Period End (UTC)', 'Customer', 'Customer Name', 'Subscription',
    'Number', 'Status', 'Paid', 'Closed', 'Charge',
  ],
  minAnyOf: 4,
  excludes: ['Amount Refunded', 'Start Date (UTC)', 'Current Period Start (UTC)'],
  columns: {
    customer_id: ['Customer', 'Customer ID'],
    subscription_id: ['Subscription'],
    date: ['Date (UTC)', 'Finalized At (UTC)', 'Created (UTC)'],
    amount: ['Total', 'Amount Paid', 'Amount Due', 'Subtotal'],
    tax: ['Tax'],
    currency: ['Currency'],
    status: ['Status'],
    // The invoice-level "Period Start/End (UTC)" look back one period on a subscription invoice: never the service period.
    period_start: ['Minimum Line Item Period Start (UTC)'],
    period_end: ['Maximum Line Item Period End (UTC)'],
  },
  amountIncludesTax: { Total: true, 'Amount Paid': true, 'Amount Due': true, Subtotal: false },
  notes: [
    'Amounts are in the major unit of the currency, as in the other dashboard exports; a blank "Tax" is no tax.',
    '"Total" is after discounts and includes tax ("Tax" is subtracted); "Subtotal" is before discounts and excludes exclusive tax.',
    'The service period is "Minimum Line Item Period Start (UTC)" → "Maximum Line Item Period End (UTC)" (Stripe period ends are exclusive). The invoice-level "Period Start (UTC)" / "Period End (UTC)" look back one period on a subscription invoice (the previous period on a renewal, zero length on a first invoice) and are not used.',
    '"Status": paid and open invoices are revenue; void, draft and uncollectible ones are not (the skipStatuses setting), and the audit counts them with their amount.',
    'An invoice without a "Subscription" and without a service period (a setup fee, a one-off charge) is one-off revenue, never MRR.',
  ],
  confirmed: [
    'id', 'Customer', 'Customer Name', 'Subscription', 'Status', 'Currency', 'Amount Due', 'Subtotal', 'Tax', 'Tax Percent', 'Total',
    'Amount Paid', 'Total Discount Amount', 'Exclusive Tax Amount', 'Inclusive Tax Amount', 'Starting Balance', 'Ending Balance',
    'Date (UTC)', 'Due Date (UTC)', 'Paid At (UTC)', 'Marked Uncollectible At (UTC)', 'Voided At (UTC)', 'Finalized At (UTC)',
    'Period Start (UTC)', 'Period End (UTC)', 'Minimum Line Item Period Start (UTC)', 'Maximum Line Item Period End (UTC)', 'Paid',
    'Closed', 'Forgiven', 'Applied Coupons', 'Billing', 'Charge', 'Description', 'Number',
  ],
  sources: [
    'column lists of Stripe invoices.csv dashboard exports in public Python loaders and notebooks (GitHub)',
    'Stripe API reference, Invoice object: period_start/period_end "look back one period for a subscription invoice"; use the line items\' periods for the service period',
  ],
};

const STRIPE_CUSTOMERS: ExportPreset = {
  id: 'stripe_customers',
  vendor: 'stripe',
  label: 'Stripe customers export',
  kind: 'customers',
  requires: ['id', 'Email'],
  anyOf: [
    'Created (UTC)', 'Description', 'Name', 'Delinquent', 'Balance', 'Account Balance', 'Business Vat ID', 'Card ID', 'Currency',
    'Total Spend', 'Payment Count', 'Refunded Volume', 'Dispute Losses',
  ],
  minAnyOf: 2,
  excludes: ['Customer ID', 'Customer', 'Amount', 'Subtotal'],
  columns: {
    customer_id: ['id'],
    name: ['Name', 'Description'],
    first_seen: ['Created (UTC)'],
  },
  notes: [
    'Every other column is kept as a customer attribute, usable in filters and as a segment column; "<key> (metadata)" columns become the attribute "<key>".',
    'Rows without an "id" (guest buyers) are counted once in the audit, not as errors.',
  ],
  confirmed: [
    'id', 'Description', 'Email', 'Name', 'Created (UTC)', 'Delinquent', 'Plan', 'Status', 'Total Spend', 'Payment Count',
    'Refunded Volume', 'Dispute Losses', 'Business Vat ID',
  ],
  sources: [
    'the header line of a Stripe customers.csv dashboard export, quoted verbatim in a public TypeScript test (GitHub), with a "<key> (metadata)" column',
    'a public Python script reading "Business Vat ID" from a Stripe customers export (GitHub)',
  ],
};

const CHARGEBEE_SUBSCRIPTIONS: ExportPreset = {
  id: 'chargebee_subscriptions',
  vendor: 'chargebee',
  label: 'Chargebee subscriptions export',
  kind: 'subscriptions',
  requires: ['subscriptions.id'],
  anyOf: [
    'customers.id', 'subscriptions.customer_id', 'subscriptions.plan_id', 'subscriptions.status', 'subscriptions.started_at',
    'subscriptions.start_date', 'subscriptions.plan_unit_price', 'subscriptions.current_term_start', 'subscriptions.cancelled_at',
  ],
  minAnyOf: 3,
  columns: {
    customer_id: ['customers.id', 'subscriptions.customer_id'],
    subscription_id: ['subscriptions.id'],
    plan: ['subscriptions.plan_id'],
    start_date: ['subscriptions.started_at', 'subscriptions.start_date', 'subscriptions.activated_at', 'subscriptions.created_at'],
    end_date: ['subscriptions.cancelled_at'],
    amount: ['subscriptions.plan_amount', 'subscriptions.plan_unit_price', 'subscriptions.plan_unit_price_in_decimal'],
    quantity: ['subscriptions.plan_quantity', 'subscriptions.plan_quantity_in_decimal'],
    billing_interval: ['subscriptions.billing_period_unit'],
    interval_count: ['subscriptions.billing_period'],
    period_start: ['subscriptions.current_term_start'],
    period_end: ['subscriptions.current_term_end'],
    trial_end: ['subscriptions.trial_end'],
    currency: ['subscriptions.currency_code'],
    status: ['subscriptions.status'],
    cancellation_reason: ['subscriptions.cancel_reason_code', 'subscriptions.cancel_reason'],
    pause_date: ['subscriptions.pause_date'],
    resume_date: ['subscriptions.resume_date'],
  },
  unitPriceColumns: ['subscriptions.plan_unit_price', 'subscriptions.plan_unit_price_in_decimal'],
  fallbacks: [{ field: 'start_date', column: 'subscriptions.start_date' }],
  notes: [
    '"subscriptions.plan_amount" is the plan price for all units; "subscriptions.plan_unit_price" is per unit, so when it is the amount the quantity multiplies it.',
    'Amounts are assumed in the major unit; Chargebee\'s API gives cents. Unconfirmed for the CSV export: check a known price.',
    'Statuses are display labels: "Active", "In Trial", "Non Renewing", "Cancelled", "Paused", "Future" (read as active, in_trial, non_renewing, …). "Non Renewing" is still paying until its term ends: its "subscriptions.cancelled_at" is that end (in the future), read as the end date; "In Trial" carries no MRR.',
    '"Future" has not started: its "subscriptions.started_at" is empty and its start is "subscriptions.start_date", read as the start date (no MRR before it; none at all when it is after the as-of date).',
    'A pause ("subscriptions.pause_date" → "subscriptions.resume_date", on "Paused" rows and on rows paused and resumed since) carries no MRR: Chargebee leaves paused subscriptions out of its MRR, and does not count them as churn. The subscription carries MRR again from its resume date; without one it stays paused. Its months in the pause are months at MRR 0 (the pauses setting: zero_mrr, the default; churn makes the pause a churn and the resume a reactivation). A "Paused" row without a pause date is not live as of the data: paused from the as-of date.',
    'Without an interval column the billing interval is the length of the current term ("subscriptions.current_term_start" → "subscriptions.current_term_end"), else a word in the plan id; nothing is assumed.',
    'Add-ons, coupons and discounts are in the side files of the same export (SubscriptionAddons.csv, SubscriptionCoupons.csv…, Title Case headers keyed by "Subscription Id"): they are not read, so MRR is the plan\'s.',
  ],
  confirmed: [
    'subscriptions.id', 'subscriptions.plan_id', 'subscriptions.plan_quantity', 'subscriptions.plan_unit_price',
    'subscriptions.plan_amount', 'subscriptions.status', 'subscriptions.start_date', 'subscriptions.started_at',
    'subscriptions.created_at', 'subscriptions.cancelled_at', 'subscriptions.current_term_start',
    'subscriptions.current_term_end', 'subscriptions.trial_start', 'subscriptions.trial_end',
    'subscriptions.remaining_billing_cycles', 'subscriptions.plan_unit_price_in_decimal',
    'subscriptions.plan_quantity_in_decimal', 'subscriptions.pause_date', 'subscriptions.resume_date',
    'subscriptions.po_number', 'subscriptions.auto_collection', 'customers.id', 'customers.email', 'customers.first_name',
    'customers.last_name',
  ],
  sources: [
    'public migration scripts that read a Chargebee Subscriptions.csv export (GitHub: a Python script merging it with SubscriptionAddons.csv and SubscriptionCoupons.csv; a TypeScript sync service reading the exports API zip, whose status values are the display labels "Cancelled", "Non Renewing")',
    'Chargebee API, Subscription object: status in_trial, active, non_renewing, paused, cancelled, future; cancelled_at "time at which subscription was cancelled or is set to be cancelled"; start_date (a future subscription\'s start), pause_date and resume_date (added with the paused status, chargebee-php v2.4.7 release notes, GitHub)',
    'Chargebee docs: pausing a subscription (paused subscriptions have the status paused, are not counted as churn, pause immediately or at the next renewal, until a resume date or indefinitely); "How to calculate the MRR value for the customers whose subscription change is in the Future" (future-state subscriptions are not in the current month\'s MRR)',
  ],
};

const CHARGEBEE_CUSTOMERS_EXPORT: ExportPreset = {
  id: 'chargebee_customers_export',
  vendor: 'chargebee',
  label: 'Chargebee Customers.csv (export zip)',
  kind: 'customers',
  requires: ['Customer Id'],
  anyOf: [
    'First Name', 'Last Name', 'Email', 'Company', 'Card Status', 'Billing Address Country', 'Billing Address City',
    'Billing Address Line1', 'Billing Address Zip', 'Auto Collection', 'Created At',
  ],
  minAnyOf: 2,
  excludes: ['Subscription Id', 'subscriptions.id'],
  columns: {
    customer_id: ['Customer Id'],
    name: ['Company'],
    first_seen: ['Created At'],
    country: ['Billing Address Country'],
  },
  notes: ['The customers file of Chargebee\'s export zip has Title Case headers ("Customer Id", "Billing Address Country"), unlike the dotted ones of Subscriptions.csv; "Customer Id" matches "customers.id" there.'],
  confirmed: [
    'Customer Id', 'First Name', 'Last Name', 'Email', 'Billing Address First Name', 'Billing Address Last Name',
    'Billing Address Line1', 'Billing Address City', 'Billing Address State', 'Billing Address Zip', 'Billing Address Country',
    'Card Status',
  ],
  sources: ['a public TypeScript sync service that reads Customers.csv from the Chargebee exports API zip (GitHub)'],
};

const CHARGEBEE_CUSTOMERS: ExportPreset = {
  id: 'chargebee_customers',
  vendor: 'chargebee',
  label: 'Chargebee customers export',
  kind: 'customers',
  requires: ['customers.id'],
  anyOf: ['customers.company', 'customers.email', 'customers.first_name', 'customers.last_name', 'customers.created_at'],
  minAnyOf: 1,
  excludes: ['subscriptions.id', 'invoices.id'],
  columns: {
    customer_id: ['customers.id'],
    name: ['customers.company'],
    first_seen: ['customers.created_at'],
  },
  notes: ['Only "customers.id" is confirmed; the other names follow the export\'s "<object>.<attribute>" pattern.'],
  confirmed: ['customers.id'],
  sources: ['a public migration script that reads Chargebee CSV exports (GitHub)'],
};

const CHARGEBEE_INVOICES: ExportPreset = {
  id: 'chargebee_invoices',
  vendor: 'chargebee',
  label: 'Chargebee invoices export',
  kind: 'invoices',
  requires: ['invoices.id'],
  anyOf: ['invoices.customer_id', 'customers.id', 'invoices.date', 'invoices.total', 'invoices.sub_total', 'invoices.amount_paid', 'invoices.status'],
  minAnyOf: 2,
  columns: {
    customer_id: ['invoices.customer_id', 'customers.id'],
    date: ['invoices.date', 'invoices.paid_at'],
    amount: ['invoices.sub_total', 'invoices.total', 'invoices.amount_paid'],
    tax: ['invoices.tax'],
    currency: ['invoices.currency_code'],
  },
  notes: [
    'Unconfirmed column names, following the "<object>.<attribute>" pattern of Chargebee exports and the Invoice object of the API.',
    'Amounts assumed in the major unit: check a known invoice.',
  ],
  confirmed: [],
  sources: [],
};

const RECURLY_SUBSCRIPTIONS: ExportPreset = {
  id: 'recurly_subscriptions',
  vendor: 'recurly',
  label: 'Recurly subscriptions export',
  kind: 'subscriptions',
  requires: ['uuid', 'account_code'],
  anyOf: [
    'activated_at', 'created_at', 'modified_at', 'state', 'plan_code', 'expires_at', 'canceled_at',
    'current_period_started_at', 'current_period_ends_at', 'quantity', 'unit_amount', 'unit_amount_in_cents', 'subtotal',
  ],
  minAnyOf: 2,
  columns: {
    customer_id: ['account_code'],
    subscription_id: ['uuid'],
    plan: ['plan_code', 'plan_name'],
    start_date: ['activated_at', 'created_at'],
    end_date: ['expires_at'],
    canceled_at: ['canceled_at'],
    amount: ['unit_amount', 'unit_amount_in_cents', 'subtotal', 'subtotal_in_cents'],
    quantity: ['quantity'],
    billing_interval: ['plan_interval_unit', 'interval_unit'],
    interval_count: ['plan_interval_length', 'interval_length'],
    period_start: ['current_period_started_at'],
    period_end: ['current_period_ends_at'],
    trial_end: ['trial_ends_at'],
    currency: ['currency'],
    status: ['state'],
    cancellation_reason: ['expiration_reason'],
    pause_date: ['paused_at'],
  },
  unitPriceColumns: ['unit_amount', 'unit_amount_in_cents'],
  // A future subscription is not activated yet: its first billing period starts when it does.
  fallbacks: [{ field: 'start_date', column: 'current_period_started_at', status: 'future' }],
  notes: [
    '"unit_amount" is the price of one unit per billing period: "quantity" multiplies it. Columns ending in "_in_cents" are in cents, wherever they appear.',
    'State "paused" carries no MRR from "paused_at" (the pause; Recurly lists paused subscriptions among the live ones, so by default the pause is months at MRR 0, not a churn: the pauses setting). The export gives no resume date ("remaining_pause_cycles" counts the billing cycles left): a paused row stays paused to the as-of date. A paused row without "paused_at" is paused from the as-of date.',
    'State "future" has not started: its "activated_at" is empty and its start is "current_period_started_at" (its first billing period), read as the start date: no MRR before it, none at all when it is after the as-of date.',
    'Timestamps are written with a zone abbreviation ("2022-01-01 03:10:36 PST"): each is the date it falls on in the reporting time zone.',
    'The export has no interval column: the billing interval is the length of the current period ("current_period_started_at" → "current_period_ends_at": 12 months is a year), else a word in the plan code ("annual-588"); nothing is assumed.',
    'State "canceled" will not renew but is live until "expires_at"; "expired" ended at "expires_at"; "canceled_at" is when the cancellation was made.',
    'A subscription with a trial is activated when its trial starts: it is paid, and has MRR, from "trial_ends_at".',
  ],
  confirmed: ['uuid', 'account_code', 'email', 'activated_at', 'created_at', 'modified_at'],
  sources: [
    'Recurly documentation, "Subscriptions - export" (docs.recurly.com): the first columns, and the status filters (Canceled: live subscriptions that will not renew after the current term; Expired: inactive subscriptions)',
    'Recurly API v3, Subscription object: state active, canceled, expired, failed, future, paused; current_period_started_at, current_period_ends_at, expires_at, unit_amount (the other column names, unconfirmed against an export)',
    'Recurly API v3, Subscription object: paused_at ("Null unless subscription is paused or will pause at the end of the current billing period"), remaining_pause_cycles (recurly-client-ruby, lib/recurly/resources/subscription.rb); the export\'s Paused filter: "Live subscriptions that are currently paused" (docs.recurly.com, Subscriptions - export). paused_at as an export column is unconfirmed',
    'Recurly documentation, "Subscriptions - export": the Future filter ("subscriptions that will activate on reaching the start date"), and the Created date filter, which includes "those with future activation dates" (so activated_at is empty on them). That a future subscription\'s current_period_started_at is its start is read from the API (activated_at is set when it activates), unconfirmed against an export',
  ],
};

const RECURLY_ACCOUNTS: ExportPreset = {
  id: 'recurly_accounts',
  vendor: 'recurly',
  label: 'Recurly accounts export',
  kind: 'customers',
  requires: ['account_code'],
  anyOf: ['email', 'company_name', 'company', 'first_name', 'last_name', 'created_at', 'state', 'account_state'],
  minAnyOf: 2,
  excludes: ['uuid', 'invoice_number', 'subscription_uuid'],
  columns: {
    customer_id: ['account_code'],
    name: ['company_name', 'company'],
    first_seen: ['created_at'],
    country: ['billing_country', 'country'],
  },
  rowsPerCustomer: 'several',
  notes: [
    'The accounts export has one row per billing method: rows of the same "account_code" are one customer, merged (the first row\'s values kept).',
    'Only "account_code" is confirmed; the other names are named after the Account object of the API.',
  ],
  confirmed: ['account_code'],
  sources: ['Recurly documentation, "Accounts - export" (docs.recurly.com)'],
};

const RECURLY_INVOICES: ExportPreset = {
  id: 'recurly_invoices',
  vendor: 'recurly',
  label: 'Recurly invoices export',
  kind: 'invoices',
  requires: ['account_code', 'invoice_number'],
  anyOf: ['date', 'created_at', 'closed_at', 'subtotal', 'total', 'tax_amount', 'currency', 'status', 'state'],
  minAnyOf: 2,
  columns: {
    customer_id: ['account_code'],
    date: ['date', 'created_at', 'closed_at'],
    amount: ['subtotal', 'subtotal_in_cents', 'total', 'total_in_cents'],
    tax: ['tax_amount', 'tax', 'tax_in_cents'],
    currency: ['currency'],
  },
  notes: [
    'Refunds are invoices with negative amounts (credit invoices): they are refunds, never MRR.',
    'Columns ending in "_in_cents" are in cents; the others are in the major unit.',
    'Unconfirmed column names (named after the Invoice object of the API).',
  ],
  confirmed: [],
  sources: [],
};

export const PRESETS: readonly ExportPreset[] = [
  STRIPE_SUBSCRIPTIONS,
  STRIPE_PAYMENTS,
  STRIPE_INVOICES,
  STRIPE_CUSTOMERS,
  CHARGEBEE_SUBSCRIPTIONS,
  CHARGEBEE_CUSTOMERS,
  CHARGEBEE_CUSTOMERS_EXPORT,
  CHARGEBEE_INVOICES,
  RECURLY_SUBSCRIPTIONS,
  RECURLY_ACCOUNTS,
  RECURLY_INVOICES,
];

export const presetById = (id: string): ExportPreset | undefined => PRESETS.find((preset) => preset.id === id);

export interface PresetMatch {
  preset: ExportPreset;
  /** The file's columns that matched the signature. */
  matched: string[];
}

/** The preset whose header signature the file matches best, or null. */
export function detectPreset(columns: readonly string[]): PresetMatch | null {
  let best: PresetMatch | null = null;
  for (const preset of PRESETS) {
    const matched = signatureMatch(preset, columns);
    if (matched && (!best || matched.length > best.matched.length)) best = { preset, matched };
  }
  return best;
}

/** The preset's field → column mapping for this file: the first candidate column present for each field. */
export function presetFields(preset: ExportPreset, columns: readonly string[]): Partial<Record<Field, string>> {
  return fieldsFromCandidates(preset.columns, columns);
}

/** Whether the preset documents that this amount column includes tax (undefined: it does not say). */
export function presetAmountIncludesTax(preset: ExportPreset, column: string): boolean | undefined {
  const key = normalizeHeader(column);
  for (const [name, includes] of Object.entries(preset.amountIncludesTax ?? {})) if (normalizeHeader(name) === key) return includes;
  return undefined;
}

/**
 * Digits of minor units of an amount column (2 for cents), 0 when amounts are
 * in the major unit: the preset's list, and any column named *_in_cents
 * ("unit_amount_in_cents", "Total In Cents"), whatever the file.
 */
export function presetMinorUnitDigits(preset: ExportPreset | null, column: string): number {
  const key = normalizeHeader(column);
  for (const [name, digits] of Object.entries(preset?.minorUnits ?? {})) if (normalizeHeader(name) === key) return digits;
  return key.endsWith('incents') ? 2 : 0;
}

/**
 * The preset's fallback columns present in the file, by field, for fields that
 * are mapped to another column. A fallback column may be mapped to another
 * field too (Recurly's current_period_started_at is the billing period's start,
 * and a future subscription's start).
 */
export function presetFallbacks(
  preset: ExportPreset | null | undefined,
  columns: readonly string[],
  fields: Partial<Record<Field, string>>,
): Partial<Record<Field, { column: string; status?: string }>> {
  const out: Partial<Record<Field, { column: string; status?: string }>> = {};
  for (const fallback of preset?.fallbacks ?? []) {
    const column = columns.find((c) => normalizeHeader(c) === normalizeHeader(fallback.column));
    if (column === undefined || fields[fallback.field] === undefined || fields[fallback.field] === column) continue;
    out[fallback.field] = { column, ...(fallback.status ? { status: fallback.status } : {}) };
  }
  return out;
}

/** Whether the preset's amount column holds one unit's price (Recurly unit_amount, Chargebee plan_unit_price). */
export function presetUnitPrice(preset: ExportPreset | null | undefined, column: string | undefined): boolean {
  if (!preset || column === undefined) return false;
  const key = normalizeHeader(column);
  return (preset.unitPriceColumns ?? []).some((name) => normalizeHeader(name) === key);
}
