// Exact-duplicate detection at scale (issue 14): stages a customer-month
// hand-over Parquet (as the reader writes it) and marks its duplicate rows, as
// the import does, timing each statement. V=group times the former statement
// (grouping the hashes) in place of duplicateRowsSql's sort; TX=1 runs both in
// one transaction (the stage then scans on one thread).
//   node --import tsx scripts/bench/stage-dups.ts <hand-over.parquet>
import { DuckDBInstance } from '@duckdb/node-api';
import { duplicateRowsSql, stageSql, withDateFormats, type FileMapping } from '../../main/ingest/stage.js';

const data = process.argv[2]!;
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.THREADS ?? '2' });
const conn = await instance.connect();
const columns = [{ name: 'customer_id', type: 'VARCHAR' }, { name: 'month', type: 'VARCHAR' }, { name: 'mrr', type: 'VARCHAR' }];
const input = { relation: `(SELECT file_row_number + 1 AS "__row", * FROM read_parquet('${data}'))`, columns, headerLines: 1, lineColumn: '__row' };
const mapping: FileMapping = withDateFormats({ kind: 'mrr', fields: { customer_id: 'customer_id', month: 'month', mrr: 'mrr' } }, { month: ['2024-11-01', '2024-12-01'] });
const bounds = { earliest: '1990-01-01', latest: '2030-12-31', amountIsUnitPrice: false };
const time = async (label: string, sql: string) => {
  const start = performance.now();
  await conn.run(sql);
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(`${label} ${seconds.toFixed(3)}  `);
};
if (process.env.TX === '1') await conn.run('BEGIN');
await time('stage', stageSql('st', input, mapping, bounds));
let dups = duplicateRowsSql('st', input);
if (process.env.V === 'group') {
  const struct = `struct_pack(${columns.map((c) => `"${c.name}" := src."${c.name}"`).join(', ')})`;
  dups = dups.replace(/CREATE TEMP TABLE st_shared AS[\s\S]*?WHERE _hash = _next;/, `CREATE TEMP TABLE st_shared AS SELECT hash(${struct}) AS _hash FROM ${input.relation} src GROUP BY 1 HAVING count(*) > 1;`);
}
await time(`dups(${process.env.V ?? 'sort'})`, dups);
const [counts] = (await conn.runAndReadAll('SELECT count(*) AS n, count(*) FILTER (WHERE _rejected) AS rejected, bit_xor(hash(_line, _problems)) FILTER (WHERE _rejected) AS fingerprint FROM st')).getRowObjectsJS();
process.stdout.write(`rows ${counts!.n} rejected ${counts!.rejected} (${counts!.fingerprint})\n`);
if (process.env.TX === '1') await conn.run('COMMIT');
