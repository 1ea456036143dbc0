// Which reader a file needs: every format and encoding goes through
// main/ingest/sources (openSource), which also converts what DuckDB cannot
// read itself. This module names the tables files are loaded into.
import path from 'node:path';

export {
  openSource,
  probeSource,
  type ProbeOptions as SourceChoice,
  type Source,
  type SourceFormat as FileFormat,
} from './sources/index.js';

const DATA_EXTENSION = /\.(csv|tsv|tab|txt|psv|dat|parquet|json|ndjson|jsonl|xlsx|xlsm)(\.(gz|gzip))?$|\.(gz|gzip)$/i;

/**
 * A table name from the file name (and the sheet, for a workbook sheet other
 * than the first): ASCII letters, digits and underscores.
 */
export function tableNameFor(filePath: string, taken: Set<string>, sheet: string | null = null): string {
  const stem = path.basename(filePath).replace(DATA_EXTENSION, '');
  const raw = sheet ? `${stem}_${sheet}` : stem;
  let base = raw.normalize('NFKD').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
  if (base === '') base = 'table';
  if (/^[0-9]/.test(base)) base = `t_${base}`;
  base = base.slice(0, 100);
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base}_${n}`;
  return name;
}
