// Just enough of the ZIP format to look inside an .xlsx without reading it
// whole: the central directory at the end of the file, and one small entry.
import fs from 'node:fs';
import { Readable, Transform, Writable, pipeline as pipe } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  /** The CRC-32 of the uncompressed content, as the central directory records it. */
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY = 64 * 1024 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** The entries of a ZIP file; null when it has no readable central directory. */
export function zipEntries(filePath: string): ZipEntry[] | null {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 65_557);
    const tail = readAt(fd, size - tailLength, tailLength);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) return null;
    let count = tail.readUInt16LE(at + 10);
    let directorySize = tail.readUInt32LE(at + 12);
    let directoryOffset = tail.readUInt32LE(at + 16);
    if (directoryOffset === 0xffffffff && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
      const record = readAt(fd, Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) return null;
      count = Number(record.readBigUInt64LE(32));
      directorySize = Number(record.readBigUInt64LE(40));
      directoryOffset = Number(record.readBigUInt64LE(48));
    }
    if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) return null;
    const directory = readAt(fd, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count && p + 46 <= directory.length; k += 1) {
      if (directory.readUInt32LE(p) !== CENTRAL) return null;
      const nameLength = directory.readUInt16LE(p + 28);
      const extraLength = directory.readUInt16LE(p + 30);
      const commentLength = directory.readUInt16LE(p + 32);
      const entry: ZipEntry = {
        name: directory.toString('utf8', p + 46, p + 46 + nameLength),
        method: directory.readUInt16LE(p + 10),
        crc32: directory.readUInt32LE(p + 16),
        compressedSize: directory.readUInt32LE(p + 20),
        size: directory.readUInt32LE(p + 24),
        localHeaderOffset: directory.readUInt32LE(p + 42),
      };
      // ZIP64 sizes and offset live in the extra field (id 1) when the 32-bit ones are full.
      let x = p + 46 + nameLength;
      const extraEnd = x + extraLength;
      while (x + 4 <= extraEnd) {
        const id = directory.readUInt16LE(x);
        const length = directory.readUInt16LE(x + 2);
        if (id === 1) {
          let q = x + 4;
          const next = () => {
            const value = Number(directory.readBigUInt64LE(q));
            q += 8;
            return value;
          };
          if (entry.size === 0xffffffff) entry.size = next();
          if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
          if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
        }
        x += 4 + length;
      }
      entries.push(entry);
      p = extraEnd + commentLength;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** The content of one (small) entry. */
export function readZipEntry(filePath: string, entry: ZipEntry, maxBytes = 32 * 1024 * 1024): Buffer {
  if (entry.size > maxBytes || entry.compressedSize > maxBytes) throw new Error(`${entry.name} is too large to read whole`);
  const fd = fs.openSync(filePath, 'r');
  try {
    const local = readAt(fd, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new Error(`damaged entry ${entry.name}`);
    const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const data = readAt(fd, start, entry.compressedSize);
    if (entry.method === 0) return data;
    if (entry.method === 8) return zlib.inflateRawSync(data, { maxOutputLength: maxBytes });
    throw new Error(`${entry.name} uses compression method ${entry.method}`);
  } finally {
    fs.closeSync(fd);
  }
}

/** Where an entry's data begins: after its local header, whose name and extra field may differ from the directory's. */
function dataStart(filePath: string, entry: ZipEntry): number {
  const fd = fs.openSync(filePath, 'r');
  try {
    const local = readAt(fd, entry.localHeaderOffset, 30);
    if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) throw new Error(`the entry ${entry.name} is missing`);
    return entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * One entry's content as a stream of UTF-8 text, read from its own bytes
 * (found through the central directory), whatever the order of the entries.
 * `onBytes` hears each chunk of compressed bytes read. Content beyond the
 * size the directory records fails the stream (an entry cannot expand past
 * what verifyZip checked).
 */
export function zipEntryText(filePath: string, entry: ZipEntry, onBytes?: (bytes: number) => void): Readable {
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`${entry.name} uses compression method ${entry.method}`);
  const start = dataStart(filePath, entry);
  const stages: NodeJS.ReadWriteStream[] = [];
  if (onBytes) {
    stages.push(
      new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          onBytes(chunk.length);
          callback(null, chunk);
        },
      }),
    );
  }
  if (entry.method === 8) stages.push(zlib.createInflateRaw());
  let size = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > entry.size ? new Error(`the entry ${entry.name} is longer than recorded`) : null, chunk);
    },
    flush(callback) {
      callback(size < entry.size ? new Error(`the entry ${entry.name} is cut short`) : null);
    },
  });
  bounded.setEncoding('utf8');
  const input =
    entry.compressedSize > 0 ? fs.createReadStream(filePath, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 }) : Readable.from([]);
  // Errors reach the last stream (its reader); the callback only keeps them from going unhandled.
  return pipe([input, ...stages, bounded], () => undefined) as unknown as Readable;
}

/**
 * Checks every entry against the central directory: it inflates without
 * error, to exactly the recorded size, with the recorded CRC-32. A damaged
 * workbook (flipped bits) otherwise reads as changed values, or leaves the
 * spreadsheet reader waiting forever. Returns the first problem, or null.
 */
export async function verifyZip(filePath: string, entries: ZipEntry[], maxTotal: number, signal?: AbortSignal): Promise<string | null> {
  let total = 0;
  const fileSize = fs.statSync(filePath).size;
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.size === 0) continue;
    if (entry.method !== 0 && entry.method !== 8) return `${entry.name} uses compression method ${entry.method}`;
    total += entry.size;
    if (total > maxTotal) return 'it expands to far more than its size suggests';
    const fd = fs.openSync(filePath, 'r');
    let start: number;
    try {
      const local = readAt(fd, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL) return `the entry ${entry.name} is missing`;
      start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      fs.closeSync(fd);
    }
    let crc = 0;
    let size = 0;
    const check = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        crc = zlib.crc32(chunk, crc);
        callback(size > entry.size ? new Error('longer than recorded') : null);
      },
    });
    if (start + entry.compressedSize > fileSize) return `the entry ${entry.name} is cut short`;
    try {
      if (entry.compressedSize > 0) {
        const input = fs.createReadStream(filePath, { start, end: start + entry.compressedSize - 1 });
        await pipeline(entry.method === 8 ? [input, zlib.createInflateRaw(), check] : [input, check], { signal });
      }
    } catch (error) {
      if ((error as Error).name === 'AbortError') throw error;
      return `the entry ${entry.name} is damaged`;
    }
    if (size !== entry.size || (crc >>> 0) !== entry.crc32) return `the entry ${entry.name} is damaged (its checksum does not match)`;
  }
  return null;
}
