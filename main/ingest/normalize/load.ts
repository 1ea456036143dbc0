// Accepted staged rows → the canonical tables of their kind. The staged table
// has one typed column per canonical field of the kind (NULL where unmapped),
// plus _line and _rejected (rows already routed to churn.rejects). Rows
// without a customer and invoices whose status is not revenue are not loaded:
// the audit counts them (audit.ts).
import { netOfTaxSql, subscriptionMrrSql } from './monthly.js';
import type { NormalizeOptions } from '../../../shared/model.js';
import { fieldsOfKind } from '../mapping/index.js';

import type { Kind } from '../../../shared/model.js';
import type { FileTable } from '../../model/sources.js';

/** Trials carry no MRR: the plan says trial, or the status does (Stripe trialing, Chargebee "In Trial" → in_trial). */
// Not paying yet: trials, and Stripe's "incomplete" subscriptions (the first invoice is not paid;
// "incomplete_expired": never paid). They carry no MRR.
// list_contains, not IN: DuckDB turns an IN list into a MARK hash join, and the import reads this
// three times per stage while customer_month's GROUP BY runs: under a small memory limit those joins
// made it fail (docs/SCALE.md, "When memory runs short"). The status is coalesced: never NULL.
export const TRIAL =
  "(coalesce(lower(plan), '') LIKE '%trial%' OR list_contains(['trialing', 'trial', 'in_trial', 'incomplete', 'incomplete_expired'], coalesce(lower(status), '')))";

/** A subscription is paid from its start, or from the end of its free trial when that is later (Recurly, Stripe and Chargebee start it at the trial's start). */
const PAID_FROM = 'CASE WHEN trial_end > start_date THEN trial_end ELSE start_date END';

/** The first-day-no-longer-paid of a mapped end date. */
export const exclusiveEnd = (column: string, options: NormalizeOptions) =>
  options.endDate === 'inclusive' ? `CAST(${column} + INTERVAL 1 DAY AS DATE)` : column;

/** What the loader needs to know of the file beyond the settings. */
export interface LoadFacts {
  /** Whether the amount includes the tax (mapping/tax.ts). */
  amountIncludesTax: boolean;
  /** The file's amount is one unit's price (its preset says so), over the setting. */
  amountIsUnitPrice?: boolean;
  /** Whether the file maps subscription_id: only then does a line without one (and without a service period) read as one-off. */
  subscriptionMapped: boolean;
}

/** An invoice status as compared with the skip list: lower case, spaces and dashes as underscores ("Not Paid" → not_paid). */
const STATUS_KEY = "regexp_replace(lower(trim(status)), '[ -]+', '_', 'g')";

/** Invoice rows whose status is not revenue (void, draft …: the skipStatuses setting). */
export function skippedStatusSql(kind: Kind, options: NormalizeOptions): string {
  if (kind !== 'invoices' || options.skipStatuses.length === 0) return 'false';
  return `coalesce(${STATUS_KEY} IN (${options.skipStatuses.map((s) => `'${s.toLowerCase().replace(/[ -]+/g, '_').replace(/'/g, "''")}'`).join(', ')}), false)`;
}

/** The status key of a skipped row, for the audit. */
export const statusKeySql = STATUS_KEY;

/** The staged rows that load: not rejected, with a customer, and (invoices) with a status that is revenue. */
export function loadedRowsSql(kind: Kind, options: NormalizeOptions): string {
  return `NOT _rejected AND customer_id IS NOT NULL AND NOT ${skippedStatusSql(kind, options)}`;
}

/**
 * An invoice line's service period: a start, and an end after it (a Stripe
 * one-off line has a period of zero length: that is no service period). A
 * start without an end covers one month.
 */
export function hasPeriodSql(options: NormalizeOptions): string {
  return `(period_start IS NOT NULL AND coalesce(${exclusiveEnd('period_end', options)} > period_start, true))`;
}

/** One-off revenue: marked not recurring, or (where the file names subscriptions) a line with neither a subscription nor a service period. */
export function oneOffSql(options: NormalizeOptions, facts: Pick<LoadFacts, 'subscriptionMapped'>): string {
  const noSubscription = facts.subscriptionMapped ? ` OR (subscription_id IS NULL AND NOT ${hasPeriodSql(options)})` : '';
  return `(coalesce(NOT recurring, false)${noSubscription})`;
}

/**
 * What loading a file's accepted rows writes: `added`, the rows each model
 * table gains (a SELECT of the table's columns in order, from the stage),
 * which the importer reads as part of the table before writing them
 * (model/sources.ts); and `statements` run as they are (the customers' upsert).
 */
export interface Load {
  added: { table: FileTable; select: string }[];
  statements: string[];
}

