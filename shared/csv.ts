// Every CSV the app writes for people (report zip, table and drill-down
// exports, rejected rows) goes through here: RFC 4180 quoting, and cells a
// spreadsheet would run as a formula neutralised (OWASP, "CSV Injection").
//
// A text cell that begins with =, +, -, @, tab, carriage return or NUL gets a
// leading single quote, which Excel, LibreOffice and Google Sheets read as
// "this is text" (so `=cmd|' /C calc'!A0` shows as itself and runs nothing).
// Numbers stay numbers: a number value is written as it is (negative too), and
// so is text that is nothing but a plain decimal number (`-12.5`, `+3`,
// `1e-5`): a spreadsheet reads those as numbers and no formula can hide in one.
//
// This is for files people open. The ingest's own temporary CSV copies
// (main/ingest/sources/csv-writer.ts) must keep values byte for byte.

/** Starts a formula (or DDE call) in some spreadsheet program when it leads a cell. */
const FORMULA_START = /^[=+\-@\t\r\0]/;
/** A plain decimal number, which every spreadsheet reads as a number and nothing else. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** The cell's text with a leading `'` when a spreadsheet would treat it as a formula. */
export function spreadsheetSafeText(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One CSV field: empty for null, numbers as written, text neutralised then quoted when needed. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = spreadsheetSafeText(text);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole CSV document: header then rows, CRLF line ends (RFC 4180), a final line end. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
