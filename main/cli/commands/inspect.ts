// `inspect`: a file's facts need no workspace, so the command answers without
// starting the Engine (whose modules are most of the CLI's start): a scratch
// database, the same boundary and the same reading as files.inspect.
import path from 'node:path';
import type { FileInspection } from '../../../shared/contract.js';
import { ok, type Result } from '../../../shared/result.js';
import { parseRequest, toFailure } from '../../engine/boundary.js';
import { inspectFile } from '../../ingest/tables.js';
import { Database } from '../../runtime/database.js';
import { UsageError } from '../options.js';

function printInspection(info: FileInspection): string {
  const width = Math.max(6, ...info.columns.map((c) => c.name.length));
  const lines = [
    `File:      ${info.path}`,
    `Format:    ${info.format}${info.delimiter ? ` (delimiter ${JSON.stringify(info.delimiter)})` : ''}`,
    ...(info.encoding ? [`Encoding:  ${info.encoding}`] : []),
    ...(info.sheets ? [`Sheet:     ${info.sheet ?? ''}`, `Sheets:    ${info.sheets.join(', ')}`] : []),
    `Rows:      ${info.rowCount.toLocaleString('en-US')}`,
    `Columns:   ${info.columns.length}`,
    '',
    `${'column'.padEnd(width)}  type`,
    `${'-'.repeat(width)}  ----`,
    ...info.columns.map((c) => `${c.name.padEnd(width)}  ${c.type}`),
  ];
  return `${lines.join('\n')}\n`;
}

async function inspected(request: unknown): Promise<Result<FileInspection>> {
  const parsed = parseRequest('files.inspect', request);
  if (!parsed.ok) return parsed;
  const { path: file, encoding, sheet } = parsed.value.request as { path: string; encoding?: string; sheet?: string };
  try {
    const db = await Database.open(null);
    try {
      return ok(await inspectFile(db, file, { encoding, sheet }));
    } finally {
      db.close();
    }
  } catch (error) {
    return toFailure(error);
  }
}

export async function inspect(files: string[], flags: { json?: boolean; encoding?: string; sheet?: string }): Promise<Result<FileInspection>> {
  if (files.length !== 1) throw new UsageError('inspect takes exactly one file: churn-workbench inspect <file>');
  const result = await inspected({
    path: path.resolve(files[0]!),
    ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
  });
  if (!result.ok) return result;
  process.stdout.write(flags.json ? `${JSON.stringify(result.value, null, 2)}\n` : printInspection(result.value));
  return result;
}
