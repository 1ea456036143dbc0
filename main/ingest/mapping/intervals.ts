// The billing interval of a subscription when no column gives it: never
// assumed, always derived from the file's own evidence and said so, or asked.
// Evidence, strongest first: the user's answer (per plan, or for the whole
// file), the length of the row's current or last billing period (Recurly's
// current_period_started_at → current_period_ends_at: 365 days is a year),
// words in the plan code ("annual-588", "pro_monthly", "年付"), and the
// amount's header ("Monthly price"). A row with revenue none of these covers
// stops the import with a message naming what it needs.
import { quotedString } from '@duckdb/node-api';
import { normalizeValueText, parseInterval, parseIntervalCount, type BillingInterval } from './numbers.js';

/** How often a subscription bills: every `count` `interval`s. */
export interface BillingTerm {
  interval: BillingInterval;
  count: number;
}

/** Where a row's term came from (shown in the mapping and the import's notes). */
export type TermSource = 'column' | 'answer' | 'period' | 'plan' | 'header';

/** A term written by the user: "year", "monthly", "3 months", "every 2 years", "年". Null when it is not one. */
export function parseBillingTerm(text: string): BillingTerm | null {
  const interval = parseInterval(text);
  if (!interval) return null;
  return { interval, count: parseIntervalCount(text) ?? 1 };
}

export const termText = (term: BillingTerm) => (term.count === 1 ? term.interval : `${term.count} ${term.interval}s`);

/**
 * Interval words inside a plan code, most specific first (so "12-month" is a
 * year, not a month). Each pattern applies to the normalized (lower-case) plan
 * text; letters may not touch the word on either side ("monthly" in
 * "bimonthly" does not count, "annual" in "annual-588" does).
 */
const PLAN_WORDS: readonly (readonly [string, BillingTerm])[] = [
  ['(?:semi-?annual(?:ly)?|half[ _-]?year(?:ly)?|6[ _-]?months?|6mo|半年)', { interval: 'month', count: 6 }],
  ['(?:24[ _-]?months?|2[ _-]?years?|biennial|两年|兩年)', { interval: 'year', count: 2 }],
  ['(?:annual(?:ly)?|yearly|years?|yr|12[ _-]?months?|12mo|p1y|年)', { interval: 'year', count: 1 }],
  ['(?:quarter(?:ly)?|qtr|3[ _-]?months?|3mo|季)', { interval: 'quarter', count: 1 }],
  ['(?:bi-?weekly|fortnight(?:ly)?)', { interval: 'week', count: 2 }],
  ['(?:weekly|week|wk|周|週)', { interval: 'week', count: 1 }],
  ['(?:monthly|months?|mo|mth|p1m|月)', { interval: 'month', count: 1 }],
];
const wordPattern = (words: string) => `(?:^|[^a-z])${words}(?:[^a-z]|$)`;

/** The term the plan code's words name, or null. JS twin of `planTermSql`. */
export function planTerm(plan: string | null): BillingTerm | null {
  if (plan === null) return null;
  const text = normalizeValueText(plan);
  for (const [words, term] of PLAN_WORDS) if (new RegExp(wordPattern(words)).test(text)) return term;
  return null;
}

const termSql = (term: BillingTerm, source: TermSource) =>
  `{'interval': ${quotedString(term.interval)}, 'count': ${term.count}, 'source': ${quotedString(source)}}`;

/** The NULL of the term struct every derivation returns. */
export const NO_TERM_SQL = "CAST(NULL AS STRUCT(interval VARCHAR, count BIGINT, source VARCHAR))";

/** SQL: the term struct {interval, count, source: 'plan'} the plan text names, NULL when none. */
export function planTermSql(planSql: string): string {
  const cases = PLAN_WORDS.map(([words, term]) => `WHEN regexp_matches(p, ${quotedString(wordPattern(words))}) THEN ${termSql(term, 'plan')}`).join(' ');
  return `list_transform([lower(${planSql})], lambda p: CASE ${cases} ELSE ${NO_TERM_SQL} END)[1]`;
}

