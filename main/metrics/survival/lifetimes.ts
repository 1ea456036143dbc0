// Lifetimes as SQL (docs/METRICS.md, "Survival"): one row per customer (or per
// spell, or per row of a plain lifetime table) with its group, start, time and
// whether the time ends in an event (churn) or is censored. Every survival
// number reads the CTE `lifetimes(id, grp, start, time, event, problem)`;
// rows with a `problem` are left out and counted.
import type { LifetimeSource, SurvivalOptions } from '../../../shared/survival.js';
import { activeCte, asOfIndex, attributeValue, scopeCte, type MetricContext } from '../scope.js';
import { movesCte, seqCte } from '../movements.js';
import type { CachedMovements } from '../movementCache.js';
import { dateLit, ident, monthDate } from '../../runtime/sql.js';
import { pausedStretchesSql } from '../../model/pauses.js';

/** A month index's last day. */
const endOfMonth = (indexSql: string) => `last_day(${monthDate(indexSql)})`;

/** The group of a customer of the model, as SQL over `ids` (customer_index) and `c` (customers). */
function modelGroupSql(groupBy: string | null): string {
  if (groupBy === null) return `'All'`;
  if (groupBy === 'segment') return 's.segment';
  if (groupBy === 'cohort') return `CAST(year(l.start) AS VARCHAR)`;
  if (groupBy === 'plan') return `coalesce(p.plan, 'Unknown')`;
  return `coalesce(g.value, 'Unknown')`;
}

/**
 * Lifetimes from the churn model: each run of consecutive active months
 * (docs/METRICS.md: the same `active` rows the movements read) is a spell; it
 * ends in an event when its last month is before the as-of month. Customers
 * only known from a customer list take its tenure (or start and cancellation
 * dates) and churned flag. `kept`, when given, holds the movements of every
 * customer under `ctx`'s methodology (movementCache.ts): the spells are read
 * from them instead of computing the movements again.
 */
export function modelLifetimeCtes(
  ctx: MetricContext,
  options: Pick<SurvivalOptions, 'unit' | 'spells' | 'groupBy'>,
  asOfDate: string,
  kept?: CachedMovements,
): Record<string, string> {
  const asOf = asOfIndex(ctx);
  const groupBy = options.groupBy;
  const attribute = groupBy !== null && groupBy !== 'segment' && groupBy !== 'cohort' && groupBy !== 'plan';
  const days = options.unit === 'days';
  const churned = 'coalesce(cl.churned, false) OR cl.canceled_at IS NOT NULL';
  const run = (movement: string) =>
    `SELECT cidx, m, row_number() OVER (PARTITION BY cidx ORDER BY m) AS spell FROM moves WHERE movement ${movement}`;
  const ctes: Record<string, string> = {
    scope: scopeCte(ctx),
    ...(kept ? { moves: `SELECT cidx, m, movement FROM ${kept.moves}` } : { active: activeCte(ctx, false), seq: seqCte(), moves: movesCte(ctx, false) }),
    // Runs of consecutive active months, from the movements: every run starts with a new or a
    // reactivation, and every run but one still active at the as-of month ends the month before
    // a churn, so a customer's k-th start and k-th churn bound its k-th run.
    spells: `
SELECT st.cidx, st.m AS start_m, coalesce(ch.m - 1, ${asOf}) AS end_m, st.spell
FROM (${run("IN ('new', 'reactivation')")}) st
LEFT JOIN (${run("= 'churn'")}) ch ON ch.cidx = st.cidx AND ch.spell = st.spell`,
  };
  if (days) {
    // Days need dates: the subscriptions in force at the end of the spell's first
    // month (the earliest start) and, for an event, at the end of its last month
    // (the latest end, the first day no longer paid).
    const end = ctx.methodology.churnDate === 'cancellation' ? 'least(sb.end_date, coalesce(sb.canceled_at, sb.end_date))' : 'sb.end_date';
    // Cut at their pauses as the monthly MRR is, so a spell that a pause ends ends at the pause.
    const stretches = pausedStretchesSql(
      '(SELECT customer_id, start_date, end_date, canceled_at, pause_date, resume_date, mrr FROM churn.subscriptions WHERE NOT coalesce(is_trial, false))',
    );
    ctes.subs = `
SELECT i.cidx, sb.start_date, ${end} AS end_date
FROM ${stretches} sb JOIN churn.customer_index i ON i.customer_id = sb.customer_id
WHERE sb.mrr ${ctx.methodology.zeroMrrCustomers === 'active' ? '>= 0' : '> 0'}`;
    ctes.spell_days = `
SELECT sp.cidx, sp.spell, sp.start_m, sp.end_m,
  (SELECT min(sb.start_date) FROM subs sb WHERE sb.cidx = sp.cidx AND sb.start_date <= ${endOfMonth('sp.start_m')}
     AND (sb.end_date IS NULL OR sb.end_date > ${endOfMonth('sp.start_m')})) AS start_day,
  (SELECT max(sb.end_date) FROM subs sb WHERE sb.cidx = sp.cidx AND sb.start_date <= ${endOfMonth('sp.end_m')}
     AND sb.end_date > ${endOfMonth('sp.end_m')}) AS end_day
FROM spells sp`;
  }
  const spellSource = days ? 'spell_days' : 'spells';
  const spellTime = days
    ? `CAST(date_diff('day', sp.start_day, CASE WHEN sp.end_m < ${asOf} THEN sp.end_day ELSE ${dateLit(asOfDate)} END) AS DOUBLE)`
    : `CAST(sp.end_m - sp.start_m + 1 AS DOUBLE)`;
  const spellProblem = days
    ? `CASE WHEN sp.start_day IS NULL OR (sp.end_m < ${asOf} AND sp.end_day IS NULL) THEN 'no subscription dates for days' END`
    : 'CAST(NULL AS VARCHAR)';
  const listTime = days
    ? `CAST(date_diff('day', cl.start_date, CASE WHEN cl.canceled_at IS NOT NULL THEN cl.canceled_at ELSE ${dateLit(asOfDate)} END) AS DOUBLE)`
    : `CAST(coalesce(cl.tenure_months, date_diff('month', cl.start_date, coalesce(cl.canceled_at, ${dateLit(asOfDate)}))) AS DOUBLE)`;
  const listProblem = days
    ? `CASE WHEN cl.start_date IS NULL THEN 'no start date for days' WHEN (${churned}) AND cl.canceled_at IS NULL THEN 'no end date for days' END`
    : `CASE WHEN cl.tenure_months IS NULL AND cl.start_date IS NULL THEN 'no tenure or start date' END`;
  ctes.raw_lifetimes = `
SELECT sp.cidx, ${monthDate('sp.start_m')} AS start, ${spellTime} AS time, sp.end_m < ${asOf} AS event, ${spellProblem} AS problem
FROM ${spellSource} sp${options.spells === 'first' ? ' WHERE sp.spell = 1' : ''}
UNION ALL
SELECT i.cidx, cl.start_date AS start, ${listTime} AS time, ${churned} AS event, ${listProblem} AS problem
FROM churn.customer_list cl JOIN churn.customer_index i ON i.customer_id = cl.customer_id
WHERE i.cidx NOT IN (SELECT cidx FROM spells)`;
  if (groupBy === 'plan') {
    ctes.plans = `SELECT i.cidx, arg_min(sb.plan, sb.start_date) AS plan
FROM churn.subscriptions sb JOIN churn.customer_index i ON i.customer_id = sb.customer_id WHERE sb.plan IS NOT NULL GROUP BY i.cidx`;
  }
  if (attribute) {
    ctes.attribute_values = `SELECT ids.cidx, ${attributeValue(groupBy)} AS value
FROM churn.customer_index ids LEFT JOIN churn.customers c ON c.customer_id = ids.customer_id`;
  }
  ctes.lifetimes = `
SELECT s.customer_id AS id, ${modelGroupSql(groupBy)} AS grp, l.start, l.time, l.event,
  CASE WHEN l.time < 0 THEN 'negative time' ELSE l.problem END AS problem
FROM raw_lifetimes l JOIN scope s ON s.cidx = l.cidx
${groupBy === 'plan' ? 'LEFT JOIN plans p ON p.cidx = l.cidx' : ''}
${attribute ? 'LEFT JOIN attribute_values g ON g.cidx = l.cidx' : ''}`;
  return ctes;
}

