// DuckDB's reader errors turned into messages a user can act on: which file,
// which line (or sheet row) and column, what is wrong there and what to do.
import { EngineError, type ErrorCode } from '../../../shared/result.js';
import { bounded, MAX_LINE_BYTES } from './limits.js';

export interface ErrorPlace {
  /** The file the user chose (not the temporary copy DuckDB read). */
  file: string;
  /** For a sheet: its name and how CSV lines map to sheet rows. */
  sheet?: { name: string; rowOfLine(line: number): number };
}

export function isInterrupt(error: unknown): boolean {
  return /interrupt/i.test(error instanceof Error ? error.message : String(error));
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.replace(/^[A-Za-z ]+Error: /, '').trim();
}

/**
 * An engine message fit to show: its first line, without the echo of the SQL
 * that failed (DuckDB appends "LINE 1: …" with a fragment of the query),
 * without control characters, and bounded in length.
 */
export function plainEngineMessage(raw: string): string {
  return bounded(firstLine(raw.replace(/\n\s*LINE \d+:[\s\S]*$/, '')).replace(/[\u0000-\u001f\u007f]/g, ' '));
}

/** A value quoted in a message: short, and without control characters. */
export function shownValue(value: string, max = 60): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * The error to report for a failed read of `place.file`. Interrupts (a
 * cancelled job) come back unchanged so the caller can treat them as cancels.
 */
export function explainReadError(place: ErrorPlace, error: unknown, code: ErrorCode = 'import_failed'): Error {
  if (error instanceof EngineError) return error;
  if (isInterrupt(error)) return error as Error;
  const raw = error instanceof Error ? error.message : String(error);
  const file = place.file;
  const lineMatch = /CSV Error on Line: (\d+)/.exec(raw);
  const line = lineMatch ? Number(lineMatch[1]) : null;
  const convert = /converting column "([^"]+)"\. Could not convert string "(.*?)" to '([^']+)'/.exec(raw);
  const column = convert?.[1] ?? null;
  const where =
    line === null
      ? file
      : place.sheet
        ? `${file}, sheet "${place.sheet.name}", row ${place.sheet.rowOfLine(line)}`
        : `${file}, line ${line}`;
  const at = column ? `${where}, column "${column}"` : where;
  const details = { file, line, column, sheet: place.sheet?.name ?? null, duckdb: bounded(raw) };
  let message: string;
  if (convert) {
    message = `${at}: "${shownValue(convert[2]!)}" is not a ${convert[3]} like the values above it. Correct or clear that value and import again.`;
  } else if (/Invalid unicode|not utf-8 encoded/i.test(raw)) {
    message = `${where}: the text is not valid UTF-8 here, although the start of the file is. Choose the file's encoding (for example windows-1252 or gb18030) and import again.`;
  } else if (/Expected Number of Columns: (\d+) Found: (\d+)/.test(raw)) {
    const [, expected, found] = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(raw)!;
    message = `${where}: ${found} values where the header has ${expected}. A value probably contains the delimiter without quotes around it; fix that line and import again.`;
  } else if (/unterminated quote/i.test(raw)) {
    message = `${where}: a quoted value is never closed. Close or remove the quote and import again.`;
  } else if (/Maximum line size/i.test(raw)) {
    message = `${where}: the line is longer than ${MAX_LINE_BYTES / 1024 ** 2} MB, which no table row is; the file is probably not delimited text, or a quote is never closed.`;
  } else if (/Error when sniffing file|not possible to automatically detect the CSV/i.test(raw)) {
    message = `${file}: could not work out its columns (delimiter and quoting). Check that it is a delimited text file, or save it again as CSV (UTF-8).`;
  } else if (/Malformed JSON/i.test(raw)) {
    const json = /at byte (\d+) in record\/value (\d+): ([^.\n]*)/.exec(raw);
    message = json
      ? `${file}: malformed JSON in record ${json[2]} (byte ${json[1]}): ${json[3]}. Fix the JSON, or export the data again, and import again.`
      : `${file}: malformed JSON (${plainEngineMessage(raw)}). Fix the JSON and import again.`;
  } else if (/parquet|magic bytes/i.test(raw) && !/CSV/.test(raw)) {
    message = `${file}: the Parquet file is damaged or unreadable (${plainEngineMessage(raw)}). Export it again.`;
  } else {
    message = `${at}: ${plainEngineMessage(raw)}`;
  }
  return new EngineError(code, bounded(message), details);
}
