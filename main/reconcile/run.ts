// A reconciliation run (docs/RECONCILIATION.md): ours beside the reference
// month by month, the customer-months that differ, and each difference
// attributed to the first single alternative setting (rules.ts) that makes
// the customer-month agree. The rows are kept in the in-memory cache catalog
// for the drill-down until the next run or a change of the data; the result is
// kept in the workspace (reconcile.runs) for the sign-off to sign as it is.
import { randomUUID } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import {
  RECONCILE_MOVEMENTS,
  type MovementComparison,
  type ReconcileMonth,
  type ReconcileResult,
  type ReconcileRule,
  type ReferenceInfo,
  type Tolerance,
} from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';
import { plain } from '../runtime/sqlRunner.js';
import { metricContext } from '../metrics/context.js';
import { TRANSACTION_LINE, type MetricContext } from '../metrics/scope.js';
import { customerMonthRowsTableSql, customerMonthSql } from '../ingest/normalize/customerMonth.js';
import {
  attributeSql,
  differingRowsSql,
  monthIndexOf,
  monthOfIndex,
  ourMovementsSql,
  oursByMonthSql,
  oursSql,
  theirMovementsSql,
  theirsSql,
  unexplainedCustomersSql,
  type MonthRange,
} from './compare.js';
import { notVaried, reconcileRules, type RuleFacts } from './rules.js';
import { DATA_VERSION_SQL, readCurrentRun, readReference, readSignOff, runSettingsJson, saveRun } from './state.js';
import { monthSentence, progressMessage, totalSentence, wordingFor } from '../../shared/reconcileWords.js';

/** The engine's sentences are English (the CLI, the JSON answer); the screen and a report word the numbers in their language. */
const ENGLISH = wordingFor('en');

type Row = Record<string, unknown>;
const CATALOG = 'cw_cache';

export interface Runner {
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<Row[]>;
}

