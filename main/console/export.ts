// A console result as a file. CSV and Parquet are written by DuckDB's COPY
// straight from the result table; XLSX is streamed chunk by chunk from DuckDB
// into exceljs's streaming writer (Excel holds at most 1,048,576 rows). Files
// go to the path the user chose (CLI --out) or to a temporary file read out in
// chunks for a download (downloads.ts).
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import type { ExportFormat } from '../../shared/console.js';
import type { ColumnInfo } from '../../shared/contract.js';
import { spreadsheetSafeText } from '../../shared/csv.js';
import { EngineError } from '../../shared/result.js';
import { excel } from '../runtime/lazy.js';
import type { JobContext } from '../runtime/jobs.js';
import type { StoredResult } from './results.js';

/** Excel's sheet has 1,048,576 rows; one is the header. */
export const XLSX_MAX_ROWS = 1_048_575;

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * A text column for a CSV that people open: shared/csv.ts's rule in SQL (text
 * that would start a formula gets a leading quote, plain numbers stay as they are).
 */
export function spreadsheetSafeSql(expression: string): string {
  return `CASE WHEN regexp_matches(${expression}, '^[=+\\-@\\t\\r\\x00]') AND NOT regexp_matches(${expression}, '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$') THEN '''' || ${expression} ELSE ${expression} END`;
}

/** The SELECT list of a CSV export: numbers as they are, everything else as spreadsheet-safe text; headers too. */
function csvSelect(columns: ColumnInfo[]): string {
  return columns
    .map(({ name, type }) => {
      const id = quotedIdentifier(name);
      const header = quotedIdentifier(spreadsheetSafeText(name));
      return NUMERIC.test(type) ? `${id} AS ${header}` : `${spreadsheetSafeSql(`CAST(${id} AS VARCHAR)`)} AS ${header}`;
    })
    .join(', ');
}

async function writeXlsx(job: JobContext, result: StoredResult, file: string): Promise<void> {
  if (result.rowCount > XLSX_MAX_ROWS) {
    throw new EngineError(
      'invalid_request',
      `The result has ${result.rowCount.toLocaleString('en-US')} rows; an Excel sheet holds at most ${XLSX_MAX_ROWS.toLocaleString('en-US')}. Export it as CSV or Parquet, or filter it first.`,
    );
  }
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ filename: file, useStyles: true });
  const sheet = workbook.addWorksheet('Result', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = result.columns.map((column) => ({ header: column.name, key: column.name, width: Math.min(40, Math.max(10, column.name.length + 2)) }));
  // Numbers as DOUBLE (Excel's only number), dates and everything else as text.
  const select = result.columns
    .map(({ name, type }) => (NUMERIC.test(type) ? `CAST(${quotedIdentifier(name)} AS DOUBLE)` : `CAST(${quotedIdentifier(name)} AS VARCHAR)`))
    .join(', ');
  const stream = await job.connection.stream(`SELECT ${select} FROM ${result.relation} ORDER BY rowid`);
  let written = 0;
  for (;;) {
    job.throwIfCancelled();
    const chunk = await stream.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    // Every value is a DOUBLE or a VARCHAR (cast above): a JS number or string as it comes.
    for (const row of chunk.getRows()) sheet.addRow(row as (number | string | null)[]).commit();
    written += chunk.rowCount;
    job.step(`Writing XLSX: ${written.toLocaleString('en-US')} of ${result.rowCount.toLocaleString('en-US')} rows`);
  }
  sheet.commit();
  await workbook.commit();
}

/** Writes the result to `file` in `format`. */
export async function writeResult(job: JobContext, result: StoredResult, format: ExportFormat, file: string): Promise<void> {
  job.step(`Writing ${format.toUpperCase()}`);
  if (format === 'xlsx') return writeXlsx(job, result, file);
  const select = format === 'csv' ? csvSelect(result.columns) : '*';
  const options = { csv: 'FORMAT csv, HEADER true', parquet: 'FORMAT parquet, COMPRESSION zstd', json: 'FORMAT json, ARRAY true' }[format];
  await job.connection.run(`COPY (SELECT ${select} FROM ${result.relation} ORDER BY rowid) TO ${quotedString(file)} (${options})`);
}