/**
 * Lifetimes from a plain table (an opened file) with a time and an event
 * column. Event codes as R's Surv reads them: numbers 1/0, or 2 = event and
 * 1 = censored when every code is 1 or 2 and some are 2; true/false, yes/no,
 * y/n, t/f, 是/否 too. Rows without a time, with a negative time, an event
 * code outside these, or (when grouped) no group value are left out.
 */
export function tableLifetimeCtes(source: Extract<LifetimeSource, { kind: 'table' }>, groupBy: string | null): Record<string, string> {
  const group = groupBy === null ? `'All'` : `CAST(${ident(groupBy)} AS VARCHAR)`;
  return {
    raw_rows: `
SELECT row_number() OVER () AS line, ${ident(source.time)} AS raw_time, TRY_CAST(${ident(source.time)} AS DOUBLE) AS time,
  lower(trim(CAST(${ident(source.event)} AS VARCHAR))) AS code, TRY_CAST(${ident(source.event)} AS DOUBLE) AS code_number, ${group} AS grp
FROM main.${ident(source.table)}`,
    coding: `
SELECT coalesce(bool_and(code_number IN (1, 2)) AND bool_or(code_number = 2), false) AS one_two
FROM raw_rows WHERE code_number IS NOT NULL`,
    coded: `
SELECT *, CASE
    WHEN code_number IS NOT NULL THEN CASE
      WHEN (SELECT one_two FROM coding) THEN CASE code_number WHEN 2 THEN true WHEN 1 THEN false END
      ELSE CASE code_number WHEN 1 THEN true WHEN 0 THEN false END END
    WHEN code IN ('true', 't', 'yes', 'y', '是') THEN true
    WHEN code IN ('false', 'f', 'no', 'n', '否') THEN false
  END AS event
FROM raw_rows`,
    lifetimes: `
SELECT CAST(line AS VARCHAR) AS id, grp, CAST(NULL AS DATE) AS start, time, event,
  CASE WHEN time IS NULL THEN 'no time' WHEN time < 0 THEN 'negative time' WHEN event IS NULL THEN 'not an event code'
       WHEN grp IS NULL THEN 'no group value' END AS problem
FROM coded`,
  };
}

/** Rows left out, by reason. */
export const EXCLUDED_SQL = `SELECT problem AS reason, count(*) AS count FROM lifetimes WHERE problem IS NOT NULL GROUP BY problem ORDER BY problem`;

/** The per-time table every survival number is computed from: one row per group and distinct time. */
export const TIME_TABLE_SQL = `
SELECT grp AS "group", time, count(*) FILTER (WHERE event) AS events, count(*) FILTER (WHERE NOT event) AS censored,
  sum(count(*)) OVER (PARTITION BY grp ORDER BY time DESC) AS at_risk
FROM lifetimes WHERE problem IS NULL
GROUP BY grp, time
ORDER BY grp, time`;
