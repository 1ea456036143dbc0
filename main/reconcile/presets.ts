// The reference exports that billing-analytics products document (ChartMogul,
// Stripe, Baremetrics, ProfitWell): the header names of each field, the unit of
// the amounts, the vendor's words for movements, and where each name was read
// (shared/reconcile.ts, ReferencePreset; docs/RECONCILIATION.md "Formats"). A
// file without a preset is read by the generic names of main/reconcile/suggest.ts.
//
// Where the names come from, as for the import presets
// (main/ingest/mapping/presets.ts): a field's source is `confirmed` when the
// name was seen in public material (the URL says where); otherwise the name is
// modelled on the vendor's API attribute of the same meaning and NOT confirmed
// against a real export. An unconfirmed name that is wrong maps nothing; the
// mapping dialog still lets the user pick the column. Headers are compared
// after normalizeHeader, so "CUSTOMER_EXTERNAL_ID", "customer-external-id" and
// "Customer External ID" are the same name.
//
// Some exports are not one row per customer and month: a stream of movements
// (ChartMogul activities, ProfitWell), one column per month (Stripe's MRR per
// subscriber), one row per customer at the export's date (customer lists).
// Their `reading` says so, and main/reconcile/reshape.ts turns their rows into
// customer-months in the import: a movement preset's `mrr` is the movement's
// change (the MRR per month is their running sum), a wide preset's month and
// MRR are its month columns, a snapshot's month is the one the user states.
import { fieldsFromCandidates, signatureMatch } from '../ingest/mapping/headerSignature.js';
import type { PresetSource, ReconcileMovement, ReferenceField, ReferencePreset, ReferenceReading } from '../../shared/reconcile.js';

export interface VendorReferencePreset extends ReferencePreset {
  vendor: 'chartmogul' | 'stripe' | 'baremetrics' | 'profitwell';
  /** Headers that must all be present for the preset to be recognised. */
  requires: readonly string[];
  /** At least `minAnyOf` of these must be present too. */
  anyOf: readonly string[];
  minAnyOf: number;
  /** Headers whose presence rules the preset out (to tell one vendor's exports apart). */
  excludes?: readonly string[];
  /** How its rows become customer × month (shared/reconcile.ts, ReferenceReading); none: as they are. */
  reading?: ReferenceReading;
  /** reading wide_months: the headers that are months. */
  monthColumns?: RegExp;
  /** Loss amounts (churn, contraction) may be written negative: compared as absolute values. */
  signedLosses?: boolean;
  /** Vendor labels that move none of our movements by themselves (counted, not compared). */
  ignoredMovements?: readonly string[];
}

/** Sources of several fields at once. */
function read(url: string, fields: readonly (ReferenceField | 'file')[], confirmed: boolean, note?: string): Partial<Record<ReferenceField | 'file', PresetSource>> {
  return Object.fromEntries(fields.map((field) => [field, { url, confirmed, ...(note ? { note } : {}) }]));
}

/** ChartMogul's five movement types, as its API, webhooks and destinations write them. */
const CHARTMOGUL_MOVEMENTS: Record<string, ReconcileMovement> = {
  new_biz: 'new',
  expansion: 'expansion',
  contraction: 'contraction',
  churn: 'churn',
  reactivation: 'reactivation',
};

const CM_ACTIVITIES_URL = 'https://dev.chartmogul.com/reference/activities/list';
const CM_EXPORT_URL = 'https://dev.chartmogul.com/reference/activities/create-export';
const CM_MOVEMENTS_URL = 'https://dev.chartmogul.com/docs/destinations/calculated-data/mrr-movements';
const CM_CUSTOMERS_URL = 'https://dev.chartmogul.com/docs/destinations/calculated-data/customers';
const CM_SOURCE_CUSTOMERS_URL = 'https://dev.chartmogul.com/docs/destinations/source-data/customers';
const CM_CUSTOMER_EXPORT_ROWS_URL = 'https://help.chartmogul.com/hc/en-us/articles/360001385819';
const CM_METRICS_URL = 'https://dev.chartmogul.com/reference/metrics';
const STRIPE_ANALYTICS_URL = 'https://docs.stripe.com/billing/subscriptions/analytics';
const STRIPE_GLOSSARY_URL = 'https://docs.stripe.com/billing/subscriptions/analytics/glossary';
const BAREMETRICS_API_URL = 'https://developers.baremetrics.com/reference';
const PROFITWELL_GLOSSARY_URL = 'https://www.paddle.com/help/profitwell-metrics/setup/configure/csv-export-glossary';

