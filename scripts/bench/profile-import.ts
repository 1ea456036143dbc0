// Where an import's time goes (issue 14): the two CSVs npm run bench makes
// (customer_month.csv, customers.csv in its --dir/customers-N) imported once
// through the Engine, printing the wall time of every SQL statement over 20 ms
// (its start) and of the gaps between them over 50 ms (the reader process,
// hashing); PROFILE_SQL=<file> also writes each statement in full.
//   node --import tsx scripts/bench/profile-import.ts <dir>
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';

const dir = process.argv[2]!;
const file = path.join(dir, `profile-${process.pid}.duckdb`);
const log: { at: number; seconds: number; sql: string }[] = [];
const t0 = process.hrtime.bigint();
const now = () => Number(process.hrtime.bigint() - t0) / 1e9;
const proto = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
// runAndReadAll calls runAndRead, which calls run (on the same connection): only the outermost call is one statement.
const busy = new Set<unknown>();
for (const method of ['run', 'runAndReadAll', 'runAndRead', 'streamAndReadAll']) {
  const original = proto[method]!;
  proto[method] = async function (this: unknown, ...args: unknown[]) {
    if (busy.has(this)) return original.apply(this, args);
    busy.add(this);
    const start = now();
    try {
      return await original.apply(this, args);
    } finally {
      busy.delete(this);
      log.push({ at: start, seconds: now() - start, sql: String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 110) });
      if (process.env.PROFILE_SQL) fs.appendFileSync(process.env.PROFILE_SQL, `-- ${(now() - start).toFixed(3)} s\n${String(args[0])};\n`);
    }
  };
}
const engine = await Engine.open(file);
try {
  const start = now();
  const answer = await engine.invoke('model.import', {
    files: [
      { path: path.join(dir, 'customer_month.csv'), kind: 'mrr' },
      { path: path.join(dir, 'customers.csv'), kind: 'customers' },
    ],
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const end = now();
  let last = start;
  for (const entry of log.filter((e) => e.at >= start)) {
    if (entry.at - last > 0.05) process.stdout.write(`${(entry.at - last).toFixed(3).padStart(7)} s  (outside SQL)\n`);
    if (entry.seconds > 0.02) process.stdout.write(`${entry.seconds.toFixed(3).padStart(7)} s  ${entry.sql}\n`);
    last = Math.max(last, entry.at + entry.seconds);
  }
  const statements = log.filter((e) => e.at >= start);
  process.stdout.write(`${(end - start).toFixed(3).padStart(7)} s  the whole import (${statements.length} statements, ${statements.reduce((sum, e) => sum + e.seconds, 0).toFixed(3)} s in SQL)\n`);
} finally {
  engine.close();
  for (const f of [file, `${file}.wal`]) fs.rmSync(f, { force: true });
}
