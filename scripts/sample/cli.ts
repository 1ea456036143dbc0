// Writes the synthetic billing export (customers.csv, subscriptions.csv).
//   node --import tsx scripts/sample/cli.ts [--customers N] [--seed S] [--out DIR] [--start YYYY-MM] [--months M]
// Defaults reproduce the committed sample in assets/sample.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SAMPLE_OPTIONS, generateCsv, hashString, startForEnd, validateOptions, type SampleOptions } from './generate.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_OUT = path.join(ROOT, 'assets', 'sample');
/** Without --start, the window ends with this month, whatever --months says. */
const DEFAULT_END = '2025-12';

const USAGE = `Usage: node --import tsx scripts/sample/cli.ts [options]
  --customers N     customers to simulate (default ${DEFAULT_SAMPLE_OPTIONS.customers})
  --seed S          PRNG seed: an integer, or any text (hashed) (default ${DEFAULT_SAMPLE_OPTIONS.seed})
  --out DIR         output folder (default assets/sample)
  --start YYYY-MM   first month of history (default: the window ends ${DEFAULT_END})
  --months M        months of history (default ${DEFAULT_SAMPLE_OPTIONS.months})`;

export interface WriteResult {
  customerRows: number;
  subscriptionRows: number;
  seconds: number;
  files: string[];
}

async function write(stream: fs.WriteStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain');
}

/** Streams both files into `outDir` (written under temporary names, renamed when complete). */
export async function writeSample(options: SampleOptions, outDir: string): Promise<WriteResult> {
  validateOptions(options);
  const began = process.hrtime.bigint();
  fs.mkdirSync(outDir, { recursive: true });
  const files = [path.join(outDir, 'customers.csv'), path.join(outDir, 'subscriptions.csv')];
  const temps = files.map((f) => `${f}.${process.pid}.tmp`);
  const [customers, subscriptions] = temps.map((t) => fs.createWriteStream(t, { highWaterMark: 1 << 20 })) as [
    fs.WriteStream,
    fs.WriteStream,
  ];
  let customerRows = 0;
  let subscriptionRows = 0;
  try {
    for (const chunk of generateCsv(options)) {
      customerRows += chunk.customerRows;
      subscriptionRows += chunk.subscriptionRows;
      await Promise.all([write(customers, chunk.customers), write(subscriptions, chunk.subscriptions)]);
    }
    customers.end();
    subscriptions.end();
    await Promise.all([finished(customers), finished(subscriptions)]);
    temps.forEach((t, i) => fs.renameSync(t, files[i] as string));
  } catch (error) {
    customers.destroy();
    subscriptions.destroy();
    for (const t of temps) fs.rmSync(t, { force: true });
    throw error;
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  return { customerRows, subscriptionRows, seconds, files };
}

function positiveInt(name: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new RangeError(`--${name} must be a positive integer (got ${JSON.stringify(value)})`);
  return Number(value);
}

export function parseCli(argv: string[]): { options: SampleOptions; out: string } | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      customers: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      start: { type: 'string' },
      months: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const months = values.months === undefined ? DEFAULT_SAMPLE_OPTIONS.months : positiveInt('months', values.months);
  const seedText = values.seed;
  const seed =
    seedText === undefined
      ? DEFAULT_SAMPLE_OPTIONS.seed
      : /^\d+$/.test(seedText) && Number(seedText) <= 0xffffffff
        ? Number(seedText)
        : hashString(seedText);
  const options: SampleOptions = {
    customers: values.customers === undefined ? DEFAULT_SAMPLE_OPTIONS.customers : positiveInt('customers', values.customers),
    seed,
    start: values.start ?? startForEnd(DEFAULT_END, months),
    months,
  };
  validateOptions(options);
  return { options, out: path.resolve(values.out ?? DEFAULT_OUT) };
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCli>;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { options, out } = parsed;
  const result = await writeSample(options, out);
  const n = (x: number) => x.toLocaleString('en-US');
  process.stdout.write(
    `Wrote ${n(result.customerRows)} customer rows and ${n(result.subscriptionRows)} subscription rows ` +
      `(${n(options.customers)} customers, seed ${options.seed}, ${options.start} + ${options.months} months) ` +
      `to ${out} in ${result.seconds.toFixed(2)} s\n`,
  );
}

const invokedPath = process.argv[1] === undefined ? '' : path.resolve(process.argv[1]);
if (invokedPath === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