const CHARTMOGUL_ACTIVITIES: VendorReferencePreset = {
  id: 'chartmogul_activities',
  vendor: 'chartmogul',
  label: 'ChartMogul activities export',
  layout: 'customer_month',
  reading: 'movements',
  requires: ['type', 'date'],
  anyOf: ['activity-mrr-movement', 'activity-mrr', 'activity-arr', 'customer-external-id', 'customer-uuid', 'customer-name', 'subscription-external-id', 'plan-external-id'],
  minAnyOf: 3,
  columns: {
    customer_id: ['customer-external-id', 'customer-uuid'],
    month: ['date'],
    mrr: ['activity-mrr-movement'],
    movement: ['type'],
  },
  amountUnit: 'cents',
  movementValues: CHARTMOGUL_MOVEMENTS,
  methodology: 'chartmogul',
  signedLosses: true,
  sources: {
    ...read(CM_ACTIVITIES_URL, ['customer_id', 'month', 'movement', 'mrr'], true, 'the attribute names of the List Activities response (customer-external-id, date, type, currency, activity-mrr, activity-mrr-movement); amounts in cents'),
    currency: { url: CM_MOVEMENTS_URL, confirmed: false, note: '"currency" is not mapped: in the same movements as a destinations dataset, CURRENCY_CODE is the invoice\'s currency while the amounts are in the account\'s' },
    file: { url: CM_EXPORT_URL, confirmed: false, note: 'the activities export is an asynchronous zip of the same activities; the header line of its CSV is not shown anywhere public' },
  },
  notes: [
    'One row per activity (a subscription\'s MRR movement); amounts are integers in cents: divided by 100.',
    '"activity-mrr-movement" is the change, negative for churn and contraction: a customer\'s MRR in a month is the running sum of its changes up to the month\'s end, carried forward to the months without one until it is 0 (churn). "activity-mrr" (the MRR after it) is not read: ChartMogul does not say whether it is the customer\'s or the subscription\'s.',
    '"currency" is not read: the amounts are in the account\'s currency (the reporting currency unless you state another), not in the invoice\'s.',
    '"type" is new_biz, expansion, contraction, churn or reactivation; ours are new, expansion, contraction, churn, reactivation.',
    'The customer key is "customer-external-id", the billing system\'s id, which is what our customer ids are; "customer-uuid" (cus_…) is ChartMogul\'s own and matches none of ours.',
    'The CSV\'s header names are those of the List Activities response, not confirmed against a downloaded file.',
  ],
};

const CHARTMOGUL_MRR_MOVEMENTS: VendorReferencePreset = {
  id: 'chartmogul_mrr_movements',
  vendor: 'chartmogul',
  label: 'ChartMogul MRR movements (destinations export)',
  layout: 'customer_month',
  reading: 'movements',
  requires: ['MOVEMENT_TYPE', 'MRR_MOVEMENT'],
  anyOf: ['DATE', 'CUSTOMER_EXTERNAL_ID', 'CUSTOMER_UUID', 'CUSTOMER_NAME', 'MRR', 'CURRENCY_CODE', 'SUBSCRIPTION_EXTERNAL_ID', 'RANK'],
  minAnyOf: 2,
  columns: {
    customer_id: ['CUSTOMER_EXTERNAL_ID', 'CUSTOMER_UUID'],
    month: ['DATE'],
    mrr: ['MRR_MOVEMENT'],
    movement: ['MOVEMENT_TYPE'],
  },
  amountUnit: 'cents',
  movementValues: CHARTMOGUL_MOVEMENTS,
  methodology: 'chartmogul',
  signedLosses: true,
  sources: {
    ...read(CM_MOVEMENTS_URL, ['file', 'customer_id', 'month', 'movement', 'mrr'], true, 'every field name (DATE, CUSTOMER_EXTERNAL_ID, MOVEMENT_TYPE, MRR_MOVEMENT, MRR, CURRENCY_CODE …), and that amounts are cents'),
    currency: { url: CM_MOVEMENTS_URL, confirmed: true, note: 'CURRENCY_CODE is "the invoice currency" while the amounts are "in the currency selected for your account": not mapped' },
  },
  notes: [
    'The "MRR Movements" calculated dataset ChartMogul destinations send to cloud storage or a warehouse: one row per movement.',
    'Amounts are integers in cents "in the currency selected for your account": divided by 100; the account currency, not the invoice\'s.',
    '"MRR_MOVEMENT" is positive or negative: a customer\'s MRR in a month is the running sum of its movements up to the month\'s end, carried forward to the months without one until it is 0 (churn). "MRR" (the new MRR after the activity) is not read: the page does not say whether it is the customer\'s or the subscription\'s.',
    '"MOVEMENT_TYPE" is new_biz, churn, expansion, contraction or reactivation.',
    '"CURRENCY_CODE" is not read: it is the invoice\'s currency, and the amounts are in the account\'s.',
  ],
};

