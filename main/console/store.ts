// The console's history and saved queries, kept in the workspace file (the
// cw_console schema) so that reopening the workspace brings them back.
import type { HistoryEntry, SavedQuery } from '../../shared/console.js';
import type { Database } from '../runtime/database.js';

const SCHEMA = 'cw_console';
/** The newest runs kept; older ones are forgotten as new ones come. */
const HISTORY_KEPT = 1000;

export async function ensureConsoleSchema(db: Database): Promise<void> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await db.run(`CREATE SEQUENCE IF NOT EXISTS ${SCHEMA}.history_id`);
  await db.run(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA}.history (
       id BIGINT PRIMARY KEY DEFAULT nextval('${SCHEMA}.history_id'),
       sql VARCHAR NOT NULL, ran_at TIMESTAMP NOT NULL, rows BIGINT, duration_ms DOUBLE NOT NULL, error VARCHAR)`,
  );
  await db.run(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.saved (name VARCHAR PRIMARY KEY, sql VARCHAR NOT NULL, saved_at TIMESTAMP NOT NULL)`);
}

export async function recordRun(db: Database, entry: { sql: string; rows: number | null; durationMs: number; error: string | null }): Promise<void> {
  await db.run(`INSERT INTO ${SCHEMA}.history (sql, ran_at, rows, duration_ms, error) VALUES (?, now()::TIMESTAMP, ?, ?, ?)`, [
    entry.sql,
    entry.rows,
    entry.durationMs,
    entry.error,
  ]);
  await db.run(`DELETE FROM ${SCHEMA}.history WHERE id <= (SELECT max(id) FROM ${SCHEMA}.history) - ${HISTORY_KEPT}`);
}

/** Newest first; `search` matches anywhere in the text, case-insensitively. */
export async function listHistory(db: Database, search: string, limit: number): Promise<HistoryEntry[]> {
  const rows = await db.rows(
    `SELECT id, sql, strftime(ran_at, '%Y-%m-%dT%H:%M:%S') AS ran_at, rows, duration_ms, error FROM ${SCHEMA}.history
     WHERE contains(lower(sql), lower(?)) ORDER BY id DESC LIMIT ?`,
    [search, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    sql: String(row.sql),
    ranAt: String(row.ran_at),
    rows: row.rows === null ? null : Number(row.rows),
    durationMs: Number(row.duration_ms),
    error: row.error === null ? null : String(row.error),
  }));
}

/** By name; `search` matches the name or the text. */
export async function listSaved(db: Database, search = ''): Promise<SavedQuery[]> {
  const rows = await db.rows(
    `SELECT name, sql, strftime(saved_at, '%Y-%m-%dT%H:%M:%S') AS saved_at FROM ${SCHEMA}.saved
     WHERE contains(lower(name), lower(?)) OR contains(lower(sql), lower(?)) ORDER BY lower(name)`,
    [search, search],
  );
  return rows.map((row) => ({ name: String(row.name), sql: String(row.sql), savedAt: String(row.saved_at) }));
}

/** Saves under a name (replacing a query of the same name). */
export async function saveQuery(db: Database, name: string, sql: string): Promise<SavedQuery[]> {
  await db.run(`INSERT OR REPLACE INTO ${SCHEMA}.saved VALUES (?, ?, now()::TIMESTAMP)`, [name.trim(), sql]);
  return listSaved(db);
}

export async function deleteSaved(db: Database, name: string): Promise<SavedQuery[]> {
  await db.run(`DELETE FROM ${SCHEMA}.saved WHERE name = ?`, [name]);
  return listSaved(db);
}
