import path from 'node:path';
import type { FileInspection } from '../../../shared/contract.js';
import type { Engine } from '../../engine/engine.js';
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

export async function inspect(engine: Engine, files: string[], flags: { json?: boolean; encoding?: string; sheet?: string }) {
  if (files.length !== 1) throw new UsageError('inspect takes exactly one file: churn-workbench inspect <file>');
  const result = await engine.invoke('files.inspect', {
    path: path.resolve(files[0]!),
    ...(flags.encoding !== undefined ? { encoding: flags.encoding } : {}),
    ...(flags.sheet !== undefined ? { sheet: flags.sheet } : {}),
  });
  if (!result.ok) return result;
  process.stdout.write(flags.json ? `${JSON.stringify(result.value, null, 2)}\n` : printInspection(result.value));
  return result;
}