const CHARTMOGUL_CUSTOMERS: VendorReferencePreset = {
  id: 'chartmogul_customers',
  vendor: 'chartmogul',
  label: 'ChartMogul customers export',
  layout: 'customer_month',
  reading: 'snapshot',
  requires: ['MRR'],
  anyOf: ['EXTERNAL_ID', 'UUID', 'ARR', 'PLAN_NAME', 'BILLING_CYCLE', 'NET_PAYMENTS', 'SUBSCRIBER_SINCE', 'STATUS', 'COUNTRY'],
  minAnyOf: 3,
  excludes: ['MRR_MOVEMENT', 'MOVEMENT_TYPE', 'activity-mrr-movement', 'date'],
  columns: {
    customer_id: ['EXTERNAL_ID', 'UUID'],
    mrr: ['MRR'],
    currency: ['CURRENCY', 'CURRENCY_CODE'],
  },
  amountUnit: 'cents',
  methodology: 'chartmogul',
  sources: {
    ...read(CM_CUSTOMERS_URL, ['file', 'mrr'], true, 'the calculated customers dataset: MRR, ARR, PLAN_NAME, BILLING_CYCLE, NET_PAYMENTS, COUNTRY, STATE, CITY, ADDRESS_ZIP, SUBSCRIBER_SINCE, STATUS, UUID; MRR in cents'),
    customer_id: { url: CM_SOURCE_CUSTOMERS_URL, confirmed: false, note: 'EXTERNAL_ID is documented for source customers, not among the calculated customers\' fields; UUID (cus_…) is ChartMogul\'s own id' },
    currency: { url: CM_CUSTOMERS_URL, confirmed: false, note: 'no currency field is documented: amounts are in the account currency' },
  },
  notes: [
    'One row per customer with the CURRENT MRR ("for active and past due subscriptions"): one month, the one of the export\'s date, which the user states.',
    'Amounts are in cents in the account currency: divided by 100.',
    `The export from the customer list page has one row per SUBSCRIPTION, not per customer (${CM_CUSTOMER_EXPORT_ROWS_URL}): rows of one customer are summed.`,
    'The customer key "EXTERNAL_ID" is not confirmed in this dataset; "UUID" is ChartMogul\'s own (cus_…). Check which one the file has.',
  ],
};

const CHARTMOGUL_MRR_TOTALS: VendorReferencePreset = {
  id: 'chartmogul_mrr_totals',
  vendor: 'chartmogul',
  label: 'ChartMogul MRR by month (metrics)',
  layout: 'monthly',
  requires: ['date', 'mrr'],
  anyOf: ['mrr-new-business', 'mrr-expansion', 'mrr-contraction', 'mrr-churn', 'mrr-reactivation'],
  minAnyOf: 3,
  columns: {
    month: ['date'],
    mrr: ['mrr'],
    new: ['mrr-new-business'],
    expansion: ['mrr-expansion'],
    contraction: ['mrr-contraction'],
    churn: ['mrr-churn'],
    reactivation: ['mrr-reactivation'],
  },
  amountUnit: 'cents',
  methodology: 'chartmogul',
  signedLosses: true,
  sources: {
    ...read(CM_METRICS_URL, ['month', 'mrr', 'new', 'expansion', 'contraction', 'churn', 'reactivation'], true, 'the Metrics API\'s MRR entry (date, mrr, mrr-new-business, mrr-expansion, mrr-contraction, mrr-churn, mrr-reactivation), as ChartMogul\'s own client libraries read it'),
    file: { url: CM_METRICS_URL, confirmed: false, note: 'a CSV downloaded from the MRR chart is not confirmed to use the API\'s names' },
  },
  notes: [
    'One row per month: "date" is the END of the interval, so 2024-11-30 is November.',
    'Amounts are in cents; churn and contraction may be written negative: compared as absolute values.',
    'The names are those of the Metrics API; a CSV downloaded from the MRR chart is not confirmed to use them.',
  ],
};

