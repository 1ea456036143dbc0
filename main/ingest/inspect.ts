// files.inspect: a file's format, encoding, columns and row count, read in a
// reader process (reader/run.ts); nothing of it is loaded. No DuckDB here: the
// command line's inspect answers without loading it in its own process.
import type { FileInspection } from '../../shared/contract.js';
import type { ProbeOptions as SourceChoice } from './sources/probe.js';
import { readInReader } from './reader/run.js';
import type { ReaderHost } from './reader/warm.js';

export async function inspectFile(host: ReaderHost, filePath: string, choice: SourceChoice = {}): Promise<FileInspection> {
  const { answer, cleanup } = await readInReader(host, filePath, {
    mode: 'inspect',
    ...(choice.encoding ? { encoding: choice.encoding } : {}),
    ...(choice.sheet ? { sheet: choice.sheet } : {}),
  });
  cleanup();
  const { source, table } = answer;
  return {
    path: filePath,
    format: source.format,
    rowCount: table!.rows,
    columns: table!.columns,
    delimiter: source.delimiter,
    encoding: source.encoding,
    sheets: source.sheets,
    sheet: source.sheet,
  };
}
