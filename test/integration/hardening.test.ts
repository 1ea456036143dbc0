// Bounds on what a hostile file can make the import do (issue 12): nesting,
// line length, column count, damaged or expanding archives, and messages that
// stay short and never echo the engine's SQL. Each refusal names the file (and
// line and column where there is one) and leaves the workspace as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { Engine } from '../../main/engine/engine.js';
import { ExpansionLimit } from '../../main/ingest/sources/scan.js';
import { defaultSheet, readWorkbook, sheetToCsv, sheetXmlToCsv } from '../../main/ingest/sources/xlsx.js';
import { readZipEntry, zipEntries } from '../../main/ingest/sources/zip.js';
import { removeLeftovers } from '../../main/runtime/leftovers.js';
import { importPlan } from '../../main/cli/options.js';
import { MAX_COLUMNS, MAX_JSON_DEPTH, MAX_MESSAGE_CHARS } from '../../main/ingest/sources/limits.js';
import { plainEngineMessage } from '../../main/ingest/sources/errors.js';
import { EngineError } from '../../shared/result.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { seededRandom } from '../support/random.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const GOOD = 'customer_id,amount,start_date\nC1,10,2024-01-01\n';

/**
 * Imports one file into a workspace that already holds data and expects a
 * refusal that leaves the workspace as it was. The mapping preview refuses
 * too, unless the fault lies beyond the rows it reads (`previewSeesIt`).
 */
async function refusedImport(file: string, previewSeesIt = true) {
  const engine = await Engine.open(null);
  const dir = tempDir();
  const seeded = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'good.csv', GOOD), interval: 'month' }] });
  assert.ok(seeded.ok, JSON.stringify(seeded));
  const snapshot = async () => JSON.stringify(await engine.database.rows(`SELECT (SELECT count(*) FROM churn.imports) AS i, (SELECT count(*) FROM churn.subscriptions) AS s, (SELECT count(*) FROM churn.rejects) AS r`), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  const before = await snapshot();
  const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  const after = await snapshot();
  const suggest = await engine.invoke('model.suggest', { path: file });
  engine.close();
  assert.equal(result.ok, false, `expected a refusal, got ${JSON.stringify(result).slice(0, 300)}`);
  assert.equal(suggest.ok, !previewSeesIt, 'the mapping preview refuses it too, if it reads that far');
  assert.equal(after, before, 'the workspace is exactly as it was');
  if (result.ok) throw new Error('unreachable');
  assert.ok(result.error.message.length <= MAX_MESSAGE_CHARS, `message of ${result.error.message.length} characters`);
  assert.ok(result.error.message.includes(file), 'the message names the file');
  return result.error;
}

