// Running console SQL: each run is a job on its own connection (progress,
// cancel), checked by the guard, and a tab's newer run replaces its older one.
// A query's rows go straight into a result table (CREATE TABLE AS), so a
// ten-million-row answer is paged from DuckDB and never held here.
import { quotedIdentifier, type DuckDBConnection } from '@duckdb/node-api';
import type { ConsoleRun, ResultView, StatementOutcome } from '../../shared/console.js';
import type { ColumnInfo } from '../../shared/contract.js';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';
import type { JobContext, Jobs } from '../runtime/jobs.js';
import { bounded, statementError } from './errors.js';
import { confirmWrite, planStatements } from './guard.js';
import { consoleState, dropRelation, dropTabResults, keepResult, publicResult, type StoredResult } from './results.js';
import { recordRun } from './store.js';

let anonymousRuns = 0;

/** The statements of `sql`, run in order on the job's connection; the last query's rows are the result. */
async function runStatements(db: Database, job: JobContext, sql: string, tabId: string): Promise<{ result: StoredResult | null; statements: StatementOutcome[] }> {
  const connection = job.connection;
  const plans = await planStatements(connection, sql);
  const state = consoleState(db);
  const statements: StatementOutcome[] = [];
  let made: { id: string; relation: string } | null = null;
  try {
    for (const [index, plan] of plans.entries()) {
      job.throwIfCancelled();
      job.step(plans.length > 1 ? `Statement ${index + 1} of ${plans.length}` : 'Running');
      const where = { statementStart: plan.statement.start, userSql: sql };
      if (plan.kind === 'explain') {
        const target = state.newRelation();
        try {
          await explainInto(connection, plan.statement.text, target.relation);
        } catch (error) {
          await dropRelation(db, target.relation);
          throw statementError(error, { ...where, ranSql: plan.statement.text, linesBefore: 0 });
        }
        if (made) await dropRelation(db, made.relation);
        made = target;
        statements.push({ kind: 'EXPLAIN', rowsChanged: null });
      } else if (plan.kind === 'query') {
        const target = state.newRelation();
        // On its own lines, so DuckDB's "LINE n" is the statement's line + 1 and a trailing comment ends before ")".
        const ran = `CREATE TABLE ${target.relation} AS SELECT * FROM (\n${plan.statement.text}\n)`;
        try {
          await connection.run(ran);
        } catch (error) {
          await dropRelation(db, target.relation);
          throw statementError(error, { ...where, ranSql: ran, linesBefore: 1 });
        }
        if (made) await dropRelation(db, made.relation);
        made = target;
        statements.push({ kind: 'SELECT', rowsChanged: null });
      } else {
        try {
          await confirmWrite(connection, plan);
          const outcome = await connection.run(plan.statement.text);
          statements.push({ kind: plan.what, rowsChanged: /INSERT|UPDATE|DELETE/.test(plan.what) ? Number(outcome.rowsChanged) : null });
        } catch (error) {
          throw statementError(error, { ...where, ranSql: plan.statement.text, linesBefore: 0 });
        }
      }
    }
    job.throwIfCancelled();
  } catch (error) {
    if (made) await dropRelation(db, made.relation);
    throw error;
  }
  return { result: made ? await keepResult(db, made, tabId, null, null) : null, statements };
}

/** EXPLAIN's few rows (the plan as text), kept as a result table like a query's. */
async function explainInto(connection: DuckDBConnection, sql: string, relation: string): Promise<void> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const rows = reader.getRowsJS().map((row) => row.map((value) => (value === null ? null : String(value))));
  const columns = names.map((name) => `${quotedIdentifier(name)} VARCHAR`).join(', ');
  await connection.run(`CREATE TABLE ${relation} (${columns})`);
  for (const row of rows) {
    await connection.run(`INSERT INTO ${relation} VALUES (${row.map(() => '?').join(', ')})`, row);
  }
}

/**
 * Runs console SQL for a tab. A run still going in the same tab is cancelled:
 * only the latest run of a tab wins, and its result replaces the tab's
 * earlier ones. Every run, failed or not, goes into the history.
 */
