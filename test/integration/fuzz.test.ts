// A seeded fuzz suite of hostile files (issue 12): deep JSON, ragged and
// mixed-delimiter CSV, unclosed quotes, damaged and expanding gzip, flipped
// bits in workbooks and Parquet, dates far out and sentinels, amounts beyond
// the model's type, NULs, binary noise, and random mutations of a good export.
// Every file is imported into one workspace that already holds data; for each
// the suite asserts no crash (the process survives), no hang (each import
// answers within a generous bound), and either a correct load or a clean
// refusal — a message naming the file, short, without engine internals — that
// leaves the workspace exactly as it was. It prints the counts for the issue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';
import { Engine } from '../../main/engine/engine.js';
import type { ImportFileRequest } from '../../shared/model.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { seededRandom, type SeededRandom } from '../support/random.js';

const SEED = 20261202;
const FILES = Number(process.env.FUZZ_FILES ?? 204);
/** An import that has not answered after this long is counted as a hang (a hang detector, not a timing). */
const HANG_MS = 60_000;
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** xorshift32: the same files on every run. */
type Rng = SeededRandom;

/** What a file must lead to: a refusal, a load (with this many rows rejected, when known), or either. */
type Expect = { refuse: true } | { load: true; rejected?: number } | { either: true };

interface Case {
  name: string;
  kind: string;
  content: Buffer | string;
  expect: Expect;
  /** Over the default request, which says the rows bill monthly (their header gives no interval: the files are about other things). */
  request?: Partial<ImportFileRequest>;
  /** What the refusal must say, where that matters. */
  message?: RegExp;
}

const HEADER = 'customer_id,plan,amount,start_date,end_date';
function goodRows(r: Rng, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const month = r.int(1, 12);
    const end = r.next() < 0.3 ? `2024-${String(r.int(1, 12)).padStart(2, '0')}-28` : '';
    return `F${i},${r.pick(['Pro', 'Basic', 'Team'])},${r.int(5, 900)}.${r.int(0, 99)},2023-${String(month).padStart(2, '0')}-01,${end}`;
  });
}
const csv = (lines: string[]) => `${lines.join('\n')}\n`;

/** Damaged Parquet files whose values changed without a decoding error, after the generated files. */
const PARQUET_VALUE_CASES = 12;
const int64 = (n: bigint) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(n);
  return bytes;
};

const flip = (bytes: Buffer, r: Rng, flips: number, from = 0) => {
  const out = Buffer.from(bytes);
  for (let k = 0; k < flips; k += 1) {
    const at = r.int(from, out.length - 1);
    out.writeUInt8(out.readUInt8(at) ^ (1 << r.int(0, 7)), at);
  }
  return out;
};

