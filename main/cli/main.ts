// `churn-workbench`: the engine on the command line. Each command is a thin
// call through the same contract the app uses.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FileInspection } from '../../shared/contract.js';
import { Engine } from '../engine/engine.js';

const HELP = `Churn Workbench — offline churn analysis on an embedded DuckDB

Usage:
  churn-workbench inspect <file> [--json]   row count, columns and types, encoding and delimiter of a
                                            CSV/TSV/delimited text (optionally .gz), Parquet, JSON,
                                            NDJSON or Excel (.xlsx) file
  churn-workbench --help                    this text
  churn-workbench --version                 the version

Options:
  --json             print machine-readable JSON instead of a table
  --encoding <name>  read text in this encoding instead of the detected one
                     (utf-8, utf-16le, utf-16be, gb18030, gbk, big5, shift_jis, windows-1252, latin1 …)
  --sheet <name>     the worksheet of an Excel workbook (default: the first visible sheet)
  --workspace        a .duckdb workspace file to use (default: a scratch one in memory)
`;

function printInspection(info: FileInspection): void {
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
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      json: { type: 'boolean' },
      workspace: { type: 'string' },
      encoding: { type: 'string' },
      sheet: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (values.version) {
    process.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 2;
  }
  if (command !== 'inspect') {
    process.stderr.write(`Unknown command "${command}". Run churn-workbench --help for the list.\n`);
    return 2;
  }
  if (args.length !== 1) {
    process.stderr.write('inspect takes exactly one file: churn-workbench inspect <file>\n');
    return 2;
  }
  const engine = await Engine.open(values.workspace ? path.resolve(values.workspace) : null);
  try {
    const result = await engine.invoke('files.inspect', {
      path: path.resolve(args[0]!),
      ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
      ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    });
    if (!result.ok) {
      process.stderr.write(`Error: ${result.error.message}\n`);
      return 1;
    }
    if (values.json) process.stdout.write(`${JSON.stringify(result.value, null, 2)}\n`);
    else printInspection(result.value);
    return 0;
  } finally {
    engine.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
