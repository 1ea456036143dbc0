// A damaged Parquet file is refused on its own evidence (issue 12): what DuckDB
// reads is compared per row group with the footer's row counts, value counts,
// null counts and min/max (main/ingest/sources/parquetIntegrity.ts). Each kind
// of damage is made by changing known bytes of a file DuckDB wrote
// uncompressed and PLAIN-encoded (so a value's bytes are its little-endian
// integer), then imported into a workspace holding data: refused, naming the
// file, the column and the row group with its rows, the workspace unchanged.
// Clean files, and files whose statistics are absent or inexact, still load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const ROWS = 300;
// amount: 1,000,000,000 + row (PLAIN BIGINT); seats: every tenth row (3, 13, …) empty; plan: text.
const SELECT = `SELECT 'C' || i AS customer_id, 'Pro' AS plan, 1000000000 + i AS amount, CASE WHEN i % 10 = 3 THEN NULL ELSE i END AS seats,
  DATE '2023-01-01' + INTERVAL (i % 28) DAY AS start_date FROM range(${ROWS}) t(i)`;

const int64 = (n: bigint) => {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(n);
  return bytes;
};

/** `bytes` with the first (or last) occurrence of `from` overwritten by `to` (same length); the pattern must be there. */
function patched(bytes: Buffer, from: Buffer, to: Buffer, last = false): Buffer {
  const out = Buffer.from(bytes);
  const at = last ? out.lastIndexOf(from) : out.indexOf(from);
  assert.ok(at >= 0, `the pattern ${from.toString('hex')} is in the file`);
  to.copy(out, at);
  return out;
}

async function setup() {
  const dir = tempDir('cw-parquet-');
  const engine = await Engine.open(null);
  const seeded = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'seed.csv', 'customer_id,amount,start_date\nS1,10,2023-01-01\n'), interval: 'month' }] });
  assert.ok(seeded.ok, JSON.stringify(seeded));
  const clean = path.join(dir, 'clean.parquet');
  await engine.database.run(`COPY (${SELECT}) TO '${clean}' (FORMAT parquet, COMPRESSION uncompressed)`);
  const snapshot = async () =>
    JSON.stringify(
      await engine.database.rows(`SELECT (SELECT count(*) FROM churn.imports) AS i, (SELECT count(*) FROM churn.subscriptions) AS s, (SELECT count(*) FROM churn.rejects) AS r`),
      (_k, v) => (typeof v === 'bigint' ? Number(v) : v),
    );
  const refused = async (name: string, bytes: Buffer) => {
    const file = writeFile(dir, name, bytes);
    const before = await snapshot();
    const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
    assert.equal(result.ok, false, `expected a refusal, got ${JSON.stringify(result).slice(0, 300)}`);
    assert.equal(await snapshot(), before, 'the workspace is exactly as it was');
    if (result.ok) throw new Error('unreachable');
    assert.ok(result.error.message.startsWith(`${file}: the Parquet file is damaged: `), result.error.message);
    // The raw table import (files.import) refuses it the same way.
    const table = await engine.invoke('files.import', { paths: [file] });
    assert.equal(table.ok, false);
    if (!table.ok) assert.equal(table.error.message, result.error.message);
    return result.error.message;
  };
  const loads = async (file: string) => {
    const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
    assert.ok(result.ok, JSON.stringify(result).slice(0, 400));
    return result.value.files[0]!;
  };
  return { dir, engine, bytes: fs.readFileSync(clean), clean, refused, loads };
}

