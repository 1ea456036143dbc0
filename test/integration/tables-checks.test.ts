// The plain-table browser (files.inspect, files.import) reads delimited text
// with the model import's checks (issue 12): the dialect the header agrees
// with, every line's field count, quotes that are never closed, compressed
// input verified. A hostile file is refused with its file and line, by both
// calls, and leaves the workspace as it was; a clean file loads exactly.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Engine } from '../../main/engine/engine.js';
import { PLANS_CSV, tempDir, writeFile } from '../support/fixtures.js';

const HEADER = 'customer_id,amount,start_date';
const rows = (count: number) => Array.from({ length: count }, (_, i) => `C${i},${i + 1},2024-01-01`);
const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe('files.inspect and files.import on hostile delimited text', () => {
  let engine: Engine;
  const dir = tempDir();
  before(async () => {
    engine = await Engine.open(null);
    const seeded = await engine.invoke('files.import', { paths: [writeFile(dir, 'plans.csv', PLANS_CSV)] });
    assert.ok(seeded.ok, JSON.stringify(seeded));
  });
  after(() => engine.close());

  /**
   * The import refuses `file` with a message matching `expected` (which names
   * the file), and no table is added; so does the inspection unless
   * `inspectionSeesIt` is false (it counts rows, and converts no value).
   */
  async function refused(file: string, expected: RegExp, inspectionSeesIt = true) {
    const tables = await engine.invoke('tables.list', {});
    const inspected = await engine.invoke('files.inspect', { path: file });
    const imported = await engine.invoke('files.import', { paths: [file] });
    assert.equal(inspected.ok, !inspectionSeesIt, `inspect: ${JSON.stringify(inspected).slice(0, 300)}`);
    assert.equal(imported.ok, false, `import: ${JSON.stringify(imported).slice(0, 300)}`);
    for (const result of inspectionSeesIt ? [inspected, imported] : [imported]) {
      const message = result.ok ? '' : result.error.message;
      assert.ok(message.startsWith(file), message);
      assert.match(message, expected);
    }
    assert.deepEqual(await engine.invoke('tables.list', {}), tables, 'the workspace is as it was');
    return imported.ok ? null : imported.error;
  }

  test('a few ragged rows (an extra value, a line split at another delimiter) are listed by line, not padded or loaded as whole lines', async () => {
    const lines = [HEADER, ...rows(50)];
    lines[5] = 'C4,5,2024-01-01,extra';
    lines[32] = 'C31;32;2024-01-01';
    const error = await refused(writeFile(dir, 'ragged.csv', text(lines)), /: 2 lines have a different number of values than the header \(lines 6, 33\)/);
    assert.deepEqual((error?.details as { lines?: number[] } | undefined)?.lines, [6, 33]);
    const one = [HEADER, ...rows(50)];
    one[40] = 'C39,40';
    await refused(writeFile(dir, 'one.csv', text(one)), /: 1 line has a different number of values than the header \(line 41\)/);
  });

  test('mixed delimiters: the header decides, and the lines at the other delimiter are reported', async () => {
    const lines = [HEADER, ...rows(40).map((line, i) => (i % 2 ? line.replaceAll(',', ';') : line))];
    await refused(writeFile(dir, 'mixed.csv', text(lines)), /: 20 lines have a different number of values than the header \(lines 3, 5, 7, 9, 11, …\)\. The delimiter may be other than ","/);
  });

  test('a quote never closed is located at its opening, inside the sample types are detected from and beyond it', async () => {
    const near = [HEADER, ...rows(100)];
    near[63] = 'C62,"63,2024-01-01';
    const error = await refused(writeFile(dir, 'quote.csv', text(near)), /, line 64, column 5: a quoted value opens here and is never closed/);
    const details = error?.details as { line?: number; column?: number } | undefined;
    assert.deepEqual([details?.line, details?.column], [64, 5]);
    const far = [HEADER, ...rows(30_000)];
    far[29_000] = 'C28999,"29000,2024-01-01';
    await refused(writeFile(dir, 'far-quote.csv', text(far)), /, line 29001, column 8: a quoted value opens here and is never closed/);
  });

  test('a value unlike its column past the sampled rows names its line and column', async () => {
    const lines = [HEADER, ...rows(30_000)];
    lines[29_000] = 'C28999,abc,2024-01-01';
    await refused(writeFile(dir, 'cast.csv', text(lines)), /, line 29001, column "amount": "abc" is not a BIGINT like the values above it/, false);
  });

  test('a damaged gzip says so: wrong checksum, truncated', async () => {
    const gz = zlib.gzipSync(text([HEADER, ...rows(2000)]));
    const badCrc = Buffer.from(gz);
    badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 8) ^ 0xff, badCrc.length - 8);
    await refused(writeFile(dir, 'crc.csv.gz', badCrc), /crc\.csv\.gz: the archive is damaged: its checksum does not match its content/);
    await refused(writeFile(dir, 'cut.csv.gz', gz.subarray(0, Math.floor(gz.length / 2))), /cut\.csv\.gz: the archive is damaged: it ends too early/);
  });

  test('a clean file, plain and gzipped, loads every row with its values and types', async () => {
    const clean = 'id,name,amount,day\n1,"Smith, J",10.5,2024-01-31\n2,"He said ""hi""",20,2024-02-29\n3,,0,2024-03-01\n';
    const file = writeFile(dir, 'clean.csv', clean);
    const inspected = await engine.invoke('files.inspect', { path: file });
    assert.ok(inspected.ok, JSON.stringify(inspected));
    assert.equal(inspected.value.rowCount, 3);
    assert.deepEqual(inspected.value.columns.map((c) => `${c.name}:${c.type}`), ['id:BIGINT', 'name:VARCHAR', 'amount:DOUBLE', 'day:DATE']);
    const imported = await engine.invoke('files.import', { paths: [file, writeFile(dir, 'clean_gz.csv.gz', zlib.gzipSync(clean))] });
    assert.ok(imported.ok, JSON.stringify(imported));
    assert.deepEqual(imported.value.map((t) => [t.name, t.rowCount]), [['clean', 3], ['clean_gz', 3]]);
    for (const table of ['clean', 'clean_gz']) {
      const loaded = await engine.database.rows(`SELECT id, name, amount, day::VARCHAR AS day FROM ${table} ORDER BY id`);
      assert.deepEqual(loaded.map((r) => [Number(r.id), r.name, r.amount, r.day]), [
        [1, 'Smith, J', 10.5, '2024-01-31'],
        [2, 'He said "hi"', 20, '2024-02-29'],
        [3, null, 0, '2024-03-01'],
      ]);
    }
  });
});
