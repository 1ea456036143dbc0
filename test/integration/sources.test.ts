// Every format and encoding the import reads, through openSource and a real
// DuckDB: the committed fixtures in test/fixtures (see its README), detection
// on realistic samples, overrides, bad inputs, cancel, and the engine methods.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { openSource, detectEncoding, type Source } from '../../main/ingest/sources/index.js';
import { Engine } from '../../main/engine/engine.js';
import { EngineError } from '../../shared/result.js';
import { ROOT, ensureBuilt } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';
import { zipFile } from '../support/zip.js';
import { readZipEntry, zipEntries } from '../../main/ingest/sources/zip.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const fixture = (name: string) => path.join(FIXTURES, name);

let instance: DuckDBInstance;
let connection: DuckDBConnection;

before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
after(() => {
  connection.closeSync();
  instance.closeSync();
});

const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  return value;
};

async function rowsOf(source: Source, allVarchar = false): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(`SELECT * FROM ${source.relation({ allVarchar })}`);
  return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
}

async function typesOf(source: Source): Promise<string[]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source.relation({ allVarchar: false })}`);
  return reader.getRowObjectsJS().map((row) => `${String(row.column_name)}:${String(row.column_type)}`);
}

async function open(name: string, options: { encoding?: string; sheet?: string } = {}): Promise<Source> {
  return openSource(fixture(name), { connection, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<EngineError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EngineError, `expected an EngineError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to be rejected');
}

