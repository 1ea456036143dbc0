// node --import tsx scripts/bench/reader.ts [-- --imports 20 --rows 1000000 --rounds 3 --file-workspace]
//
// The reader process (main/ingest/reader), in one run, alternately for
// --rounds rounds, the median of each and the ratio printed:
//   1. kept warm (warm.ts) against one new reader per read: --imports small
//      model imports in a row, with the warm reader (as the app runs) and with
//      CW_READER_IDLE_SECONDS=0 (each reader ends after its read, as before);
//   2. files.import of a --rows-row CSV through the reader (parsed there,
//      handed over as Parquet) against the same read in the engine's own
//      DuckDB (openSource + checkedRead + CREATE TABLE, as before it was
//      isolated), and files.inspect likewise; into a scratch workspace (in
//      memory), or with --file-workspace a workspace file, as the desktop app
//      has.
// Asserts nothing about time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { quotedIdentifier } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import { openSource } from '../../main/ingest/sources/index.js';
import { checkedRead } from '../../main/ingest/checkedRead.js';

const { values } = parseArgs({
  options: {
    imports: { type: 'string', default: '20' },
    rows: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
    'file-workspace': { type: 'boolean', default: false },
  },
});
const imports = Number(values.imports);
const rows = Number(values.rows);
const rounds = Math.max(1, Number(values.rounds));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-reader-'));
const files = Array.from({ length: imports }, (_, i) => {
  const file = path.join(dir, `customers-${i}.csv`);
  const rows = Array.from({ length: 50 }, (_, r) => `C${i}-${r},${10 + r},2024-0${1 + (r % 9)}-01`);
  fs.writeFileSync(file, `customer_id,amount,start_date\n${rows.join('\n')}\n`);
  return file;
});

async function run(warm: boolean): Promise<number> {
  if (warm) delete process.env.CW_READER_IDLE_SECONDS;
  else process.env.CW_READER_IDLE_SECONDS = '0';
  const engine = await Engine.open(null);
  try {
    const started = performance.now();
    for (const file of files) {
      const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
      if (!result.ok) throw new Error(result.error.message);
    }
    return performance.now() - started;
  } finally {
    engine.close();
  }
}

/** 1. Small model imports, warm against a new reader per read. */
async function smallImports(): Promise<void> {
  // Untimed warm-up: the reader's bundle, module loads, JIT.
  await run(true);
  const times = { warm: [] as number[], cold: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const warm of round % 2 ? [true, false] : [false, true]) (warm ? times.warm : times.cold).push(await run(warm));
  }
  const cold = median(times.cold);
  const warm = median(times.warm);
  process.stdout.write(
    `${imports} small model imports, median of ${rounds}:\n` +
      `  a new reader per read: ${(cold / 1000).toFixed(1)} s\n` +
      `  warm reader:           ${(warm / 1000).toFixed(1)} s\n` +
      `  ratio warm / new:      ${(warm / cold).toFixed(2)}\n`,
  );
}
if (imports > 0) await smallImports();

// 2. files.import and files.inspect of one larger CSV.
const big = path.join(dir, 'big.csv');
{
  const lines = ['id,name,amount,day,active,plan'];
  for (let i = 0; i < rows; i++) lines.push(`${i},customer ${i},${(i % 99991) / 100},2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${i % 3 ? 'true' : 'false'},plan${i % 7}`);
  fs.writeFileSync(big, `${lines.join('\n')}\n`);
}
const engine = await Engine.open(values['file-workspace'] ? path.join(dir, 'workspace.duckdb') : null);
let n = 0;
const timed = async (work: () => Promise<void>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const viaReader = () =>
  timed(async () => {
    const result = await engine.invoke('files.import', { paths: [big] });
    if (!result.ok) throw new Error(result.error.message);
    await engine.database.run(`DROP TABLE ${quotedIdentifier(result.value[0]!.name)}`);
  });
/** As files.import read before it was isolated: in the engine's own DuckDB. */
const inEngine = () =>
  timed(async () => {
    const db = engine.database;
    const conn = await db.connect();
    const name = `in_engine_${n++}`;
    const source = await openSource(big, { connection: conn, tempDir: db.resources.tempDirectory });
    try {
      await conn.run('BEGIN TRANSACTION');
      await checkedRead(conn, source, 'cw_bench_rejects', 'import_failed', async (relation) => {
        await conn.run(`CREATE TABLE ${name} AS SELECT * FROM ${relation}`);
        const counted = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${name}`)).getRowObjectsJS()[0]!.n);
        return { result: counted, rows: counted };
      });
      await conn.run('COMMIT');
      await conn.run(`DROP TABLE ${name}`);
    } finally {
      source.cleanup();
      conn.closeSync();
    }
  });
const inspectViaReader = () =>
  timed(async () => {
    const result = await engine.invoke('files.inspect', { path: big });
    if (!result.ok) throw new Error(result.error.message);
  });
const inspectInEngine = () =>
  timed(async () => {
    const db = engine.database;
    const conn = await db.connect();
    const source = await openSource(big, { connection: conn, tempDir: db.resources.tempDirectory });
    try {
      await checkedRead(conn, source, 'cw_bench_inspect', 'unsupported_file', async (relation) => {
        await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
        const counted = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${relation}`)).getRowObjectsJS()[0]!.n);
        return { result: counted, rows: counted };
      });
    } finally {
      source.cleanup();
      conn.closeSync();
    }
  });
try {
  await viaReader();
  await inEngine();
  const table = { reader: [] as number[], engine: [] as number[], inspectReader: [] as number[], inspectEngine: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const pair: Array<[number[], () => Promise<number>]> = [
      [table.reader, viaReader],
      [table.engine, inEngine],
      [table.inspectReader, inspectViaReader],
      [table.inspectEngine, inspectInEngine],
    ];
    for (const [times, run] of round % 2 ? pair.reverse() : pair) times.push(await run());
  }
  const line = (what: string, reader: number[], inEngine: number[]) =>
    `  ${what}: reader ${(median(reader) / 1000).toFixed(2)} s, in the engine ${(median(inEngine) / 1000).toFixed(2)} s, ratio ${(median(reader) / median(inEngine)).toFixed(2)}\n`;
  process.stdout.write(
    `A ${rows.toLocaleString('en-US')}-row CSV (${(fs.statSync(big).size / 1e6).toFixed(0)} MB) into ${values['file-workspace'] ? 'a workspace file' : 'a scratch workspace'}, median of ${rounds}:\n` +
      line('files.import ', table.reader, table.engine) +
      line('files.inspect', table.inspectReader, table.inspectEngine),
  );
} finally {
  engine.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
