// Lines of delimited text whose shape is wrong — more or fewer fields than the
// header, a quote opened and never closed, text that is not UTF-8 — as DuckDB
// recorded them while staging (store_rejects). A few lines with the wrong
// field count are rejected like any bad row, with their line; many mean the
// file was not understood, and a quote that is never closed swallows every
// line after it: both stop the import with a message saying where. The plain
// table browser (tables.ts) reads typed columns and has no rejects list: any
// such line, or a value not of its column's detected type, stops its load.
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';
import { ident, str } from '../runtime/sql.js';
import { shownValue } from './sources/errors.js';
import type { Source } from './sources/index.js';

/** Lines with the wrong field count are rejected while they are at most this many, or this share of the rows. */
export const FEW_MISSHAPEN_LINES = 10;
export const FEW_MISSHAPEN_SHARE = 0.01;

interface Misshapen {
  line: number;
  type: string;
  column: number | null;
  byteInLine: number | null;
  /** A value that is not of its column's detected type (typed reads only): the column's name and DuckDB's message. */
  columnName: string | null;
  message: string;
  text: string;
}

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${str(name)}`);
  return Number((reader.getRowObjectsJS()[0] as { n: bigint }).n) > 0;
}

// A line can have several problems (a line split at the wrong delimiter is short of values and
// its first value not a number): the one reported is where the line went wrong first.
const PRIORITY = `CASE error_type WHEN 'UNQUOTED VALUE' THEN 0 WHEN 'INVALID ENCODING' THEN 1 WHEN 'INVALID UNICODE' THEN 1
  WHEN 'TOO MANY COLUMNS' THEN 2 WHEN 'MISSING COLUMNS' THEN 2 WHEN 'CAST' THEN 4 ELSE 3 END`;

async function misshapenLines(conn: DuckDBConnection, table: string): Promise<Misshapen[]> {
  const reader = await conn.runAndReadAll(`
    SELECT line, arg_min(error_type, ${PRIORITY}) AS type, arg_min(column_idx, ${PRIORITY}) AS column_idx,
           arg_min(byte_position - line_byte_position, ${PRIORITY}) AS byte_in_line,
           arg_min(column_name, ${PRIORITY}) AS column_name, arg_min(left(error_message, 300), ${PRIORITY}) AS message,
           any_value(left(csv_line, 200)) AS text
    FROM ${ident(table)} GROUP BY line ORDER BY line LIMIT 100001`);
  return (reader.getRowObjectsJS() as Record<string, unknown>[]).map((row) => ({
    line: Number(row.line),
    type: String(row.type),
    column: row.column_idx === null ? null : Number(row.column_idx),
    byteInLine: row.byte_in_line === null ? null : Number(row.byte_in_line),
    columnName: row.column_name === null ? null : String(row.column_name),
    message: String(row.message ?? ''),
    text: String(row.text ?? ''),
  }));
}

const listed = (lines: Misshapen[]) => `${lines.slice(0, 5).map((l) => l.line).join(', ')}${lines.length > 5 ? ', …' : ''}`;

/**
 * Reads what DuckDB kept out of a read with `rejectsTable` (and drops that
 * table): stops with a message naming the file and line when a quote is never
 * closed, the text is not UTF-8, a value is not of its column's type, or more
 * lines than allowed (any, with `stopOnAny`) have the wrong number of values.
 * Returns the lines with the wrong number of values that may be rejected.
 */
export async function checkMisshapenLines(
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  goodRows: number,
  stopOnAny: boolean,
): Promise<Misshapen[]> {
  if (!(await tableExists(conn, rejectsTable))) return [];
  let lines: Misshapen[];
  try {
    lines = await misshapenLines(conn, rejectsTable);
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${ident(rejectsTable)}; DROP TABLE IF EXISTS ${ident(`${rejectsTable}_scan`)}`);
  }
  if (lines.length === 0) return [];
  const file = source.path;
  const quote = lines.find((l) => l.type === 'UNQUOTED VALUE');
  if (quote) {
    const column = quote.byteInLine === null ? '' : `, column ${quote.byteInLine + 1}`;
    throw new EngineError(
      'import_failed',
      `${file}, line ${quote.line}${column}: a quoted value opens here and is never closed, so every line after it would be read into it. Close or remove the quote and import again.`,
      { file, line: quote.line, column: quote.byteInLine === null ? null : quote.byteInLine + 1 },
    );
  }
  const encoding = lines.find((l) => l.type === 'INVALID ENCODING' || l.type === 'INVALID UNICODE');
  if (encoding) {
    throw new EngineError(
      'import_failed',
      `${file}, line ${encoding.line}: the text is not valid UTF-8 here, although the start of the file is. Choose the file's encoding (for example windows-1252 or gb18030) and import again.`,
      { file, line: encoding.line },
    );
  }
  const misshapen = lines.filter((l) => l.type === 'TOO MANY COLUMNS' || l.type === 'MISSING COLUMNS');
  const allowed = stopOnAny ? 0 : Math.max(FEW_MISSHAPEN_LINES, Math.floor((goodRows + misshapen.length) * FEW_MISSHAPEN_SHARE));
  if (misshapen.length > allowed) {
    const count = misshapen.length > 100_000 ? 'more than 100,000 lines have' : misshapen.length === 1 ? '1 line has' : `${misshapen.length.toLocaleString('en-US')} lines have`;
    throw new EngineError(
      'import_failed',
      `${file}: ${count} a different number of values than the header (${misshapen.length === 1 ? 'line' : 'lines'} ${listed(misshapen)}). The delimiter may be other than "${source.delimiter === '\t' ? 'tab' : source.delimiter}", or values contain it without quotes. Fix those lines (or export the file again) and import again.`,
      { file, lines: misshapen.slice(0, 100).map((l) => l.line) },
    );
  }
  const cast = lines.find((l) => l.type === 'CAST');
  if (cast) {
    const [, value, type] = /Could not convert string "(.*)" to '([^']+)'/s.exec(cast.message) ?? [];
    throw new EngineError(
      'import_failed',
      `${file}, line ${cast.line}, column "${cast.columnName}": ${value === undefined ? 'this value' : `"${shownValue(value)}"`} is not ${type ? `a ${type}` : 'of the type'} like the values above it. Correct or clear that value and import again.`,
      { file, line: cast.line, column: cast.columnName },
    );
  }
  const other = lines.find((l) => l.type !== 'TOO MANY COLUMNS' && l.type !== 'MISSING COLUMNS');
  if (other) {
    throw new EngineError('import_failed', `${file}, line ${other.line}: this line could not be read as a row (${other.type.toLowerCase()}): "${shownValue(other.text)}".`, {
      file,
      line: other.line,
    });
  }
  return misshapen;
}

