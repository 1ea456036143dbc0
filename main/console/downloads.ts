// A result's file handed to the UI in chunks: written once to a temporary
// folder, read a chunk per request, removed after the last chunk (or when
// left unread for a while, or when the workspace closes). Neither side ever
// holds the whole file; the UI's Blob of the parts becomes the download.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ExportFormat } from '../../shared/console.js';
import { EngineError } from '../../shared/result.js';
import type { JobContext } from '../runtime/jobs.js';
import { writeResult } from './export.js';
import type { StoredResult } from './results.js';

/** A download not read to its end within this time is removed. */
const ABANDONED_MS = 10 * 60_000;

interface PendingDownload {
  dir: string;
  file: string;
  size: number;
  timer: NodeJS.Timeout;
}

export class Downloads {
  private readonly pending = new Map<string, PendingDownload>();

  async start(job: JobContext, result: StoredResult, format: ExportFormat): Promise<{ downloadId: string; size: number }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'churn-workbench-export-'));
    const file = path.join(dir, `result.${format}`);
    try {
      await writeResult(job, result, format, file);
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const downloadId = crypto.randomBytes(12).toString('hex');
    const size = fs.statSync(file).size;
    const timer = setTimeout(() => this.remove(downloadId), ABANDONED_MS).unref();
    this.pending.set(downloadId, { dir, file, size, timer });
    return { downloadId, size };
  }

  /** Bytes [offset, offset + length) of the file; the last chunk removes it. */
  chunk(downloadId: string, offset: number, length: number): Uint8Array {
    const download = this.pending.get(downloadId);
    if (!download) throw new EngineError('not_found', 'This download is gone (finished, or left unread too long): export again.');
    const bytes = Buffer.alloc(Math.max(0, Math.min(length, download.size - offset)));
    const fd = fs.openSync(download.file, 'r');
    try {
      fs.readSync(fd, bytes, 0, bytes.length, offset);
    } finally {
      fs.closeSync(fd);
    }
    if (offset + bytes.length >= download.size) this.remove(downloadId);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  get count(): number {
    return this.pending.size;
  }

  remove(downloadId: string): void {
    const download = this.pending.get(downloadId);
    if (!download) return;
    clearTimeout(download.timer);
    this.pending.delete(downloadId);
    fs.rmSync(download.dir, { recursive: true, force: true });
  }

  removeAll(): void {
    for (const id of [...this.pending.keys()]) this.remove(id);
  }
}