export async function runConsole(db: Database, jobs: Jobs, request: { tabId: string; sql: string; jobId?: string }): Promise<ConsoleRun> {
  const state = consoleState(db);
  const jobId = request.jobId ?? `console-${++anonymousRuns}`;
  const previous = state.latestRun.get(request.tabId);
  if (previous) jobs.cancel(previous);
  state.latestRun.set(request.tabId, jobId);
  const started = performance.now();
  const superseded = () => state.latestRun.get(request.tabId) !== jobId;
  try {
    const { result, statements } = await jobs.run(jobId, (job) => runStatements(db, job, request.sql, request.tabId));
    const durationMs = performance.now() - started;
    if (superseded()) {
      if (result) {
        state.results.delete(result.resultId);
        await dropRelation(db, result.relation);
      }
      throw new EngineError('cancelled', 'A newer run of this tab replaced this one.');
    }
    await dropTabResults(db, request.tabId, new Set(result ? [result.resultId] : []));
    await recordRun(db, { sql: request.sql, rows: result?.rowCount ?? null, durationMs, error: null });
    return { result: result ? publicResult(result) : null, statements, durationMs };
  } catch (error) {
    if (!superseded()) {
      await recordRun(db, { sql: request.sql, rows: null, durationMs: performance.now() - started, error: bounded((error as Error).message, 500) });
    }
    throw error;
  } finally {
    if (!superseded()) state.latestRun.delete(request.tabId);
  }
}

function column(result: StoredResult, name: string): ColumnInfo {
  const found = result.columns.find((c) => c.name === name);
  if (!found) throw new EngineError('invalid_request', `The result has no column named ${JSON.stringify(name)}.`);
  return found;
}

/** The SQL of a sorted and/or filtered view of a result; values bound as parameters. */
export function viewSql(base: StoredResult, view: ResultView): { where: string; orderBy: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  let where = '';
  if (view.filter) {
    const { name, type } = column(base, view.filter.column);
    const id = quotedIdentifier(name);
    const { op, value } = view.filter;
    if (op === 'is_null') where = `WHERE ${id} IS NULL`;
    else if (op === 'not_null') where = `WHERE ${id} IS NOT NULL`;
    else {
      if (value === null) throw new EngineError('invalid_request', `The filter ${op} needs a value.`);
      params.push(value);
      // The value is typed as the column, so 10 compares as a number and '2024-01-01' as a date.
      where =
        op === 'contains'
          ? `WHERE contains(lower(CAST(${id} AS VARCHAR)), lower(CAST(? AS VARCHAR)))`
          : `WHERE ${id} ${op} CAST(? AS ${type})`;
    }
  }
  const orderBy = view.sort ? `ORDER BY ${quotedIdentifier(column(base, view.sort.column).name)} ${view.sort.descending ? 'DESC' : 'ASC'} NULLS LAST` : '';
  return { where, orderBy, params };
}

/**
 * A sorted/filtered view of a result, made by SQL into a result table of its
 * own (so it pages like any result); it replaces the base's previous view.
 */
export async function makeView(db: Database, jobs: Jobs, resultId: string, view: ResultView, jobId?: string) {
  const state = consoleState(db);
  const base = state.get(state.get(resultId).baseId);
  for (const other of [...state.results.values()]) {
    if (other.baseId === base.resultId && other.resultId !== base.resultId) {
      state.results.delete(other.resultId);
      await dropRelation(db, other.relation);
    }
  }
  if (!view.sort && !view.filter) return publicResult(base);
  const { where, orderBy, params } = viewSql(base, view);
  const made = state.newRelation();
  await jobs.run(jobId, async (job) => {
    try {
      await job.connection.run(`CREATE TABLE ${made.relation} AS SELECT * FROM ${base.relation} ${where} ${orderBy}`, params);
    } catch (error) {
      await dropRelation(db, made.relation);
      const message = (error as Error).message;
      if (/interrupt/i.test(message)) throw new EngineError('cancelled', 'Cancelled: the query was stopped.');
      throw new EngineError('query_failed', bounded(`The filter or sort could not be applied: ${message}`));
    }
  });
  return publicResult(await keepResult(db, made, base.tabId, view, base.resultId));
}
