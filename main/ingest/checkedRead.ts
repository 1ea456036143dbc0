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
 * dropped or loaded as a whole line. `read` returns what it made and how many
 * rows it read; `connect` gives a connection of the same database.
 */
export async function checkedRead<T>(
  conn: DuckDBConnection,
  connect: () => Promise<DuckDBConnection>,
  source: Source,
  rejectsTable: string,
  code: ErrorCode,
  read: (relation: string, columns: ColumnFacts[]) => Promise<{ result: T; rows: number }>,
): Promise<T> {
  const dropRejects = () => conn.run(`DROP TABLE IF EXISTS ${quotedIdentifier(rejectsTable)}; DROP TABLE IF EXISTS ${quotedIdentifier(`${rejectsTable}_scan`)}`);
  await dropRejects();
  let outcome;
  try {
    const { relation, columns } = await typedOrText(connect, source, rejectsTable);
    outcome = await read(relation, columns);
  } catch (error) {
    await dropRejects();
    throw source.explain(error, code);
  }
  await checkMisshapenLines(conn, source, rejectsTable, outcome.rows, true);
  return outcome.result;
}

/** A relation's columns and their types, as DESCRIBE gives them. */
export interface ColumnFacts {
  name: string;
  type: string;
}

async function describe(conn: DuckDBConnection, relation: string): Promise<ColumnFacts[]> {
  const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return described.getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

/**
 * The typed relation and its columns, unless DuckDB cannot detect its types:
 * they come from a sample, and a quote never closed inside it leaves nothing
 * to detect them from. Then the rows as text, which locates such a line (and
 * a file that reads cleanly as text loads as text). Asked on a connection of
 * its own, as a failed statement would end the caller's transaction.
 */
async function typedOrText(connect: () => Promise<DuckDBConnection>, source: Source, rejectsTable: string): Promise<{ relation: string; columns: ColumnFacts[] }> {
  const typed = source.relation({ allVarchar: false, rejectsTable });
  const probe = await connect();
  try {
    return { relation: typed, columns: await describe(probe, typed) };
  } catch (error) {
    if (!/Error when sniffing file/i.test((error as Error)?.message ?? '')) throw error;
    const text = source.relation({ allVarchar: true, rejectsTable });
    return { relation: text, columns: await describe(probe, text) };
  } finally {
    probe.closeSync();
  }
}