export function connectionRunner(connection: DuckDBConnection): Runner {
  return {
    exec: async (sql) => void (await connection.run(sql)),
    rows: async (sql) => plain((await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[]),
  };
}

/** The rows table of the last run per workspace, and what it was computed from. */
const lastRun = new WeakMap<Database, { key: string; rows: string }>();
let nextTable = 0;

async function workspaceFacts(run: Runner, ctx: MetricContext, reference: ReferenceInfo): Promise<RuleFacts> {
  const [row] = await run.rows(`SELECT
    (SELECT CAST(json_extract_string(value, '$') AS INTEGER) FROM churn.settings WHERE key = 'grace_days') AS grace_days,
    (SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'end_date') AS end_date,
    (SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'pauses') AS pauses,
    EXISTS (SELECT 1 FROM churn.subscriptions WHERE pause_date IS NOT NULL) AS has_pauses,
    EXISTS (SELECT 1 FROM churn.subscriptions WHERE end_date IS NOT NULL) OR EXISTS (SELECT 1 FROM churn.revenue_lines WHERE coalesce(has_period, false)) AS has_end_dates,
    EXISTS (SELECT 1 FROM churn.revenue_lines WHERE coalesce(has_period, false) AND NOT is_refund AND NOT is_one_off) AS has_coverage,
    EXISTS (SELECT 1 FROM churn.revenue_lines WHERE ${TRANSACTION_LINE}) AS has_transactions`);
  return {
    methodology: ctx.methodology,
    hasTransactions: row?.has_transactions === true,
    hasEndDates: row?.has_end_dates === true,
    hasCoverage: row?.has_coverage === true,
    referenceHasMovements: reference.hasMovements,
    graceDays: row?.grace_days === null || row?.grace_days === undefined ? 0 : Number(row.grace_days),
    endDate: row?.end_date === 'inclusive' ? 'inclusive' : 'exclusive',
    hasPauses: row?.has_pauses === true,
    pauses: row?.pauses === 'churn' ? 'churn' : 'zero_mrr',
  };
}

/** The comparison's months: the reference's, up to our as-of month. */
function monthRange(reference: ReferenceInfo, ctx: MetricContext): MonthRange {
  if (!reference.firstMonth || !reference.lastMonth) throw new EngineError('not_found', 'The reference has no rows to compare with: import it again.');
  return { lo: monthIndexOf(reference.firstMonth), hi: Math.min(monthIndexOf(reference.lastMonth), monthIndexOf(ctx.asOfMonth.slice(0, 7))) };
}

/** Our customer-months under one alternative, for the customers of rows still to explain. */
async function alternativeSql(run: Runner, ctx: MetricContext, rule: ReconcileRule, facts: RuleFacts, range: MonthRange, movements: boolean, cidxIn: string, n: number): Promise<{ sql: string; cleanup: string | null }> {
  if (rule.apply.scope === 'analysis') {
    const methodology = { ...ctx.methodology, ...rule.apply.methodology };
    const settings = { ...ctx.settings, methodology: { ...ctx.settings.methodology, ...rule.apply.methodology } };
    return { sql: oursSql({ ...ctx, methodology, settings, materialized: undefined }, range, movements, cidxIn), cleanup: null };
  }
  // An import setting: those customers' months rebuilt from the model's revenue tables under it.
  const table = `${CATALOG}.rc_alt_${n}`;
  await run.exec(customerMonthRowsTableSql(table));
  const graceDays = rule.apply.options.graceDays ?? facts.graceDays;
  const endShiftDays = rule.apply.options.endDate === undefined ? 0 : rule.apply.options.endDate === 'inclusive' ? 1 : -1;
  const pauses = rule.apply.options.pauses ?? undefined;
  for (const sql of customerMonthSql(ctx.methodology.churnDate === 'cancellation', graceDays, { target: table, cidxIn, endShiftDays, pauses })) await run.exec(sql);
  return { sql: oursSql({ ...ctx, customerMonth: table, materialized: undefined }, range, movements, cidxIn), cleanup: `DROP TABLE IF EXISTS ${table}` };
}

interface Computed {
  rows: string;
  range: MonthRange;
  rules: ReconcileRule[];
  facts: RuleFacts;
  ours: string;
  sql: string;
  /** Per month: their MRR and paying customers (m, mrr, customers). */
  theirMonths: Row[];
}

/** Computes (or finds) the differing rows for these settings and tolerance, attributed. */
async function computeRows(db: Database, run: Runner, ctx: MetricContext, reference: ReferenceInfo, tolerance: Tolerance, step: (message: string) => void): Promise<Computed> {
  await run.exec(`ATTACH IF NOT EXISTS ':memory:' AS ${CATALOG}`);
  const facts = await workspaceFacts(run, ctx, reference);
  const rules = reconcileRules(facts);
  const range = monthRange(reference, ctx);
  const movements = reference.hasMovements;
  const baseOurs = oursSql(ctx, range, movements);
  const sql = differingRowsSql(baseOurs, theirsSql(range, movements), tolerance);
  const [print] = await run.rows(`SELECT count(*) AS n, sum(hash(cidx, month, mrr)) AS h FROM churn.customer_month_rows`);
  const key = JSON.stringify([reference.sha256, reference.importId, ctx.settings, ctx.asOfMonth, tolerance, print?.n, String(print?.h)]);
  const n = nextTable++;
  const ours = `${CATALOG}.rc_ours_${n}`;
  const theirs = `${CATALOG}.rc_theirs_${n}`;
  const rows = `${CATALOG}.rc_rows_${n}`;
  const previous = lastRun.get(db);
  if (previous) {
    lastRun.delete(db);
    await run.exec(`DROP TABLE IF EXISTS ${previous.rows}`);
  }
  step(progressMessage({ step: 'comparing' }));
  await run.exec(`CREATE OR REPLACE TABLE ${ours} AS ${baseOurs}`);
  await run.exec(`CREATE OR REPLACE TABLE ${theirs} AS ${theirsSql(range, movements)}`);
  await run.exec(`CREATE OR REPLACE TABLE ${rows} AS ${differingRowsSql(`SELECT * FROM ${ours}`, `SELECT * FROM ${theirs}`, tolerance)}`);
  const theirMonths = await run.rows(`SELECT m, CAST(sum(mrr) AS DOUBLE) AS mrr, count(*) FILTER (WHERE mrr > 0) AS customers FROM ${theirs} GROUP BY m`);
  await run.exec(`DROP TABLE ${theirs}`);
  for (const rule of rules) {
    const [left] = await run.rows(`SELECT count(*) AS n FROM ${rows} WHERE status = 'differs' AND rule IS NULL AND cidx IS NOT NULL`);
    if (!Number(left?.n)) break;
    step(progressMessage({ step: 'trying', rule }));
    const alternative = await alternativeSql(run, ctx, rule, facts, range, movements, unexplainedCustomersSql(rows), n);
    try {
      await run.exec(attributeSql(rows, rule.id, alternative.sql, tolerance));
    } finally {
      if (alternative.cleanup) await run.exec(alternative.cleanup);
    }
  }
  lastRun.set(db, { key, rows });
  return { rows, range, rules, facts, ours, sql, theirMonths };
}

/** The rows table for a drill-down: the last run's when it was computed from the same settings and data, else computed now. */
export async function rowsFor(db: Database, run: Runner, settings: Partial<AnalysisSettings>, tolerance: Tolerance): Promise<string> {
  const { ctx, reference } = await prepare(db, settings);
  await run.exec(`ATTACH IF NOT EXISTS ':memory:' AS ${CATALOG}`);
  const [print] = await run.rows(`SELECT count(*) AS n, sum(hash(cidx, month, mrr)) AS h FROM churn.customer_month_rows`);
  const key = JSON.stringify([reference.sha256, reference.importId, ctx.settings, ctx.asOfMonth, tolerance, print?.n, String(print?.h)]);
  const last = lastRun.get(db);
  if (last && last.key === key) return last.rows;
  if (reference.layout !== 'customer_month') throw new EngineError('invalid_request', 'The reference has one row per month: there are no customers to drill into.');
  return (await computeRows(db, run, ctx, reference, tolerance, () => undefined)).rows;
}

async function prepare(db: Database, settings: Partial<AnalysisSettings>) {
  const reference = await readReference(db);
  if (!reference) throw new EngineError('not_found', 'There is no reference to reconcile with yet: import one first (reconcile.importReference).');
  const ctx = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
  return { ctx, reference };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The tolerance on two month totals, as withinSql has it on customer-months. */
const within = (ours: number, theirs: number, tolerance: Tolerance) => {
  const d = Math.abs(ours - theirs);
  return d <= tolerance.absolute || d <= tolerance.relative * Math.max(Math.abs(ours), Math.abs(theirs));
};

function emptyMonth(m: number): Omit<ReconcileMonth, 'sentence'> {
  return {
    month: monthOfIndex(m),
    ours: { mrr: 0, customers: 0 },
    theirs: { mrr: 0, customers: 0 },
    difference: 0,
    customerDifference: 0,
    explained: [],
    unexplained: { amount: 0, customers: 0 },
    withinTolerance: { amount: 0, customers: 0 },
    onlyTheirs: { amount: 0, customers: 0 },
    onlyOurs: { amount: 0, customers: 0 },
    movements: null,
    reconciled: true,
    dominantRule: null,
  };
}

function dominant(month: Pick<ReconcileMonth, 'explained' | 'difference' | 'unexplained' | 'withinTolerance'>): string | null {
  const whole = month.explained.reduce((s, p) => s + Math.abs(p.amount), 0) + Math.abs(month.unexplained.amount) + Math.abs(month.withinTolerance.amount);
  const best = [...month.explained].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))[0];
  return best && whole > 0 && Math.abs(best.amount) >= whole / 2 ? best.rule : null;
}

