// Rebuilds churn.customer_month (and its variant with churn at the
// cancellation date) from every revenue table, in the reporting currency.
// MRR of a month is what is in force on its last day (docs/METRICS.md).
/**
 * Rows of a revenue table with `rate`: 1 in the reporting currency, the user's
 * rate for another currency, NULL (so the row is left out, and the audit says
 * why) when no rate was given.
 */
const withRate = (table: string) => `(
  SELECT t.*, CASE WHEN t.currency IS NULL OR t.currency = (SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'reporting_currency')
                   THEN 1 ELSE fx.rate END AS rate
  FROM ${table} t LEFT JOIN churn.fx_rates fx ON fx.currency = t.currency)`;

/** Months from the start's month to the last month touched, each kept if in force on its last day. */
function spread(source: string, endSql: string, asOf: string): string {
  return `
SELECT customer_id, month, mrr FROM (
  SELECT customer_id, mrr, start_date, end_excl,
         CAST(unnest(generate_series(date_trunc('month', start_date),
                                     date_trunc('month', coalesce(end_excl - INTERVAL 1 DAY, ${asOf})), INTERVAL 1 MONTH)) AS DATE) AS month
  FROM (SELECT *, ${endSql} AS end_excl FROM ${source})
  WHERE start_date IS NOT NULL AND (end_excl IS NULL OR end_excl > start_date)
) WHERE start_date <= last_day(month) AND (end_excl IS NULL OR end_excl > last_day(month))`;
}

export function customerMonthSql(byCancellation: boolean): string {
  const asOf = `(SELECT CAST(json_extract_string(value, '$') AS DATE) FROM churn.settings WHERE key = 'data_as_of')`;
  const subscriptionEnd = byCancellation
    ? 'CASE WHEN canceled_at IS NOT NULL AND canceled_at > start_date AND canceled_at < coalesce(end_date, DATE \'9999-12-31\') THEN canceled_at ELSE end_date END'
    : 'end_date';
  const target = byCancellation ? 'churn.customer_month_by_cancellation' : 'churn.customer_month';
  return `
DELETE FROM ${target};
INSERT INTO ${target} (customer_id, month, mrr)
SELECT customer_id, month, CAST(round(sum(mrr), 6) AS DECIMAL(18,6)) FROM (
  ${spread(`(SELECT customer_id, start_date, end_date, canceled_at, CAST(mrr AS DECIMAL(38,6)) * rate AS mrr FROM ${withRate('churn.subscriptions')} WHERE NOT is_trial)`, subscriptionEnd, asOf)}
  UNION ALL
  ${spread(`(SELECT customer_id, period_start AS start_date, period_end AS end_date,
                    CAST(amount AS DECIMAL(38,6)) * rate / greatest(1, round(date_diff('day', period_start, period_end) / (365.25 / 12))) AS mrr
             FROM ${withRate('churn.revenue_lines')} WHERE NOT is_refund AND NOT is_one_off)`, 'end_date', asOf)}
  UNION ALL
  SELECT customer_id, month, CAST(mrr AS DECIMAL(38,6)) * rate FROM ${withRate('churn.mrr_snapshots')}
) WHERE mrr IS NOT NULL
GROUP BY customer_id, month`;
}
