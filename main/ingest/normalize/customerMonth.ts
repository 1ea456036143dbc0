// Rebuilds churn.customer_month (and its variant with churn at the
// cancellation date) from every revenue table, in the reporting currency.
// MRR of a month is what is in force on its last day (docs/METRICS.md).
import { quotedString } from '@duckdb/node-api';
import { pausedStretchesSql } from '../../model/pauses.js';
import { WORKSPACE_SOURCES, type ModelSources } from '../../model/sources.js';

/**
 * Rows of a revenue table with `rate`: 1 in the reporting currency, the user's
 * rate for another currency, NULL (so the row is left out, and the audit says
 * why) when no rate was given.
 */
const withRate = (table: string) => `(
  SELECT t.*, CASE WHEN t.currency IS NULL OR t.currency = (SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'reporting_currency')
                   THEN 1 ELSE fx.rate END AS rate
  FROM ${table} t LEFT JOIN churn.fx_rates fx ON fx.currency = t.currency)`;

/**
 * An amount in the reporting currency, as DOUBLE (the type the three sources'
 * union has always had: the invoices' division makes it so). At rate 1 the
 * amount is cast as it is, the exact value of the wide product, without the
 * 128-bit multiplication that costs most of a million-row rebuild.
 */
const reported = (amount: string, rate: string) =>
  `CASE WHEN ${rate} = 1 THEN CAST(${amount} AS DOUBLE) ELSE CAST(CAST(${amount} AS DECIMAL(38,6)) * ${rate} AS DOUBLE) END`;

/** Months since year 0 (integer arithmetic instead of date series). */
const monthIndex = (date: string) => `(year(${date}) * 12 + month(${date}) - 1)`;

/**
 * `(customer_id, first_m, last_m, mrr)` for a source row: the months it is in
 * force on their last day, from the start's month to the last month whose
 * last day is before the (exclusive) end — or to the as-of month when open.
 */
function spread(source: string, endSql: string, asOf: string): string {
  const lastDay = 'CAST(end_excl - 1 AS DATE)';
  return `
SELECT customer_id, ${monthIndex('start_date')} AS first_m,
       CASE WHEN end_excl IS NULL THEN ${monthIndex(asOf)}
            ELSE ${monthIndex(lastDay)} - CASE WHEN ${lastDay} = last_day(${lastDay}) THEN 0 ELSE 1 END END AS last_m, mrr
FROM (SELECT *, ${endSql} AS end_excl FROM ${source})
WHERE start_date IS NOT NULL AND (end_excl IS NULL OR end_excl > start_date)`;
}

/** A subscription cancelled before its end: the one row whose months differ between the two tables. */
const CANCELLED_EARLY = "canceled_at IS NOT NULL AND canceled_at > start_date AND canceled_at < coalesce(end_date, DATE '9999-12-31')";

/** Whether any subscription was cancelled before its end (else churn.customer_month_by_cancellation has customer_month's rows). */
export const cancelledEarlySql = (sources: ModelSources = WORKSPACE_SOURCES) => `SELECT EXISTS (SELECT 1 FROM ${sources.subscriptions} WHERE ${CANCELLED_EARLY}) AS yes`;

const ROWS_COLUMNS = 'cidx INTEGER, month DATE, mrr DECIMAL(18,6)';

/**
 * churn.customer_month_by_cancellation_rows before it is rebuilt: when some
 * subscription was cancelled early, a table of its own (empty, for
 * customerMonthSql(true)); else a view of customer_month_rows, which holds the
 * same rows, instead of a copy of every row. `isView`: what it is now
 * (byCancellationIsView), as DuckDB drops a view and a table by different statements.
 */
export function byCancellationSql(cancelledEarly: boolean, isView: boolean): string {
  if (cancelledEarly) {
    return isView
      ? `DROP VIEW churn.customer_month_by_cancellation_rows; CREATE TABLE churn.customer_month_by_cancellation_rows (${ROWS_COLUMNS})`
      : 'DELETE FROM churn.customer_month_by_cancellation_rows';
  }
  return `${isView ? '' : 'DROP TABLE churn.customer_month_by_cancellation_rows;\n'}CREATE OR REPLACE VIEW churn.customer_month_by_cancellation_rows AS
SELECT cidx, month, mrr FROM churn.customer_month_rows`;
}

