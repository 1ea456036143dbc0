// Bounds on what a file can make the engine do. Real exports stay far inside
// them; a file beyond one is refused (or its row rejected) with a message that
// says which bound and where, before DuckDB is asked to read it.

/** JSON nested deeper than this is refused before DuckDB's reader (whose recursion a hostile file can overflow) sees it. */
export const MAX_JSON_DEPTH = 64;

/** A line of delimited text (DuckDB's max_line_size): no row of a customer table comes near it. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A single value longer than this rejects its row (a field swallowing the rest of the file through a stray quote, or junk). */
export const MAX_FIELD_CHARS = 32 * 1024;

/** More columns than this is not a table of customers, subscriptions or invoices. */
export const MAX_COLUMNS = 2000;

/** Decompressed content may exceed the compressed file this many times only within DECOMPRESSED_FLOOR_BYTES. */
export const MAX_DECOMPRESSION_RATIO = 200;
export const DECOMPRESSED_FLOOR_BYTES = 1024 * 1024 * 1024;
/** Whatever the ratio, no compressed file expands beyond this. */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024 * 1024;

/** Every message shown to the user stays within this many characters. */
export const MAX_MESSAGE_CHARS = 500;

/** The decompressed size a compressed file of `compressedBytes` may reach. */
export function decompressedLimit(compressedBytes: number): number {
  return Math.min(MAX_DECOMPRESSED_BYTES, Math.max(DECOMPRESSED_FLOOR_BYTES, compressedBytes * MAX_DECOMPRESSION_RATIO));
}

/** A message cut to MAX_MESSAGE_CHARS, at a word where it can be. */
export function bounded(message: string, max = MAX_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  const cut = message.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
