// How a preset recognises a file by its header, for the import presets and the
// reconciliation's reference presets alike: the names it requires, the names
// that rule it out, and how many of its optional names must be there; then,
// per field, the first of its candidate columns the file has.
import { normalizeHeader } from './fields.js';

export interface HeaderSignature {
  requires: readonly string[];
  excludes?: readonly string[];
  anyOf: readonly string[];
  minAnyOf: number;
}

/** The file's column with this header, compared after normalizeHeader. */
export function findColumn(columns: readonly string[], header: string): string | undefined {
  const key = normalizeHeader(header);
  return columns.find((column) => normalizeHeader(column) === key);
}

/** The file's columns the signature matched (required, then optional, each once), or null when the file does not carry it. */
export function signatureMatch(signature: HeaderSignature, columns: readonly string[]): string[] | null {
  const required = signature.requires.map((header) => findColumn(columns, header));
  if (required.some((column) => column === undefined)) return null;
  if ((signature.excludes ?? []).some((header) => findColumn(columns, header) !== undefined)) return null;
  const optional = signature.anyOf.map((header) => findColumn(columns, header)).filter((c): c is string => c !== undefined);
  if (optional.length < signature.minAnyOf) return null;
  return [...new Set([...(required as string[]), ...optional])];
}

/** Each field's column: the first of its candidates the file has, each column used once. */
export function fieldsFromCandidates<F extends string>(candidates: Partial<Record<F, readonly string[]>>, columns: readonly string[]): Partial<Record<F, string>> {
  const fields: Partial<Record<F, string>> = {};
  const used = new Set<string>();
  for (const [field, names] of Object.entries(candidates) as [F, readonly string[]][]) {
    for (const name of names) {
      const column = findColumn(columns, name);
      if (column !== undefined && !used.has(column)) {
        fields[field] = column;
        used.add(column);
        break;
      }
    }
  }
  return fields;
}
