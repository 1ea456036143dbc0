// The reader's hand-over of one file (issue 14), in this process: DuckDB's
// start, openSource (probe, sniff), and the COPY to Parquet the reader's
// 'stage' read makes (reader/child.ts), each timed (wall and this process's CPU).
//   node --import tsx scripts/bench/handover.ts <file.csv> [copy options]
// The 1M-customer customer_month.csv (10.5M rows, 311 MiB), 2 threads: the
// COPY takes ~3 s of CPU, about half the CSV parse (~1.1-1.5 s: a plain read of
// the same columns) and half the Parquet encoding, mostly its dictionaries
// (perf: string hashing 16%, the writer's analyse and write passes 18%).
// Without dictionaries the file is 8x larger (50 -> 400 MiB) and the COPY
// costs more (the kernel's copy of the pages); row groups of 30-500k rows,
// Parquet V2, Snappy, a DuckDB database file (compressed or not) and
// preserve_insertion_order off made no measurable difference or cost more.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openSource } from '../../main/ingest/sources/index.js';

const file = process.argv[2]!;
const options = process.argv[3] ?? 'FORMAT parquet, COMPRESSION uncompressed, WRITE_BLOOM_FILTER false';
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-handover-'));
const step = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${label} ${((performance.now() - start) / 1000).toFixed(3)} (cpu ${((used.user + used.system) / 1e6).toFixed(2)})  `);
  return result;
};
try {
  const instance = await step('start', () => DuckDBInstance.create(':memory:', { threads: process.env.THREADS ?? '2' }));
  const conn = await instance.connect();
  const source = await step('open', () => openSource(file, { connection: conn, tempDir: folder }));
  await step('copy', () => conn.run(`COPY (SELECT * FROM ${source.relation({ allVarchar: true, rejectsTable: 'cw_misshapen' })}) TO '${path.join(folder, 'data.parquet')}' (${options})`));
  await step('close', async () => {
    conn.closeSync();
    instance.closeSync();
  });
  process.stdout.write(`${(fs.statSync(path.join(folder, 'data.parquet')).size / 2 ** 20).toFixed(0)} MiB\n`);
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
