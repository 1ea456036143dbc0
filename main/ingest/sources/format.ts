// What kind of file this is, from its first bytes (magic numbers) and its
// name: Parquet, gzip, an Excel workbook, another binary format, or text —
// and for text, whether it is JSON, NDJSON or delimited.
import path from 'node:path';

export type Container = 'parquet' | 'gzip' | 'zip' | 'text';
export type TextFormat = 'csv' | 'json' | 'ndjson';

/** Binary formats people pick by mistake, with what to do instead. */
const KNOWN_BINARY: { magic: number[]; offset?: number; what: string; todo: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel 97–2003 (.xls) or other Office file', todo: 'Open it in Excel and save it as .xlsx or CSV.' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', todo: 'Export the data from the program that made it as CSV or Excel.' },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', todo: 'Choose the data file instead.' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image', todo: 'Choose the data file instead.' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', todo: 'Choose the data file instead.' },
  { magic: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database', todo: 'Export the table you need as CSV.' },
  { magic: [0x44, 0x55, 0x43, 0x4b], offset: 8, what: 'a DuckDB database', todo: 'Open it as a workspace instead.' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive', todo: 'Extract it and open the CSV inside.' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive', todo: 'Extract it and open the CSV inside.' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'a Zstandard-compressed file', todo: 'Decompress it and open the file inside.' },
  { magic: [0x42, 0x5a, 0x68], what: 'a bzip2-compressed file', todo: 'Decompress it and open the file inside.' },
];

const startsWith = (head: Uint8Array, magic: number[], offset = 0) =>
  head.length >= offset + magic.length && magic.every((byte, i) => head[offset + i] === byte);

export function containerOf(head: Uint8Array): Container {
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'parquet';
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  return 'text';
}

/** A known binary format's description and remedy, if the head matches one. */
export function knownBinary(head: Uint8Array): { what: string; todo: string } | null {
  const hit = KNOWN_BINARY.find((entry) => startsWith(head, entry.magic, entry.offset));
  return hit ? { what: hit.what, todo: hit.todo } : null;
}

/** NUL and the C0 controls looksBinary counts. */
const BINARY_BYTE = /[\x00-\x08\x0b\x0e-\x19\x1c-\x1f]/;

/**
 * Bytes no text file has: NUL and most C0 controls (tab, line breaks, form
 * feed, escape and the DOS end-of-file mark are allowed).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  // Most samples have none of those bytes: found out natively, not byte by byte in JavaScript.
  if (!BINARY_BYTE.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'))) return false;
  let bad = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x1a) bad += 1;
  }
  return bad > Math.max(2, bytes.length * 0.005);
}

/** The file name without compression suffix, lower-cased extension. */
export function innerExtension(filePath: string): string {
  const base = path.basename(filePath).toLowerCase().replace(/\.(gz|gzip)$/, '');
  return path.extname(base);
}

/** JSON, NDJSON or delimited text, from the start of the decoded text. */
export function textFormatOf(text: string, filePath: string): TextFormat {
  const ext = innerExtension(filePath);
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('[')) return 'json';
  if (!trimmed.startsWith('{')) return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  // One object per line: the first line parses on its own.
  const firstLine = trimmed.split(/\r?\n/, 1)[0]!.trim();
  try {
    JSON.parse(firstLine);
    return 'ndjson';
  } catch {
    return 'json';
  }
}
