// What the import's reader process (child.ts) and the engine (isolated.ts)
// say to each other, per read: one request in, beats while it works, one
// answer out. The same process then waits for the next request (warm.ts).
import type { ErrorCode } from '../../../shared/result.js';
import type { Source } from '../sources/index.js';

/**
 * What the reader leaves in its folder:
 * - 'stage': every row as text (data.parquet) and the lines DuckDB kept out (rejects.parquet), for model.import;
 * - 'preview': the first `sampleRows` rows as text, for the mapping dialog (model.suggest);
 * - 'table': every row, typed as DuckDB detects them and checked (checkedRead.ts), for files.import;
 * - 'inspect': nothing: its columns and row count come in the answer, for files.inspect.
 */
export type ReadMode = 'stage' | 'preview' | 'table' | 'inspect';

/** What a 'table' or 'inspect' read found: its rows and typed columns. */
export interface TableFacts {
  rows: number;
  columns: { name: string; type: string }[];
}

export interface ReadRequest {
  path: string;
  mode: ReadMode;
  /** The reader's private folder: its Parquet output, converted copies and spill files. */
  folder: string;
  encoding?: string;
  sheet?: string;
  sampleRows?: number;
  /** DuckDB's memory_limit in the reader, in MiB. */
  memoryMiB: number;
  threads: number;
  /** The folders the reader's DuckDB may touch (browser mode: the engine's own confinement); absent: anywhere. */
  allowedDirectories?: string[];
  /** Tests only: the failure to make in this read (CW_TEST_READER_FAULT, see child.ts). */
  fault?: string;
}

/** The Source's facts (everything but the functions and the file read), as the parent rebuilds it over the Parquet. */
export type SourceFacts = Omit<Source, 'readPath' | 'relation' | 'explain' | 'cleanup'>;

export type ReaderMessage =
  /** Sent every BEAT_MS: CPU time used so far (µs), resident memory (bytes), and what moved. */
  | { type: 'beat'; cpuMicros: number; rss: number; step: string | null; percent: number | null }
  | { type: 'done'; source: SourceFacts; rejects: boolean; table: TableFacts | null; rss: number }
  | { type: 'error'; code: ErrorCode; message: string; details: unknown; rss: number };

export const BEAT_MS = 250;

/** The names of the files the reader writes in its folder. */
export const DATA_FILE = 'data.parquet';
export const REJECTS_FILE = 'rejects.parquet';
