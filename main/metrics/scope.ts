// Which customers an analysis covers (filters) and the segment of each. Every
// metric family starts from these CTEs, so a filter or a segment rule means
// the same thing everywhere.
import type { AnalysisSettings, Filter, Methodology, SegmentRule } from '../../shared/metrics.js';
import { ident, num, str } from '../runtime/sql.js';

/** Columns of churn.customers a filter or segment rule can name directly. */
const CUSTOMER_COLUMNS = new Set(['name', 'first_seen', 'employees', 'annual_revenue', 'contract_value', 'segment', 'country', 'industry']);

export interface MetricContext {
  settings: AnalysisSettings;
  methodology: Methodology;
  /** First day of the as-of month: nothing later is read, nothing open at it churns. */
  asOfMonth: string;
  /** Reported range (first days of months), inclusive. */
  fromMonth: string | null;
  toMonth: string | null;
  /**
   * `scope` (a table), `active` (by segment) and `moves` (by segment) computed
   * once for this context, each a table or a parenthesized query over tables
   * (analyze.ts): a full analysis reads them instead of recomputing the same
   * CTEs in every metric family. Absent, every query is self-contained (what
   * "show SQL" gives).
   */
  materialized?: { scope: string; active: string; moves: string };
  /** Some revenue comes from transactions (payments, invoice lines without a service period): only then does the inactivity window apply. */
  hasTransactions: boolean;
  /** A customer_month table built under other import settings (reconciliation's alternatives), read instead of the workspace's. */
  customerMonth?: string;
}

/** A customer attribute's value as text, for rows of `churn.customer_index ids LEFT JOIN churn.customers c`. */
export function attributeValue(attribute: string): string {
  if (CUSTOMER_COLUMNS.has(attribute)) return `CAST(c.${ident(attribute)} AS VARCHAR)`;
  return `(SELECT any_value(a.value) FROM churn.customer_attributes a WHERE a.customer_id = ids.customer_id AND a.attribute = ${str(attribute)})`;
}

export function segmentSql(rule: SegmentRule): string {
  if (rule.by === 'column') return `coalesce(${attributeValue(rule.column)}, 'Unknown')`;
  const size = rule.by === 'employees' ? 'c.employees' : 'coalesce(c.contract_value, 12 * last.mrr)';
  return `coalesce(c.segment, CASE WHEN ${size} IS NULL THEN 'Unknown'
    WHEN ${size} >= ${num(rule.enterpriseFrom)} THEN 'Enterprise'
    WHEN ${size} >= ${num(rule.midMarketFrom)} THEN 'Mid-market' ELSE 'SMB' END)`;
}

function filterSql(filter: Filter): string {
  const value = filter.attribute === 'segment' ? 'segment' : attributeValue(filter.attribute);
  const literals = filter.values.map((v) => (typeof v === 'number' ? num(v) : str(v)));
  const numeric = filter.values.every((v) => typeof v === 'number');
  const lhs = numeric ? `TRY_CAST(${value} AS DOUBLE)` : value;
  switch (filter.op) {
    case 'eq':
      return `${lhs} = ${literals[0]}`;
    case 'neq':
      return `${lhs} IS DISTINCT FROM ${literals[0]}`;
    case 'in':
      return `${lhs} IN (${literals.join(', ')})`;
    case 'gte':
      return `${lhs} >= ${literals[0]}`;
    case 'lte':
      return `${lhs} <= ${literals[0]}`;
  }
}

/**
 * What the scope, the active months and the movements depend on: contexts
 * with the same key have the same rows in all three, so they can share one
 * materialization (the methodology comparison's presets often do).
 */
export function movementsKey(ctx: MetricContext): string {
  const m = ctx.methodology;
  const s = ctx.settings;
  return JSON.stringify([customerMonthTable(m), m.zeroMrrCustomers, ctx.hasTransactions ? m.inactivityDays : null, m.reactivation, s.segmentRule, s.filters, ctx.asOfMonth]);
}

/** The customer_month rows (by customer index: churn.customer_month is them with ids) the churn-date setting reads. */
export function customerMonthTable(methodology: Methodology): string {
  return methodology.churnDate === 'cancellation' ? 'churn.customer_month_by_cancellation_rows' : 'churn.customer_month_rows';
}

/**
 * CTE `scope(customer_id, segment, cidx)`: every customer the workspace knows
 * (churn.customer_index: with revenue, attributes or in a list), after the
 * filters, with their segment and their integer index (joins on it, and
 * windows ordered by it and the month, run much faster than on the text id
 * over millions of customers).
 */
