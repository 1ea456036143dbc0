// Writes rows as RFC 4180 CSV (comma, double quotes) to a file, in large
// chunks and respecting the stream's backpressure, so memory stays flat.
import fs from 'node:fs';
import { once } from 'node:events';

const FLUSH_CHARS = 256 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CsvWriter {
  private readonly stream: fs.WriteStream;
  private pending: string[] = [];
  private pendingChars = 0;
  private failure: Error | null = null;

  constructor(readonly path: string) {
    this.stream = fs.createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async writeRow(fields: string[]): Promise<void> {
    const line = `${fields.map(csvField).join(',')}\n`;
    this.pending.push(line);
    this.pendingChars += line.length;
    if (this.pendingChars >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.failure) throw this.failure;
  }

  /** Stops writing and closes the file (after an error or a cancel). */
  destroy(): void {
    this.pending = [];
    this.stream.destroy();
  }
}
