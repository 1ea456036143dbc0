// `inspect`: a file's facts need no workspace, so the command answers without
// starting the Engine (whose modules are most of the CLI's start), nor DuckDB:
// the same boundary and the same reading as files.inspect, in a reader process
// started before the rest loads (inspectReader.ts).
import path from 'node:path';
import type { FileInspection } from '../../../shared/contract.js';
import { ENCODING_MAX, ENCODING_NAME, FILE_PATH_MAX, SHEET_NAME_MAX } from '../../../shared/requestLimits.js';
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

interface InspectRequest {
  path: string;
  encoding?: string;
  sheet?: string;
}

/**
 * A request files.inspect's schema (shared/contract.ts) accepts as it is: its
 * texts within the bounds the schema is built from, without NUL. Checked here
 * without loading zod and the contract's schemas (a fifth of the command's
 * CPU, spent while its reader starts); anything else goes to the schema.
 */
export function withinBounds(request: InspectRequest): boolean {
  const text = (value: string, max: number) => value.length >= 1 && value.length <= max && !value.includes('\0');
  return (
    text(request.path, FILE_PATH_MAX) &&
    (request.encoding === undefined || (text(request.encoding, ENCODING_MAX) && ENCODING_NAME.test(request.encoding))) &&
    (request.sheet === undefined || text(request.sheet, SHEET_NAME_MAX))
  );
}

export async function inspect(files: string[], flags: { json?: boolean; encoding?: string; sheet?: string }): Promise<Result<FileInspection>> {
  const { host, close } = inspectReader();
  try {
    if (files.length !== 1) throw new UsageError('inspect takes exactly one file: churn-workbench inspect <file>');
    const request: InspectRequest = {
      path: path.resolve(files[0]!),
      ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
      ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
    };
    let checked = request;
    if (!withinBounds(request)) {
      // The contract's own check (zod) says what is wrong, or lets it pass.
      const { parseRequest } = await import('../../engine/boundary.js');
      const parsed = parseRequest('files.inspect', request);
      if (!parsed.ok) return parsed;
      checked = parsed.value.request as InspectRequest;
    }
    const { path: file, encoding, sheet } = checked;
    let info: FileInspection;
    try {
      info = await inspectFile(host, file, { encoding, sheet });
    } catch (error) {
      return (await import('../../engine/boundary.js')).toFailure(error);
    }
    process.stdout.write(flags.json ? `${JSON.stringify(info, null, 2)}\n` : printInspection(info));
    return ok(info);
  } finally {
    close();
  }
}
