// An import's files (the model's, or plain tables), each read in the reader
// process (reader/run.ts) one ahead of the engine: the first as the import
// starts (while the engine readies the workspace), the next as soon as the
// reader has handed over the one before, so it parses while the engine stages
// or loads that one. One read at a time, in the workspace's warm reader. A
// read not taken (the import failed or was cancelled) is stopped or removed by
// close().
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../runtime/database.js';
import type { JobContext } from '../runtime/jobs.js';
import { sourceOf, type IsolatedSource } from './reader/isolated.js';
import type { ReadMode } from './reader/protocol.js';
import { readInReader, type Read } from './reader/run.js';

/** A file to read, in the encoding and sheet asked for (detected when not). */
export interface FileToRead {
  path: string;
  encoding?: string | undefined;
  sheet?: string | undefined;
}

/** What the import does with a read once it takes it: where its rejects go ('stage'), and its progress. */
export interface Taking {
  rejectsTable?: string;
  connection?: DuckDBConnection;
  onStep: (step: string) => void;
  onPercent: (percent: number) => void;
}

export class ReadAhead {
  private readonly reads: Promise<Read>[] = [];
  /** The progress of the read the import waits for; a read ahead of it reports nothing. */
  private readonly listeners: Array<Pick<Taking, 'onStep' | 'onPercent'> | undefined> = [];
  private readonly stop = new AbortController();
  private taken = 0;

  constructor(
    private readonly db: Database,
    private readonly files: FileToRead[],
    job: JobContext,
    private readonly mode: Extract<ReadMode, 'stage' | 'table'>,
  ) {
    job.signal.addEventListener('abort', () => this.stop.abort(), { once: true });
    if (files.length > 0) this.start(0);
  }

  private start(index: number): Promise<Read> {
    const request = this.files[index]!;
    const read = readInReader(this.db, request.path, {
      mode: this.mode,
      ...(request.encoding ? { encoding: request.encoding } : {}),
      ...(request.sheet ? { sheet: request.sheet } : {}),
      signal: this.stop.signal,
      onStep: (step) => this.listeners[index]?.onStep(step),
      onPercent: (percent) => this.listeners[index]?.onPercent(percent),
    });
    this.reads[index] = read;
    // Handed over: the next file's read starts in the reader just freed (a failed read ends the import).
    read.then(
      () => {
        if (index + 1 < this.files.length && !this.stop.signal.aborted) this.start(index + 1);
      },
      () => {},
    );
    return read;
  }

  /** The `index`th file's Source, its rejects loaded as `taking` says; the import waits here while it is read. */
  async take(index: number, taking: Taking): Promise<IsolatedSource> {
    this.taken = index + 1;
    this.listeners[index] = taking;
    return sourceOf(await (this.reads[index] ?? this.start(index)), taking);
  }

  /** The import is over: a read it did not take is stopped, or its Parquet removed. */
  close(): void {
    this.stop.abort();
    for (const read of this.reads.slice(this.taken)) {
      read.then(
        (done) => done.cleanup(),
        () => {},
      );
    }
  }
}