describe('encodings', () => {
  const ZH_ROW = {
    客户ID: 'C001',
    客户名称: '北京星辰科技有限公司',
    金额: 1200.5,
    开始日期: '2024-01-15',
    城市: '北京',
    状态: '活跃',
  };

  for (const name of ['utf8.csv', 'utf8-bom.csv']) {
    test(`${name}: UTF-8, read by DuckDB in place`, async () => {
      const source = await open(name);
      assert.deepEqual([source.format, source.encoding, source.delimiter], ['csv', 'utf-8', ',']);
      assert.equal(source.readPath, fixture(name), 'no converted copy for UTF-8');
      const rows = await rowsOf(source);
      assert.equal(rows.length, 4);
      assert.deepEqual(Object.keys(rows[0]!), ['customer_id', 'name', 'plan', 'mrr', 'start_date']);
      assert.equal(rows[1]!.name, 'Zoë Ångström AB');
      assert.equal(rows[2]!.name, '北京星辰科技');
      source.cleanup();
    });
  }

  for (const [name, encoding] of [
    ['utf16le-bom.csv', 'utf-16le'],
    ['utf16be-bom.csv', 'utf-16be'],
    ['utf16le-nobom.csv', 'utf-16le'],
  ] as const) {
    test(`${name}: ${encoding}, converted to UTF-8`, async () => {
      const source = await open(name);
      assert.deepEqual([source.format, source.encoding, source.delimiter], ['csv', encoding, ',']);
      assert.deepEqual(await rowsOf(source), [
        { customer_id: 'C1', name: 'Zoë Ångström', amount: 10.5 },
        { customer_id: 'C2', name: '张伟', amount: 20 },
        { customer_id: 'C3', name: 'Ólafur', amount: 30.25 },
      ]);
      source.cleanup();
    });
  }

  test('gbk.csv: GBK with Chinese headers is read as GB18030 (its superset)', async () => {
    const source = await open('gbk.csv');
    assert.deepEqual([source.format, source.encoding, source.delimiter], ['csv', 'gb18030', ',']);
    assert.deepEqual(await typesOf(source), ['客户ID:VARCHAR', '客户名称:VARCHAR', '金额:DOUBLE', '开始日期:DATE', '城市:VARCHAR', '状态:VARCHAR']);
    const rows = await rowsOf(source);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[0], ZH_ROW);
    assert.equal(rows[1]!.状态, '已取消');
    source.cleanup();
    assert.equal(fs.existsSync(source.readPath), false, 'cleanup removes the converted copy');
  });

  test('gbk.csv.gz: gzip and GBK, decompressed and converted in one stream', async () => {
    const source = await open('gbk.csv.gz');
    assert.deepEqual([source.format, source.encoding], ['csv', 'gb18030']);
    const rows = await rowsOf(source);
    assert.equal(rows.length, 5);
    assert.deepEqual(rows[0], ZH_ROW);
    source.cleanup();
  });

  test('gb18030.csv: four-byte GB18030 characters outside GBK', async () => {
    const source = await open('gb18030.csv');
    assert.equal(source.encoding, 'gb18030');
    const rows = await rowsOf(source);
    assert.deepEqual(rows.map((row) => row.客户名称), ['𠮷野家餐饮（中国）有限公司', '㙍山文化传媒', '广州市天河区软件园']);
    assert.equal(rows[0]!.金额, 88.8);
    source.cleanup();
  });

  test('big5.csv: Traditional Chinese in Big5', async () => {
    const source = await open('big5.csv');
    assert.deepEqual([source.format, source.encoding], ['csv', 'big5']);
    assert.deepEqual(await typesOf(source), ['客戶ID:VARCHAR', '客戶名稱:VARCHAR', '金額:DOUBLE', '開始日期:DATE', '城市:VARCHAR', '狀態:VARCHAR']);
    const rows = await rowsOf(source);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[1], { 客戶ID: 'T002', 客戶名稱: '高雄雲帆網路科技', 金額: 899, 開始日期: '2024-02-01', 城市: '高雄', 狀態: '已取消' });
    source.cleanup();
  });

  test('shift_jis.csv: Japanese in Shift-JIS', async () => {
    const source = await open('shift_jis.csv');
    assert.deepEqual([source.format, source.encoding], ['csv', 'shift_jis']);
    const rows = await rowsOf(source);
    assert.deepEqual(Object.keys(rows[0]!), ['顧客ID', '顧客名', '金額', '開始日', '都道府県', 'ステータス']);
    assert.deepEqual(rows[1], { 顧客ID: 'J002', 顧客名: 'やまだ商事株式会社', 金額: 8990, 開始日: '2024-02-01', 都道府県: '大阪府', ステータス: '解約済み' });
    source.cleanup();
  });

  test('windows-1252.csv: é, ü and €', async () => {
    const source = await open('windows-1252.csv');
    assert.deepEqual([source.format, source.encoding], ['csv', 'windows-1252']);
    assert.deepEqual((await rowsOf(source))[0], { customer_id: 'W001', name: 'José Müller', city: 'Zürich', note: '€ 49 par mois' });
    source.cleanup();
  });

  test('the user can override the guess', async () => {
    // The GBK file read as Big5 on purpose: garbled, but the user's choice is used.
    const forced = await open('gbk.csv', { encoding: 'big5' });
    assert.equal(forced.encoding, 'big5');
    assert.equal(forced.encodingDetected, false);
    assert.notEqual(Object.keys((await rowsOf(forced))[0]!)[1], '客户名称');
    forced.cleanup();
    // Windows-1252 text read as Latin-1: the same letters, but 0x80 is not the euro sign.
    const latin1 = await open('windows-1252.csv', { encoding: 'ISO-8859-1' });
    assert.equal(latin1.encoding, 'latin1');
    const row = (await rowsOf(latin1))[0]!;
    assert.equal(row.name, 'José Müller');
    assert.equal(row.note, '\u0080 49 par mois');
    latin1.cleanup();
    // And a GBK file named explicitly.
    const gbk = await open('gbk.csv', { encoding: 'GBK' });
    assert.equal(gbk.encoding, 'gbk');
    assert.equal((await rowsOf(gbk))[0]!.客户名称, '北京星辰科技有限公司');
    gbk.cleanup();
  });

  test('an unknown encoding name is refused with the names to use', async () => {
    const error = await rejection(open('utf8.csv', { encoding: 'klingon-8' }));
    assert.equal(error.code, 'invalid_request');
    assert.match(error.message, /Unknown encoding "klingon-8" for .*utf8\.csv.*gb18030/);
  });
});