export function loadSql(kind: Kind, importId: number, stage: string, options: NormalizeOptions, facts: LoadFacts): Load {
  const accepted = `FROM ${stage} WHERE ${loadedRowsSql(kind, options)}`;
  switch (kind) {
    case 'subscriptions':
      return {
        added: [
          {
            table: 'subscriptions',
            // Named as the table's columns: the importer reads them by name (pauses at the as-of date).
            select: `SELECT ${importId} AS import_id, customer_id, subscription_id, plan, ${PAID_FROM} AS start_date, ${exclusiveEnd('end_date', options)} AS end_date, canceled_at,
                CASE WHEN ${TRIAL} THEN 0 ELSE ${subscriptionMrrSql({ ...options, ...facts })} END AS mrr, upper(trim(currency)) AS currency, lower(trim(status)) AS status,
                cancellation_reason, lower(trim(churn_type)) AS churn_type, ${TRIAL} AS is_trial, _line AS source_line, pause_date, resume_date
         ${accepted}`,
          },
        ],
        statements: [],
      };
    case 'invoices':
      return {
        added: [
          {
            table: 'revenue_lines',
            select: `SELECT ${importId}, customer_id, start_date, end_date, net, currency, is_refund, is_one_off, _line, has_period
         FROM (
           SELECT customer_id, CASE WHEN has_period THEN period_start ELSE date END AS start_date,
                  CASE WHEN has_period THEN coalesce(${exclusiveEnd('period_end', options)}, CAST(period_start + INTERVAL 1 MONTH AS DATE))
                       ELSE CAST(date + INTERVAL 1 MONTH AS DATE) END AS end_date,
                  ${netOfTaxSql(facts.amountIncludesTax)} AS net, upper(trim(currency)) AS currency,
                  coalesce(is_refund, false) OR amount < 0 AS is_refund, ${oneOffSql(options, facts)} AS is_one_off, _line, has_period
           FROM (SELECT *, ${hasPeriodSql(options)} AS has_period ${accepted})
         )`,
          },
        ],
        statements: [],
      };
    case 'mrr':
      return {
        added: [{ table: 'mrr_snapshots', select: `SELECT ${importId}, customer_id, date_trunc('month', month), mrr, upper(trim(currency)), _line ${accepted}` }],
        statements: [],
      };
    case 'customer_list':
      return {
        added: [
          {
            table: 'customer_list',
            select: `SELECT ${importId}, customer_id, start_date, tenure_months, canceled_at, coalesce(churned, canceled_at IS NOT NULL),
                mrr, upper(trim(currency)), cancellation_reason, lower(trim(churn_type)), _line
         ${accepted}`,
          },
        ],
        statements: [customersUpsert(kind, stage)],
      };
    case 'customers':
      return { added: [], statements: [customersUpsert(kind, stage)] };
    case 'churn_events':
      return {
        added: [{ table: 'churn_events', select: `SELECT ${importId}, customer_id, date, cancellation_reason, lower(trim(churn_type)), _line ${accepted}` }],
        statements: [],
      };
  }
}

const CUSTOMER_FIELDS = ['name', 'first_seen', 'employees', 'annual_revenue', 'contract_value', 'segment', 'country', 'industry'] as const;

/**
 * Customer attributes: later files fill what earlier ones left empty. A MERGE
 * on the id, which keeps one row per customer (the table has no key to
 * conflict on: MODEL_DDL). A file's rows of one customer become one (the
 * first value of each field, the earliest first_seen); only ids on more than
 * one row are grouped: grouping a million customers' rows with a state per
 * text field took 0.2-0.6 s alone and 3.3 s inside a 1M-customer import,
 * against 0.14 s for finding the repeated ids and passing the rest through.
 */
function customersUpsert(kind: Kind, stage: string): string {
  const present = new Set<string>(fieldsOfKind(kind));
  const fields = CUSTOMER_FIELDS.filter((field) => present.has(field));
  const pick = (field: string) => (field === 'first_seen' ? `min(${field}) AS ${field}` : `any_value(${field}) AS ${field}`);
  const columns = `customer_id${fields.map((f) => `, ${f}`).join('')}`;
  const rows = `(SELECT ${columns} FROM ${stage} WHERE NOT _rejected AND customer_id IS NOT NULL)`;
  const repeated = `(SELECT customer_id FROM ${rows} GROUP BY customer_id HAVING count(*) > 1)`;
  return `
MERGE INTO churn.customers c
USING (SELECT ${columns} FROM ${rows} WHERE customer_id NOT IN ${repeated}
       UNION ALL
       SELECT customer_id${fields.map((f) => `, ${pick(f)}`).join('')} FROM ${rows} WHERE customer_id IN ${repeated} GROUP BY customer_id) n
ON n.customer_id = c.customer_id
${fields.length ? `WHEN MATCHED THEN UPDATE SET ${fields.map((f) => `${f} = coalesce(c.${f}, n.${f})`).join(', ')}\n` : ''}WHEN NOT MATCHED THEN INSERT BY NAME`;
}
