// Which reader a file needs, and the DuckDB table function that reads it.
// (The import issue grows this into encodings, XLSX and JSON.)
import fs from 'node:fs';
import path from 'node:path';
import { quotedString } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';

export type FileFormat = 'csv' | 'parquet';

const PARQUET_MAGIC = 'PAR1';

export function detectFormat(filePath: string): FileFormat {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new EngineError('not_found', `${filePath}: no such file.`);
  }
  if (!stat.isFile()) throw new EngineError('unsupported_file', `${filePath} is not a file.`);
  if (stat.size === 0) throw new EngineError('unsupported_file', `${filePath} is empty: there is nothing to load.`);
  const head = Buffer.alloc(Math.min(4096, stat.size));
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.subarray(0, 4).toString('latin1') === PARQUET_MAGIC) return 'parquet';
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.parquet') throw new EngineError('unsupported_file', `${filePath} is named .parquet but is not a Parquet file.`);
  // A NUL byte in the first block marks a binary file (UTF-16 text is the import issue's job).
  if (head.includes(0)) {
    throw new EngineError(
      'unsupported_file',
      `${filePath} looks like a binary file, not CSV or Parquet. Export it as CSV or Parquet and open that.`,
    );
  }
  return 'csv';
}

/** The table function that reads the file, with its path quoted as a literal. */
export function readerSql(filePath: string, format: FileFormat): string {
  const literal = quotedString(filePath);
  return format === 'parquet' ? `read_parquet(${literal})` : `read_csv(${literal}, auto_detect = true)`;
}

/** A table name from the file name: ASCII letters, digits and underscores. */
export function tableNameFor(filePath: string, taken: Set<string>): string {
  const stem = path.basename(filePath).replace(/\.(csv|tsv|txt|parquet)(\.gz)?$/i, '');
  let base = stem.normalize('NFKD').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  if (base === '') base = 'table';
  if (/^[0-9]/.test(base)) base = `t_${base}`;
  base = base.slice(0, 100);
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
  return name;
}