describe('detection on realistic samples', () => {
  // Simplified text must never come out as Big5, nor Traditional as GBK.
  const simplified = [
    '客户ID,客户名称,金额,开始日期\n',
    '姓名,城市\n张伟,广州\n王芳,深圳\n李娜,杭州\n',
    '订单号,产品,数量,单价,备注\nA1,企业版,3,99.5,续费客户\nA2,专业版,1,49,新客户（试用转化）\n',
    '会员编号,会员等级,注册渠道,最近登录,流失原因\nM01,黄金会员,微信小程序,2024-05-01,价格太高\nM02,普通会员,应用商店,2024-04-12,功能不满足需求\n',
    '男,女\n',
  ];
  const traditional = [
    '客戶ID,客戶名稱,金額,開始日期\n',
    '姓名,城市\n陳大文,臺中\n林美玲,新竹\n',
    '訂單號,產品,數量,單價,備註\nA1,企業版,3,99.5,續約客戶\nA2,專業版,1,49,新客戶（試用轉換）\n',
    '會員編號,會員等級,註冊管道,最近登入,流失原因\nM01,黃金會員,官方網站,2024-05-01,價格太高\nM02,一般會員,應用程式商店,2024-04-12,功能無法滿足需求\n',
  ];
  for (const text of simplified) {
    test(`GBK, not Big5: ${text.split('\n')[0]}`, () => {
      assert.equal(detectEncoding([iconv.encode(text, 'gbk')]).encoding, 'gb18030');
    });
  }
  for (const text of traditional) {
    test(`Big5, not GBK: ${text.split('\n')[0]}`, () => {
      assert.equal(detectEncoding([iconv.encode(text, 'big5')]).encoding, 'big5');
    });
  }
  test('Shift-JIS and Windows-1252 samples', () => {
    assert.equal(detectEncoding([iconv.encode('氏名,住所\n山田太郎,東京都新宿区\n', 'shift_jis')]).encoding, 'shift_jis');
    assert.equal(detectEncoding([iconv.encode('name\nCafé\n', 'windows-1252')]).encoding, 'windows-1252');
    assert.equal(detectEncoding([iconv.encode('Straße,Größe\nÖsterreich,5\n', 'windows-1252')]).encoding, 'windows-1252');
  });
  test('a large file whose non-ASCII text starts far from its head is sampled further in', async () => {
    const dir = tempDir();
    const ascii = 'customer_id,name\n' + 'C1,Plain Name\n'.repeat(40_000);
    const file = writeFile(dir, 'late.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('C2,Müller Café\n'.repeat(5000), 'windows-1252')]));
    const source = await openSource(file, { connection });
    assert.equal(source.encoding, 'windows-1252');
    const [row] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${source.relation()} WHERE name = 'Müller Café'`)).getRowObjectsJS();
    assert.equal(Number(row!.n), 5000);
    source.cleanup();
  });
});

describe('formats and delimiters', () => {
  test('semicolons with decimal commas: typed reads get decimal_separator', async () => {
    const source = await open('semicolon-decimal-comma.csv');
    assert.deepEqual([source.format, source.delimiter, source.decimalSeparator], ['csv', ';', ',']);
    assert.deepEqual(await typesOf(source), ['kunden_id:VARCHAR', 'firma:VARCHAR', 'betrag:DOUBLE', 'start:DATE']);
    assert.deepEqual((await rowsOf(source)).map((row) => row.betrag), [1234.56, 99.9, 0.5]);
    // all_varchar leaves the text as written, for the mapping layer to parse.
    assert.deepEqual((await rowsOf(source, true)).map((row) => row.betrag), ['1234,56', '99,90', '0,5']);
    source.cleanup();
  });

  test('TSV and pipe-delimited text', async () => {
    const tsv = await open('plans.tsv');
    assert.deepEqual([tsv.format, tsv.delimiter, tsv.encoding], ['csv', '\t', 'utf-8']);
    assert.deepEqual((await rowsOf(tsv))[2], { customer_id: 'C003', plan: 'Pro, annual', mrr: 99 });
    const pipe = await open('pipe.txt');
    assert.equal(pipe.delimiter, '|');
    assert.deepEqual(await rowsOf(pipe), [
      { customer_id: 'C001', plan: 'Starter', mrr: 49.5 },
      { customer_id: 'C002', plan: 'Growth', mrr: 199 },
    ]);
  });

  test('quoted fields with commas, line breaks and doubled quotes', async () => {
    const source = await open('quoted.csv');
    assert.deepEqual(await rowsOf(source), [
      { id: 1, comment: 'Hello, world', amount: 10.5 },
      { id: 2, comment: 'first line\nsecond line', amount: 20 },
      { id: 3, comment: 'She said "cancel"', amount: 30 },
    ]);
  });

  test('gzip-compressed UTF-8 CSV is read by DuckDB directly', async () => {
    const source = await open('subscriptions.csv.gz');
    assert.deepEqual([source.format, source.encoding, source.delimiter], ['csv', 'utf-8', ',']);
    assert.equal(source.readPath, fixture('subscriptions.csv.gz'));
    const rows = await rowsOf(source);
    assert.equal(rows.length, 20);
    assert.deepEqual(rows[0], { customer_id: 'S001', start_date: '2023-01-01', end_date: '2024-01-01', amount: 49 });
  });

  test('Parquet', async () => {
    const source = await open('customers.parquet');
    assert.deepEqual([source.format, source.encoding, source.delimiter], ['parquet', null, null]);
    const rows = await rowsOf(source);
    assert.equal(rows.length, 25);
    assert.deepEqual(rows[0], { customer_id: 'P001', mrr: 50.5, start_date: '2024-01-02' });
    assert.deepEqual((await rowsOf(source, true))[0], { customer_id: 'P001', mrr: '50.5', start_date: '2024-01-02' });
  });

  test('JSON array and NDJSON', async () => {
    const json = await open('customers.json');
    assert.deepEqual([json.format, json.encoding], ['json', 'utf-8']);
    const rows = await rowsOf(json);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1], { customer_id: 'J2', name: '星辰科技', mrr: 199, start_date: '2024-02-15', tags: [] });
    const ndjson = await open('events.ndjson');
    assert.equal(ndjson.format, 'ndjson');
    const events = await rowsOf(ndjson);
    assert.equal(events.length, 4);
    assert.deepEqual(events[1], { customer_id: 'N2', date: '2024-03-05', reason: '太贵了' });
  });

  test('JSON in another encoding (UTF-16 with BOM) is converted first', async () => {
    const dir = tempDir();
    const text = '[{"customer_id":"U1","name":"张伟"},{"customer_id":"U2","name":"Zoë"}]';
    const file = writeFile(dir, 'wide.json', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    const source = await openSource(file, { connection });
    assert.deepEqual([source.format, source.encoding], ['json', 'utf-16le']);
    assert.deepEqual(await rowsOf(source), [
      { customer_id: 'U1', name: '张伟' },
      { customer_id: 'U2', name: 'Zoë' },
    ]);
    source.cleanup();
  });

  test('a header-only file has its columns and no rows', async () => {
    const source = await open('header-only.csv');
    assert.deepEqual(await typesOf(source), ['customer_id:VARCHAR', 'plan:VARCHAR', 'mrr:VARCHAR', 'start_date:VARCHAR']);
    assert.deepEqual(await rowsOf(source), []);
  });
});

describe('Excel workbooks', () => {
  test('lists every sheet and reads the first by default', async () => {
    const source = await open('workbook.xlsx');
    assert.deepEqual([source.format, source.encoding, source.delimiter], ['xlsx', null, null]);
    assert.deepEqual(source.sheets, ['Customers', 'Subscriptions']);
    assert.equal(source.sheet, 'Customers');
    assert.deepEqual(await rowsOf(source), [
      { customer_id: 'X001', name: 'Nordwind AG', country: 'DE' },
      { customer_id: 'X002', name: '上海云帆', country: 'CN' },
      { customer_id: 'X003', name: 'Zoë & Co', country: 'FR' },
    ]);
    source.cleanup();
    assert.equal(fs.existsSync(source.readPath), false);
  });

  test('another sheet: header from its first non-empty row, dates as ISO, numbers, formula results', async () => {
    const source = await open('workbook.xlsx', { sheet: 'Subscriptions' });
    assert.equal(source.sheet, 'Subscriptions');
    assert.deepEqual(await typesOf(source), [
      'customer_id:VARCHAR',
      'start_date:DATE',
      'amount:DOUBLE',
      'seats:BIGINT',
      'total:DOUBLE',
      'active:BOOLEAN',
    ]);
    assert.deepEqual(await rowsOf(source, true), [
      { customer_id: 'X001', start_date: '2024-01-15', amount: '49.5', seats: '3', total: '148.5', active: 'true' },
      { customer_id: 'X002', start_date: '2024-02-29', amount: '199', seats: '1', total: '199', active: 'false' },
      { customer_id: 'X003', start_date: '2024-03-31', amount: '0.1', seats: '10', total: '1', active: 'true' },
    ]);
    // Errors point at the sheet's own rows: line 3 of the data is row 6 (header on row 2, row 5 blank).
    const explained = source.explain(
      new Error(`Conversion Error: CSV Error on Line: 3\nError when converting column "amount". Could not convert string "n/a" to 'DOUBLE'`),
    );
    assert.match(explained.message, /workbook\.xlsx, sheet "Subscriptions", row 6, column "amount": "n\/a" is not a DOUBLE/);
    source.cleanup();
  });

  test('sheet names match without regard to case; an unknown sheet lists the real ones', async () => {
    const source = await open('workbook.xlsx', { sheet: 'subscriptions' });
    assert.equal(source.sheet, 'Subscriptions');
    source.cleanup();
    const error = await rejection(open('workbook.xlsx', { sheet: 'Invoices' }));
    assert.equal(error.code, 'not_found');
    assert.match(error.message, /workbook\.xlsx has no sheet named "Invoices"\. Its sheets are: "Customers", "Subscriptions"\./);
  });

  test('text of several bytes per character is read whole where the XML is read in pieces', async () => {
    // The shared strings and the sheet are inflated 16 KiB at a time: pieces that end inside a
    // character once became U+FFFD (each piece was decoded alone).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Names');
    sheet.addRow(['customer_id', 'name', 'note']);
    const expected: Record<string, unknown>[] = [];
    for (let i = 1; i <= 3000; i += 1) {
      const row = { customer_id: `C${i}`, name: `北京星辰科技有限公司 ${i} Zoë`, note: `😀 €${i} 上海云帆` };
      sheet.addRow([row.customer_id, { richText: [{ text: '北京星辰' }, { text: row.name.slice(4) }] }, row.note]);
      expected.push(row);
    }
    const dir = tempDir();
    const file = writeFile(dir, 'names.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const source = await openSource(file, { connection });
    assert.deepEqual(await rowsOf(source, true), expected);
    source.cleanup();
  });

  test('a value beyond the columns a table can have stops the read at once, naming its row and column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Wide');
    sheet.addRow(['customer_id', 'mrr']);
    for (let i = 1; i <= 5000; i += 1) sheet.addRow([`C${i}`, i]);
    // A stray value far to the right: each of the 5000 lines would have been written 16,384 fields wide.
    sheet.getCell(3, 16384).value = 'x';
    const dir = tempDir();
    const file = writeFile(dir, 'wide.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const error = await rejection(openSource(file, { connection, tempDir: dir }));
    assert.equal(error.code, 'unsupported_file');
    assert.match(error.message, /wide\.xlsx: could not read sheet "Wide" \(row 3 has a value in column XFD, the 16,384th: more than the 2,000 columns/);
    // Nothing of the sheet's text was left behind.
    assert.deepEqual(fs.readdirSync(dir, { recursive: true }).filter((name) => String(name).endsWith('.csv')), []);
  });

  test('the parts of the workbook in any order in the file: each sheet reads the same', async () => {
    // The fixture's parts rewritten in other orders. Excel writes xl/workbook.xml
    // early; exceljs writes it last. exceljs's streaming reader parsed a sheet
    // as soon as it had the shared strings and relationships, and failed when
    // the workbook part had not come yet: "Cannot read properties of undefined
    // (reading 'sheets')", the first order here (and, under load, a CI run of
    // the first test of this group).
    const book = fixture('workbook.xlsx');
    const parts = zipEntries(book)!
      .filter((entry) => !entry.name.endsWith('/'))
      .map((entry) => ({ name: entry.name, data: readZipEntry(book, entry) }));
    const rank = (name: string) =>
      name === 'xl/workbook.xml' ? 3 : name.startsWith('xl/worksheets/') ? 2 : /\.rels$|sharedStrings|styles/.test(name) ? 0 : 1;
    const sheetFirst = (name: string) => (name === 'xl/workbook.xml' ? 2 : name.startsWith('xl/worksheets/') ? 0 : 1);
    // A sheet stored under another name than sheetN.xml (the relationship says where).
    const renamed = parts.map((part) =>
      part.name === 'xl/worksheets/sheet1.xml'
        ? { ...part, name: 'xl/worksheets/customers.xml' }
        : part.name === 'xl/_rels/workbook.xml.rels' || part.name === '[Content_Types].xml'
          ? { ...part, data: Buffer.from(part.data.toString('utf8').replace('worksheets/sheet1.xml', 'worksheets/customers.xml')) }
          : part,
    );
    const orders: [string, { name: string; data: Buffer }[]][] = [
      ['needed-parts-then-sheets-then-workbook', [...parts].sort((a, b) => rank(a.name) - rank(b.name))],
      ['sheets-first-workbook-last', [...parts].sort((a, b) => sheetFirst(a.name) - sheetFirst(b.name))],
      ['reversed', [...parts].reverse()],
      ['renamed-sheet', renamed],
    ];
    const expected = async (sheet: string) => {
      const source = await open('workbook.xlsx', { sheet });
      const rows = await rowsOf(source, true);
      source.cleanup();
      return rows;
    };
    const customers = await expected('Customers');
    const subscriptions = await expected('Subscriptions');
    assert.equal(customers.length, 3);
    const dir = tempDir();
    for (const [name, order] of orders) {
      const file = writeFile(dir, `${name}.xlsx`, zipFile(order));
      const first = await openSource(file, { connection });
      assert.deepEqual([first.sheets, first.sheet], [['Customers', 'Subscriptions'], 'Customers'], name);
      assert.deepEqual(await rowsOf(first, true), customers, name);
      first.cleanup();
      const second = await openSource(file, { connection, sheet: 'Subscriptions' });
      assert.deepEqual(await rowsOf(second, true), subscriptions, name);
      second.cleanup();
    }
  });
});

describe('bad input', () => {
  const cases: [string, string, RegExp][] = [
    ['empty.csv', 'unsupported_file', /empty\.csv is empty: there is nothing to load/],
    ['binary.dat', 'unsupported_file', /binary\.dat looks like a binary file.*Export the data as CSV or Excel/],
    ['blank-lines.csv', 'unsupported_file', /blank-lines\.csv has only blank lines/],
    ['no-columns.csv', 'unsupported_file', /no-columns\.csv has no usable column.*first line should name the columns/],
    ['missing.csv', 'not_found', /missing\.csv: no such file/],
  ];
  for (const [name, code, message] of cases) {
    test(`${name}: ${code}`, async () => {
      const error = await rejection(open(name));
      assert.equal(error.code, code);
      assert.match(error.message, message);
    });
  }

  test('other binary formats and misnamed files say what they are and what to do', async () => {
    const dir = tempDir();
    const xls = writeFile(dir, 'old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    assert.match((await rejection(openSource(xls, { connection }))).message, /old\.xls is an old Excel 97–2003.*save it as \.xlsx or CSV/);
    const zip = writeFile(dir, 'bundle.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x00]));
    assert.match((await rejection(openSource(zip, { connection }))).message, /bundle\.zip is a ZIP archive, not a data file\. Extract it/);
    const fake = writeFile(dir, 'fake.xlsx', 'customer_id,mrr\nC1,10\n');
    assert.match((await rejection(openSource(fake, { connection }))).message, /fake\.xlsx is named \.xlsx but is not an Excel workbook/);
    const parquet = writeFile(dir, 'fake.parquet', 'a,b\n1,2\n');
    assert.match((await rejection(openSource(parquet, { connection }))).message, /fake\.parquet is named \.parquet but is not a Parquet file/);
    const gz = writeFile(dir, 'broken.csv.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03]));
    assert.match((await rejection(openSource(gz, { connection }))).message, /broken\.csv\.gz: the archive is damaged/);
  });

  test('a value DuckDB cannot read: file, line and column, and what to do', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'late-text.csv', `id,amount\n${'1,2\n'.repeat(30_000)}x,3\n`);
    const source = await openSource(file, { connection });
    try {
      await connection.run(`CREATE TEMP TABLE late AS SELECT * FROM ${source.relation()}`);
      assert.fail('the read should fail');
    } catch (error) {
      const explained = source.explain(error);
      assert.ok(explained instanceof EngineError);
      assert.equal(explained.code, 'import_failed');
      assert.match(explained.message, /late-text\.csv, line 30002, column "id": "x" is not a BIGINT like the values above it\. Correct or clear that value/);
    }
    // Read as text, the same file loads.
    const [row] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${source.relation({ allVarchar: true })}`)).getRowObjectsJS();
    assert.equal(Number(row!.n), 30_001);
  });
});

