// `churn-workbench sql "<query>"`: console SQL on a workspace, with the
// console's guard (docs/CONSOLE.md), printed as a table or written as CSV,
// JSON or Parquet by DuckDB's COPY (docs/CLI.md, "sql").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { ConsoleResult } from '../../../shared/console.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Engine } from '../../engine/engine.js';
import { UsageError } from '../options.js';

const FORMATS = ['table', 'csv', 'json', 'parquet'] as const;
type Format = (typeof FORMATS)[number];
/** A table on the terminal shows this many rows; the rest is for --format csv/json/parquet. */
const TABLE_ROWS = 1000;

function cell(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'bigint' ? value.toString() : String(value);
}

async function printTable(engine: Engine, result: ConsoleResult): Promise<Result<string>> {
  const limit = Math.min(TABLE_ROWS, Math.max(1, result.rowCount));
  const page = await engine.invoke('console.page', { resultId: result.resultId, offset: 0, limit });
  if (!page.ok) return page;
  const table = tableFromIPC(page.value);
  const columns = result.columns.map((_, index) => table.getChildAt(index));
  const rows: string[][] = [];
  for (let r = 0; r < table.numRows; r += 1) rows.push(columns.map((column) => cell(column?.get(r))));
  const header = result.columns.map((c) => c.name);
  const widths = header.map((name, c) => Math.min(60, Math.max(name.length, ...rows.map((row) => row[c]!.length))));
  const line = (values: string[]) => values.map((v, c) => (v.length > widths[c]! ? `${v.slice(0, widths[c]! - 1)}…` : v.padEnd(widths[c]!))).join('  ').trimEnd();
  const lines = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const shown = rows.length < result.rowCount ? `, the first ${rows.length.toLocaleString('en-US')} shown (--format csv|json|parquet --out FILE for all)` : '';
  lines.push(`(${result.rowCount.toLocaleString('en-US')} row${result.rowCount === 1 ? '' : 's'}${shown})`);
  return ok(`${lines.join('\n')}\n`);
}

export async function sqlCommand(engine: Engine, args: string[], flags: { format?: string; out?: string }) {
  if (args.length !== 1) throw new UsageError('sql takes the SQL as one argument: churn-workbench sql "SELECT …" --workspace ws.duckdb');
  const format = (flags.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes one of ${FORMATS.join(', ')}, not "${flags.format}".`);
  if (format === 'parquet' && !flags.out) throw new UsageError('--format parquet needs --out FILE.');
  const run = await engine.invoke('console.run', { tabId: 'cli', sql: args[0]! });
  if (!run.ok) {
    const position = (run.error.details as { position?: { line: number; column: number } } | undefined)?.position;
    return position ? { ...run, error: { ...run.error, message: `${run.error.message}\n(at line ${position.line}, column ${position.column})` } } : run;
  }
  for (const statement of run.value.statements) {
    if (statement.kind !== 'SELECT') {
      process.stderr.write(`${statement.kind}${statement.rowsChanged === null ? '' : `: ${statement.rowsChanged} row${statement.rowsChanged === 1 ? '' : 's'}`}\n`);
    }
  }
  const result = run.value.result;
  if (!result) return run;
  if (format === 'table') {
    const text = await printTable(engine, result);
    if (!text.ok) return text;
    if (flags.out) fs.writeFileSync(path.resolve(flags.out), text.value);
    else process.stdout.write(text.value);
    return text;
  }
  // CSV and JSON to stdout go through a temporary file DuckDB writes.
  const target = flags.out ? path.resolve(flags.out) : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'churn-workbench-sql-')), `result.${format}`);
  try {
    const written = await engine.invoke('console.export', { resultId: result.resultId, format, path: target });
    if (!written.ok) return written;
    if (!flags.out) process.stdout.write(fs.readFileSync(target));
    else process.stderr.write(`${written.value.rows.toLocaleString('en-US')} rows written to ${target}\n`);
    return written;
  } finally {
    if (!flags.out) fs.rmSync(path.dirname(target), { recursive: true, force: true });
  }
}
