// One entry point: a file in any supported format and encoding becomes a
// Source, a DuckDB table-function call over UTF-8 text, Parquet or JSON.
// Text that is not UTF-8 and Excel sheets are first streamed to a temporary
// file; cleanup() removes it.
import path from 'node:path';
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { EngineError, type ErrorCode } from '../../../shared/result.js';
import { isUtf8 } from './encoding.js';
import { explainReadError, type ErrorPlace } from './errors.js';
import { convertedName, probeSource, type Probe, type ProbeOptions, type SourceFormat } from './probe.js';
import { decompressedLimit, MAX_COLUMNS, MAX_LINE_BYTES } from './limits.js';
import { verifyZip, zipEntries } from './zip.js';
import { scanContent } from './scan.js';
import { checkedDialect, guessedDialect, headLinesOf } from './dialect.js';
import { hasAnyValue, sniffCsv, type CsvDialect } from './sniff.js';
import { TempFolder } from './temp.js';
import { transcodeToUtf8 } from './transcode.js';
import { sheetToCsv } from './xlsx.js';

export interface SourceProgress {
  /** 'transcode': text being converted to UTF-8; 'xlsx': a sheet being read. */
  phase: 'transcode' | 'xlsx';
  bytesDone: number;
  bytesTotal: number;
}

export interface OpenOptions extends ProbeOptions {
  /** Runs DuckDB's CSV sniffer; any connection of the workspace (or one still opening while the file is probed). */
  connection: DuckDBConnection | Promise<DuckDBConnection>;
  signal?: AbortSignal;
  onProgress?: (progress: SourceProgress) => void;
  /** Where converted copies go (default: the OS temp folder). */
  tempDir?: string;
  /**
   * Delimited text: called while DuckDB sniffs the file, with the relation of
   * the reading its header suggests (dialect.ts, guessedDialect), so the caller
   * may start reading it meanwhile (the reader's inspect). The source's own
   * relation is the one to read; where it is the same text, so is the read.
   */
  onGuessedRelation?: (relation: (options?: RelationOptions) => string) => void;
}

export interface RelationOptions {
  /** Every column as VARCHAR, so the caller parses values itself. */
  allVarchar: boolean;
  /**
   * Delimited text: keep lines whose shape is wrong (field count, an unclosed
   * quote, invalid UTF-8; typed, also a value not of its column's type) out of
   * the rows and record them in this temporary table (DuckDB's reject_errors
   * layout) for the caller to report (misshapen.ts). Without it such lines are
   * skipped silently as text (for a preview), and stop a typed read.
   */
  rejectsTable?: string;
}

export interface Source {
  /** The file as the user chose it. */
  path: string;
  format: SourceFormat;
  /** Text formats: the encoding it was read in (detected or chosen). */
  encoding: string | null;
  /** The encoding was detected rather than chosen by the user. */
  encodingDetected: boolean;
  /** CSV: the delimiter DuckDB's sniffer found. */
  delimiter: string | null;
  /** CSV: ',' when numbers use a decimal comma (passed to typed reads). */
  decimalSeparator: '.' | ',' | null;
  /** Excel: every worksheet, in tab order, and the one read. */
  sheets: string[] | null;
  sheet: string | null;
  /** The file DuckDB reads: the original, or a converted temporary copy. */
  readPath: string;
  /** Lines before the first row (skipped lines and the header): the first row is line headerLines + 1. */
  headerLines: number;
  /** The SQL table-function call (or subquery) to select from. */
  relation(options?: RelationOptions): string;
  /** A reader error from DuckDB as a message naming the file, line/row and column. */
  explain(error: unknown, code?: ErrorCode): Error;
  /** Removes temporary files; safe to call more than once. */
  cleanup(): void;
}

/** A table wider than any export: refused before DuckDB materialises it. */
export function tooManyColumns(file: string, columns: number): EngineError {
  return new EngineError(
    'unsupported_file',
    `${file}: ${columns.toLocaleString('en-US')} columns, more than the ${MAX_COLUMNS.toLocaleString('en-US')} a data table can have here. Check the delimiter, or export only the columns you need.`,
    { file, columns },
  );
}

function cancelled(): EngineError {
  return new EngineError('cancelled', 'Cancelled: nothing was changed.');
}

const isAbort = (error: unknown) => (error as Error)?.name === 'AbortError' || (error as { code?: string })?.code === 'ABORT_ERR';

const asVarchar = (call: string) => `(SELECT COLUMNS(*)::VARCHAR FROM ${call})`;