function generators(parquetBytes: Buffer): ((r: Rng, i: number) => Case)[] {
  const workbook = fs.readFileSync(path.join(FIXTURES, 'workbook.xlsx'));
  return [
    (r, i) => {
      const depth = r.int(65, 12_000);
      const shape = r.pick(['array', 'record', 'ndjson'] as const);
      const nest = (d: number) => `${'['.repeat(d)}1${']'.repeat(d)}`;
      const content =
        shape === 'array' ? nest(depth) : shape === 'record' ? `[{"customer_id":"C1","x":${nest(depth)}}]` : `{"customer_id":"C1"}\n{"customer_id":"C2","x":${nest(depth)}}\n`;
      return { name: `deep-${i}.${shape === 'ndjson' ? 'ndjson' : 'json'}`, kind: 'deep JSON', content, expect: { refuse: true } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(60, 200));
      const bad = r.int(1, 3);
      for (let k = 0; k < bad; k += 1) rows[r.int(0, rows.length - 1)] += r.pick([',extra', ',x,y']);
      const distinct = new Set(rows.filter((row) => row.split(',').length !== 5)).size;
      return { name: `ragged-few-${i}.csv`, kind: 'ragged CSV (few)', content: csv([HEADER, ...rows]), expect: { load: true, rejected: distinct } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(60, 200)).map((row, k) => (k % 4 === 0 ? `${row},extra` : row));
      return { name: `ragged-many-${i}.csv`, kind: 'ragged CSV (many)', content: csv([HEADER, ...rows]), expect: { refuse: true } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(60, 300));
      const at = r.int(0, rows.length - 1);
      rows[at] = rows[at]!.replace(/,/g, ';');
      return { name: `mixed-${i}.csv`, kind: 'mixed delimiters', content: csv([HEADER, ...rows]), expect: { load: true, rejected: 1 } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(30, 300));
      const at = r.int(0, rows.length - 1);
      const fields = rows[at]!.split(',');
      fields[r.int(0, 3)] = `"${fields[r.int(0, 3)]}`;
      rows[at] = fields.join(',');
      return { name: `quote-${i}.csv`, kind: 'unclosed quote', content: csv([HEADER, ...rows]), expect: { refuse: true } };
    },
    (r, i) => {
      const gz = zlib.gzipSync(csv([HEADER, ...goodRows(r, r.int(100, 600))]));
      const how = r.pick(['crc', 'length', 'truncate', 'trailer', 'body'] as const);
      let content: Buffer;
      if (how === 'crc') content = flip(gz, r, 1, gz.length - 8).subarray(0);
      else if (how === 'length') content = flip(gz, r, 1, gz.length - 4);
      else if (how === 'truncate') content = gz.subarray(0, r.int(20, gz.length - 9));
      else if (how === 'trailer') content = gz.subarray(0, gz.length - 8);
      else content = flip(gz, r, r.int(1, 4), 12);
      return { name: `damaged-${how}-${i}.csv.gz`, kind: 'damaged gzip', content, expect: how === 'body' ? { either: true } : { refuse: true } };
    },
    (r, i) => {
      const line = `C1,${'z'.repeat(r.int(1_100_000, 1_500_000))},2024-01-01`;
      const gzip = r.next() < 0.5;
      const text = csv([HEADER, ...goodRows(r, 5), line]);
      return { name: `long-line-${i}.csv${gzip ? '.gz' : ''}`, kind: 'line too long', content: gzip ? zlib.gzipSync(text) : text, expect: { refuse: true } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(20, 200));
      const far = r.pick(['2200-01-01', '0001-01-01', '1582-10-15', '9999-09-09', '3000-06-15']);
      const count = r.int(1, 3);
      const lines = new Set<number>();
      for (let k = 0; k < count; k += 1) {
        const at = r.int(0, rows.length - 1);
        lines.add(at);
        const fields = rows[at]!.split(',');
        fields[3] = far;
        rows[at] = fields.join(',');
      }
      return { name: `far-dates-${i}.csv`, kind: 'dates out of range', content: csv([HEADER, ...rows]), expect: { load: true, rejected: lines.size } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(20, 200));
      for (let k = 0; k < r.int(1, 5); k += 1) {
        const at = r.int(0, rows.length - 1);
        const fields = rows[at]!.split(',');
        fields[4] = r.pick(['9999-12-31', '2999-12-31', '9999-01-01', '4712-12-31']);
        rows[at] = fields.join(',');
      }
      return { name: `sentinel-${i}.csv`, kind: 'open-end sentinels', content: csv([HEADER, ...rows]), expect: { load: true, rejected: 0 } };
    },
    (r, i) => {
      const rows = goodRows(r, r.int(20, 200));
      const lines = new Set<number>();
      for (let k = 0; k < r.int(1, 3); k += 1) {
        const at = r.int(0, rows.length - 1);
        lines.add(at);
        const fields = rows[at]!.split(',');
        fields[2] = r.pick(['999999999999.999999', '1e400', '-1e300', '123456789012345678901234567890', 'NaN', 'inf', '100000000000']);
        rows[at] = fields.join(',');
      }
      return { name: `amounts-${i}.csv`, kind: 'impossible amounts', content: csv([HEADER, ...rows]), expect: { load: true, rejected: lines.size } };
    },
    (r, i) => {
      // Beyond the bytes detection samples, a NUL inside a value: that row is rejected.
      // Detection samples the first 64 KB of a file this size; the NUL comes after.
      const rows = goodRows(r, 3200);
      const at = r.int(3000, 3190);
      rows[at] = rows[at]!.replace('Pro', 'P\u0000ro').replace('Basic', 'Ba\u0000sic').replace('Team', 'Te\u0000am');
      return { name: `nul-${i}.csv`, kind: 'NUL in a value', content: csv([HEADER, ...rows]), expect: { load: true, rejected: 1 } };
    },
    (r, i) => {
      const bytes = Buffer.alloc(r.int(10, 5000));
      for (let k = 0; k < bytes.length; k += 1) bytes.writeUInt8(r.int(0, 255), k);
      return { name: `noise-${i}.${r.pick(['csv', 'json', 'txt', 'xlsx', 'parquet', 'csv.gz'])}`, kind: 'binary noise', content: bytes, expect: { either: true } };
    },
    (r, i) => ({ name: `workbook-${i}.xlsx`, kind: 'flipped workbook', content: flip(workbook, r, r.int(1, 6), 40), expect: { either: true } }),
    (r, i) => {
      const how = r.pick(['flip', 'truncate'] as const);
      const content = how === 'flip' ? flip(parquetBytes, r, r.int(1, 6), 4) : parquetBytes.subarray(0, r.int(4, parquetBytes.length - 1));
      return { name: `parquet-${how}-${i}.parquet`, kind: 'damaged Parquet', content, expect: how === 'truncate' ? { refuse: true } : { either: true } };
    },
    (r, i) => {
      // A good export with random bytes changed, quotes and delimiters inserted.
      const text = Buffer.from(csv([HEADER, ...goodRows(r, r.int(20, 300))]));
      const out = flip(text, r, r.int(1, 8), HEADER.length + 1);
      for (let k = 0; k < r.int(0, 4); k += 1) out.writeUInt8(r.pick([0x22, 0x2c, 0x3b, 0x0a, 0x7c, 0x00]), r.int(HEADER.length + 1, out.length - 1));
      return { name: `mutated-${i}.csv`, kind: 'mutated CSV', content: out, expect: { either: true } };
    },
    (r, i) => {
      const text = csv([HEADER, ...goodRows(r, r.int(20, 200))]);
      const encoded = iconv.encode(text, 'utf-16le', { addBOM: true });
      return { name: `utf16-${i}.csv`, kind: 'UTF-16 (damaged)', content: flip(encoded, r, r.int(0, 6), 2), expect: { either: true } };
    },
    (r, i) => ({
      name: `empty-ish-${i}.csv`,
      kind: 'empty or header only',
      content: r.pick(['', '\n\n\n', `${HEADER}\n`, '\uFEFF', ' , , \n', '"""\n']),
      expect: { refuse: true },
    }),
  ];
}

