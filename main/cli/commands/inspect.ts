// `inspect`: a file's facts need no workspace, so the command answers without
// starting the Engine (whose modules are most of the CLI's start), nor DuckDB:
// the same boundary and the same reading as files.inspect, in a reader process
// started before the rest loads (inspectReader.ts).
import path from 'node:path';
import type { FileInspection } from '../../../shared/contract.js';
import { ok, type Result } from '../../../shared/result.js';
import { inspectFile } from '../../ingest/inspect.js';
import { UsageError } from '../options.js';
import { inspectReader } from './inspectReader.js';

/**
 * A count with thousands separators, as toLocaleString('en-US') writes it:
 * without it, whose first call loads ICU's number formats (some 20 ms, after
 * the reader has answered).
 */
function grouped(count: number): string {
  return Number.isSafeInteger(count) && count >= 0 ? String(count).replace(/\B(?=(\d{3})+$)/g, ',') : count.toLocaleString('en-US');
}

function printInspection(info: FileInspection): string {
  const width = Math.max(6, ...info.columns.map((c) => c.name.length));
  const lines = [
    `File:      ${info.path}`,
    `Format:    ${info.format}${info.delimiter ? ` (delimiter ${JSON.stringify(info.delimiter)})` : ''}`,
    ...(info.encoding ? [`Encoding:  ${info.encoding}`] : []),
    ...(info.sheets ? [`Sheet:     ${info.sheet ?? ''}`, `Sheets:    ${info.sheets.join(', ')}`] : []),
    `Rows:      ${grouped(info.rowCount)}`,
    `Columns:   ${info.columns.length}`,
    '',
    `${'column'.padEnd(width)}  type`,
    `${'-'.repeat(width)}  ----`,
    ...info.columns.map((c) => `${c.name.padEnd(width)}  ${c.type}`),
  ];
  return `${lines.join('\n')}\n`;
}

export async function inspect(files: string[], flags: { json?: boolean; encoding?: string; sheet?: string }): Promise<Result<FileInspection>> {
  const { host, close } = inspectReader();
  try {
    if (files.length !== 1) throw new UsageError('inspect takes exactly one file: churn-workbench inspect <file>');
    const { parseRequest, toFailure } = await import('../../engine/boundary.js');
    const parsed = parseRequest('files.inspect', {
      path: path.resolve(files[0]!),
      ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
      ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    });
    if (!parsed.ok) return parsed;
    const { path: file, encoding, sheet } = parsed.value.request as { path: string; encoding?: string; sheet?: string };
    let info: FileInspection;
    try {
      info = await inspectFile(host, file, { encoding, sheet });
    } catch (error) {
      return toFailure(error);
    }
    process.stdout.write(flags.json ? `${JSON.stringify(info, null, 2)}\n` : printInspection(info));
    return ok(info);
  } finally {
    close();
  }
}
