// A plain table read (files.import, files.inspect) with the dialect the model
// import uses and its checks: a table is the file's rows exactly, or nothing.
// Runs in the reader process (reader/child.ts), on the reader's own DuckDB.
import { quotedIdentifier, type DuckDBConnection } from '@duckdb/node-api';
import type { ErrorCode } from '../../shared/result.js';
import type { Source } from './sources/index.js';
import { checkMisshapenLines } from './misshapen.js';

/**
 * Runs `read` over the source's typed rows (the delimiter the header agrees
 * with, RFC 4180 quoting). There is no rejects list here, so any line with the
 * wrong number of values, an unclosed quote or a value unlike its column's
 * type stops the read with its line (misshapen.ts), instead of being padded,
 * dropped or loaded as a whole line. `read` runs on `conn` (the rejects are
 * its temporary tables) and returns what it made and how many rows it read.
 */
export async function checkedRead<T>(
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  code: ErrorCode,
  read: (relation: string) => Promise<{ result: T; rows: number }>,
  /** `read` of the typed relation, already started on `conn`, a connection that had read nothing before it. */
  started?: Promise<{ result: T; rows: number }>,
): Promise<T> {
  const dropRejects = () => conn.run(`DROP TABLE IF EXISTS ${quotedIdentifier(rejectsTable)}; DROP TABLE IF EXISTS ${quotedIdentifier(`${rejectsTable}_scan`)}`);
  if (!started) await dropRejects();
  let outcome;
  try {
    outcome = await typedOrText(source, rejectsTable, read, started);
  } catch (error) {
    await dropRejects();
    throw source.explain(error, code);
  }
  await checkMisshapenLines(conn, source, rejectsTable, outcome.rows, true);
  return outcome.result;
}

/**
 * `read` over the typed relation, unless DuckDB cannot detect its types: they
 * come from a sample, and a quote never closed inside it leaves nothing to
 * detect them from. Then over the rows as text, which locates such a line (and
 * a file that reads cleanly as text loads as text). The sniffing fails as the
 * statement is bound, before anything is read or written (nor any rejects
 * table made), and the reader's connection holds no transaction it would end.
 */
async function typedOrText<T>(source: Source, rejectsTable: string, read: (relation: string) => Promise<T>, started?: Promise<T>): Promise<T> {
  try {
    return await (started ?? read(source.relation({ allVarchar: false, rejectsTable })));
  } catch (error) {
    if (!/Error when sniffing file/i.test((error as Error)?.message ?? '')) throw error;
    return read(source.relation({ allVarchar: true, rejectsTable }));
  }
}