test('JSON nested 10,000 deep is refused before DuckDB reads it (it would overflow its stack), with line and column', async () => {
  const dir = tempDir();
  const deep = writeFile(dir, 'deep.json', `${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
  const error = await refusedImport(deep);
  assert.equal(error.code, 'unsupported_file');
  assert.match(error.message, new RegExp(`deep\\.json, line 1, column ${MAX_JSON_DEPTH + 1}: the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`));

  // Inside a record of an NDJSON file, on its third line; brackets inside strings do not count.
  const inRecord = `{"customer_id":"C1","note":"${'['.repeat(500)}"}\n{"customer_id":"C2"}\n{"customer_id":"C3","x":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}\n`;
  const ndjson = writeFile(dir, 'records.ndjson', inRecord);
  assert.match((await refusedImport(ndjson)).message, /records\.ndjson, line 3, column \d+: the JSON is nested/);

  // Compressed, the same.
  const gz = writeFile(dir, 'deep.json.gz', zlib.gzipSync(`[${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}]`));
  assert.match((await refusedImport(gz)).message, /deep\.json\.gz, line 1, column \d+: the JSON is nested/);
});

test('JSON within the depth bound still loads', async () => {
  const dir = tempDir();
  const nested = `[{"customer_id":"C1","amount":10,"start_date":"2024-01-01","meta":${'{"a":'.repeat(MAX_JSON_DEPTH - 3)}1${'}'.repeat(MAX_JSON_DEPTH - 3)}}]`;
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'ok.json', nested), interval: 'month' }] });
  engine.close();
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.rowsLoaded, 1);
});

test('a line too long to be a row is refused with its line, plain or compressed', async () => {
  const dir = tempDir();
  const line = `C2,${'x'.repeat(2 * 1024 * 1024)},2024-01-01`;
  const plain = writeFile(dir, 'long.csv', `${GOOD}${line}\n`);
  assert.match((await refusedImport(plain)).message, /long\.csv.*line is longer than 1 MB/);
  // A small archive expanding to a header and one huge line: refused while decompressing, not after.
  const gz = writeFile(dir, 'long.csv.gz', zlib.gzipSync(`${GOOD}C2,${'y'.repeat(50 * 1024 * 1024)}\n`));
  assert.match((await refusedImport(gz)).message, /long\.csv\.gz, line 3, column \d+: the line is longer than 1 MB/);
});

test(`more than ${MAX_COLUMNS} columns is refused`, async () => {
  const dir = tempDir();
  const header = Array.from({ length: MAX_COLUMNS + 500 }, (_, i) => `c${i}`).join(',');
  const row = Array.from({ length: MAX_COLUMNS + 500 }, (_, i) => String(i)).join(',');
  const file = writeFile(dir, 'wide.csv', `${header}\n${row}\n`);
  assert.match((await refusedImport(file)).message, /wide\.csv: 2,500 columns, more than the 2,000/);
});

test('a damaged gzip says the archive is damaged: wrong checksum, missing trailer, truncated', async () => {
  const dir = tempDir();
  const body = `customer_id,amount,start_date\n${Array.from({ length: 2000 }, (_, i) => `C${i},${i},2024-01-01`).join('\n')}\n`;
  const gz = zlib.gzipSync(body);
  const badCrc = Buffer.from(gz);
  badCrc.writeUInt8(badCrc.readUInt8(badCrc.length - 8) ^ 0xff, badCrc.length - 8);
  const badLength = Buffer.from(gz);
  badLength.writeUInt8(badLength.readUInt8(badLength.length - 2) ^ 0x01, badLength.length - 2);
  const cases = {
    'crc.csv.gz': [badCrc, /checksum does not match/],
    'length.csv.gz': [badLength, /checksum does not match/],
    'no-trailer.csv.gz': [gz.subarray(0, gz.length - 8), /ends too early/],
    'truncated.csv.gz': [gz.subarray(0, Math.floor(gz.length / 2)), /ends too early/],
  } as const;
  for (const [name, [bytes, why]] of Object.entries(cases)) {
    const message = (await refusedImport(writeFile(dir, name, bytes))).message;
    assert.match(message, new RegExp(`${name.replace(/\./g, '\\.')}: the archive is damaged`), message);
    assert.match(message, why, message);
  }
});

test('decompression beyond the bound stops while it expands', async () => {
  const zeros = zlib.gzipSync(Buffer.alloc(8 * 1024 * 1024));
  let written = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      written += chunk.length;
      callback();
    },
  });
  await assert.rejects(
    pipeline(Readable.from([zeros]), zlib.createGunzip(), new ExpansionLimit('bomb.csv.gz', 1024 * 1024), sink),
    (error: unknown) => error instanceof EngineError && /bomb\.csv\.gz: expands to more than 1 MB/.test(error.message),
  );
  assert.ok(written <= 1024 * 1024, 'nothing beyond the limit reaches the reader');
});

test("the engine's own messages reach the user without the SQL they came from, bounded", () => {
  const raw = `Conversion Error: Could not cast value 1000000000000.000000 to DECIMAL(18,6)\n\nLINE 3: ...), '') IN ('trialing', 'trial') THEN 0 ELSE CAST(round((amount - coalesce(tax, 0)\n     ^`;
  assert.equal(plainEngineMessage(raw), 'Could not cast value 1000000000000.000000 to DECIMAL(18,6)');
  const long = plainEngineMessage(`Parser Error: ${'x\u0000y '.repeat(100_000)}`);
  assert.ok(long.length <= MAX_MESSAGE_CHARS);
  assert.doesNotMatch(long, /\u0000/);
});

/** Rejected rows of the workspace as "line column reason". */
async function rejects(engine: Engine): Promise<string[]> {
  const rows = await engine.database.rows(`SELECT line, "column", reason FROM churn.rejects ORDER BY line, reason`);
  return rows.map((r) => `${Number(r.line)} ${String(r.column)} ${String(r.reason)}`);
}

test('dates outside the plausible range are rejected by row and move neither the as-of date nor the months', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'subs.csv',
    'customer_id,amount,start_date,end_date\nC1,10,2024-01-01,\nC2,10,2200-01-01,\nC3,10,0001-01-01,\nC4,10,1582-10-15,2024-03-01\nC5,10,2024-02-01,2024-04-01\n',
  );
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.asOf, '2024-02-01', 'the as-of date comes from the plausible rows only');
  assert.deepEqual(await rejects(engine), ['3 start_date date_out_of_range', '4 start_date date_out_of_range', '5 start_date date_out_of_range']);
  const [span] = await engine.database.rows(`SELECT CAST(min(month) AS VARCHAR) AS first, CAST(max(month) AS VARCHAR) AS last, count(DISTINCT month) AS months FROM churn.customer_month`);
  // C5 ends 2024-04-01 (exclusive): closed rows run to their end, open ones to the as-of date.
  assert.deepEqual([span!.first, span!.last, Number(span!.months)], ['2024-01-01', '2024-03-01', 3]);
  const audit = result.value.audit.find((a) => a.check === 'rejected:date_out_of_range:start_date');
  assert.equal(audit?.count, 3);
  assert.equal(result.value.audit.find((a) => a.check.startsWith('future_dates')), undefined, 'rejected rows are not also reported as future dates');
  engine.close();
});

test('the plausible range is a setting: an earlier earliest date lets 1999 in', async () => {
  const dir = tempDir();
  const file = writeFile(dir, 'old.csv', 'customer_id,amount,start_date\nC1,10,1965-06-01\nC2,10,2024-01-01\n');
  const engine = await Engine.open(null);
  const strict = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
  assert.ok(strict.ok);
  assert.equal(strict.value.files[0]!.rowsRejected, 1);
  const lenient = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }], options: { earliestDate: '1900-01-01' } });
  assert.ok(lenient.ok);
  assert.equal(lenient.value.files[0]!.rowsRejected, 0);
  engine.close();
});

test('9999-12-31 in an end or cancellation column means open: no end, said in the notes and the audit, and memory stays bounded', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'erp.csv',
    'customer_id,amount,start_date,end_date,canceled_at\nC1,10,2024-01-01,9999-12-31,\nC2,20,2024-01-01,2024-03-01,9999-12-31\nC3,30,2024-02-01,2999-12-31,\nC4,40,2024-01-01,9999-09-09,\n',
  );
  const engine = await Engine.open(null);
  const preview = await engine.invoke('model.suggest', { path: file });
  assert.ok(preview.ok, JSON.stringify(preview));
  assert.ok(preview.value.notes.some((n) => /end_date ← "end_date": 9999-12-31 .* is read as open/.test(n)), preview.value.notes.join('\n'));
  const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }], options: { asOf: '2024-04-30' } });
  assert.ok(result.ok, JSON.stringify(result));
  const notes = result.value.files[0]!.notes;
  assert.ok(notes.some((n) => /^end_date ← "end_date": 2 rows say 9999-12-31/.test(n)), notes.join('\n'));
  assert.ok(notes.some((n) => /^canceled_at ← "canceled_at": 1 row says 9999-12-31/.test(n)), notes.join('\n'));
  // 9999-09-09 is no year-end sentinel: a date out of range, rejected.
  assert.deepEqual(await rejects(engine), ['5 end_date date_out_of_range']);
  const subs = await engine.database.rows(`SELECT customer_id, CAST(end_date AS VARCHAR) AS e, CAST(canceled_at AS VARCHAR) AS c FROM churn.subscriptions ORDER BY 1`);
  assert.deepEqual(subs.map((r) => [r.customer_id, r.e, r.c]), [['C1', null, null], ['C2', '2024-03-01', null], ['C3', null, null]]);
  const months = await engine.database.rows(`SELECT customer_id, count(*) AS n FROM churn.customer_month GROUP BY 1 ORDER BY 1`);
  assert.deepEqual(months.map((r) => [r.customer_id, Number(r.n)]), [['C1', 4], ['C2', 2], ['C3', 3]]);
  const audit = result.value.audit.find((a) => a.check === 'open_end_sentinel:end_date');
  assert.deepEqual([audit?.severity, audit?.count, audit?.examples.map((e) => e.line).sort()], ['info', 2, [2, 4]]);
  engine.close();
});

test('a value the model cannot hold rejects its row with line, column and reason; the rest loads', async () => {
  const dir = tempDir();
  const file = writeFile(
    dir,
    'values.csv',
    'customer_id,amount,quantity,start_date\nC1,10,1,2024-01-01\nC2,999999999999.999999,1,2024-01-01\nC3,1e400,1,2024-01-01\nC4,20,1,2024-01-01\n',
  );
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: file, kind: 'subscriptions', interval: 'month' }] });
  assert.ok(result.ok, JSON.stringify(result));
  assert.deepEqual([result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [2, 2]);
  assert.deepEqual(await rejects(engine), ['3 amount amount_out_of_range', '4 amount unparseable_money']);
  // Per-seat prices: the bound applies to the amount times the seats.
  const seats = writeFile(dir, 'seats.csv', 'customer_id,amount,quantity,start_date\nC1,10,3,2024-01-01\nC2,900000000,1000,2024-01-01\n');
  const perSeat = await engine.invoke('model.import', { files: [{ path: seats, kind: 'subscriptions', interval: 'month' }], options: { amountIsUnitPrice: true } });
  assert.ok(perSeat.ok, JSON.stringify(perSeat));
  assert.equal(perSeat.value.files[0]!.rowsRejected, 1);
  engine.close();
});

test('a NUL inside a value rejects that row, found where detection did not sample', async () => {
  const dir = tempDir();
  const lines = ['customer_id,amount,start_date', ...Array.from({ length: 20_000 }, (_, i) => `C${i},10,2024-01-01`)];
  lines[15_001] = 'C15000,1\u00000,2024-01-01';
  const engine = await Engine.open(null);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'nul.csv', `${lines.join('\n')}\n`), interval: 'month' }] });
  assert.ok(result.ok, JSON.stringify(result).slice(0, 500));
  assert.deepEqual([result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [19_999, 1]);
  assert.ok((await rejects(engine)).includes('15002 amount nul_character'));
  engine.close();
});

test('a few lines with the wrong number of values are rejected with their line; the sniffer is not allowed to load whole lines as one column', async () => {
  const dir = tempDir();
  const lines = ['customer_id,amount,start_date', ...Array.from({ length: 50 }, (_, i) => `C${i},${i + 1},2024-01-01${i % 10 === 3 ? ',extra' : ''}`)];
  lines[31] = 'C30;31;2024-01-01';
  const engine = await Engine.open(null);
  const preview = await engine.invoke('model.suggest', { path: writeFile(dir, 'ragged.csv', `${lines.join('\n')}\n`) });
  assert.ok(preview.ok, JSON.stringify(preview));
  assert.deepEqual(preview.value.columns.map((c) => c.name), ['customer_id', 'amount', 'start_date']);
  const result = await engine.invoke('model.import', { files: [{ path: writeFile(dir, 'ragged.csv', `${lines.join('\n')}\n`), interval: 'month' }] });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(result.value.files[0]!.delimiter, ',');
  assert.deepEqual([result.value.files[0]!.rowsRead, result.value.files[0]!.rowsLoaded, result.value.files[0]!.rowsRejected], [50, 44, 6]);
  assert.deepEqual(await rejects(engine), ['5 null wrong_field_count', '15 null wrong_field_count', '25 null wrong_field_count', '32 null wrong_field_count', '35 null wrong_field_count', '45 null wrong_field_count']);
  // The rows after a left-out line keep their own line numbers: C4 (amount 5) is line 6, C49 line 51.
  const placed = await engine.database.rows(`SELECT customer_id, source_line FROM churn.subscriptions WHERE customer_id IN ('C4', 'C31', 'C49') ORDER BY source_line`);
  assert.deepEqual(placed.map((r) => [r.customer_id, Number(r.source_line)]), [['C4', 6], ['C31', 33], ['C49', 51]]);
  engine.close();
});

test('many lines with the wrong number of values stop the import, listing them; so does any with misshapenLines "stop"', async () => {
  const dir = tempDir();
  const lines = ['customer_id,amount,start_date', ...Array.from({ length: 100 }, (_, i) => (i % 5 === 0 ? `C${i},1,2024-01-01,x` : `C${i},1,2024-01-01`))];
  const many = writeFile(dir, 'many.csv', `${lines.join('\n')}\n`);
  const error = await refusedImport(many, false);
  assert.match(error.message, /many\.csv: 20 lines have a different number of values than the header \(lines 2, 7, 12, 17, 22, …\)/);
  const one = writeFile(dir, 'one.csv', 'customer_id,amount,start_date\nC1,1,2024-01-01\nC2,1,2024-01-01,x\n');
  const engine = await Engine.open(null);
  const strict = await engine.invoke('model.import', { files: [{ path: one, interval: 'month' }], options: { misshapenLines: 'stop' } });
  engine.close();
  assert.equal(strict.ok, false);
  assert.match(!strict.ok ? strict.error.message : '', /one\.csv: 1 line has a different number of values than the header \(line 3\)/);
});

test('a quote opened and never closed is located: line and column of the opening quote, nothing loaded', async () => {
  const dir = tempDir();
  const lines = ['customer_id,amount,start_date', ...Array.from({ length: 100 }, (_, i) => `C${i},1,2024-01-01`)];
  lines[63] = 'C62,"1,2024-01-01';
  const error = await refusedImport(writeFile(dir, 'quote.csv', `${lines.join('\n')}\n`), false);
  assert.match(error.message, /quote\.csv, line 64, column 5: a quoted value opens here and is never closed/);
});

/** The fixture workbook with four bits flipped at places chosen by `seed` (xorshift, so every run flips the same bits). */
function flippedWorkbook(seed: number): Buffer {
  const bytes = fs.readFileSync(path.join(FIXTURES, 'workbook.xlsx'));
  const random = seededRandom(seed * 2654435761).next;
  for (let k = 0; k < 4; k += 1) {
    const at = Math.floor(bytes.length * (0.1 + 0.8 * random()));
    bytes.writeUInt8(bytes.readUInt8(at) ^ (1 << Math.floor(random() * 8)), at);
  }
  return bytes;
}

test('a workbook with flipped bits is refused as damaged (each entry inflated and its CRC-32 checked), never loaded changed', async () => {
  const dir = tempDir();
  // Seeds whose flips land in entry data: the sheet, shared strings, styles, the theme.
  for (const seed of [3, 4, 5, 8, 10, 21]) {
    const file = writeFile(dir, `flipped-${seed}.xlsx`, flippedWorkbook(seed));
    assert.match((await refusedImport(file)).message, /the workbook is damaged: the entry .* is damaged/);
  }
});

test('a sheet whose reading stands still stops with a message instead of hanging', async () => {
  const dir = tempDir();
  // A pipe that delivers the first part of a sheet's XML and then nothing, never ending: the reader waits, idle.
  const file = path.join(dir, 'stalls.xml');
  spawnSync('mkfifo', [file]);
  const book = path.join(FIXTURES, 'workbook.xlsx');
  const sheet = defaultSheet(readWorkbook(book)!)!;
  const xml = readZipEntry(book, zipEntries(book)!.find((entry) => entry.name === sheet.entry)!);
  const writer = fs.createWriteStream(file);
  writer.write(xml.subarray(0, Math.floor(xml.length / 2)));
  try {
    await assert.rejects(
      sheetXmlToCsv(fs.createReadStream(file, { encoding: 'utf8' }), { date1904: false }, path.join(dir, 'out.csv'), { noProgressMs: 300 }),
      /reading stopped making progress .* the workbook is probably damaged/,
    );
  } finally {
    writer.destroy();
  }
  // Given as the workbook itself, a pipe is refused at once (it has no directory to read).
  await assert.rejects(sheetToCsv(file, readWorkbook(book)!, sheet, path.join(dir, 'out.csv')), /not a regular file/);
});

test('converted copies and spill files of a process that was killed are removed at the next start', async () => {
  const root = tempDir();
  // A process that has exited: its pid no longer runs.
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const dead = path.join(root, `churn-workbench-${gone.stdout}`);
  fs.mkdirSync(path.join(dead, 'cw-source-abc'), { recursive: true });
  fs.writeFileSync(path.join(dead, 'cw-source-abc', 'export.utf8.csv'), 'converted copy');
  const alive = path.join(root, `churn-workbench-${process.pid}`);
  fs.mkdirSync(alive);
  const old = path.join(root, 'cw-source-old');
  fs.mkdirSync(old);
  const day = 24 * 60 * 60 * 1000;
  const removed = removeLeftovers(root, Date.now() + 2 * day);
  assert.deepEqual(removed.sort(), [dead, old].sort());
  assert.ok(fs.existsSync(alive), "this process's own folder stays");
  assert.deepEqual(removeLeftovers(root), [], 'nothing else to remove');
});

test("many large rows of one customer adding up past the model's type stop with a message naming the files, not a cast error", async () => {
  const dir = tempDir();
  const rows = Array.from({ length: 20 }, (_, i) => `C1,S${i},90000000000,2024-01-01`);
  const file = writeFile(dir, 'sum.csv', `customer_id,subscription_id,amount,start_date\n${rows.join('\n')}\nC2,T1,10,2024-01-01\n`);
  const error = await refusedImport(file, false);
  assert.equal(error.code, 'import_failed');
  assert.match(error.message, /sum\.csv: one customer's monthly revenue adds up to more than 999,999,999,999/);
});

test('the CLI passes the plausible range and the misshapen-lines choice, and refuses what they cannot be', () => {
  const plan = importPlan(['x.csv'], { 'earliest-date': '1900-01-01', 'years-ahead': '2', 'misshapen-lines': 'stop' });
  assert.deepEqual([plan.options.earliestDate, plan.options.yearsAhead, plan.options.misshapenLines], ['1900-01-01', 2, 'stop']);
  assert.throws(() => importPlan(['x.csv'], { 'years-ahead': 'ten' }), /--years-ahead takes a number of years/);
  assert.throws(() => importPlan(['x.csv'], { 'misshapen-lines': 'ignore' }), /--misshapen-lines takes one of reject_few, stop/);
  assert.throws(() => importPlan(['x.csv'], { 'earliest-date': '1/1/1900' }), /--earliest-date takes a date as YYYY-MM-DD/);
});
