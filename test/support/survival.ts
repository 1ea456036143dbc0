// Reads the R reference values (test/fixtures/survival, written by reference.R)
// and finds the public data sets they were computed from.
import fs from 'node:fs';
import path from 'node:path';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/survival');

/** Why tests on the public data sets are skipped, or false when the data is there. */
export function missingSharedData(...files: string[]): string | false {
  const missing = files.filter((f) => !fs.existsSync(path.join(SHARED_DATA, f)));
  return missing.length ? `needs ${missing.join(', ')} in ${SHARED_DATA} (the public data sets beside the repository)` : false;
}

/** The rows of one reference CSV as text fields (R's write.csv: quoted strings, "" for NA). */
export type ReferenceRow = { readonly [column: string]: string };

export function reference(file: string): ReferenceRow[] {
  const [header, ...lines] = fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim().split('\n').map(splitCsvLine);
  return lines.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ''])) as ReferenceRow);
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** A reference number: null for R's NA. */
export const value = (text: string | undefined): number | null => (text === undefined || text === '' ? null : Number(text));