/** A table of customer-months by index (what customerMonthSql writes into a variant's `target`). */
export const customerMonthRowsTableSql = (table: string) => `CREATE OR REPLACE TABLE ${table} (${ROWS_COLUMNS})`;

/**
 * Revenue lines with `covered_to`: the end of their coverage, which with a
 * grace period (ChartMogul's "recognise churn N days after coverage ends")
 * runs on past the last line of each stretch of coverage by up to
 * `graceDays`, and never into the next stretch (so no month counts twice).
 * Lines without a service period (transactions) keep their end: the
 * inactivity window of the analysis is theirs.
 */
function revenueLinesWithGrace(graceDays: number, revenueLines = 'churn.revenue_lines'): string {
  const lines = `(SELECT * FROM ${withRate(revenueLines)} WHERE NOT is_refund AND NOT is_one_off)`;
  if (graceDays <= 0) return `(SELECT *, period_end AS covered_to FROM ${lines})`;
  return `(
  SELECT l.*, CASE WHEN coalesce(l.has_period, false) AND l.period_end = s.stretch_end
                   THEN least(CAST(l.period_end + INTERVAL ${Math.floor(graceDays)} DAY AS DATE), coalesce(s.next_start, DATE '9999-12-31'))
                   ELSE l.period_end END AS covered_to
  FROM ${lines} l
  LEFT JOIN (
    SELECT customer_id, stretch, max(period_end) AS stretch_end,
           lead(min(period_start)) OVER (PARTITION BY customer_id ORDER BY stretch) AS next_start
    FROM (
      SELECT customer_id, period_start, period_end,
             sum(CASE WHEN previous_end IS NULL OR period_start > previous_end THEN 1 ELSE 0 END)
               OVER (PARTITION BY customer_id ORDER BY period_start, period_end ROWS UNBOUNDED PRECEDING) AS stretch
      FROM (
        SELECT customer_id, period_start, period_end,
               max(period_end) OVER (PARTITION BY customer_id ORDER BY period_start, period_end
                                     ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
        FROM ${lines} WHERE coalesce(has_period, false))
    ) GROUP BY customer_id, stretch
  ) s ON s.customer_id = l.customer_id AND coalesce(l.has_period, false) AND l.period_end = s.stretch_end
)`;
}

/**
 * The table under other import settings, for reconciliation (main/reconcile):
 * written into `target`, for the customers `cidxIn` selects (a subquery of
 * customer indexes), with every end date moved by `endShiftDays` (+1: the
 * file's end dates read as the last day paid instead of the first day not
 * paid; −1 the reverse), and paused months counted as `pauses` says instead
 * of the workspace's setting. Transactions' ends are not end dates and stay.
 */
export interface CustomerMonthVariant {
  target: string;
  cidxIn: string;
  endShiftDays: number;
  pauses?: 'zero_mrr' | 'churn';
}

/**
 * Customer indexes `from` to `to`, both included: the customers one statement
 * of a rebuild writes; `firstId` and `lastId` are their ids, which bound the
 * range's rows in every source (the index numbers ids in their order).
 */
export interface CidxRange {
  from: number;
  to: number;
  firstId: string;
  lastId: string;
}

/** The ids at the ranges' ends (customerRanges), to be read before the rebuild: `cidx`, `customer_id`. */
export const rangeIdsSql = (ranges: { from: number; to: number }[]) =>
  `SELECT cidx, customer_id FROM churn.customer_index WHERE cidx IN (${ranges.flatMap((r) => [r.from, r.to]).join(', ') || 'NULL'})`;

/**
 * Rebuilds the table from every revenue table (`sources`: an import's, with
 * the rows it adds); churn.customer_index must be current (customerIndexSql).
 * `graceDays`: the grace period after invoice coverage ends (0: none).
 * Returns the statements, run in order: the table emptied, then one INSERT
 * per range of customers (`ranges`, customerRanges; everyone at once when
 * absent), each reading only its customers' rows of every source.
 *
 * The index is joined once, to the three sources' union (a hash table per
 * source, all held while the GROUP BY spilled, failed under a memory limit:
 * issue 14, docs/SCALE.md), and the rows keep the index only (the ids are
 * churn.customer_month's view). Rows are written in customer and month order:
 * the join leaves them in scattered runs, and every analysis partitions them
 * by customer (a 1M-customer re-analysis read them 1.6× slower unsorted).
 * `oneRowPerMonth`: the sources are known to hold at most one row per
 * customer and month (a file of snapshots alone, found so as it was staged:
 * stageKeysUniqueSql), so the rows are written without their sum, which took
 * half of a 1M-customer rebuild; round(sum(x), 6) of one x is round(x, 6).
 */
