// A sniffed dialect checked against the file's own header before anything is
// loaded. DuckDB's sniffer picks the reading under which every sampled line
// has the same number of fields; a few ragged lines, or one stray quote, make
// it settle for a reading no one meant — a single column holding whole lines,
// or quoting switched off so "C000063 keeps its quote. The header says what
// was meant: its delimiter, and RFC 4180 quoting.
import { readHead, sampleGzipFile } from './sample.js';
import type { CsvDialect } from './sniff.js';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The fields of one line, split at `delimiter` outside double quotes, unquoted. */
export function splitLine(line: string, delimiter: string): string[] {
  // No quote: the walk below splits at every delimiter, as split does (natively, where the walk
  // built each field a character at a time: most of a small file's dialect check).
  if (delimiter !== '' && !line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** The candidate delimiter splitting the header into the most fields; null when none splits it. */
export function delimiterOfHeader(header: string): string | null {
  let best: string | null = null;
  let most = 1;
  for (const candidate of CANDIDATES) {
    const count = splitLine(header, candidate).length;
    if (count > most) {
      best = candidate;
      most = count;
    }
  }
  return best;
}

/** The first lines of the file (at most `count`), decoded as UTF-8; the last may be cut short. */
export async function headLinesOf(readPath: string, gzip: boolean, count = 200): Promise<string[]> {
  const head = gzip ? (await sampleGzipFile(readPath)).head : readHead(readPath, 256 * 1024);
  return head.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n|\r/).slice(0, count);
}

/** The most common field count of the lines at `delimiter` (blank lines left out). */
function commonFieldCount(lines: string[], delimiter: string): number {
  const tally = new Map<number, number>();
  for (const line of lines.slice(0, -1)) {
    if (line.trim() === '') continue;
    const count = splitLine(line, delimiter).length;
    tally.set(count, (tally.get(count) ?? 0) + 1);
  }
  let best = 0;
  let most = 0;
  for (const [count, n] of tally) if (n > most) [best, most] = [count, n];
  return best;
}

/** Header names as DuckDB makes them: trimmed, blanks named column<n>, repeats numbered. */
function uniqueNames(raw: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((name, index) => {
    const base = name.trim() === '' ? `column${index}` : name.trim();
    let unique = base;
    for (let n = 1; seen.has(unique.toLowerCase()); n += 1) unique = `${base}_${n}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/**
 * The dialect a file's header suggests before DuckDB has sniffed it: the
 * candidate delimiter splitting the first line into the most fields (a comma
 * if none), RFC 4180 quoting, that line the header. For most files it is the
 * dialect checkedDialect settles on. Null when the first line is blank.
 */
export function guessedDialect(headLines: string[]): CsvDialect | null {
  const header = headLines[0];
  if (header === undefined || header.trim() === '') return null;
  const delimiter = delimiterOfHeader(header) ?? ',';
  const columns = uniqueNames(splitLine(header, delimiter)).map((name) => ({ name, type: 'VARCHAR' }));
  return { delimiter, quote: '"', escape: '"', comment: '', skipRows: 0, hasHeader: true, decimalSeparator: '.', columns };
}

/**
 * The dialect to read with. When the sniffer's reading gives one column but
 * the header splits at a common delimiter, or gives more columns than the
 * header has, the header wins (lines that disagree with it are then rejected
 * or reported, not loaded as whole lines or padded).
 * Quoting is RFC 4180's double quote unless the sniffer found another, so a
 * quote that is opened and never closed is reported where it opens.
 */
export function checkedDialect(dialect: CsvDialect, headLines: string[]): CsvDialect {
  let checked = dialect;
  const first = headLines.findIndex((line) => line.trim() !== '');
  const delimiter = dialect.columns.length === 1 && first >= 0 ? (delimiterOfHeader(headLines[first]!) ?? dialect.delimiter) : dialect.delimiter;
  // The sniffer skipped lines and took as the header a line shaped unlike most (a ragged row):
  // the first line with the common shape is the header. A title above a real header stays skipped.
  const common = commonFieldCount(headLines, delimiter);
  const shaped = headLines.findIndex((line) => line.trim() !== '' && splitLine(line, delimiter).length === common);
  const sniffedHeaderShaped = splitLine(headLines[dialect.skipRows] ?? '', delimiter).length === common;
  const skipRows = common > 1 && shaped >= 0 && shaped < dialect.skipRows && !sniffedHeaderShaped ? shaped : dialect.skipRows;
  const names = splitLine(headLines[skipRows] ?? '', delimiter);
  // One column, a field count the header does not have (ragged lines padded out), or a header skipped: the header decides.
  if (names.length > 1 && (names.length !== dialect.columns.length || skipRows !== dialect.skipRows)) {
    checked = { ...dialect, delimiter, skipRows, hasHeader: true, columns: uniqueNames(names).map((name) => ({ name, type: 'VARCHAR' })) };
  }
  if (checked.quote === '') checked = { ...checked, quote: '"', escape: '"' };
  return checked;
}