/**
 * Checks what DuckDB kept out of the stage (checkMisshapenLines) and puts the
 * line numbers (_line) of the staged tables right: the stage, and any table
 * keyed by its lines. The lines rejected stay in `${rejectsTable}_lines`
 * until recordMisshapenLinesSql writes them to churn.rejects (the model import
 * stages before its transaction and writes the model inside it). Returns the
 * number of lines rejected.
 */
export async function putMisshapenLinesRight(
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  staged: readonly string[],
  stagedRows: number,
  stopOnAny: boolean,
): Promise<number> {
  const lines = await checkMisshapenLines(conn, source, rejectsTable, stagedRows, stopOnAny);
  if (lines.length === 0) return 0;
  const values = lines.map((l) => `(${l.line}, ${str(l.type === 'TOO MANY COLUMNS' ? 'too_many_values' : 'too_few_values')}, ${str(l.text)})`).join(', ');
  await conn.run(`CREATE TEMP TABLE ${rejectsTable}_lines AS SELECT * FROM (VALUES ${values}) t(line, kind, text)`);
  // Staged rows were numbered as if no line was left out: the k-th row is after every left-out line with fewer good rows before it.
  for (const table of staged) {
    await conn.run(`
      UPDATE ${table} AS t SET _line = t._line + (
        SELECT count(*) FROM (SELECT line - ${source.headerLines} - row_number() OVER (ORDER BY line) AS good_before FROM ${rejectsTable}_lines) r
        WHERE r.good_before < t._line - ${source.headerLines})`);
  }
  return lines.length;
}

/** The lines putMisshapenLinesRight rejected, into churn.rejects (reason wrong_field_count); nothing when it rejected none. */
export function recordMisshapenLinesSql(importId: number, file: string, rejectsTable: string): string {
  return `
    INSERT INTO churn.rejects
    SELECT ${importId}, ${str(file)}, line, NULL, text, 'wrong_field_count', to_json({'line': text, 'problem': kind})
    FROM ${rejectsTable}_lines;
    DROP TABLE ${rejectsTable}_lines`;
}

/** Both at once: putMisshapenLinesRight, then the rejected lines recorded. */
export async function handleMisshapenLines(
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  staged: readonly string[],
  importId: number,
  stagedRows: number,
  stopOnAny: boolean,
): Promise<number> {
  const rejected = await putMisshapenLinesRight(conn, source, rejectsTable, staged, stagedRows, stopOnAny);
  if (rejected) await conn.run(recordMisshapenLinesSql(importId, source.path, rejectsTable));
  return rejected;
}
