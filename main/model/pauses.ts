// A subscription's stretches of MRR around its pause (docs/DATA_MODEL.md,
// "Pauses"), written once for the monthly MRR (ingest/normalize) and the
// survival lifetimes in days (metrics/survival), so both cut a row alike.

/** The workspace's `pauses` setting: zero_mrr unless it says churn. */
const PAUSES_SETTING = "coalesce((SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'pauses'), 'zero_mrr')";

/**
 * Rows of `source` (customer_id, start_date, end_date, canceled_at,
 * pause_date, resume_date, mrr) as stretches (customer_id, start_date,
 * end_date, canceled_at, mrr): the stretch before the pause, the pause itself
 * at MRR 0 (setting pauses = zero_mrr: the customer is still a customer, whom
 * the zeroMrrCustomers methodology counts as active or not; with pauses =
 * churn the pause has no rows, so it is a churn and the resume a
 * reactivation), and the stretch from the resume to the end. A pause without a
 * resume date runs to the end (or the as-of date). Each stretch keeps the
 * row's cancellation date, so the churn-at-cancellation table cuts them too.
 * `pauses`: the setting to use instead of the workspace's.
 */
export function pausedStretchesSql(source: string, pauses?: 'zero_mrr' | 'churn'): string {
  // An explicit value (a reconciliation's alternative, main/reconcile) instead of the workspace's setting.
  const setting = pauses ? `'${pauses}'` : PAUSES_SETTING;
  const paused = 'pause_date IS NOT NULL AND (end_date IS NULL OR pause_date < end_date)';
  const resumes = 'resume_date IS NOT NULL AND resume_date > pause_date AND (end_date IS NULL OR resume_date < end_date)';
  return `(
  SELECT customer_id, start_date, CASE WHEN ${paused} THEN pause_date ELSE end_date END AS end_date, canceled_at, mrr FROM ${source}
  UNION ALL
  SELECT customer_id, greatest(start_date, pause_date), CASE WHEN ${resumes} THEN resume_date ELSE end_date END, canceled_at, 0
  FROM ${source} WHERE ${paused} AND ${setting} = 'zero_mrr'
  UNION ALL
  SELECT customer_id, greatest(start_date, resume_date), end_date, canceled_at, mrr FROM ${source} WHERE ${paused} AND ${resumes})`;
}
