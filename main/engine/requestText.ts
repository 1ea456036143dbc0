// Text in a request that no handler may see. A NUL (U+0000) ends a C string:
// inside DuckDB it cuts a query or a parameter short ("Parser Error:
// unterminated quoted string"), and in a file path it names another file
// than the one asked for. No field of the contract has a use for one.

/** Where the first string holding a NUL is, as a dotted path ("request" for the top), or null. */
export function nulPath(value: unknown, at: (string | number)[] = []): string | null {
  if (typeof value === 'string') return value.includes('\0') ? at.join('.') || 'request' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, [...at, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\0')) return [...at, key].join('.');
      const found = nulPath(item, [...at, key]);
      if (found) return found;
    }
  }
  return null;
}