function movementsOf(m: number, ours: Row[], theirs: Row[]): MovementComparison[] {
  return RECONCILE_MOVEMENTS.map((movement) => {
    const o = Number(ours.find((r) => Number(r.m) === m && r.movement === movement)?.amount ?? 0);
    const t = Number(theirs.find((r) => Number(r.m) === m && r.movement === movement)?.amount ?? 0);
    return { movement, ours: round2(o), theirs: round2(t), difference: round2(o - t) };
  });
}

export async function runReconcile(db: Database, run: Runner, settings: Partial<AnalysisSettings>, tolerance: Tolerance, step: (message: string) => void): Promise<ReconcileResult> {
  const { ctx, reference } = await prepare(db, settings);
  await run.exec(`ATTACH IF NOT EXISTS ':memory:' AS ${CATALOG}`);
  // Read before computing: data imported during the run makes the run, not a later one, out of date.
  const [version] = await run.rows(DATA_VERSION_SQL);
  const [currency] = await run.rows(`SELECT json_extract_string(value, '$') AS c FROM churn.settings WHERE key = 'reporting_currency'`);
  const reportingCurrency = (currency?.c as string | undefined) ?? null;
  const computed = reference.layout === 'customer_month' ? await computeRows(db, run, ctx, reference, tolerance, step) : null;
  const facts = computed?.facts ?? (await workspaceFacts(run, ctx, reference));
  const rules = computed?.rules ?? reconcileRules(facts);
  const range = computed?.range ?? monthRange(reference, ctx);
  const months = new Map<number, Omit<ReconcileMonth, 'sentence'>>();
  for (let m = range.lo; m <= range.hi; m++) months.set(m, emptyMonth(m));
  const ourSide = await run.rows(oursByMonthSql(computed ? `SELECT * FROM ${computed.ours}` : oursSql(ctx, range, false)));
  if (computed) await run.exec(`DROP TABLE IF EXISTS ${computed.ours}`);
  const theirSide =
    computed?.theirMonths ??
    (await run.rows(`SELECT year(month) * 12 + month(month) - 1 AS m, CAST(sum(mrr) AS DOUBLE) AS mrr, sum(customers) AS customers FROM reconcile.reference_months GROUP BY 1`));
  for (const r of ourSide) {
    const month = months.get(Number(r.m));
    if (month) month.ours = { mrr: round2(Number(r.mrr)), customers: Number(r.customers) };
  }
  for (const r of theirSide) {
    const month = months.get(Number(r.m));
    if (month) month.theirs = { mrr: round2(Number(r.mrr)), customers: Number(r.customers ?? 0) };
  }
  if (computed) {
    const parts = await run.rows(`
      SELECT m, CASE WHEN status = 'within_tolerance' THEN 'within_tolerance' WHEN rule IS NOT NULL THEN 'explained' ELSE 'unexplained' END AS part,
             rule, side, CAST(sum(difference) AS DOUBLE) AS amount, count(DISTINCT customer_id) AS customers
      FROM ${computed.rows} GROUP BY ALL`);
    for (const p of parts) {
      const month = months.get(Number(p.m))!;
      const amount = Number(p.amount);
      const customers = Number(p.customers);
      const add = (into: { amount: number; customers: number }) => {
        into.amount = round2(into.amount + amount);
        into.customers += customers;
      };
      if (p.part === 'within_tolerance') add(month.withinTolerance);
      else if (p.part === 'explained') {
        let slot = month.explained.find((e) => e.rule === p.rule);
        if (!slot) month.explained.push((slot = { rule: String(p.rule), amount: 0, customers: 0 }));
        add(slot);
      } else {
        add(month.unexplained);
        if (p.side === 'only_ours') add(month.onlyOurs);
        if (p.side === 'only_theirs') add(month.onlyTheirs);
      }
    }
  } else {
    await explainMonthly(run, ctx, rules, facts, range, tolerance, months);
  }
  if (reference.hasMovements) {
    const ourMoves = await run.rows(ourMovementsSql(ctx, range));
    const theirMoves = await run.rows(
      reference.layout === 'customer_month'
        ? theirMovementsSql(range)
        : `SELECT m, movement, amount FROM (SELECT year(month) * 12 + month(month) - 1 AS m, ${RECONCILE_MOVEMENTS.map((mv) => `CAST(sum(${mv}) AS DOUBLE) AS ${mv}`).join(', ')}
             FROM reconcile.reference_months GROUP BY 1) UNPIVOT (amount FOR movement IN (${RECONCILE_MOVEMENTS.join(', ')}))`,
    );
    for (const [m, month] of months) month.movements = movementsOf(m, ourMoves, theirMoves);
  }
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const finished: ReconcileMonth[] = [...months.values()].map((month) => {
    month.difference = round2(month.ours.mrr - month.theirs.mrr);
    month.customerDifference = month.ours.customers - month.theirs.customers;
    month.explained.sort((a, b) => ruleById.get(a.rule)!.priority - ruleById.get(b.rule)!.priority);
    month.reconciled = Math.abs(month.unexplained.amount) <= tolerance.absolute || Math.abs(month.unexplained.amount) <= tolerance.relative * Math.abs(month.theirs.mrr);
    month.dominantRule = dominant(month);
    return { ...month, sentence: monthSentence(month, rules, reportingCurrency, ENGLISH) };
  });
  const total = totals(finished, rules, reportingCurrency);
  const suggestionRule = total.explained.length ? [...total.explained].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount))[0]! : null;
  const whole = total.explained.reduce((s, p) => s + Math.abs(p.amount), 0) + Math.abs(total.unexplained.amount) + Math.abs(total.withinTolerance.amount);
  const sides = computed
    ? await run.rows(`SELECT side, count(DISTINCT customer_id) AS customers, CAST(sum(coalesce(ours, 0) + coalesce(theirs, 0)) AS DOUBLE) AS mrr
                      FROM ${computed.rows} WHERE side IS NOT NULL GROUP BY side`)
    : [];
  const side = (name: string) => {
    const row = sides.find((r) => r.side === name);
    return { customers: Number(row?.customers ?? 0), mrr: round2(Number(row?.mrr ?? 0)) };
  };
  const result: ReconcileResult = {
    runId: randomUUID(),
    reference,
    tolerance,
    reportingCurrency,
    preset: ctx.settings.preset,
    rules,
    notVaried: notVaried(facts),
    months: finished,
    total,
    onlyOurs: side('only_ours'),
    onlyTheirs: side('only_theirs'),
    suggestion: suggestionRule && whole > 0 ? { rule: suggestionRule.rule, amount: suggestionRule.amount, share: Math.abs(suggestionRule.amount) / whole } : null,
    signOff: await readSignOff(db),
    sql: computed?.sql ?? oursByMonthSql(oursSql(ctx, range, false)),
  };
  await saveRun(db, result, runSettingsJson(ctx.settings, ctx.asOfMonth), String(version?.v ?? ''));
  return result;
}