export function customerMonthSql(
  byCancellation: boolean,
  graceDays = 0,
  variant?: CustomerMonthVariant,
  sources: ModelSources = WORKSPACE_SOURCES,
  ranges?: CidxRange[],
  oneRowPerMonth = false,
): string[] {
  const asOf = `(SELECT CAST(json_extract_string(value, '$') AS DATE) FROM churn.settings WHERE key = 'data_as_of')`;
  const subscriptionEnd = byCancellation ? `CASE WHEN ${CANCELLED_EARLY} THEN canceled_at ELSE end_date END` : 'end_date';
  const target = variant?.target ?? (byCancellation ? 'churn.customer_month_by_cancellation_rows' : 'churn.customer_month_rows');
  const shift = variant?.endShiftDays ?? 0;
  const shifted = (column: string) => `CAST(${column} + INTERVAL (${Math.trunc(shift)}) DAY AS DATE)`;
  // A range's rows, filtered where they are read.
  const within = (relation: string, range: CidxRange | null) =>
    range ? `(SELECT * FROM ${relation} WHERE customer_id BETWEEN ${quotedString(range.firstId)} AND ${quotedString(range.lastId)})` : relation;
  const subscriptionsOf = (range: CidxRange | null) =>
    shift ? `(SELECT * REPLACE (${shifted('end_date')} AS end_date) FROM ${within(sources.subscriptions, range)})` : within(sources.subscriptions, range);
  const revenueLinesOf = (range: CidxRange | null) =>
    shift
      ? `(SELECT * REPLACE (CASE WHEN coalesce(has_period, false) THEN ${shifted('period_end')} ELSE period_end END AS period_end) FROM ${within(sources.revenue_lines, range)})`
      : within(sources.revenue_lines, range);
  const only = variant?.cidxIn;
  const insert = (range: CidxRange | null) => `
INSERT INTO ${target} (cidx, month, mrr)
SELECT cidx, make_date(CAST(m // 12 AS BIGINT), CAST(m % 12 + 1 AS BIGINT), 1), mrr FROM (
  SELECT cidx, m, CAST(round(${oneRowPerMonth ? 'mrr' : 'sum(mrr)'}, 6) AS DECIMAL(18,6)) AS mrr FROM (
    SELECT i.cidx, src.m, src.mrr FROM (
    -- Rows with a span of months are spread over them; snapshots are one month each, with nothing to spread.
    SELECT customer_id, unnest(range(first_m, last_m + 1)) AS m, mrr FROM (
      ${spread(pausedStretchesSql(`(SELECT customer_id, start_date, end_date, canceled_at, pause_date, resume_date, ${reported('mrr', 'rate')} AS mrr FROM ${withRate(subscriptionsOf(range))} WHERE NOT is_trial AND mrr IS NOT NULL AND rate IS NOT NULL)`, variant?.pauses), subscriptionEnd, asOf)}
      UNION ALL
      ${spread(`(SELECT customer_id, period_start AS start_date, covered_to,
                        ${reported('amount', 'rate')} / greatest(1, round(date_diff('day', period_start, period_end) / (365.25 / 12))) AS mrr
                 FROM ${revenueLinesWithGrace(graceDays, revenueLinesOf(range))} WHERE amount IS NOT NULL AND rate IS NOT NULL)`, 'covered_to', asOf)})
    UNION ALL
    SELECT customer_id, ${monthIndex('month')}, ${reported('mrr', 'rate')}
    FROM ${withRate(within(sources.mrr_snapshots, range))} WHERE mrr IS NOT NULL AND rate IS NOT NULL
    ) src JOIN churn.customer_index i ON i.customer_id = src.customer_id${only ? ` AND i.cidx IN (${only})` : ''}${range ? ` AND i.cidx BETWEEN ${range.from} AND ${range.to}` : ''}
  )${oneRowPerMonth ? '' : '\n  GROUP BY cidx, m'}
)
ORDER BY cidx, m`;
  return [`DELETE FROM ${target}`, ...(ranges && ranges.length > 1 ? ranges.map(insert) : [insert(null)])];
}
