// The comparison's SQL (docs/RECONCILIATION.md): our customer-months under a
// set of settings, the reference's, and the full outer join of the two that
// keeps every customer-month where they differ. Statements that run as-is in
// DuckDB on the workspace; JavaScript never touches a row.
import type { Tolerance } from '../../shared/reconcile.js';
import { activeCte, type MetricContext } from '../metrics/scope.js';
import { movesCte, seqCte } from '../metrics/movements.js';
import { num, withCtes } from '../runtime/sql.js';

/** Months (as month indexes, inclusive) the comparison covers: the reference's, up to our as-of month. */
export interface MonthRange {
  lo: number;
  hi: number;
}

export const monthIndexOf = (yyyyMm: string) => Number(yyyyMm.slice(0, 4)) * 12 + Number(yyyyMm.slice(5, 7)) - 1;
export const monthOfIndex = (m: number) => `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;

/** Every customer the workspace knows, or only those `cidxIn` (a subquery of customer indexes) selects. */
const scopeSql = (cidxIn?: string) =>
  `SELECT customer_id, 'All' AS segment, cidx FROM churn.customer_index${cidxIn ? ` WHERE cidx IN (${cidxIn})` : ''}`;

/**
 * Our customer-months `(cidx, m, mrr, movement)` in the range under `ctx`:
 * the analysis' active months (MRR; NULL where only a churn movement falls)
 * and, with `movements`, each month's movement (NULL: unchanged).
 */
export function oursSql(ctx: MetricContext, range: MonthRange, movements: boolean, cidxIn?: string): string {
  const inRange = (table: string) => `SELECT * FROM ${table} WHERE m BETWEEN ${num(range.lo)} AND ${num(range.hi)}`;
  if (!movements) {
    return withCtes({ scope: scopeSql(cidxIn), active: activeCte(ctx, false) }, `SELECT cidx, m, mrr, CAST(NULL AS VARCHAR) AS movement FROM (${inRange('active')})`);
  }
  return withCtes(
    { scope: scopeSql(cidxIn), active: activeCte(ctx, false), seq: seqCte(), moves: movesCte(ctx, false) },
    `SELECT coalesce(a.cidx, mv.cidx) AS cidx, coalesce(a.m, mv.m) AS m, a.mrr, mv.movement
     FROM (${inRange('active')}) a FULL JOIN (${inRange('moves')}) mv ON mv.cidx = a.cidx AND mv.m = a.m`,
  );
}

/**
 * The reference's customer-months `(customer_id, cidx, m, mrr, movement)` in
 * the range: rows of one customer and month summed (an export per
 * subscription), the movement kept where they agree on one.
 */
export function theirsSql(range: MonthRange, movements: boolean): string {
  // min = max: every row of the customer-month names the same movement (NULLs aside).
  const movement = movements ? 'CASE WHEN min(movement) = max(movement) THEN min(movement) END' : 'CAST(NULL AS VARCHAR)';
  return `
SELECT r.customer_id, i.cidx, r.m, r.mrr, r.movement FROM (
  SELECT customer_id, m, CAST(sum(mrr) AS DECIMAL(18,6)) AS mrr, ${movement} AS movement
  FROM (SELECT customer_id, year(month) * 12 + month(month) - 1 AS m, mrr, movement FROM reconcile.reference_rows)
  WHERE m BETWEEN ${num(range.lo)} AND ${num(range.hi)}
  GROUP BY customer_id, m
) r LEFT JOIN churn.customer_index i ON i.customer_id = r.customer_id`;
}

/** Whether two amounts agree within the tolerance. */
export function withinSql(ours: string, theirs: string, tolerance: Tolerance): string {
  const d = `abs(CAST(${ours} AS DOUBLE) - CAST(${theirs} AS DOUBLE))`;
  return `(${d} <= ${num(tolerance.absolute)} OR ${d} <= ${num(tolerance.relative)} * greatest(abs(CAST(${ours} AS DOUBLE)), abs(CAST(${theirs} AS DOUBLE))))`;
}

/** Movements disagree only where both sides name one. */
const movementsDiffer = (ours: string, theirs: string) => `(${theirs} IS NOT NULL AND ${ours} IS NOT NULL AND ${ours} <> ${theirs})`;

/**
 * Every customer-month where ours and theirs differ at all: amounts (absent =
 * 0) and movements, with `status` within_tolerance (agreement, yet a part of
 * the month's difference) or differs (to explain), and `side` only_ours /
 * only_theirs for customers the other side has in none of the months.
 * Columns: customer_id, cidx, m, ours, theirs, difference, our_movement,
 * their_movement, status, side, rule (NULL), ours_rule (NULL).
 */
export function differingRowsSql(ours: string, theirs: string, tolerance: Tolerance): string {
  const o = 'coalesce(o.mrr, 0)';
  const t = 'coalesce(t.mrr, 0)';
  return withCtes(
    {
      ours,
      theirs,
      // The join, filtered before anything else is looked up: few rows differ.
      differing: `
