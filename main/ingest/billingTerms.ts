// The billing interval decision of a subscriptions file, read back from its
// staged rows: how each plan's term was found (the interval column, the user's
// answer, the billing period's length, the plan code, the amount's header),
// the notes that say so, and the stop when rows with revenue have no term.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';
import type { ImportFileRequest, PlanTerm } from '../../shared/model.js';
import { parseBillingTerm, type BillingTerm, type IntervalAnswers } from './mapping/intervals.js';
import type { FileMapping } from './stage.js';
import { TRIAL } from './normalize/load.js';

/** The request's answers, checked: "year", "monthly", "3 months"… */
export function intervalAnswers(file: string, request: Pick<ImportFileRequest, 'interval' | 'intervalByPlan'>): IntervalAnswers {
  const term = (text: string, what: string): BillingTerm => {
    const parsed = parseBillingTerm(text);
    if (!parsed) {
      throw new EngineError('invalid_request', `${file}: "${text}" (${what}) is not a billing interval: use day, week, month, quarter or year, or e.g. "3 months".`, { file });
    }
    return parsed;
  };
  // An empty answer is no answer ('' clears a saved one: the import has already dropped it).
  const byPlan = Object.fromEntries(
    Object.entries(request.intervalByPlan ?? {})
      .filter(([, text]) => text !== '')
      .map(([plan, text]) => [plan, term(text, `for plan "${plan}"`)]),
  );
  return {
    ...(Object.keys(byPlan).length ? { byPlan } : {}),
    ...(request.interval ? { all: term(request.interval, 'for the whole file') } : {}),
  };
}

/**
 * Rows whose term matters: accepted, of a customer, with revenue, not trials.
 * `ignore`: problems that do not count against a row (the preview leaves out
 * date columns whose day order is still to be asked, so their rows lack a
 * start date there, but not in the import).
 */
const paying = (ignore: readonly string[]) =>
  `${ignore.length ? `len(list_filter(_problems, p -> p.reason NOT IN (${ignore.map((r) => `'${r}'`).join(', ')}))) = 0` : 'NOT _rejected'} AND customer_id IS NOT NULL AND coalesce(amount, 0) <> 0 AND NOT ${TRIAL}`;

/**
 * Each plan's term as the staged rows have it: plans whose term nothing gives
 * first (so that however many plans a file has, the stop sees them and the
 * dialog asks them first), then the most common (at most `limit` plans).
 */
export async function planTerms(conn: DuckDBConnection, stage: string, options: { limit?: number; ignore?: readonly string[] } = {}): Promise<PlanTerm[]> {
  const reader = await conn.runAndReadAll(`
    SELECT * FROM (
      SELECT plan, struct_extract(_term, 'interval') AS interval, struct_extract(_term, 'count') AS count,
             struct_extract(_term, 'source') AS source, count(*) AS rows
      FROM ${stage} WHERE ${paying(options.ignore ?? [])} GROUP BY ALL)
    ORDER BY source IS NULL DESC, rows DESC, plan NULLS LAST, interval LIMIT ${options.limit ?? 50}`);
  return reader.getRowObjectsJS().map((r) => ({
    plan: r.plan === null ? null : String(r.plan),
    interval: r.interval === null ? null : String(r.interval),
    count: r.count === null ? null : Number(r.count),
    source: r.source === null ? null : (String(r.source) as PlanTerm['source']),
    rows: Number(r.rows),
  }));
}

const SOURCE_WORDS: Record<NonNullable<PlanTerm['source']>, string> = {
  column: 'the interval column',
  answer: 'your answer',
  period: 'the length of the billing period',
  plan: 'a word in the plan code',
  header: "the amount's header",
};

const termText = (t: PlanTerm) => (t.count === null || t.count === 1 ? t.interval : `${t.count} ${t.interval}s`);
const planText = (plan: string | null) => (plan === null ? 'rows without a plan' : `"${plan}"`);

/** What the mapping says about the terms, when no column gave them all (rows with no term have stopped the import). */
export function termNotes(terms: readonly PlanTerm[], mapping: FileMapping): string[] {
  if (terms.every((t) => t.source === 'column' || t.source === null)) return [];
  const period = mapping.fields.period_start && mapping.fields.period_end ? ` (${mapping.fields.period_start} → ${mapping.fields.period_end})` : '';
  const derived = terms
    .filter((t) => t.source !== null && t.source !== 'column')
    .map((t) => `${planText(t.plan)} ${termText(t)} from ${SOURCE_WORDS[t.source!]}${t.source === 'period' ? period : ''} (${t.rows} row${t.rows === 1 ? '' : 's'})`);
  return [
    `Billing interval: ${mapping.fields.billing_interval ? `the column "${mapping.fields.billing_interval}" is empty on some rows` : 'no column gives it'}; derived per plan, nothing assumed: ${derived.join('; ')}. Correct it per plan with --interval-by-plan <plan>=<interval> (or in the import dialog).`,
  ];
}

/**
 * Stops the import of a subscriptions file when rows with revenue have no
 * term (no column value, no answer, no billing period, no word in the plan
 * code, no interval in the amount's header): a subscription's amount is a
 * price per interval, and plans bill at any interval, so monthly would be a
 * guess that is 12 times off for a yearly plan. The message names the column
 * and the answers that would do. (Invoices take their spread from the service
 * period, MRR files give MRR: neither has a term, and neither gets here.)
 */
export function checkTerms(file: string, terms: readonly PlanTerm[], mapping: FileMapping): void {
  const missing = terms.filter((t) => t.source === null);
  if (missing.length === 0) return;
  const rows = missing.reduce((n, t) => n + t.rows, 0);
  const plans = missing.filter((t) => t.plan !== null).map((t) => t.plan!);
  const which = plans.length ? ` (plan${plans.length === 1 ? '' : 's'} ${plans.slice(0, 5).map((p) => `"${p}"`).join(', ')}${plans.length > 5 ? ' …' : ''})` : '';
  const empty = mapping.fields.billing_interval ? ` ("${mapping.fields.billing_interval}" is empty there)` : '';
  const perPlan = plans.length ? ` answer per plan with --interval-by-plan "${plans[0]}=month" (repeatable; month, year, quarter, week, "3 months"…),` : '';
  throw new EngineError(
    'invalid_request',
    `${file}: the billing interval of ${rows} row${rows === 1 ? '' : 's'} with revenue${which} is not in the file: no interval column${empty}, billing period (period_start, period_end) or word in the plan code gives it, and nothing is assumed. Map the column with --map billing_interval=<column>,${perPlan} or answer for the whole file with --interval month (or year…).`,
    { file, needs: 'billing_interval', plans, rows },
  );
}
