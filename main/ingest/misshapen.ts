// Lines of delimited text whose shape is wrong — more or fewer fields than the
// header, a quote opened and never closed, text that is not UTF-8 — as DuckDB
// recorded them while staging (store_rejects). A few lines with the wrong
// field count are rejected like any bad row, with their line; many mean the
// file was not understood, and a quote that is never closed swallows every
// line after it: both stop the import with a message saying where.
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
  text: string;
}

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${str(name)}`);
  return Number((reader.getRowObjectsJS()[0] as { n: bigint }).n) > 0;
}

async function misshapenLines(conn: DuckDBConnection, table: string): Promise<Misshapen[]> {
  const reader = await conn.runAndReadAll(`
    SELECT line, min(error_type) AS type, min(column_idx) AS column_idx, min(byte_position - line_byte_position) AS byte_in_line,
           any_value(left(csv_line, 200)) AS text
    FROM ${ident(table)} GROUP BY line ORDER BY line LIMIT 100001`);
  return (reader.getRowObjectsJS() as Record<string, unknown>[]).map((row) => ({
    line: Number(row.line),
    type: String(row.type),
    column: row.column_idx === null ? null : Number(row.column_idx),
    byteInLine: row.byte_in_line === null ? null : Number(row.byte_in_line),
    text: String(row.text ?? ''),
  }));
}

const listed = (lines: Misshapen[]) => `${lines.slice(0, 5).map((l) => l.line).join(', ')}${lines.length > 5 ? ', …' : ''}`;

/**
 * Reads what DuckDB kept out of `stage`, and either stops the import or
 * records those lines in churn.rejects (reason wrong_field_count) and puts the
 * staged rows' line numbers right. Returns the number of lines rejected.
 */
export async function handleMisshapenLines(
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  stage: string,
  importId: number,
  stagedRows: number,
  stopOnAny: boolean,
): Promise<number> {
  if (!(await tableExists(conn, rejectsTable))) return 0;
  try {
    const lines = await misshapenLines(conn, rejectsTable);
    if (lines.length === 0) return 0;
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
    const other = lines.find((l) => l.type !== 'TOO MANY COLUMNS' && l.type !== 'MISSING COLUMNS');
    if (other) {
      throw new EngineError('import_failed', `${file}, line ${other.line}: this line could not be read as a row (${other.type.toLowerCase()}): "${shownValue(other.text)}".`, {
        file,
        line: other.line,
      });
    }
    const allowed = stopOnAny ? 0 : Math.max(FEW_MISSHAPEN_LINES, Math.floor((stagedRows + lines.length) * FEW_MISSHAPEN_SHARE));
    if (lines.length > allowed) {
      const count = lines.length > 100_000 ? 'more than 100,000' : lines.length.toLocaleString('en-US');
      throw new EngineError(
        'import_failed',
        `${file}: ${count} lines have a different number of values than the header (lines ${listed(lines)}). The delimiter may be other than "${source.delimiter === '\t' ? 'tab' : source.delimiter}", or values contain it without quotes. Fix those lines (or export the file again) and import again.`,
        { file, lines: lines.slice(0, 100).map((l) => l.line) },
      );
    }
    const values = lines.map((l) => `(${l.line}, ${str(l.type === 'TOO MANY COLUMNS' ? 'too_many_values' : 'too_few_values')}, ${str(l.text)})`).join(', ');
    await conn.run(`CREATE TEMP TABLE ${rejectsTable}_lines AS SELECT * FROM (VALUES ${values}) t(line, kind, text)`);
    await conn.run(`
      INSERT INTO churn.rejects
      SELECT ${importId}, ${str(file)}, line, NULL, text, 'wrong_field_count', to_json({'line': text, 'problem': kind})
      FROM ${rejectsTable}_lines`);
    // Staged rows were numbered as if no line was left out: the k-th row is after every left-out line with fewer good rows before it.
    await conn.run(`
      UPDATE ${stage} SET _line = _line + (
        SELECT count(*) FROM (SELECT line - ${source.headerLines} - row_number() OVER (ORDER BY line) AS good_before FROM ${rejectsTable}_lines) r
        WHERE r.good_before < ${stage}._line - ${source.headerLines})`);
    await conn.run(`DROP TABLE ${rejectsTable}_lines`);
    return lines.length;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${ident(rejectsTable)}; DROP TABLE IF EXISTS ${ident(`${rejectsTable}_scan`)}`);
  }
}
