// Text in any encoding to a UTF-8 file, as a stream: the file is read in
// chunks, gunzipped on the way when compressed, decoded with iconv-lite and
// written out, so memory stays flat however large the file is.
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { iconvLite } from '../../runtime/lazy.js';
import { decompressedLimit } from './limits.js';
import { damagedArchive, ExpansionLimit } from './scan.js';

export interface TranscodeOptions {
  /** The input's encoding, an iconv-lite name. */
  encoding: string;
  /** The input is gzip-compressed. */
  gzip?: boolean;
  signal?: AbortSignal;
  /** Called as input bytes are consumed (compressed bytes for gzip). */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

class ByteCounter extends Transform {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly report?: (bytesDone: number, bytesTotal: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.done += chunk.length;
    this.report?.(this.done, this.total);
    callback(null, chunk);
  }
}

/**
 * Writes `input` decoded from `options.encoding` to `output` as UTF-8 without
 * a BOM. On failure or abort the partial output is removed and the error
 * (an AbortError for a cancel) is rethrown.
 */
export async function transcodeToUtf8(input: string, output: string, options: TranscodeOptions): Promise<void> {
  const total = fs.statSync(input).size;
  const stages: NodeJS.ReadWriteStream[] = [new ByteCounter(total, options.onProgress)];
  if (options.gzip) stages.push(zlib.createGunzip(), new ExpansionLimit(input, decompressedLimit(total)));
  const iconv = iconvLite();
  stages.push(iconv.decodeStream(options.encoding, { stripBOM: true }), iconv.encodeStream('utf8'));
  try {
    await pipeline(
      fs.createReadStream(input, { highWaterMark: 1024 * 1024 }),
      ...(stages as [NodeJS.ReadWriteStream]),
      fs.createWriteStream(output),
      { signal: options.signal },
    );
  } catch (error) {
    fs.rmSync(output, { force: true });
    if (options.gzip && /^Z_/.test((error as { code?: string }).code ?? '')) throw damagedArchive(input, error);
    throw error;
  }
}