SELECT coalesce(o.cidx, t.cidx) AS cidx, coalesce(o.m, t.m) AS m, t.customer_id AS their_id,
       CAST(o.mrr AS DECIMAL(18,6)) AS ours, t.mrr AS theirs, CAST(${o} - ${t} AS DECIMAL(18,6)) AS difference,
       o.movement AS our_movement, t.movement AS their_movement,
       CASE WHEN ${withinSql(o, t, tolerance)} AND NOT ${movementsDiffer('o.movement', 't.movement')} THEN 'within_tolerance' ELSE 'differs' END AS status
FROM ours o FULL JOIN theirs t ON t.cidx = o.cidx AND t.m = o.m
WHERE ${o} <> ${t} OR ${movementsDiffer('o.movement', 't.movement')}`,
    },
    `
SELECT coalesce(d.their_id, ids.customer_id) AS customer_id, d.cidx, d.m, d.ours, d.theirs, d.difference, d.our_movement, d.their_movement, d.status,
       CASE WHEN d.cidx IS NULL OR NOT EXISTS (SELECT 1 FROM ours x WHERE x.cidx = d.cidx AND x.mrr IS NOT NULL) THEN 'only_theirs'
            WHEN NOT EXISTS (SELECT 1 FROM theirs y WHERE y.cidx = d.cidx) THEN 'only_ours' END AS side,
       CAST(NULL AS VARCHAR) AS rule, CAST(NULL AS DECIMAL(18,6)) AS ours_rule
FROM differing d LEFT JOIN churn.customer_index ids ON ids.cidx = d.cidx`,
  );
}

/**
 * Attributes to `rule` the rows of `rows` still unexplained that agree with
 * the reference under `alternative` (our customer-months under the rule's
 * setting, for the customers of those rows).
 */
export function attributeSql(rows: string, rule: string, alternative: string, tolerance: Tolerance): string {
  const o = 'coalesce(a.mrr, 0)';
  return `
UPDATE ${rows} SET rule = '${rule.replace(/'/g, "''")}', ours_rule = agreeing.ours_rule
FROM (
  SELECT r.cidx, r.m, CAST(${o} AS DECIMAL(18,6)) AS ours_rule
  FROM ${rows} r LEFT JOIN (${alternative}) a ON a.cidx = r.cidx AND a.m = r.m
  WHERE r.status = 'differs' AND r.rule IS NULL AND r.cidx IS NOT NULL
    AND ${withinSql(o, 'coalesce(r.theirs, 0)', tolerance)} AND NOT ${movementsDiffer('a.movement', 'r.their_movement')}
) agreeing
WHERE ${rows}.cidx = agreeing.cidx AND ${rows}.m = agreeing.m`;
}

/** The customers whose rows are still to explain: what an alternative is computed for. */
export const unexplainedCustomersSql = (rows: string) => `SELECT DISTINCT cidx FROM ${rows} WHERE status = 'differs' AND rule IS NULL AND cidx IS NOT NULL`;

/** Per month: our MRR and paying customers. */
export const oursByMonthSql = (ours: string) =>
  `SELECT m, CAST(sum(mrr) AS DOUBLE) AS mrr, count(*) FILTER (WHERE mrr > 0) AS customers FROM (${ours}) WHERE mrr IS NOT NULL GROUP BY m`;

/** Per month and movement: our movement amounts (always positive). */
export function ourMovementsSql(ctx: MetricContext, range: MonthRange): string {
  return withCtes(
    { scope: scopeSql(), active: activeCte(ctx, false), seq: seqCte(), moves: movesCte(ctx, false) },
    `SELECT m, movement, CAST(sum(abs(mrr_after - mrr_before)) AS DOUBLE) AS amount FROM moves
     WHERE m BETWEEN ${num(range.lo)} AND ${num(range.hi)} GROUP BY ALL`,
  );
}

/** Per month and movement: the reference's amounts, each row's change from the customer's previous month (0 when absent). */
export function theirMovementsSql(range: MonthRange): string {
  return `
SELECT m, movement, CAST(sum(abs(mrr - CASE WHEN prev_m = m - 1 THEN prev_mrr ELSE 0 END)) AS DOUBLE) AS amount FROM (
  SELECT customer_id, m, mrr, movement, lag(m) OVER w AS prev_m, lag(mrr) OVER w AS prev_mrr
  FROM (SELECT customer_id, year(month) * 12 + month(month) - 1 AS m, sum(mrr) AS mrr,
               CASE WHEN count(DISTINCT movement) = 1 THEN any_value(movement) END AS movement
        FROM reconcile.reference_rows GROUP BY ALL)
  WINDOW w AS (PARTITION BY customer_id ORDER BY m)
) WHERE movement IS NOT NULL AND m BETWEEN ${num(range.lo)} AND ${num(range.hi)} GROUP BY ALL`;
}
