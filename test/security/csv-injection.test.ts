// Spreadsheet-safe CSV (shared/csv.ts): a text cell a spreadsheet would run as
// a formula gets a leading single quote; numbers stay numbers. Checked on the
// helper, and end to end on the report's CSV zip fed a hostile churn reason.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { csvField, spreadsheetSafeText, toCsv } from '../../shared/csv.js';
import { Engine } from '../../main/engine/engine.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const dir = tempDir('cw-csv-injection-');
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('text beginning with = + - @ tab CR or NUL is neutralised with a leading quote', () => {
  const cases: [string, string][] = [
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+cmd|x', "'+1+cmd|x"],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['\0=1', "'\0=1"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['-', "'-"],
  ];
  for (const [text, safe] of cases) assert.equal(spreadsheetSafeText(text), safe, JSON.stringify(text));
});

test('ordinary text and plain numbers written as text are left as they are', () => {
  for (const text of ['trial expired', 'a=b', "'already quoted", ' =leading space', '', '-12.5', '+3', '-.5', '1e-5', '-7E+3', '2024-01-01']) {
    assert.equal(spreadsheetSafeText(text), text, JSON.stringify(text));
  }
});

test('fields: numbers (negative too) as written, neutralised text quoted when RFC 4180 needs it', () => {
  assert.equal(csvField(-12.5), '-12.5');
  assert.equal(csvField(-3n), '-3');
  assert.equal(csvField(0), '0');
  assert.equal(csvField(null), '');
  assert.equal(csvField(undefined), '');
  assert.equal(csvField('=1+2'), "'=1+2");
  assert.equal(csvField('=SUM(1,2)'), `"'=SUM(1,2)"`);
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField(new Date(Date.UTC(2025, 0, 2))), '2025-01-02T00:00:00.000Z');
  assert.equal(toCsv(['reason', 'mrr'], [['=cmd', -5], ['ok', 1.25]]), "reason,mrr\r\n'=cmd,-5\r\nok,1.25\r\n");
});

/** The entries of a zip (deflated or stored), read with zlib. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const buffer = Buffer.from(bytes);
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < buffer.readUInt16LE(end + 10); i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(buffer.subarray(at + 46, at + 46 + nameLength).toString('utf8'), (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return files;
}

test("the report's churn_reasons.csv carries a hostile churn reason as inert text", { timeout: 120_000 }, async () => {
  const hostile = "=cmd|' /C calc'!A0";
  const subscriptions = writeFile(
    dir,
    'subscriptions.csv',
    [
      'subscription_id,customer_id,plan,billing_interval,amount,currency,quantity,discount_pct,start_date,end_date,status,canceled_at,cancellation_reason,churn_type',
      'S1,C1,Pro,month,100.00,USD,1,0,2025-01-01,2025-04-01,canceled,2025-04-01,"' + hostile.replace(/"/g, '""') + '",voluntary',
      'S2,C2,Pro,month,50.00,USD,1,0,2025-01-01,,active,,,',
      'S3,C3,Pro,month,80.00,USD,1,0,2025-01-01,2025-03-01,canceled,2025-03-01,too expensive,voluntary',
    ].join('\n') + '\n',
  );
  const engine = await Engine.open(null);
  try {
    const imported = await engine.invoke('model.import', { files: [{ path: subscriptions }] });
    assert.ok(imported.ok, JSON.stringify(imported));
    const exported = await engine.invoke('report.export', { settings: {}, report: { date: '2025-06-01' }, format: 'csv' });
    assert.ok(exported.ok, JSON.stringify(exported));
    const reasons = unzip(exported.value as Uint8Array).get('churn_reasons.csv');
    assert.ok(reasons, 'churn_reasons.csv is in the zip');
    const lines = reasons.replace(/^\uFEFF/, '').trim().split('\r\n');
    const line = lines.find((l) => l.includes('cmd|'));
    assert.ok(line, reasons);
    assert.ok(line.startsWith(`"'=cmd|' /C calc'!A0"`) || line.startsWith(`'=cmd|' /C calc'!A0`), line);
    for (const l of lines) assert.doesNotMatch(l, /(^|,)"?[=+@]/, `no cell of ${JSON.stringify(l)} starts a formula`);
  } finally {
    engine.close();
  }
});

test("the console's CSV export (DuckDB's COPY) neutralises exactly what shared/csv.ts does: every leading character, headers too, numbers kept", { timeout: 120_000 }, async () => {
  const texts = [
    "=cmd|' /C calc'!A0", '+1+cmd|x', '-2+3+cmd|x', '@SUM(A1:A9)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', '-',
    'trial expired', 'a=b', "'already quoted", ' =leading space', '-12.5', '+3', '1e-5', '2024-01-01',
  ];
  // Control characters through chr(), everything else as a quoted SQL string.
  const literal = (text: string) => text.split(/([\t\r])/).filter((part) => part !== '').map((part) => (/^[\t\r]$/.test(part) ? `chr(${part.charCodeAt(0)})` : `'${part.replace(/'/g, "''")}'`)).join(' || ');
  const values = texts.map((text, i) => `(${i}, ${literal(text)}, ${-i - 0.5})`).join(', ');
  const engine = await Engine.open(null);
  try {
    const run = await engine.invoke('console.run', { tabId: 'csv', sql: `SELECT i, v AS "=label", x FROM (VALUES ${values}) t(i, v, x) ORDER BY i` });
    assert.ok(run.ok && run.value.result, JSON.stringify(run));
    const file = `${dir}/console.csv`;
    const exported = await engine.invoke('console.export', { resultId: run.value.result.resultId, format: 'csv', path: file });
    assert.ok(exported.ok, JSON.stringify(exported));
    assert.equal(fs.readFileSync(file, 'utf8').split('\n', 1)[0], "i,'=label,x");
    const rows = await engine.database.rows(`SELECT * FROM read_csv('${file}', all_varchar = true, header = true) ORDER BY CAST(i AS INTEGER)`);
    assert.deepEqual(
      rows.map((row) => [row.i, row["'=label"], row.x]),
      texts.map((text, i) => [String(i), spreadsheetSafeText(text), String(-i - 0.5)]),
    );
  } finally {
    engine.close();
  }
});