/**
 * The read_csv calls of delimited text read with `dialect` (fixed: no second
 * guess by DuckDB): the checked delimiter and quoting, the sniffed header. As
 * text: every column VARCHAR. Typed: DuckDB detects only the column types.
 */
function csvRelation(literal: string, dialect: CsvDialect, compression: string): (relationOptions?: RelationOptions) => string {
  const decimalComma = dialect.decimalSeparator === ',';
  const dialectArgs =
    `delim = ${quotedString(dialect.delimiter)}, quote = ${quotedString(dialect.quote)}, escape = ${quotedString(dialect.escape)}, ` +
    `header = ${dialect.hasHeader}, skip = ${dialect.skipRows}${dialect.comment ? `, comment = ${quotedString(dialect.comment)}` : ''}, ` +
    `max_line_size = ${MAX_LINE_BYTES}${compression}`;
  const rejects = (rejectsTable?: string) =>
    rejectsTable ? `, store_rejects = true, rejects_table = ${quotedString(rejectsTable)}, rejects_scan = ${quotedString(`${rejectsTable}_scan`)}` : '';
  const columns = `{${dialect.columns.map((column) => `${quotedString(column.name)}: 'VARCHAR'`).join(', ')}}`;
  const names = `[${dialect.columns.map((column) => quotedString(column.name)).join(', ')}]`;
  return (relationOptions?: RelationOptions) =>
    relationOptions?.allVarchar
      ? `read_csv(${literal}, auto_detect = false, ${dialectArgs}, columns = ${columns}, ignore_errors = true${rejects(relationOptions.rejectsTable)})`
      : `read_csv(${literal}, auto_detect = true, ${dialectArgs}, names = ${names}${decimalComma ? ", decimal_separator = ','" : ''}${rejects(relationOptions?.rejectsTable)})`;
}

export async function openSource(filePath: string, options: OpenOptions): Promise<Source> {
  const probe = await probeSource(filePath, options);
  const temp = new TempFolder(options.tempDir);
  try {
    if (options.signal?.aborted) throw cancelled();
    switch (probe.format) {
      case 'parquet':
        return parquetSource(probe, temp);
      case 'xlsx':
        return await xlsxSource(probe, temp, options);
      default:
        return await textSource(probe, temp, options);
    }
  } catch (error) {
    temp.cleanup();
    if (isAbort(error) || options.signal?.aborted) throw cancelled();
    throw error;
  }
}

function base(probe: Probe, temp: TempFolder, place: ErrorPlace) {
  return {
    path: probe.path,
    format: probe.format,
    encoding: probe.encoding,
    encodingDetected: probe.encodingDetected,
    delimiter: null,
    decimalSeparator: null,
    sheets: probe.workbook ? probe.workbook.sheets.map((sheet) => sheet.name) : null,
    sheet: probe.sheet?.name ?? null,
    readPath: probe.path,
    headerLines: 1,
    explain: (error: unknown, code?: ErrorCode) => explainReadError(place, error, code),
    cleanup: () => temp.cleanup(),
  };
}

function parquetSource(probe: Probe, temp: TempFolder): Source {
  const call = `read_parquet(${quotedString(probe.path)})`;
  return {
    ...base(probe, temp, { file: probe.path }),
    relation: (options) => (options?.allVarchar ? asVarchar(call) : call),
  };
}