describe('cancel', () => {
  test('aborting during transcoding stops it and leaves no temporary file', async () => {
    const dir = tempDir();
    const work = path.join(dir, 'work');
    const line = iconv.encode('C001,北京星辰科技有限公司,1200.50,2024-01-15,北京,活跃\n', 'gbk');
    const body = Buffer.concat(Array.from({ length: 200_000 }, () => line));
    const file = writeFile(dir, 'big-gbk.csv', Buffer.concat([iconv.encode('客户ID,客户名称,金额,开始日期,城市,状态\n', 'gbk'), body]));
    const controller = new AbortController();
    let progressCalls = 0;
    const error = await rejection(
      openSource(file, {
        connection,
        tempDir: work,
        signal: controller.signal,
        onProgress: ({ phase, bytesDone, bytesTotal }) => {
          progressCalls += 1;
          assert.equal(phase, 'transcode');
          assert.ok(bytesDone > 0 && bytesDone <= bytesTotal);
          controller.abort();
        },
      }),
    );
    assert.equal(error.code, 'cancelled');
    assert.ok(progressCalls >= 1);
    assert.deepEqual(fs.readdirSync(work), [], 'nothing left in the temp folder');
  });
});

describe('through the engine', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.open(null);
  });
  after(() => engine.close());

  test('files.inspect reports encoding, delimiter, rows and types of a GBK file', async () => {
    const result = await engine.invoke('files.inspect', { path: fixture('gbk.csv') });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value, {
      path: fixture('gbk.csv'),
      format: 'csv',
      rowCount: 5,
      columns: [
        { name: '客户ID', type: 'VARCHAR' },
        { name: '客户名称', type: 'VARCHAR' },
        { name: '金额', type: 'DOUBLE' },
        { name: '开始日期', type: 'DATE' },
        { name: '城市', type: 'VARCHAR' },
        { name: '状态', type: 'VARCHAR' },
      ],
      delimiter: ',',
      encoding: 'gb18030',
      sheets: null,
      sheet: null,
    });
  });

  test('files.inspect of an Excel sheet, and an encoding override', async () => {
    const sheet = await engine.invoke('files.inspect', { path: fixture('workbook.xlsx'), sheet: 'Subscriptions' });
    assert.ok(sheet.ok, JSON.stringify(sheet));
    assert.deepEqual(
      { ...sheet.value, columns: sheet.value.columns.map((c) => c.name) },
      {
        path: fixture('workbook.xlsx'),
        format: 'xlsx',
        rowCount: 3,
        columns: ['customer_id', 'start_date', 'amount', 'seats', 'total', 'active'],
        delimiter: null,
        encoding: null,
        sheets: ['Customers', 'Subscriptions'],
        sheet: 'Subscriptions',
      },
    );
    const forced = await engine.invoke('files.inspect', { path: fixture('windows-1252.csv'), encoding: 'latin1' });
    assert.equal(forced.ok && forced.value.encoding, 'latin1');
  });

  test('files.import loads a GBK file and an Excel sheet, and removes the converted copies', async () => {
    const result = await engine.invoke('files.import', { paths: [fixture('gbk.csv')], jobId: 'gbk' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.value.map((t) => [t.name, t.rowCount, t.source]), [['gbk', 5, fixture('gbk.csv')]]);
    assert.deepEqual(result.value[0]!.columns.map((c) => c.name), ['客户ID', '客户名称', '金额', '开始日期', '城市', '状态']);
    const [row] = await engine.database.rows(`SELECT "客户名称" AS name, "金额" AS amount FROM gbk WHERE "客户ID" = 'C003'`);
    assert.deepEqual(row, { name: '深圳蓝海贸易', amount: 450 });

    const sheet = await engine.invoke('files.import', { paths: [fixture('workbook.xlsx')], sheet: 'Subscriptions' });
    assert.ok(sheet.ok, JSON.stringify(sheet));
    assert.deepEqual(sheet.value.map((t) => [t.name, t.rowCount]), [['workbook_subscriptions', 3]]);
    const [sub] = await engine.database.rows(`SELECT start_date::VARCHAR AS d, total FROM workbook_subscriptions WHERE customer_id = 'X001'`);
    assert.deepEqual(sub, { d: '2024-01-15', total: 148.5 });

    const temp = engine.database.resources.tempDirectory;
    assert.deepEqual((fs.existsSync(temp) ? fs.readdirSync(temp) : []).filter((name) => name.startsWith('cw-source-')), []);
  });

  test('jobs.cancel during a GBK import stops the conversion and leaves nothing behind', async () => {
    const dir = tempDir();
    const line = iconv.encode('C001,北京星辰科技有限公司,1200.50,2024-01-15,北京,活跃\n', 'gbk');
    const file = writeFile(dir, 'many.csv', Buffer.concat([iconv.encode('客户ID,客户名称,金额\n', 'gbk'), ...Array.from({ length: 400_000 }, () => line)]));
    const running = engine.invoke('files.import', { paths: [file], jobId: 'gbk-cancel' });
    // Cancel as soon as the job runs: during probing or converting.
    const cancel = async () => {
      const answer = await engine.invoke('jobs.cancel', { jobId: 'gbk-cancel' });
      return answer.ok && answer.value.cancelled;
    };
    for (let i = 0; i < 200 && !(await cancel()); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await running;
    assert.equal(!result.ok && result.error.code, 'cancelled');
    const tables = await engine.invoke('tables.list', {});
    assert.ok(tables.ok);
    assert.equal(tables.value.some((table) => table.name === 'many'), false);
    const temp = engine.database.resources.tempDirectory;
    assert.deepEqual((fs.existsSync(temp) ? fs.readdirSync(temp) : []).filter((name) => name.startsWith('cw-source-')), []);
  });

  test('files.import refuses a header-only file and an unknown sheet, naming the file', async () => {
    const header = await engine.invoke('files.import', { paths: [fixture('header-only.csv')] });
    assert.equal(!header.ok && header.error.code, 'import_failed');
    assert.match(!header.ok ? header.error.message : '', /header-only\.csv has a header but no data rows/);
    const sheet = await engine.invoke('files.import', { paths: [fixture('workbook.xlsx')], sheet: 'Nope' });
    assert.equal(!sheet.ok && sheet.error.code, 'not_found');
    assert.match(!sheet.ok ? sheet.error.message : '', /workbook\.xlsx has no sheet named "Nope"/);
  });
});