const STRIPE_MRR_PER_SUBSCRIBER: VendorReferencePreset = {
  id: 'stripe_mrr_per_subscriber',
  vendor: 'stripe',
  label: 'Stripe MRR per subscriber per month',
  layout: 'customer_month',
  reading: 'wide_months',
  requires: ['Customer ID'],
  anyOf: ['Customer', 'Customer Email', 'Currency'],
  minAnyOf: 1,
  excludes: ['Status', 'Amount', 'id'],
  columns: {
    customer_id: ['Customer ID'],
    currency: ['Currency'],
  },
  monthColumns: /^\d{4}-\d{2}$/,
  amountUnit: 'major',
  methodology: 'stripe',
  sources: {
    file: { url: STRIPE_ANALYTICS_URL, confirmed: true, note: 'the downloadable report "MRR per subscriber per month": the MRR of each subscriber at the end of each month (no column list)' },
    ...read(STRIPE_ANALYTICS_URL, ['customer_id', 'currency', 'month', 'mrr'], true, 'column names read by a public reconciliation script on GitHub that parses MRR_per_Subscriber__monthly_*.csv downloads: "Customer ID", "Customer", "Customer Email", "Currency" and one YYYY-MM column per month, amounts in the major unit'),
  },
  notes: [
    'The MRR of each subscriber at the END of each month, one column per month ("2024-11").',
    'Amounts are in the major unit of the subscriber\'s currency ("Currency"), not in cents, and not converted.',
    `Stripe's MRR excludes trials, taxes, free plans and metered (usage-based) prices, and counts active and past_due subscriptions (${STRIPE_GLOSSARY_URL}).`,
    'A blank month is no MRR.',
  ],
};

const STRIPE_MRR_ROLL_FORWARD: VendorReferencePreset = {
  id: 'stripe_mrr_roll_forward',
  vendor: 'stripe',
  label: 'Stripe MRR roll-forward (subscription metrics summary)',
  layout: 'monthly',
  requires: ['Month'],
  anyOf: ['Starting MRR', 'New MRR', 'Expansion MRR', 'Contraction MRR', 'Churned MRR', 'Reactivation MRR', 'Ending MRR', 'Active subscribers'],
  minAnyOf: 3,
  columns: {
    month: ['Month', 'Period'],
    mrr: ['Ending MRR', 'MRR'],
    customers: ['Active subscribers', 'Ending active subscribers'],
    new: ['New MRR'],
    expansion: ['Expansion MRR'],
    contraction: ['Contraction MRR'],
    churn: ['Churned MRR'],
    reactivation: ['Reactivation MRR'],
  },
  amountUnit: 'major',
  methodology: 'stripe',
  signedLosses: true,
  sources: {
    file: { url: STRIPE_ANALYTICS_URL, confirmed: true, note: 'the "Subscription metrics summary" download holds the MRR roll-forward and the active subscriber roll-forward (no column list)' },
    ...read(STRIPE_GLOSSARY_URL, ['month', 'mrr', 'customers', 'new', 'expansion', 'contraction', 'churn', 'reactivation'], false, 'Stripe\'s metric names as its glossary writes them; the report\'s headers are not published'),
  },
  notes: [
    'The column names are NOT confirmed: Stripe documents that the report holds the roll-forward, not its headers. Map the columns in the dialog if they differ.',
    'Stripe\'s roll-forward has an FX line (foreign currency impact) that ours has not: it shows in the MRR difference, not in a movement.',
    'Amounts in the major unit of the account\'s currency.',
  ],
};

const BAREMETRICS_CUSTOMERS: VendorReferencePreset = {
  id: 'baremetrics_customers',
  vendor: 'baremetrics',
  label: 'Baremetrics customers export',
  layout: 'customer_month',
  reading: 'snapshot',
  requires: ['oid'],
  anyOf: ['current_mrr', 'mrr', 'email', 'name', 'ltv', 'is_active', 'created'],
  minAnyOf: 2,
  excludes: ['plan_oid', 'subscription_oid'],
  columns: {
    customer_id: ['oid'],
    mrr: ['current_mrr', 'mrr'],
  },
  amountUnit: 'cents',
  methodology: 'baremetrics',
  sources: read(BAREMETRICS_API_URL, ['file', 'customer_id', 'mrr'], false, 'the Customer object of the Baremetrics API (oid, email, name, ltv, current_mrr in cents); no public page lists the customer CSV\'s columns'),
  notes: [
    'One row per customer with the current MRR: one month, the one of the export\'s date, which the user states.',
    'The column names are not confirmed against a downloaded Baremetrics customer CSV: they are those of the Customer object of the Baremetrics API ("oid" is the billing system\'s customer id, amounts in cents).',
    'Baremetrics\' import template (customer_oid, plan_amount in cents …) is an import into Baremetrics, not an export: it carries no MRR and is no reference.',
  ],
};

