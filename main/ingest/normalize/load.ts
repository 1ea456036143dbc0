// Accepted staged rows → the canonical tables of their kind. The staged table
// has one typed column per canonical field of the kind (NULL where unmapped),
// plus _line and _rejected (rows already routed to churn.rejects).
import { netOfTaxSql, subscriptionMrrSql } from './monthly.js';
import type { NormalizeOptions } from '../../../shared/model.js';
import { fieldsOfKind } from '../mapping/index.js';

import type { Kind } from '../../../shared/model.js';

const TRIAL = "(coalesce(lower(plan), '') LIKE '%trial%' OR coalesce(lower(status), '') IN ('trialing', 'trial', 'in_trial'))";

/** The first-day-no-longer-paid of a mapped end date. */
export const exclusiveEnd = (column: string, options: NormalizeOptions) =>
  options.endDate === 'inclusive' ? `CAST(${column} + INTERVAL 1 DAY AS DATE)` : column;

/** What the loader needs to know of the file beyond the settings: whether its amount includes its tax. */
export interface LoadFacts {
  amountIncludesTax: boolean;
}

export function loadSql(kind: Kind, importId: number, stage: string, options: NormalizeOptions, facts: LoadFacts): string[] {
  const accepted = `FROM ${stage} WHERE NOT _rejected`;
  switch (kind) {
    case 'subscriptions':
      return [
        `INSERT INTO churn.subscriptions
         SELECT ${importId}, customer_id, subscription_id, plan, start_date, ${exclusiveEnd('end_date', options)}, canceled_at,
                CASE WHEN ${TRIAL} THEN 0 ELSE ${subscriptionMrrSql({ ...options, ...facts })} END, upper(trim(currency)), lower(trim(status)),
                cancellation_reason, lower(trim(churn_type)), ${TRIAL}, _line
         ${accepted}`,
      ];
    case 'invoices':
      return [
        `INSERT INTO churn.revenue_lines
         SELECT ${importId}, customer_id, coalesce(period_start, date),
                coalesce(${exclusiveEnd('period_end', options)}, CAST(coalesce(period_start, date) + INTERVAL 1 MONTH AS DATE)),
                ${netOfTaxSql(facts.amountIncludesTax)}, upper(trim(currency)), coalesce(is_refund, false) OR amount < 0,
                coalesce(NOT recurring, false), _line
         ${accepted}`,
      ];
    case 'mrr':
      return [`INSERT INTO churn.mrr_snapshots SELECT ${importId}, customer_id, date_trunc('month', month), mrr, upper(trim(currency)), _line ${accepted}`];
    case 'customer_list':
      return [
        `INSERT INTO churn.customer_list
         SELECT ${importId}, customer_id, start_date, tenure_months, canceled_at, coalesce(churned, canceled_at IS NOT NULL),
                mrr, upper(trim(currency)), cancellation_reason, lower(trim(churn_type)), _line
         ${accepted}`,
        customersUpsert(kind, stage),
      ];
    case 'customers':
      return [customersUpsert(kind, stage)];
    case 'churn_events':
      return [`INSERT INTO churn.churn_events SELECT ${importId}, customer_id, date, cancellation_reason, lower(trim(churn_type)), _line ${accepted}`];
  }
}

const CUSTOMER_FIELDS = ['name', 'first_seen', 'employees', 'annual_revenue', 'contract_value', 'segment', 'country', 'industry'] as const;

/** Customer attributes: later files fill what earlier ones left empty. */
function customersUpsert(kind: Kind, stage: string): string {
  const present = new Set<string>(fieldsOfKind(kind));
  const fields = CUSTOMER_FIELDS.filter((field) => present.has(field));
  const pick = (field: string) => (field === 'first_seen' ? `min(${field}) AS ${field}` : `any_value(${field}) AS ${field}`);
  return `
INSERT INTO churn.customers BY NAME
SELECT customer_id${fields.map((f) => `, ${pick(f)}`).join('')}
FROM ${stage} WHERE NOT _rejected GROUP BY customer_id
ON CONFLICT (customer_id) DO ${fields.length ? `UPDATE SET ${fields.map((f) => `${f} = coalesce(churn.customers.${f}, excluded.${f})`).join(', ')}` : 'NOTHING'}`;
}
