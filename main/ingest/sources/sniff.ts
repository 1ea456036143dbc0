// DuckDB's CSV sniffer on a UTF-8 (possibly gzipped) text file: the
// delimiter, whether there is a header, and whether numbers use a decimal comma.
import { quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { MAX_LINE_BYTES } from './limits.js';

export interface CsvDialect {
  delimiter: string;
  /** '' when the sniffer found no quoting in its sample. */
  quote: string;
  escape: string;
  comment: string;
  /** Lines before the header (a title, a blank line). */
  skipRows: number;
  hasHeader: boolean;
  decimalSeparator: '.' | ',';
  columns: { name: string; type: string }[];
}

const NUMERIC = /^(DOUBLE|FLOAT|REAL|DECIMAL)/;

const character = (value: unknown) => (value === null || value === undefined || String(value) === '(empty)' ? '' : String(value));

async function sniff(connection: DuckDBConnection, args: string): Promise<Omit<CsvDialect, 'decimalSeparator'>> {
  const reader = await connection.runAndReadAll(
    `SELECT Delimiter AS d, Quote AS q, Escape AS e, Comment AS m, SkipRows AS s, HasHeader AS h, Columns AS c FROM sniff_csv(${args})`,
  );
  const [row] = reader.getRowObjectsJS() as { d: string; q: string; e: string; m: string; s: number | bigint; h: boolean; c: { name: string; type: string }[] }[];
  if (!row) throw new Error('Error when sniffing file: no result');
  return {
    delimiter: String(row.d),
    quote: character(row.q),
    escape: character(row.e),
    comment: character(row.m),
    skipRows: Number(row.s ?? 0),
    hasHeader: Boolean(row.h),
    columns: row.c.map((c) => ({ name: String(c.name), type: String(c.type) })),
  };
}

/** The file's dialect; throws DuckDB's error when it cannot be sniffed. */
export async function sniffCsv(connection: DuckDBConnection, filePath: string, gzip: boolean): Promise<CsvDialect> {
  const args = `${quotedString(filePath)}, max_line_size = ${MAX_LINE_BYTES}${gzip ? ", compression = 'gzip'" : ''}`;
  const plain = await sniff(connection, args);
  // European exports: semicolon (or tab) delimited with 12,50 for twelve and a half.
  // The sniffer does not try the decimal comma itself, so sniff again with it.
  if (plain.delimiter !== ',') {
    const comma = await sniff(connection, `${args}, decimal_separator = ','`).catch(() => null);
    const numeric = (columns: { type: string }[]) => columns.filter((c) => NUMERIC.test(c.type)).length;
    if (comma && comma.delimiter === plain.delimiter && numeric(comma.columns) > numeric(plain.columns)) {
      return { ...comma, decimalSeparator: ',' };
    }
  }
  return { ...plain, decimalSeparator: '.' };
}

/** Whether any of the first rows has a non-blank value (the header excluded). */
export async function hasAnyValue(connection: DuckDBConnection, relation: string): Promise<boolean> {
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM (SELECT * FROM ${relation} LIMIT 20000) t
     WHERE trim(concat_ws('', COLUMNS(*)::VARCHAR)) <> ''`,
  );
  const [row] = reader.getRowObjectsJS() as { n: bigint | number }[];
  return Number(row?.n ?? 0) > 0;
}