/**
 * The kept run computed from the current reference and data under the same settings and
 * tolerance (a report after the screen's run: computed once, answered many times), else a new run.
 */
export async function currentOrNewRun(db: Database, run: Runner, settings: Partial<AnalysisSettings>, tolerance: Tolerance): Promise<ReconcileResult> {
  const { ctx } = await prepare(db, settings);
  return (await readCurrentRun(db, runSettingsJson(ctx.settings, ctx.asOfMonth), tolerance)) ?? runReconcile(db, run, settings, tolerance, () => undefined);
}

function totals(months: ReconcileMonth[], rules: ReconcileRule[], currency: string | null): ReconcileResult['total'] {
  const sum = (pick: (m: ReconcileMonth) => number) => round2(months.reduce((s, m) => s + pick(m), 0));
  const part = (pick: (m: ReconcileMonth) => { amount: number; customers: number }) => ({ amount: sum((m) => pick(m).amount), customers: months.reduce((s, m) => s + pick(m).customers, 0) });
  const explained = rules
    .map((rule) => ({
      rule: rule.id,
      amount: sum((m) => m.explained.find((e) => e.rule === rule.id)?.amount ?? 0),
      customers: months.reduce((s, m) => s + (m.explained.find((e) => e.rule === rule.id)?.customers ?? 0), 0),
    }))
    .filter((e) => e.customers > 0 || e.amount !== 0);
  const movements = months[0]?.movements
    ? RECONCILE_MOVEMENTS.map((movement) => {
        const pick = (m: ReconcileMonth, k: 'ours' | 'theirs') => m.movements?.find((x) => x.movement === movement)?.[k] ?? 0;
        const ours = sum((m) => pick(m, 'ours'));
        const theirs = sum((m) => pick(m, 'theirs'));
        return { movement, ours, theirs, difference: round2(ours - theirs) };
      })
    : null;
  const total = {
    ours: { mrr: sum((m) => m.ours.mrr), customers: months.reduce((s, m) => s + m.ours.customers, 0) },
    theirs: { mrr: sum((m) => m.theirs.mrr), customers: months.reduce((s, m) => s + m.theirs.customers, 0) },
    difference: sum((m) => m.difference),
    customerDifference: months.reduce((s, m) => s + m.customerDifference, 0),
    explained,
    unexplained: part((m) => m.unexplained),
    withinTolerance: part((m) => m.withinTolerance),
    onlyTheirs: part((m) => m.onlyTheirs),
    onlyOurs: part((m) => m.onlyOurs),
    movements,
    reconciled: months.every((m) => m.reconciled),
    dominantRule: null as string | null,
  };
  total.dominantRule = dominant(total);
  return { ...total, sentence: totalSentence(total, months.length, rules, currency, ENGLISH) };
}

