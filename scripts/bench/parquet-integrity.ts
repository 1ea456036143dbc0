// node --import tsx scripts/bench/parquet-integrity.ts [-- --rows 10000000 --rounds 3]
//
// What the Parquet integrity check (main/ingest/sources/parquetIntegrity.ts)
// adds to the reader's staging read, in one run: a clean --rows file written
// by DuckDB (snappy, its default row groups) is staged as the reader does it
// (every column as text, COPY to an uncompressed Parquet), alone and after the
// check, alternately for --rounds rounds. Prints the median times and the
// ratio; asserts nothing about time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance, quotedString } from '@duckdb/node-api';
import { verifyParquetIntegrity } from '../../main/ingest/sources/parquetIntegrity.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, rounds: { type: 'string', default: '3' } } });
const rows = Number(values.rows);
const rounds = Math.max(1, Number(values.rounds));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-parquet-'));
const file = path.join(dir, 'subscriptions.parquet');
const instance = await DuckDBInstance.create(':memory:', { temp_directory: path.join(dir, 'spill') });
const conn = await instance.connect();
await conn.run(
  `COPY (SELECT 'C' || i AS customer_id, ['Basic', 'Pro', 'Team'][1 + i % 3] AS plan, CAST(5 + (i % 900) + (i % 100) / 100 AS DECIMAL(12, 2)) AS amount,
     DATE '2020-01-01' + INTERVAL (i % 1500) DAY AS start_date, CASE WHEN i % 4 = 0 THEN DATE '2024-01-01' + INTERVAL (i % 300) DAY END AS end_date
   FROM range(${rows}) t(i)) TO ${quotedString(file)} (FORMAT parquet)`,
);
const stage = async () => {
  const out = path.join(dir, 'data.parquet');
  await conn.run(`COPY (SELECT * FROM (SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${quotedString(file)}))) TO ${quotedString(out)} (FORMAT parquet, COMPRESSION uncompressed)`);
  fs.rmSync(out);
};
const timed = async (run: () => Promise<void>) => {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
};
const plain: number[] = [];
const checked: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  plain.push(await timed(stage));
  checked.push(
    await timed(async () => {
      await verifyParquetIntegrity(conn, file, file);
      await stage();
    }),
  );
}
const [p, c] = [median(plain), median(checked)];
console.log(`${rows.toLocaleString('en-US')} rows, ${(fs.statSync(file).size / 1024 ** 2).toFixed(0)} MB, ${rounds} rounds (medians)`);
console.log(`staging read alone: ${p.toFixed(2)} s; check + staging read: ${c.toFixed(2)} s; ratio ${(c / p).toFixed(2)}x (check alone ≈ ${(c - p).toFixed(2)} s)`);
conn.closeSync();
instance.closeSync();
fs.rmSync(dir, { recursive: true, force: true });
