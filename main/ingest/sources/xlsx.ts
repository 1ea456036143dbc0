// Excel workbooks: the list of sheets (from the ZIP directory, without
// reading the sheets), and one sheet streamed to a temporary CSV: its entry,
// the shared strings and the styles each read from the ZIP directory's
// offsets, the sheet's XML through exceljs's worksheet reader: dates as ISO
// text, numbers as plain text, formulas as their cached results, header from
// the first non-empty row.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excelParseSax, excelStyles, excelWorksheetReader } from '../../runtime/lazy.js';
import { CsvWriter } from './csv-writer.js';
import { MAX_COLUMNS } from './limits.js';
import { readZipEntry, zipEntries, zipEntryText, type ZipEntry } from './zip.js';

export interface SheetInfo {
  name: string;
  /** The sheet's XML inside the ZIP, e.g. xl/worksheets/sheet2.xml. */
  entry: string;
  hidden: boolean;
}

export interface Workbook {
  sheets: SheetInfo[];
  date1904: boolean;
}

function xmlText(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (_all, code: string) => {
    const lower = code.toLowerCase();
    if (lower === 'amp') return '&';
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    return String.fromCodePoint(lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10));
  });
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found[match[1]!] = xmlText(match[2] ?? match[3] ?? '');
  }
  return found;
}

/** The workbook's worksheets in tab order; null when the file is not a readable workbook. */
export function readWorkbook(filePath: string): Workbook | null {
  const entries = zipEntries(filePath);
  if (!entries) return null;
  const find = (name: string) => entries.find((entry) => entry.name === name);
  const book = find('xl/workbook.xml');
  if (!book) return null;
  const bookXml = readZipEntry(filePath, book).toString('utf8');
  const relsEntry = find('xl/_rels/workbook.xml.rels');
  const relsXml = relsEntry ? readZipEntry(filePath, relsEntry).toString('utf8') : '';
  const targets = new Map<string, string>();
  for (const match of relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const rel = attributes(match[0]);
    if (rel.Id && rel.Target) {
      const target = rel.Target.startsWith('/') ? rel.Target.slice(1) : `xl/${rel.Target.replace(/^\.\//, '')}`;
      targets.set(rel.Id, target);
    }
  }
  const sheets: SheetInfo[] = [];
  for (const match of bookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const sheet = attributes(match[0]);
    const relId = Object.entries(sheet).find(([key]) => /(^|:)id$/.test(key) && key !== 'sheetId')?.[1];
    const entry = relId ? targets.get(relId) : undefined;
    // Chart sheets and dialog sheets hold no cells.
    if (!sheet.name || !entry || !/^xl\/worksheets\//.test(entry)) continue;
    sheets.push({ name: sheet.name, entry, hidden: sheet.state === 'hidden' || sheet.state === 'veryHidden' });
  }
  const props = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(bookXml);
  const date1904 = props ? /^(1|true)$/i.test(attributes(props[0]).date1904 ?? '') : false;
  return { sheets, date1904 };
}

/** The sheet opened by default: the first visible one. */
export function defaultSheet(workbook: Workbook): SheetInfo | null {
  return workbook.sheets.find((sheet) => !sheet.hidden) ?? workbook.sheets[0] ?? null;
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// Date formats: strip quoted text, escapes and [colour]/[$-locale] codes, then
// look for day, month, year, hour or second placeholders.
function isDateFormat(format: string | undefined): boolean {
  if (!format || format === 'General') return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare);
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  const days = serial - 25569 + (date1904 ? 1462 : 0);
  return new Date(Math.round((days * 86_400_000) / 1000) * 1000);
}

/** A date as ISO text: the day alone when there is no time, the time alone for a bare time. */
export function isoText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000);
  const iso = rounded.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return day;
  if (day === '1899-12-30' || day === '1899-12-31') return time;
  return `${day} ${time}`;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  return Object.is(value, -0) ? '0' : String(value);
}

type Scalar = string | number | boolean | Date | null | undefined;

function scalarText(value: Scalar, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoText(value);
  if (isDateFormat(numFmt)) return isoText(excelSerialToDate(value, date1904));
  return numberText(value);
}

/** The text of a cell as the sheet shows its value (without number formatting). */
export function cellText(cell: ExcelJS.Cell, date1904: boolean): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return scalarText(value as Scalar, undefined, date1904);
  const object = value as Record<string, unknown>;
  if ('formula' in object || 'sharedFormula' in object) {
    const result = object.result as unknown;
    if (result !== null && typeof result === 'object' && !(result instanceof Date)) return ''; // an error result
    return scalarText(result as Scalar, cell.numFmt, date1904);
  }
  if (Array.isArray(object.richText)) return (object.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
  if ('hyperlink' in object) {
    const text = object.text as unknown;
    if (text !== null && typeof text === 'object' && Array.isArray((text as { richText?: unknown }).richText)) {
      return ((text as { richText: { text?: string }[] }).richText).map((run) => run.text ?? '').join('');
    }
    return typeof text === 'string' ? text : String(object.hyperlink ?? '');
  }
  return ''; // #N/A and other error values
}