const PROFITWELL_ACTIVITY: VendorReferencePreset = {
  id: 'profitwell_activity',
  vendor: 'profitwell',
  label: 'ProfitWell (Paddle) customer activity export',
  layout: 'customer_month',
  reading: 'movements',
  requires: ['activity'],
  anyOf: ['user_id', 'customer_id', 'email', 'date', 'mrr', 'mrr_change', 'plan'],
  minAnyOf: 2,
  columns: {
    customer_id: ['user_id', 'customer_id', 'email'],
    month: ['date', 'effective_date'],
    mrr: ['mrr_change'],
    movement: ['activity', 'activity_label'],
  },
  amountUnit: 'major',
  movementValues: { new: 'new', upgrade: 'expansion', downgrade: 'contraction', churn: 'churn', churn_delinquent: 'churn', reactivated: 'reactivation' },
  ignoredMovements: ['new_cancelled', 'cancelled', 'increase', 'decrease'],
  methodology: 'profitwell',
  signedLosses: true,
  sources: {
    movement: { url: PROFITWELL_GLOSSARY_URL, confirmed: true, note: 'the activity labels and their meaning: new, new_cancelled, cancelled, churn, churn_delinquent, decrease, increase, downgrade, upgrade, reactivated' },
    ...read(PROFITWELL_GLOSSARY_URL, ['file', 'customer_id', 'month', 'mrr'], false, 'only the activity labels are documented; the column names are guesses'),
  },
  notes: [
    'Only the activity labels are documented; the column names are NOT confirmed.',
    'Each row is a movement; "mrr_change" is its change (a loss may be written negative or positive: churn and downgrade are losses either way). A customer\'s MRR in a month is the running sum of its changes, carried forward until it is 0.',
    'churn and churn_delinquent (failed payment) are both churn; upgrade is expansion, downgrade contraction; reactivated is reactivation.',
    '"new_cancelled" (new and churned in one month), "cancelled" (the request: the churn follows when the paid period ends), "increase" and "decrease" (plan length) move none of our movements by themselves.',
  ],
};

export const REFERENCE_PRESETS: readonly VendorReferencePreset[] = [
  CHARTMOGUL_ACTIVITIES,
  CHARTMOGUL_MRR_MOVEMENTS,
  CHARTMOGUL_CUSTOMERS,
  CHARTMOGUL_MRR_TOTALS,
  STRIPE_MRR_PER_SUBSCRIBER,
  STRIPE_MRR_ROLL_FORWARD,
  BAREMETRICS_CUSTOMERS,
  PROFITWELL_ACTIVITY,
];

export function referencePresetById(id: string): VendorReferencePreset | undefined {
  return REFERENCE_PRESETS.find((preset) => preset.id === id);
}

export interface ReferencePresetMatch {
  preset: VendorReferencePreset;
  /** The file's columns that matched the signature (and, for one column per month, those). */
  matched: string[];
}

/** The preset whose header signature the file matches best, or null (then the generic names apply). */
export function detectReferencePreset(columns: readonly string[]): ReferencePresetMatch | null {
  let best: ReferencePresetMatch | null = null;
  for (const preset of REFERENCE_PRESETS) {
    const signed = signatureMatch(preset, columns);
    if (!signed) continue;
    const months = preset.monthColumns ? columns.filter((column) => preset.monthColumns!.test(column.trim())) : [];
    if (preset.monthColumns && months.length === 0) continue;
    const matched = [...new Set([...signed, ...months])];
    if (!best || matched.length > best.matched.length) best = { preset, matched };
  }
  return best;
}

/** The preset's field → column mapping for this file: the first candidate present for each field, each column used once. */
export function referencePresetFields(preset: ReferencePreset, columns: readonly string[]): Partial<Record<ReferenceField, string>> {
  return fieldsFromCandidates(preset.columns, columns);
}

/** Our movement for a vendor's label; null: a label the preset knows moves none of ours; undefined: a label it does not know. */
export function referenceMovement(preset: VendorReferencePreset, label: string): ReconcileMovement | null | undefined {
  const key = label.trim().toLowerCase();
  if (preset.movementValues && Object.hasOwn(preset.movementValues, key)) return preset.movementValues[key];
  return preset.ignoredMovements?.includes(key) ? null : undefined;
}
