// Accepted staged rows → the canonical tables of their kind. The staged table
// has one typed column per canonical field of the kind (NULL where unmapped),
// plus _line and _rejected (rows already routed to churn.rejects).
import { subscriptionMrrSql } from './monthly.js';
import type { NormalizeOptions } from '../../../shared/model.js';

export type RevenueKind = 'subscriptions' | 'invoices' | 'mrr' | 'customer_list';
export type Kind = RevenueKind | 'customers' | 'churn_events';

const TRIAL = "(coalesce(lower(plan), '') LIKE '%trial%' OR coalesce(lower(status), '') IN ('trialing', 'trial', 'in_trial'))";

/** The first-day-no-longer-paid of a mapped end date. */
export const exclusiveEnd = (column: string, options: NormalizeOptions) =>
  options.endDate === 'inclusive' ? `CAST(${column} + INTERVAL 1 DAY AS DATE)` : column;

export function loadSql(kind: Kind, importId: number, stage: string, options: NormalizeOptions): string[] {
  const accepted = `FROM ${stage} WHERE NOT _rejected`;
  switch (kind) {
    case 'subscriptions':
      return [
        `INSERT INTO churn.subscriptions
         SELECT ${importId}, customer_id, subscription_id, plan, start_date, ${exclusiveEnd('end_date', options)}, canceled_at,
                CASE WHEN ${TRIAL} THEN 0 ELSE ${subscriptionMrrSql(options)} END, upper(trim(currency)), lower(trim(status)),
                cancellation_reason, lower(trim(churn_type)), ${TRIAL}, _line
         ${accepted}`,
      ];
    case 'invoices':
      return [
        `INSERT INTO churn.revenue_lines
         SELECT ${importId}, customer_id, coalesce(period_start, date),
                coalesce(${exclusiveEnd('period_end', options)}, CAST(coalesce(period_start, date) + INTERVAL 1 MONTH AS DATE)),
                amount - coalesce(tax, 0), upper(trim(currency)), coalesce(is_refund, false) OR amount < 0, _line
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
        customersUpsert(stage),
      ];
    case 'customers':
      return [customersUpsert(stage)];
    case 'churn_events':
      return [`INSERT INTO churn.churn_events SELECT ${importId}, customer_id, date, cancellation_reason, lower(trim(churn_type)), _line ${accepted}`];
  }
}

/** Customer attributes: later files fill what earlier ones left empty. */
function customersUpsert(stage: string): string {
  return `
INSERT INTO churn.customers BY NAME
SELECT customer_id, any_value(name) AS name, min(first_seen) AS first_seen, any_value(employees) AS employees,
       any_value(annual_revenue) AS annual_revenue, any_value(contract_value) AS contract_value,
       any_value(segment) AS segment, any_value(country) AS country, any_value(industry) AS industry
FROM ${stage} WHERE NOT _rejected GROUP BY customer_id
ON CONFLICT (customer_id) DO UPDATE SET
  name = coalesce(churn.customers.name, excluded.name), first_seen = coalesce(churn.customers.first_seen, excluded.first_seen),
  employees = coalesce(churn.customers.employees, excluded.employees),
  annual_revenue = coalesce(churn.customers.annual_revenue, excluded.annual_revenue),
  contract_value = coalesce(churn.customers.contract_value, excluded.contract_value),
  segment = coalesce(churn.customers.segment, excluded.segment), country = coalesce(churn.customers.country, excluded.country),
  industry = coalesce(churn.customers.industry, excluded.industry)`;
}
