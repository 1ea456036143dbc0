// Console results live in DuckDB, never in JavaScript: each is a table in an
// in-memory database attached to the workspace's instance (cw_results), so it
// is seen by every connection, spills to the temp folder when large, is never
// written into the workspace file and goes when the workspace closes. Written
// once by CREATE TABLE AS, its rowid is dense: the grid pages it by rowid
// windows, exactly as it pages an imported table.
import { quotedIdentifier } from '@duckdb/node-api';
import type { ConsoleResult, ResultView } from '../../shared/console.js';
import type { ColumnInfo } from '../../shared/contract.js';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';
import { Downloads } from './downloads.js';

export const RESULTS_CATALOG = 'cw_results';

export interface StoredResult extends ConsoleResult {
  /** The result table, quoted and qualified: made by the engine, never from a request. */
  relation: string;
}

/** The console's results and runs for one open workspace. */
export class ConsoleState {
  readonly results = new Map<string, StoredResult>();
  /** Each tab's latest run (its job id): only that run's result is kept. */
  readonly latestRun = new Map<string, string>();
  /** Result files being downloaded in chunks. */
  readonly downloads = new Downloads();
  private next = 0;

  /** A fresh result table name. */
  newRelation(): { id: string; relation: string } {
    this.next += 1;
    // A prefix no imported table has, for code that lists tables by name across databases.
    const id = `cw_result_${this.next}`;
    return { id, relation: `${RESULTS_CATALOG}.main.${quotedIdentifier(id)}` };
  }

  get(resultId: string): StoredResult {
    const result = this.results.get(resultId);
    if (!result) throw new EngineError('not_found', 'This result is gone (a newer run replaced it, or the workspace was reopened): run the query again.');
    return result;
  }
}

const states = new WeakMap<Database, ConsoleState>();

export function consoleState(db: Database): ConsoleState {
  let state = states.get(db);
  if (!state) {
    state = new ConsoleState();
    states.set(db, state);
  }
  return state;
}

/** The workspace closes: its console's pending downloads go with it (results go with the instance). */
export function closeConsole(db: Database): void {
  states.get(db)?.downloads.removeAll();
  states.delete(db);
}

export async function ensureResultsCatalog(db: Database): Promise<void> {
  await db.run(`ATTACH IF NOT EXISTS ':memory:' AS ${RESULTS_CATALOG}`);
}

export async function dropRelation(db: Database, relation: string): Promise<void> {
  await db.run(`DROP TABLE IF EXISTS ${relation}`);
}

/** Describes a result table just made and keeps it. */
export async function keepResult(
  db: Database,
  made: { id: string; relation: string },
  tabId: string,
  view: ResultView | null,
  baseId: string | null,
): Promise<StoredResult> {
  const [catalog, schema, table] = [RESULTS_CATALOG, 'main', made.id];
  const columns: ColumnInfo[] = (
    await db.rows(
      `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
       WHERE database_name = ? AND schema_name = ? AND table_name = ? ORDER BY column_index`,
      [catalog, schema, table],
    )
  ).map((row) => ({ name: String(row.name), type: String(row.type) }));
  const [count] = await db.rows(`SELECT count(*) AS n FROM ${made.relation}`);
  const result: StoredResult = {
    resultId: made.id,
    tabId,
    columns,
    rowCount: Number(count?.n ?? 0),
    view,
    baseId: baseId ?? made.id,
    relation: made.relation,
  };
  consoleState(db).results.set(made.id, result);
  return result;
}

/** Drops every result of a tab but `keep`. */
export async function dropTabResults(db: Database, tabId: string, keep: Set<string> = new Set()): Promise<number> {
  const state = consoleState(db);
  let dropped = 0;
  for (const result of [...state.results.values()]) {
    if (result.tabId !== tabId || keep.has(result.resultId)) continue;
    state.results.delete(result.resultId);
    await dropRelation(db, result.relation);
    dropped += 1;
  }
  return dropped;
}

/** The public part of a stored result. */
export function publicResult({ relation: _relation, ...result }: StoredResult): ConsoleResult {
  return result;
}
