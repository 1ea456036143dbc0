// A file read in a reader process (run.ts) as a Source over the Parquet the
// reader wrote, so the staging, checks and load that follow run in the
// engine's DuckDB exactly as before; previews likewise.
import path from 'node:path';
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../../runtime/database.js';
import { explainReadError, type Source } from '../sources/index.js';
import { DATA_FILE, REJECTS_FILE, type TableFacts } from './protocol.js';
import { readInReader, type Read, type ReadOptions } from './run.js';

export interface IsolatedReadOptions extends ReadOptions {
  /** 'stage': the lines DuckDB kept out are loaded into this temporary table of `connection` (see misshapen.ts). */
  rejectsTable?: string;
  connection?: DuckDBConnection;
}

/** A file read in a reader process: a Source over the Parquet it wrote, and what a 'table' or 'inspect' read found. */
export type IsolatedSource = Source & {
  table: TableFacts | null;
  /**
   * The rows with their number in the file's order, from 1, in column `name`:
   * the Parquet's own row number, read in parallel (a row_number() window
   * first gathers every row, in one thread). A column of the file named
   * file_row_number hides DuckDB's: then the window.
   */
  numbered(name: string, columns: readonly string[]): string;
};

/**
 * Reads `filePath` in a reader process as `options.mode` says; the rows come
 * back as a Source over the Parquet it wrote (removed by cleanup()).
 */
export async function readIsolated(db: Database, filePath: string, options: IsolatedReadOptions): Promise<IsolatedSource> {
  return sourceOf(await readInReader(db, filePath, options), options);
}

/** The Source over what a read left; its rejects, if any, loaded into `options.rejectsTable` of `options.connection`. */
export async function sourceOf({ answer, folder, cleanup }: Read, options: Pick<IsolatedReadOptions, 'rejectsTable' | 'connection'>): Promise<IsolatedSource> {
  try {
    const data = quotedString(path.join(folder, DATA_FILE));
    if (answer.rejects && options.rejectsTable && options.connection) {
      await options.connection.run(`CREATE TEMP TABLE ${options.rejectsTable} AS SELECT * FROM read_parquet(${quotedString(path.join(folder, REJECTS_FILE))})`);
    }
    return {
      ...answer.source,
      table: answer.table,
      readPath: path.join(folder, DATA_FILE),
      relation: () => `read_parquet(${data})`,
      numbered: (name, columns) => {
        const number = columns.some((c) => c.toLowerCase() === 'file_row_number') ? 'row_number() OVER ()' : 'file_row_number + 1';
        return `(SELECT ${number} AS ${quotedIdentifier(name)}, * FROM read_parquet(${data}))`;
      },
      explain: (error, errorCode) => explainReadError({ file: answer.source.path }, error, errorCode),
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/**
 * What a preview (the mapping dialog's, the reference's) looks at: the first
 * `request.sampleRows` rows of `file` as text, read in a reader process — a
 * file that crashes the reader leaves the engine (and the host) running — and
 * a connection of the engine's to look at them with, both cleaned up after
 * `look`.
 */
export async function readPreview<T>(
  db: Database,
  file: string,
  request: { sampleRows: number; encoding?: string | undefined; sheet?: string | undefined },
  look: (source: Source, connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  const source = await readIsolated(db, file, {
    mode: 'preview',
    sampleRows: request.sampleRows,
    ...(request.encoding ? { encoding: request.encoding } : {}),
    ...(request.sheet ? { sheet: request.sheet } : {}),
  });
  try {
    const connection = await db.connect();
    try {
      return await look(source, connection);
    } finally {
      connection.closeSync();
    }
  } finally {
    source.cleanup();
  }
}
