// Staging with exact-duplicate detection at scale (issue 14): stages a
// customer-month hand-over Parquet (as the reader writes it) as the import
// does — stageSql, which finds the copies first — timing it (wall; in
// all, the CPU of this process too),
// and prints the rejected rows' count and a fingerprint of their lines and
// problems (equal across versions: the same rejections). STAGE=<module> times
// another version of stage.ts (one copied beside it, for old against new);
// TX=1 runs them in one transaction, as the import did.
//   node --import tsx scripts/bench/stage-dups.ts <hand-over.parquet>
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type * as StageModule from '../../main/ingest/stage.js';

const data = process.argv[2]!;
const { stageSql, withDateFormats } = (await import(process.env.STAGE ? path.resolve(process.env.STAGE) : '../../main/ingest/stage.js')) as typeof StageModule;
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.THREADS ?? '2' });
const conn = await instance.connect();
const columns = [{ name: 'customer_id', type: 'VARCHAR' }, { name: 'month', type: 'VARCHAR' }, { name: 'mrr', type: 'VARCHAR' }];
const input = { relation: `(SELECT file_row_number + 1 AS "__row", * FROM read_parquet('${data}'))`, columns, headerLines: 1, lineColumn: '__row' };
const mapping = withDateFormats({ kind: 'mrr', fields: { customer_id: 'customer_id', month: 'month', mrr: 'mrr' } }, { month: ['2024-11-01', '2024-12-01'] });
const bounds = { earliest: '1990-01-01', latest: '2030-12-31', amountIsUnitPrice: false };
let total = 0;
const cpu = process.cpuUsage();
const time = async (label: string, sql: string) => {
  const start = performance.now();
  await conn.run(sql);
  const seconds = (performance.now() - start) / 1000;
  total += seconds;
  process.stdout.write(`${label} ${seconds.toFixed(3)}  `);
};
if (process.env.TX === '1') await conn.run('BEGIN');
await time('stage', stageSql('st', input, mapping, bounds));
const [counts] = (
  await conn.runAndReadAll('SELECT count(*) AS n, count(*) FILTER (WHERE _rejected) AS rejected, bit_xor(hash(_line, _problems)) FILTER (WHERE _rejected) AS fingerprint FROM st')
).getRowObjectsJS();
const used = process.cpuUsage(cpu);
process.stdout.write(`total ${total.toFixed(3)} (cpu ${((used.user + used.system) / 1e6).toFixed(2)})  rows ${counts!.n} rejected ${counts!.rejected} (${counts!.fingerprint})\n`);
if (process.env.TX === '1') await conn.run('COMMIT');