async function xlsxSource(probe: Probe, temp: TempFolder, options: OpenOptions): Promise<Source> {
  const sheet = probe.sheet!;
  const output = temp.file(`${path.basename(probe.path).replace(/\.[^.]*$/, '')}.${sheet.name}.csv`);
  const entries = zipEntries(probe.path);
  const damage = entries ? await verifyZip(probe.path, entries, decompressedLimit(probe.size), options.signal) : 'its directory is unreadable';
  if (damage) {
    throw new EngineError(
      'unsupported_file',
      `${probe.path}: the workbook is damaged: ${damage}. Open it in Excel and save it again, or export the sheet as CSV.`,
      { file: probe.path, damaged: true },
    );
  }
  let csv;
  try {
    csv = await sheetToCsv(probe.path, probe.workbook!, sheet, output, {
      signal: options.signal,
      onProgress: (bytesDone, bytesTotal) => options.onProgress?.({ phase: 'xlsx', bytesDone, bytesTotal }),
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new EngineError(
      'unsupported_file',
      `${probe.path}: could not read sheet "${sheet.name}" (${(error as Error).message}). Open the workbook in Excel, save it again, or export the sheet as CSV.`,
      { file: probe.path, sheet: sheet.name },
    );
  }
  const others = probe.workbook!.sheets.filter((s) => s !== sheet).map((s) => `"${s.name}"`);
  if (csv.names.length === 0) {
    throw new EngineError(
      'unsupported_file',
      `${probe.path}: sheet "${sheet.name}" is empty: it has no header row and no data.${others.length ? ` Choose another sheet (${others.join(', ')}).` : ''}`,
      { file: probe.path, sheet: sheet.name },
    );
  }
  const names = `[${csv.names.map((name) => quotedString(name)).join(', ')}]`;
  const readPath = output;
  const relation = (relationOptions?: RelationOptions) => {
    if (csv.rows === 0) {
      return `(SELECT ${csv.names.map((name) => `NULL::VARCHAR AS ${quotedIdentifier(name)}`).join(', ')} WHERE false)`;
    }
    return `read_csv(${quotedString(readPath)}, auto_detect = true, header = false, names = ${names}, delim = ',', quote = '"', escape = '"', null_padding = true${relationOptions?.allVarchar ? ', all_varchar = true' : ''})`;
  };
  return {
    ...base(probe, temp, { file: probe.path, sheet: { name: sheet.name, rowOfLine: csv.rowOfLine } }),
    readPath,
    relation,
  };
}

async function textSource(probe: Probe, temp: TempFolder, options: OpenOptions): Promise<Source> {
  let readPath = probe.path;
  let gzip = probe.gzip;
  const encoding = probe.encoding ?? 'utf-8';
  // DuckDB reads UTF-8 (and gzip) itself, BOM included for CSV; JSON with a BOM
  // and every other encoding are converted first.
  if (!isUtf8(encoding) || (probe.bom && probe.format !== 'csv')) {
    readPath = temp.file(convertedName(probe.path, probe.format));
    await transcodeToUtf8(probe.path, readPath, {
      encoding,
      gzip,
      signal: options.signal,
      onProgress: (bytesDone, bytesTotal) => options.onProgress?.({ phase: 'transcode', bytesDone, bytesTotal }),
    });
    gzip = false;
  }
  const json = probe.format === 'json' || probe.format === 'ndjson';
  if (gzip || json) {
    await scanContent(readPath, { gzip, json, lines: !json, display: probe.path, signal: options.signal });
  }
  const place: ErrorPlace = { file: probe.path };
  const literal = quotedString(readPath);
  const compression = gzip ? ", compression = 'gzip'" : '';
  if (probe.format === 'json' || probe.format === 'ndjson') {
    const shape = probe.format === 'ndjson' ? 'newline_delimited' : probe.jsonArray ? 'array' : 'auto';
    const call = `read_json(${literal}, format = '${shape}'${compression})`;
    return {
      ...base(probe, temp, place),
      readPath,
      relation: (relationOptions) => (relationOptions?.allVarchar ? asVarchar(call) : call),
    };
  }

  const connection = await options.connection;
  const sniffing = sniffCsv(connection, readPath, gzip);
  // Handled below, after the guess: not an unhandled rejection meanwhile.
  sniffing.catch(() => {});
  let head: Promise<string[]> | null = null;
  if (options.onGuessedRelation) {
    // While DuckDB sniffs: the reading the header suggests, for the caller to start.
    head = headLinesOf(readPath, gzip);
    const guess = guessedDialect((await head.catch(() => null)) ?? []);
    if (guess) options.onGuessedRelation(csvRelation(literal, guess, compression));
  }
  let sniffed;
  try {
    sniffed = await sniffing;
  } catch (error) {
    throw explainReadError(place, error, 'unsupported_file');
  }
  const dialect = checkedDialect(sniffed, await (head ?? headLinesOf(readPath, gzip)));
  const delimiter = dialect.delimiter;
  const relation = csvRelation(literal, dialect, compression);
  if (dialect.columns.length > MAX_COLUMNS) throw tooManyColumns(probe.path, dialect.columns.length);
  const generated = dialect.columns.every((column) => /^column\d+$/.test(column.name));
  if (dialect.columns.length === 0 || ((!dialect.hasHeader || generated) && !(await hasAnyValue(connection, relation({ allVarchar: true }))))) {
    throw new EngineError(
      'unsupported_file',
      `${probe.path} has no usable column: no header and no values were found. The first line should name the columns (for example customer_id${delimiter}amount${delimiter}start_date).`,
      { file: probe.path },
    );
  }
  return {
    ...base(probe, temp, place),
    delimiter,
    decimalSeparator: dialect.decimalSeparator,
    readPath,
    headerLines: dialect.skipRows + (dialect.hasHeader ? 1 : 0),
    relation,
  };
}