describe('the command line', () => {
  const cli = (...args: string[]) => {
    ensureBuilt();
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'churn-workbench.js'), ...args], { encoding: 'utf8' });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  test('inspect prints the detected encoding', () => {
    const { code, stdout } = cli('inspect', fixture('big5.csv'));
    assert.equal(code, 0);
    assert.match(stdout, /Encoding:\s+big5\n/);
    assert.match(stdout, /Rows:\s+4\n/);
    assert.match(stdout, /客戶名稱\s+VARCHAR/);
  });

  test('inspect --sheet and --encoding', () => {
    const sheet = cli('inspect', fixture('workbook.xlsx'), '--sheet', 'Subscriptions');
    assert.equal(sheet.code, 0);
    assert.match(sheet.stdout, /Format:\s+xlsx\n/);
    assert.match(sheet.stdout, /Sheet:\s+Subscriptions\n/);
    assert.match(sheet.stdout, /Sheets:\s+Customers, Subscriptions\n/);
    assert.match(sheet.stdout, /start_date\s+DATE/);
    const forced = cli('inspect', fixture('gbk.csv'), '--encoding', 'gbk', '--json');
    assert.equal(forced.code, 0);
    assert.equal(JSON.parse(forced.stdout).encoding, 'gbk');
    const bad = cli('inspect', fixture('binary.dat'));
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /binary\.dat looks like a binary file/);
  });
});