export function scopeCte(ctx: MetricContext): string {
  if (ctx.materialized) return `SELECT * FROM ${ctx.materialized.scope}`;
  const table = customerMonthTable(ctx.methodology);
  const filters = ctx.settings.filters.filter((f) => f.attribute !== 'segment').map(filterSql);
  const segmentFilters = ctx.settings.filters.filter((f) => f.attribute === 'segment').map(filterSql);
  return `
SELECT * FROM (
  SELECT ids.customer_id, ${segmentSql(ctx.settings.segmentRule)} AS segment, ids.cidx
  FROM churn.customer_index ids
  LEFT JOIN churn.customers c ON c.customer_id = ids.customer_id
  ${
    // The latest MRR is only needed to size customers by contract value.
    ctx.settings.segmentRule.by === 'acv'
      ? `LEFT JOIN (SELECT cidx, arg_max(mrr, month) AS mrr FROM ${table}
             WHERE month <= DATE ${str(ctx.asOfMonth)} GROUP BY cidx) last ON last.cidx = ids.cidx`
      : ''
  }
  ${filters.length ? `WHERE ${filters.join(' AND ')}` : ''}
) ${segmentFilters.length ? `WHERE ${segmentFilters.join(' AND ')}` : ''}`;
}

/**
 * CTE `active(dim, customer_id, cidx, m, mrr)`: one row per customer and month in
 * which the customer counts as active, up to the as-of month. `dim` is the
 * segment or 'All'. Customers known from transactions (payments, invoices without a service period) stay active
 * through gaps shorter than the inactivity window, at their last MRR, so a
 * late payment is neither a churn nor a reactivation.
 */
export function activeCte(ctx: MetricContext, bySegment: boolean): string {
  if (ctx.materialized) return `SELECT ${bySegment ? 'dim' : "'All' AS dim"}, customer_id, cidx, m, mrr FROM ${ctx.materialized.active}`;
  const zeroActive = ctx.methodology.zeroMrrCustomers === 'active';
  const asOf = asOfIndex(ctx);
  // Whole months without revenue that fit in the window (30.4375 days a month on average).
  const tolerated = `CAST(floor(${num(ctx.methodology.inactivityDays)} / 30.4375) AS BIGINT)`;
  const base = `
WITH base AS (
  SELECT ${bySegment ? 's.segment' : "'All'"} AS dim, s.customer_id, cm.cidx,
         (year(cm.month) * 12 + month(cm.month) - 1) AS m, cm.mrr
  FROM ${ctx.customerMonth ?? customerMonthTable(ctx.methodology)} cm JOIN scope s ON s.cidx = cm.cidx
  WHERE cm.month <= DATE ${str(ctx.asOfMonth)}${zeroActive ? '' : ' AND cm.mrr > 0'}
)
SELECT * FROM base`;
  // Without transactions there is nothing to bridge (and no window over an empty input).
  if (!ctx.hasTransactions) return base;
  return `${base}
UNION ALL
SELECT dim, customer_id, cidx, unnest(range(m + 1, least(coalesce(next_m, ${asOf} + 1), m + 1 + ${tolerated}))) AS m, mrr
FROM (
  SELECT *, ${sameCustomer('lead', 'm')} AS next_m
  FROM base WHERE customer_id IN (SELECT customer_id FROM churn.revenue_lines WHERE ${TRANSACTION_LINE})
  WINDOW w AS (${CUSTOMER_MONTH_ORDER})
) WHERE coalesce(next_m, ${asOf} + 1) > m + 1 AND ${tolerated} > 0`;
}

/**
 * A revenue line that is a transaction: no service period (lines of older
 * workspaces, which did not record it, count as such). Invoice lines with a
 * service period are coverage: the customer is active for exactly that period.
 */
export const TRANSACTION_LINE = 'NOT coalesce(has_period, false) AND NOT is_one_off AND NOT is_refund';

export const asOfIndex = (ctx: MetricContext) => `(year(DATE ${str(ctx.asOfMonth)}) * 12 + month(DATE ${str(ctx.asOfMonth)}) - 1)`;

/** Window order of a customer's months: customer index, then month (months since year 0 < 2^15; the index is an INTEGER, the product needs 64 bits). */
export const CUSTOMER_MONTH_ORDER = 'ORDER BY CAST(cidx AS BIGINT) * 32768 + m';

/** The neighbouring row's column when it belongs to the same customer, else NULL. */
export const sameCustomer = (fn: 'lag' | 'lead', column: string, window = 'w') =>
  `CASE WHEN ${fn}(cidx) OVER ${window} = cidx THEN ${fn}(${column}) OVER ${window} END`;