interface Counts {
  files: number;
  cleanErrors: number;
  correctLoads: number;
  crashes: number;
  hangs: number;
}

test(`fuzz: a few hundred hostile files (seed ${SEED}) — no crash, no hang, a clean refusal or a correct load`, { timeout: 600_000 }, async (t) => {
  const dir = tempDir('cw-fuzz-');
  const engine = await Engine.open(null);
  const seed = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'seed.csv', csv([HEADER, 'S1,Pro,10,2023-01-01,', 'S2,Pro,20,2023-02-01,2023-06-01'])), interval: 'month' }] });
  assert.ok(seed.ok, JSON.stringify(seed));
  const parquetPath = path.join(dir, 'good.parquet');
  await engine.database.run(
    `COPY (SELECT 'P' || i AS customer_id, 10.5 + i AS amount, DATE '2023-01-01' + INTERVAL (i % 300) DAY AS start_date FROM range(300) t(i)) TO '${parquetPath}' (FORMAT parquet)`,
  );
  const parquetBytes = fs.readFileSync(parquetPath);
  const plainPath = path.join(dir, 'plain.parquet');
  await engine.database.run(
    `COPY (SELECT 'P' || i AS customer_id, 1000000000 + i AS amount, CASE WHEN i % 10 = 3 THEN NULL ELSE i END AS seats, DATE '2023-01-01' + INTERVAL (i % 300) DAY AS start_date
      FROM range(300) t(i)) TO '${plainPath}' (FORMAT parquet, COMPRESSION uncompressed)`,
  );
  const plainParquet = fs.readFileSync(plainPath);
  const snapshot = async () =>
    JSON.stringify(
      await engine.database.rows(`SELECT (SELECT count(*) FROM churn.imports) AS i, (SELECT count(*) FROM churn.subscriptions) AS s,
        (SELECT count(*) FROM churn.rejects) AS r, (SELECT count(*) FROM churn.customer_month) AS m, (SELECT count(*) FROM churn.audit) AS a`),
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
    );

  const r = seededRandom(SEED);
  const makers = generators(parquetBytes);
  const cases: Case[] = [];
  for (let i = 0; cases.length < FILES; i += 1) cases.push(makers[i % makers.length]!(r, i));
  // A good export that says nothing of how its plans bill, and no answer: a clean stop, never monthly by default.
  // (Its own column order: the other files' header has an answer saved with its mapping.)
  const silent = goodRows(r, 40).map((row) => row.split(',')).map(([id, plan, ...rest]) => [plan, id, ...rest].join(','));
  cases.push({ name: 'no-interval.csv', kind: 'no billing interval', content: csv(['plan,customer_id,amount,start_date,end_date', ...silent]), expect: { refuse: true }, request: {}, message: /the billing interval of 40 rows with revenue \(plans .*\) is not in the file/ });
  // Parquet whose values changed where no checksum or decoder notices (uncompressed, PLAIN): a high bit of one
  // row's amount (1,000,000,000 + row: any bit from 30 up moves it outside the footer's [min, max]), or one
  // definition level of seats (a value becomes empty, or an empty one a value). The footer's statistics catch both
  // (or the decoder, when a level now asks for a value the page does not hold).
  for (let i = 0; i < PARQUET_VALUE_CASES; i += 1) {
    const bytes = Buffer.from(plainParquet);
    const how = r.pick(['amount', 'nulls'] as const);
    if (how === 'amount') {
      const at = plainParquet.indexOf(int64(1_000_000_000n)) + 8 * r.int(0, 299);
      bytes.writeBigInt64LE(bytes.readBigInt64LE(at) ^ (1n << BigInt(r.int(30, 63))), at);
    } else {
      // seats is empty on every tenth row: its definition levels, bit-packed, start with f7 df 7f.
      const at = plainParquet.indexOf(Buffer.from('f7df7f', 'hex')) + r.int(0, 36);
      bytes.writeUInt8(bytes.readUInt8(at) ^ (1 << r.int(0, 7)), at);
    }
    cases.push({ name: `parquet-${how}-${i}.parquet`, kind: 'Parquet values changed', content: bytes, expect: { refuse: true }, message: /the Parquet file is damaged/ });
  }

  const counts: Counts = { files: 0, cleanErrors: 0, correctLoads: 0, crashes: 0, hangs: 0 };
  const byKind = new Map<string, { errors: number; loads: number }>();
  const failures: string[] = [];
  const started = Date.now();
  for (const c of cases) {
    const file = writeFile(dir, c.name, c.content);
    counts.files += 1;
    const before = await snapshot();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hang'>((resolve) => {
      timer = setTimeout(() => resolve('hang'), HANG_MS);
    });
    let result;
    try {
      result = await Promise.race([engine.invoke('model.import', { files: [{ path: file, ...(c.request ?? { interval: 'month' }) }] }), hang]);
    } catch (error) {
      // invoke never throws: everything becomes a Result. A throw here is a crash of the boundary.
      counts.crashes += 1;
      failures.push(`${c.name}: threw ${String(error).slice(0, 200)}`);
      continue;
    } finally {
      clearTimeout(timer);
    }
    if (result === 'hang') {
      counts.hangs += 1;
      failures.push(`${c.name}: no answer within ${HANG_MS / 1000} s`);
      break; // the engine is still busy with it; the rest would queue behind
    }
    const tally = byKind.get(c.kind) ?? { errors: 0, loads: 0 };
    byKind.set(c.kind, tally);
    if (!result.ok) {
      const { code, message } = result.error;
      const clean =
        ['unsupported_file', 'import_failed', 'invalid_request', 'not_found'].includes(code) &&
        message.includes(c.name) &&
        message.length <= 500 &&
        !/LINE \d+:|Error: |INTERNAL|Cannot read properties|undefined|\[object/.test(message);
      if (!clean) failures.push(`${c.name}: unclear refusal (${code}): ${message.slice(0, 300)}`);
      if ('load' in c.expect) failures.push(`${c.name}: expected a load, got: ${message.slice(0, 300)}`);
      if (c.message && !c.message.test(message)) failures.push(`${c.name}: the refusal does not say ${String(c.message)}: ${message.slice(0, 300)}`);
      if ((await snapshot()) !== before) failures.push(`${c.name}: refused but the workspace changed`);
      counts.cleanErrors += clean ? 1 : 0;
      tally.errors += 1;
      continue;
    }
    const imported = result.value.files[0]!;
    if ('refuse' in c.expect) failures.push(`${c.name}: expected a refusal, loaded ${imported.rowsLoaded} rows`);
    if ('load' in c.expect && c.expect.rejected !== undefined && imported.rowsRejected !== c.expect.rejected) {
      failures.push(`${c.name}: expected ${c.expect.rejected} rows rejected, got ${imported.rowsRejected}`);
    }
    // Whatever loaded is accounted for: every row read was loaded, rejected with a reason, or skipped by a rule.
    const [rejected] = await engine.database.rows(`SELECT count(DISTINCT line) AS n, count(*) FILTER (WHERE reason IS NULL OR reason = '') AS unexplained FROM churn.rejects WHERE import_id = ${imported.importId}`);
    if (Number(rejected!.n) !== imported.rowsRejected) failures.push(`${c.name}: ${imported.rowsRejected} rows rejected, ${Number(rejected!.n)} lines in the rejects`);
    if (Number(rejected!.unexplained) > 0) failures.push(`${c.name}: a rejected row without a reason`);
    if (imported.rowsLoaded + imported.rowsRejected > imported.rowsRead) failures.push(`${c.name}: more rows loaded and rejected than read`);
    const [range] = await engine.database.rows(`SELECT CAST(min(month) AS VARCHAR) AS first, CAST(max(month) AS VARCHAR) AS last FROM churn.customer_month`);
    if (range!.first !== null && (String(range!.first) < '1970-01-01' || String(range!.last) > '2040-01-01')) {
      failures.push(`${c.name}: the analysis now spans ${String(range!.first)} to ${String(range!.last)}`);
    }
    counts.correctLoads += 1;
    tally.loads += 1;
  }
  engine.close();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const [kind, tally] of byKind) t.diagnostic(`  ${kind}: ${tally.errors} clean errors, ${tally.loads} loads`);
  t.diagnostic(`fuzz: files ${counts.files}, clean errors ${counts.cleanErrors}, correct loads ${counts.correctLoads}, crashes ${counts.crashes}, hangs ${counts.hangs} (${seconds} s)`);
  assert.deepEqual(failures, []);
  assert.equal(counts.crashes, 0);
  assert.equal(counts.hangs, 0);
  assert.equal(counts.cleanErrors + counts.correctLoads, counts.files);
});
