// Samples of a file's bytes for detection: its head, plus windows spread
// through a large file, without ever reading the whole file. For a gzip file
// the samples are the start of the decompressed text.
import fs from 'node:fs';
import zlib from 'node:zlib';

const HEAD_BYTES = 64 * 1024;
const WINDOW_BYTES = 16 * 1024;
const WINDOWS = 7;
const GZIP_SAMPLE_BYTES = 256 * 1024;

export interface ByteSample {
  /** The first bytes of the (decompressed) content. */
  head: Buffer;
  /** The head, then windows further in, each starting and ending at a line break. */
  windows: Buffer[];
  /** The head holds the whole (decompressed) content. */
  complete: boolean;
}

export function readHead(filePath: string, bytes = HEAD_BYTES): Buffer {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** The bytes after the first line break and up to the last one. */
function lineAligned(window: Buffer, atEnd: boolean): Buffer {
  const first = window.indexOf(0x0a);
  if (first < 0) return Buffer.alloc(0);
  const last = atEnd ? window.length - 1 : window.lastIndexOf(0x0a);
  return last > first ? window.subarray(first + 1, last + 1) : Buffer.alloc(0);
}

export function samplePlainFile(filePath: string, size: number): ByteSample {
  const fd = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
    fs.readSync(fd, head, 0, head.length, 0);
    const windows: Buffer[] = [head];
    if (size > HEAD_BYTES * 4) {
      for (let k = 1; k <= WINDOWS; k += 1) {
        const offset = Math.floor((size * k) / (WINDOWS + 1));
        const length = Math.min(WINDOW_BYTES, size - offset);
        const window = Buffer.alloc(length);
        fs.readSync(fd, window, 0, length, offset);
        const aligned = lineAligned(window, offset + length >= size);
        if (aligned.length > 0) windows.push(aligned);
      }
    }
    return { head, windows, complete: size <= HEAD_BYTES };
  } finally {
    fs.closeSync(fd);
  }
}

/** The first bytes of a gzip file's content; throws when it is not valid gzip. */
export function sampleGzipFile(filePath: string): Promise<ByteSample> {
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(filePath, { highWaterMark: 64 * 1024 });
    const gunzip = zlib.createGunzip();
    const chunks: Buffer[] = [];
    let length = 0;
    let settled = false;
    const finish = (complete: boolean) => {
      if (settled) return;
      settled = true;
      input.destroy();
      gunzip.destroy();
      const head = Buffer.concat(chunks).subarray(0, GZIP_SAMPLE_BYTES);
      // Cut at the last line break so no character is split (unless it is all there is).
      const cut = complete ? head : head.subarray(0, Math.max(head.lastIndexOf(0x0a) + 1, Math.min(head.length, 1)));
      resolve({ head: cut, windows: [cut], complete });
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= GZIP_SAMPLE_BYTES) finish(false);
    });
    gunzip.on('end', () => finish(true));
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      input.destroy();
      gunzip.destroy();
      reject(error);
    };
    gunzip.on('error', fail);
    input.on('error', fail);
    input.pipe(gunzip);
  });
}
