// Compaction of a workspace file. DuckDB reuses the blocks a rolled-back
// import wrote, but never gives them back to the file system (it has no VACUUM
// that shrinks the file): a workspace of 8.9 MB is 15 MB after one failed
// import of a large file. Compacting copies the database into a new file
// (ATTACH + COPY FROM DATABASE: schemas, tables, constraints, indexes, views,
// macros, sequences), checks the copy, moves it beside the workspace and swaps
// it in with a rename, which is atomic: a crash leaves either the old file or
// the new one, and at worst a leftover copy, removed the next time the
// workspace opens.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';

const COPY_MARK = '.compacting-';
const COPY_ALIAS = 'cw_compact_copy';

/** The bytes a workspace takes on disk: its file and its write-ahead log. */
export function workspaceBytes(file: string): number {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(file) + size(`${file}.wal`);
}

/** A failed or cancelled import left enough behind to be worth rewriting the file: a tenth of it, and at least 1 MiB. */
export function grewEnough(before: number, after: number): boolean {
  return after - before >= Math.max(1024 * 1024, before / 10);
}

/** Copies of an interrupted compaction beside the workspace (only ever half-made: the swap is a rename). */
export function removeCompactionLeftovers(file: string): void {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + COPY_MARK;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

async function tableCounts(db: Database, database: string): Promise<Map<string, string>> {
  const tables = await db.rows(
    `SELECT schema_name AS s, table_name AS t FROM duckdb_tables() WHERE database_name = ? ORDER BY ALL`,
    [database],
  );
  const counts = new Map<string, string>();
  for (const { s, t } of tables) {
    const name = `${quotedIdentifier(database)}.${quotedIdentifier(String(s))}.${quotedIdentifier(String(t))}`;
    const [row] = await db.rows(`SELECT count(*) AS n FROM ${name}`);
    counts.set(`${String(s)}.${String(t)}`, String(row?.n));
  }
  return counts;
}

/**
 * Writes a compacted copy of the open workspace beside it and returns its
 * path, after checking it holds the same tables with the same row counts.
 * DuckDB writes the copy in the workspace's temporary folder (the only place
 * it may write when file access is confined, as in browser mode); the copy is
 * then moved beside the workspace, so that the swap is a rename on one disk.
 * The caller closes the workspace and swaps the copy in (swapIn).
 */
export async function writeCompactedCopy(db: Database): Promise<string> {
  if (!db.path) throw new Error('a scratch workspace has no file to compact');
  const id = crypto.randomBytes(4).toString('hex');
  fs.mkdirSync(db.resources.tempDirectory, { recursive: true });
  const scratch = path.join(db.resources.tempDirectory, `compact-${id}.duckdb`);
  const copy = `${db.path}${COPY_MARK}${id}`;
  const [current] = await db.rows('SELECT current_database() AS name');
  const source = String(current?.name);
  const remove = (...files: string[]) => files.forEach((file) => fs.rmSync(file, { force: true }));
  try {
    await db.run(`ATTACH ${quotedString(scratch)} AS ${COPY_ALIAS}`);
    try {
      await db.run(`COPY FROM DATABASE ${quotedIdentifier(source)} TO ${COPY_ALIAS}`);
      const [before, after] = [await tableCounts(db, source), await tableCounts(db, COPY_ALIAS)];
      if (JSON.stringify([...before]) !== JSON.stringify([...after])) {
        throw new EngineError('internal', 'The compacted copy of the workspace did not hold the same tables and rows; the workspace was left as it was.');
      }
      // Everything into the copy's file itself: it must not depend on a log beside it.
      await db.run(`CHECKPOINT ${COPY_ALIAS}`);
    } finally {
      await db.run(`DETACH ${COPY_ALIAS}`);
    }
    if (fs.existsSync(`${scratch}.wal`)) {
      throw new EngineError('internal', 'The compacted copy of the workspace was not complete; the workspace was left as it was.');
    }
    fs.copyFileSync(scratch, copy);
    return copy;
  } catch (error) {
    remove(copy);
    throw error;
  } finally {
    remove(scratch, `${scratch}.wal`);
  }
}

/** Replaces the (closed) workspace file by its compacted copy. */
export function swapIn(copy: string, file: string): void {
  // The old file's log would be replayed onto the new file. After a clean close there is none; if
  // there is, the workspace stays as it was.
  if (fs.existsSync(`${file}.wal`)) {
    fs.rmSync(copy, { force: true });
    throw new EngineError('internal', 'The workspace could not be compacted (a write-ahead log was left open); it was left as it was.');
  }
  fs.renameSync(copy, file);
}
