// One streaming pass over a text file's whole content before DuckDB reads it,
// for what only the whole file can tell: a gzip archive that is damaged
// (checksum, length, truncation), content that expands beyond the bounds, a
// line too long to be a row, and JSON nested deeper than any export (DuckDB's
// JSON reader recurses, and a few kilobytes of brackets overflow its stack).
import fs from 'node:fs';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { EngineError } from '../../../shared/result.js';
import { decompressedLimit, MAX_JSON_DEPTH, MAX_LINE_BYTES } from './limits.js';

export interface ScanOptions {
  /** The file is gzip-compressed: verify it and bound what it expands to. */
  gzip: boolean;
  /** Track nesting depth (JSON and NDJSON). */
  json: boolean;
  /** Bound physical line length (delimited text). */
  lines: boolean;
  /** The name to report (the file the user chose, not a converted copy). */
  display: string;
  signal?: AbortSignal;
}

const refuse = (file: string, message: string, details: Record<string, unknown> = {}) =>
  new EngineError('unsupported_file', message, { file, ...details });

/** A gzip decoder's error as the sentence the user reads. */
export function damagedArchive(file: string, error: unknown): EngineError {
  const raw = (error as Error)?.message ?? String(error);
  const why = /unexpected end/i.test(raw)
    ? 'it ends too early (the file is truncated)'
    : /data check|length check/i.test(raw)
      ? 'its checksum does not match its content'
      : 'its compressed data is invalid';
  return refuse(file, `${file}: the archive is damaged: ${why}. Compress the file again, or open it uncompressed.`, { damaged: true });
}

/** Counts decompressed bytes and stops the stream once they pass the limit. */
export class ExpansionLimit extends Transform {
  private total = 0;

  constructor(
    private readonly file: string,
    private readonly limit: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limit) {
      callback(
        refuse(
          this.file,
          `${this.file}: expands to more than ${Math.round(this.limit / 1024 ** 2).toLocaleString('en-US')} MB when decompressed, far more than a data export compresses; it looks like a compression bomb. Decompress it yourself if it is genuine.`,
        ),
      );
      return;
    }
    callback(null, chunk);
  }
}

class ContentCheck extends Writable {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Offset of the current line's first byte. */
  private lineStart = 0;
  private offset = 0;

  constructor(private readonly options: ScanOptions) {
    super();
  }

  private fail(message: string, at: number): EngineError {
    const column = at - this.lineStart + 1;
    const file = this.options.display;
    return refuse(file, `${file}, line ${this.line}, column ${column}: ${message}`, { line: this.line, column });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const error = this.options.json ? this.scanJson(chunk) : this.scanLines(chunk);
    this.offset += chunk.length;
    if (error) callback(error);
    else callback();
  }

  private scanLines(chunk: Buffer): EngineError | null {
    if (!this.options.lines) return null;
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, from);
      const end = newline < 0 ? chunk.length : newline;
      if (this.offset + end - this.lineStart > MAX_LINE_BYTES) {
        return this.fail(`the line is longer than ${MAX_LINE_BYTES / 1024 ** 2} MB, which no table row is; the file is probably not delimited text.`, this.lineStart + MAX_LINE_BYTES);
      }
      if (newline < 0) return null;
      this.line += 1;
      this.lineStart = this.offset + newline + 1;
      from = newline + 1;
    }
  }

  private scanJson(chunk: Buffer): EngineError | null {
    let { depth, inString, escaped, line, lineStart } = this;
    const base = this.offset;
    for (let i = 0; i < chunk.length; i += 1) {
      const b = chunk[i]!;
      if (b === 0x0a) {
        line += 1;
        lineStart = base + i + 1;
      } else if (inString) {
        if (escaped) escaped = false;
        else if (b === 0x5c) escaped = true;
        else if (b === 0x22) inString = false;
      } else if (b === 0x22) inString = true;
      else if (b === 0x5b || b === 0x7b) {
        depth += 1;
        if (depth > MAX_JSON_DEPTH) {
          Object.assign(this, { line, lineStart });
          return this.fail(`the JSON is nested more than ${MAX_JSON_DEPTH} levels deep, which no data export is. Export the data again as a list of flat records.`, base + i);
        }
      } else if (b === 0x5d || b === 0x7d) depth -= 1;
    }
    Object.assign(this, { depth, inString, escaped, line, lineStart });
    return null;
  }
}

/** Throws an EngineError naming the file (and line and column) when the content is beyond the bounds or the archive is damaged. */
export async function scanContent(filePath: string, options: ScanOptions): Promise<void> {
  const stages: NodeJS.ReadWriteStream[] = [];
  if (options.gzip) stages.push(zlib.createGunzip(), new ExpansionLimit(options.display, decompressedLimit(fs.statSync(filePath).size)));
  try {
    const streams = [fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }), ...stages, new ContentCheck(options)];
    await pipeline(streams, { signal: options.signal });
  } catch (error) {
    if (error instanceof EngineError) throw error;
    if (options.gzip && /^Z_/.test((error as { code?: string }).code ?? '')) {
      throw damagedArchive(options.display, error);
    }
    throw error;
  }
}