export interface SheetCsv {
  /** Column names: the header row's texts, made unique; blank ones named after the column letter. */
  names: string[];
  /** Data rows written (blank rows are skipped). */
  rows: number;
  /** The sheet row (1-based) that held the header. */
  headerRow: number;
  /** The sheet row of a line of the CSV (1-based, the CSV has no header line). */
  rowOfLine(line: number): number;
}

export interface SheetCsvOptions {
  signal?: AbortSignal;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Give up when neither bytes nor rows move for this long (default NO_PROGRESS_MS). */
  noProgressMs?: number;
}

/**
 * Reading that stands still this long (a file on a drive that stopped
 * answering, a pipe that delivers nothing more: idle, at 0% CPU) stops with
 * "the workbook is probably damaged" instead of hanging. A damaged entry
 * itself fails at once (inflate error, or not the size the directory records).
 */
export const NO_PROGRESS_MS = 30_000;

/** Rejects once `lastProgress()` is older than `limit`; stop() ends the watch. */
function watchProgress(lastProgress: () => number, limit: number): { stalled: Promise<never>; stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      if (Date.now() - lastProgress() > limit) reject(new Error(`reading stopped making progress for ${Math.round(limit / 1000)} s; the workbook is probably damaged`));
    }, Math.min(1000, limit));
  });
  stalled.catch(() => undefined);
  return { stalled, stop: () => clearInterval(timer) };
}

function uniqueNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, index) => {
    const base = name.trim() === '' ? `column_${columnLetters(index + 1)}` : name.trim();
    let unique = base;
    for (let n = 2; seen.has(unique.toLowerCase()); n += 1) unique = `${base}_${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

function abortError(): Error {
  const error = new Error('The operation was aborted');
  error.name = 'AbortError';
  return error;
}

// exceljs's parts, typed as far as they are used here.
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: { name: string } | string };
type ParseSax = (input: AsyncIterable<string>) => AsyncIterable<SaxEvent[]>;
interface StyleManager {
  init(): void;
  parseStream(input: AsyncIterable<string>): Promise<unknown>;
}
type SharedString = string | { richText: { text: string | null }[] } | null;
interface WorksheetReaderOptions {
  workbook: { sharedStrings: SharedString[] | undefined; styles: StyleManager; properties: { model: { date1904: boolean } } };
  id: string;
  iterator: AsyncIterable<string>;
  options: { worksheets: 'emit'; hyperlinks: 'ignore' };
}
type WorksheetReader = new (options: WorksheetReaderOptions) => AsyncIterable<ExcelJS.Row>;

/** What reading a sheet's cells needs besides its own XML: the shared strings, the number formats, the date system. */
export interface SheetParts {
  sharedStrings?: SharedString[];
  /** The number formats of xl/styles.xml; without it, the built-in ones. */
  styles?: StyleManager;
  date1904: boolean;
}

/**
 * The shared strings as exceljs's workbook reader keeps them (the text of
 * each item; a list of runs for rich text). Only the text is kept: a cell
 * shows no formatting.
 */
async function readSharedStrings(xml: AsyncIterable<string>, signal?: AbortSignal): Promise<SharedString[]> {
  const strings: SharedString[] = [];
  let text: string | null = null;
  let runs: { text: string | null }[] = [];
  for await (const events of (excelParseSax() as ParseSax)(xml)) {
    if (signal?.aborted) throw abortError();
    for (const { eventType, value } of events) {
      if (eventType === 'text') {
        text = text ? text + (value as string) : (value as string);
        continue;
      }
      const name = (value as { name: string }).name;
      if (eventType === 'opentag') {
        if (name === 'si') {
          runs = [];
          text = null;
        } else if (name === 't') text = null;
      } else if (name === 'r') {
        runs.push({ text });
        text = null;
      } else if (name === 'si') {
        strings.push(runs.length ? { richText: runs } : text);
        runs = [];
        text = null;
      }
    }
  }
  return strings;
}

/**
 * Streams one worksheet to `output` as CSV without a header line. Each part
 * (shared strings, styles, the sheet) is read from its own entry, found in
 * the ZIP directory: never through the order of the entries in the file,
 * which exceljs's workbook reader depended on (with xl/workbook.xml last, it
 * could reach a worksheet before the workbook's model and fail, under load,
 * with "Cannot read properties of undefined (reading 'sheets')").
 */
export async function sheetToCsv(
  filePath: string,
  workbook: Workbook,
  sheet: SheetInfo,
  output: string,
  options: SheetCsvOptions = {},
): Promise<SheetCsv> {
  // Not a regular file (a pipe): no directory to read, and opening it to look would wait for a writer.
  if (!fs.statSync(filePath).isFile()) throw new Error('it is not a regular file');
  const entries = zipEntries(filePath);
  if (!entries) throw new Error('its ZIP directory is unreadable');
  const find = (name: string) => entries.find((entry) => entry.name === name);
  const sheetEntry = find(sheet.entry);
  if (!sheetEntry) throw new Error(`the workbook has no cells stored for sheet "${sheet.name}"`);
  const stringsEntry = find('xl/sharedStrings.xml');
  const stylesEntry = find('xl/styles.xml');
  const read = [stringsEntry, stylesEntry, sheetEntry].filter((entry) => entry !== undefined);
  const total = read.reduce((sum, entry) => sum + entry.compressedSize, 0);
  let done = 0;
  let lastProgress = Date.now();
  const onBytes = (bytes: number) => {
    done += bytes;
    lastProgress = Date.now();
    options.onProgress?.(done, total);
  };
  const opened: Readable[] = [];
  const open = (entry: ZipEntry) => {
    const stream = zipEntryText(filePath, entry, onBytes);
    opened.push(stream);
    return stream;
  };
  const parts: SheetParts = { date1904: workbook.date1904 };
  const readParts = async () => {
    if (stringsEntry) parts.sharedStrings = await readSharedStrings(open(stringsEntry), options.signal);
    if (stylesEntry) {
      parts.styles = new (excelStyles() as new () => StyleManager)();
      await parts.styles.parseStream(open(stylesEntry));
    }
  };
  const watch = watchProgress(() => lastProgress, options.noProgressMs ?? NO_PROGRESS_MS);
  try {
    await Promise.race([readParts(), watch.stalled]);
  } catch (error) {
    for (const stream of opened) stream.destroy();
    throw error;
  } finally {
    watch.stop();
  }
  if (options.signal?.aborted) throw abortError();
  return sheetXmlToCsv(open(sheetEntry), parts, output, options);
}

/** One worksheet's XML (a stream of text) to `output` as CSV without a header line. */
export async function sheetXmlToCsv(xml: Readable, parts: SheetParts, output: string, options: SheetCsvOptions = {}): Promise<SheetCsv> {
  let styles = parts.styles;
  if (!styles) {
    styles = new (excelStyles() as new () => StyleManager)();
    styles.init();
  }
  let lastProgress = Date.now();
  async function* moving(): AsyncGenerator<string> {
    for await (const chunk of xml) {
      lastProgress = Date.now();
      yield chunk as string;
    }
  }
  const worksheet = new (excelWorksheetReader() as WorksheetReader)({
    workbook: { sharedStrings: parts.sharedStrings, styles, properties: { model: { date1904: parts.date1904 } } },
    id: '1',
    iterator: moving(),
    options: { worksheets: 'emit', hyperlinks: 'ignore' },
  });
  const writer = new CsvWriter(output);
  let names: string[] | null = null;
  let headerRow = 0;
  let rows = 0;
  // Where the sheet skips rows, the line → row offset changes: [first line, its row].
  const breaks: [number, number][] = [];
  const watch = watchProgress(() => lastProgress, options.noProgressMs ?? NO_PROGRESS_MS);
  const readRows = async () => {
    let previousRow = -1;
    for await (const row of worksheet) {
      if (options.signal?.aborted) throw abortError();
      const texts: string[] = [];
      let last = 0;
      row.eachCell((cell, column) => {
        const text = cellText(cell, parts.date1904);
        texts[column - 1] = text;
        if (text !== '') last = Math.max(last, column);
      });
      if (last === 0) continue;
      // Every later line is written as wide as the widest row: one stray value far to the right would make each of them thousands of empty fields.
      if (last > MAX_COLUMNS) {
        throw new Error(
          `row ${row.number} has a value in column ${columnLetters(last)}, the ${last.toLocaleString('en-US')}th: more than the ${MAX_COLUMNS.toLocaleString('en-US')} columns a data table can have here. Delete what is beyond the table's last column`,
        );
      }
      if (names === null) {
        names = uniqueNames(Array.from({ length: last }, (_, i) => texts[i] ?? ''));
        headerRow = row.number;
        continue;
      }
      if (last > names.length) {
        const extra = Array.from({ length: last - names.length }, (_, i) => `column_${columnLetters(names!.length + i + 1)}`);
        names = uniqueNames([...names, ...extra]);
      }
      const fields = Array.from({ length: names.length }, (_, i) => texts[i] ?? '');
      rows += 1;
      if (row.number !== previousRow + 1) breaks.push([rows, row.number]);
      previousRow = row.number;
      lastProgress = Date.now();
      await writer.writeRow(fields);
    }
    await writer.close();
  };
  try {
    await Promise.race([readRows(), watch.stalled]);
  } catch (error) {
    writer.destroy();
    xml.destroy();
    throw error;
  } finally {
    watch.stop();
  }
  return {
    names: names ?? [],
    rows,
    headerRow,
    rowOfLine(line: number): number {
      let lo = 0;
      let hi = breaks.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (breaks[mid]![0] <= line) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (at < 0) return line;
      const [firstLine, firstRow] = breaks[at]!;
      return firstRow + (line - firstLine);
    },
  };
}