/**
 * SQL: the term struct {interval, count, source: 'period'} of a billing period
 * from its start and its (exclusive) end dates: whole months (12 → a year, 3 →
 * a quarter), whole weeks or one day, with a day's tolerance for timestamps
 * whose zones move one end across midnight; NULL for any other length.
 */
export function periodTermSql(startSql: string, endSql: string): string {
  const months = `CAST(round(n / 30.436875) AS BIGINT)`;
  const weeks = `CAST(round(n / 7) AS BIGINT)`;
  const struct = (interval: string, count: string) => `{'interval': ${interval}, 'count': ${count}, 'source': 'period'}`;
  const body = `CASE
    WHEN n IS NULL OR n <= 0 THEN ${NO_TERM_SQL}
    WHEN ${months} >= 1 AND abs(date_diff('day', CAST(s + to_months(${months}) AS DATE), e)) <= 1 THEN
      CASE WHEN ${months} % 12 = 0 THEN ${struct("'year'", `${months} // 12`)}
           WHEN ${months} = 3 THEN ${struct("'quarter'", '1')}
           ELSE ${struct("'month'", months)} END
    WHEN n < 27 AND ${weeks} >= 1 AND abs(n - 7 * ${weeks}) <= 1 THEN ${struct("'week'", weeks)}
    WHEN n = 1 THEN ${struct("'day'", '1')}
    ELSE ${NO_TERM_SQL} END`;
  return `list_transform([{'s': ${startSql}, 'e': ${endSql}}], lambda r: list_transform([struct_extract(r, 's')], lambda s: list_transform([struct_extract(r, 'e')], lambda e: list_transform([date_diff('day', s, e)], lambda n: ${body})[1])[1])[1])[1]`;
}

/** The term an amount's header names ("Monthly price", "年费", "Annual fee"), or null. */
export function headerTerm(header: string): BillingTerm | null {
  const text = header.normalize('NFKC').toLowerCase();
  if (/(?:^|[^a-z])(?:monthly|per month|mrr|month)(?:[^a-z]|$)|月费|月費|月租|每月/.test(text)) return { interval: 'month', count: 1 };
  if (/(?:^|[^a-z])(?:annual|yearly|per year|arr|acv)(?:[^a-z]|$)|年费|年費|每年/.test(text)) return { interval: 'year', count: 1 };
  return null;
}

/** The user's answers: a term per plan, and one for every other row of the file. */
export interface IntervalAnswers {
  byPlan?: Readonly<Record<string, BillingTerm>>;
  all?: BillingTerm;
}

/**
 * SQL over the staged typed columns (plan, period_start, period_end): the term
 * struct of each row with no interval column value, from the answers first,
 * then the period's length, the plan's words, the amount's header.
 */
export function derivedTermSql(options: { answers: IntervalAnswers; hasPlan: boolean; hasPeriod: boolean; header: BillingTerm | null }): string {
  const sources: string[] = [];
  const byPlan = Object.entries(options.answers.byPlan ?? {});
  if (byPlan.length && options.hasPlan) {
    sources.push(`CASE plan ${byPlan.map(([plan, term]) => `WHEN ${quotedString(plan)} THEN ${termSql(term, 'answer')}`).join(' ')} ELSE ${NO_TERM_SQL} END`);
  }
  if (options.answers.all) sources.push(termSql(options.answers.all, 'answer'));
  if (options.hasPeriod) sources.push(periodTermSql('period_start', 'period_end'));
  if (options.hasPlan) sources.push(planTermSql('plan'));
  if (options.header) sources.push(termSql(options.header, 'header'));
  return sources.length ? `coalesce(${sources.join(', ')}, ${NO_TERM_SQL})` : NO_TERM_SQL;
}
