// Runs SQL for a feature: on a job's own connection when the work is a
// cancellable job, else on the workspace's; rows as plain JSON values.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database.js';

type Row = Record<string, unknown>;

/** BIGINT counts arrive as bigint; JSON wants numbers (counts stay far below 2^53). */
export function plain(rows: Row[]): Row[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
}

/** Runs SQL on the job's own connection when there is one, else on the workspace's; rows as plain JSON. */
export function sqlRunner(db: Database, connection?: DuckDBConnection) {
  return async (sql: string): Promise<Row[]> =>
    plain(connection ? ((await connection.runAndReadAll(sql)).getRowObjectsJS() as Row[]) : await db.rows(sql));
}