/**
 * A reference of monthly totals has no customers to compare: a month is
 * explained by the first alternative whose month total agrees with theirs
 * within the tolerance; otherwise its whole difference is unexplained.
 */
async function explainMonthly(run: Runner, ctx: MetricContext, rules: ReconcileRule[], facts: RuleFacts, range: MonthRange, tolerance: Tolerance, months: Map<number, Omit<ReconcileMonth, 'sentence'>>) {
  const open = new Set<number>();
  for (const [m, month] of months) {
    const d = month.ours.mrr - month.theirs.mrr;
    if (d === 0) continue;
    if (within(month.ours.mrr, month.theirs.mrr, tolerance)) month.withinTolerance = { amount: round2(d), customers: 0 };
    else open.add(m);
  }
  let n = nextTable++;
  for (const rule of rules) {
    if (open.size === 0) break;
    const alternative = await alternativeSql(run, ctx, rule, facts, range, false, 'SELECT cidx FROM churn.customer_index', n++);
    try {
      const totalsUnder = await run.rows(oursByMonthSql(alternative.sql));
      for (const r of totalsUnder) {
        const m = Number(r.m);
        const month = months.get(m);
        if (!month || !open.has(m)) continue;
        if (within(Number(r.mrr), month.theirs.mrr, tolerance)) {
          month.explained.push({ rule: rule.id, amount: round2(month.ours.mrr - month.theirs.mrr), customers: 0 });
          open.delete(m);
        }
      }
    } finally {
      if (alternative.cleanup) await run.exec(alternative.cleanup);
    }
  }
  for (const m of open) {
    const month = months.get(m)!;
    month.unexplained = { amount: round2(month.ours.mrr - month.theirs.mrr), customers: 0 };
  }
}