test('Parquet whose data disagrees with its footer is refused, naming the file, column and row group; the workspace unchanged', async () => {
  const { engine, bytes, clean, refused, loads } = await setup();
  try {
    // A value beyond the footer's maximum: row 151's amount becomes 1,000,009,999.
    assert.match(
      await refused('above.parquet', patched(bytes, int64(1000000150n), int64(1000009999n))),
      /in row group 0 \(rows 1–300\), column "amount" reads as largest value "1000009999" where the file's footer records "1000000299"\. Export it again\.$/,
    );
    // Below the minimum.
    assert.match(
      await refused('below.parquet', patched(bytes, int64(1000000150n), int64(7n))),
      /column "amount" reads as smallest value "7" where the file's footer records "1000000000"/,
    );
    // Inside [min, max] but the row holding the maximum changed: the footer says its max is exact.
    assert.match(
      await refused('max-lower.parquet', patched(bytes, int64(1000000299n), int64(1000000150n))),
      /column "amount" reads as largest value "1000000298" where the file's footer records "1000000299"/,
    );
    // A definition level flipped: row 1's seats becomes empty (31 empty values, the footer says 30).
    const seats = bytes.indexOf(Buffer.from('f7df7f', 'hex'));
    const nulls = Buffer.from(bytes);
    nulls.writeUInt8(0xf6, seats);
    assert.match(await refused('nulls.parquet', nulls), /in row group 0 \(rows 1–300\), column "seats" has 31 empty values where the file's footer records 30/);
    // The footer damaged: the last chunk's column name, and the row group's row count (300 as a zigzag varint, field 3).
    assert.match(await refused('name.parquet', patched(bytes, Buffer.from('start_date'), Buffer.from('start_dat3'), true)), /in row group 0 \(rows 1–300\), the footer names column "start_date" "start_dat3"/);
    assert.match(
      await refused('rows.parquet', patched(bytes, Buffer.from([0x16, 0xd8, 0x04]), Buffer.from([0x16, 0xd6, 0x04]), true)),
      /in row group 0 \(rows 1–299\), column "customer_id" has 300 values for 299 rows/,
    );
    // The file it was made from loads, every row.
    assert.equal((await loads(clean)).rowsLoaded, ROWS);
  } finally {
    engine.close();
  }
});

test('Parquet with statistics absent or inexact loads: an all-empty column (no min/max), long text (truncated bounds), several row groups', async () => {
  const { dir, engine, loads } = await setup();
  try {
    const file = path.join(dir, 'sparse-stats.parquet');
    await engine.database.run(
      `COPY (SELECT 'C' || i AS customer_id, 'Pro' AS plan, 10 + i % 7 AS amount, DATE '2023-01-01' + INTERVAL (i % 28) DAY AS start_date,
        NULL::INTEGER AS seats, repeat('x', 300) || i AS note FROM range(5000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    const meta = await engine.database.rows(
      `SELECT count(DISTINCT row_group_id) AS groups, bool_or(stats_min_value IS NULL) AS absent, bool_or(NOT min_is_exact) AS inexact FROM parquet_metadata('${file}')`,
    );
    assert.deepEqual(meta.map((m) => [Number(m.groups), m.absent, m.inexact]), [[3, true, true]], 'the file has what the test is about');
    assert.equal((await loads(file)).rowsLoaded, 5000);
  } finally {
    engine.close();
  }
});

test('a clean Parquet file of every flat type DuckDB writes (NaN, ±0, infinities, Unicode, nested columns) loads as a table, in both page versions', async () => {
  const { dir, engine } = await setup();
  try {
    const select = `SELECT (i % 100)::TINYINT AS t, i::INTEGER - 5000 AS n, i::UBIGINT AS ub, i::HUGEINT * 1000000000000 AS h,
      CASE WHEN i % 97 = 0 THEN 'NaN'::FLOAT WHEN i % 89 = 0 THEN '-0.0'::FLOAT ELSE i / 7 END::FLOAT AS fl,
      CASE WHEN i % 50 = 0 THEN 'Infinity'::DOUBLE WHEN i % 51 = 0 THEN 'NaN'::DOUBLE ELSE -i / 3 END AS d,
      (i / 13)::DECIMAL(38, 10) AS dec, (i % 900 / 3)::DECIMAL(4, 1) AS small, DATE '1900-01-01' + i::INTEGER AS dt,
      TIME '00:00:00' + INTERVAL (i) SECOND AS tm, TIMESTAMP '1970-01-01' + INTERVAL (i) HOUR AS ts,
      (TIMESTAMP '2020-01-01' + INTERVAL (i) MICROSECOND)::TIMESTAMP_NS AS tns, TIMESTAMPTZ '2020-03-29 00:00:00+00' + INTERVAL (i) MINUTE AS tz,
      'Ünïcødé ' || i || ' 😀' AS u, i % 2 = 0 AS b, md5(i::VARCHAR)::UUID AS id, ('x' || i)::BLOB AS bl, INTERVAL (i) DAY AS iv,
      [i, i + 1] AS l, {'a': i} AS st, i AS after_nested, CASE WHEN i % 3 = 0 THEN NULL ELSE 'z' END AS sparse FROM range(5000) t(i)`;
    for (const version of ['V1', 'V2']) {
      const file = path.join(dir, `types-${version}.parquet`);
      await engine.database.run(`COPY (${select}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048, PARQUET_VERSION ${version})`);
      const result = await engine.invoke('files.import', { paths: [file] });
      assert.ok(result.ok, JSON.stringify(result).slice(0, 400));
      assert.equal(result.value[0]!.rowCount, 5000);
    }
  } finally {
    engine.close();
  }
});
