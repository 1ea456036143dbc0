// The value readers of the import mapping: every SQL expression evaluated in a
// real DuckDB with exact expected values (dates as 'YYYY-MM-DD', money as
// DECIMAL(18,6) text), unreadable input → NULL and never an error, and the
// JavaScript readers held to the same answers as their SQL twins.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import {
  DEFAULT_NUMBER_STYLE,
  booleanSql,
  dateSql,
  fieldSql,
  guessDateFormat,
  guessNumberStyle,
  guessPercentScale,
  integerSql,
  intervalCountSql,
  intervalSql,
  moneySql,
  numberSql,
  parseBoolean,
  parseDate,
  parseInteger,
  parseInterval,
  parseIntervalCount,
  parseMoney,
  parseNumber,
  parsePercent,
  percentSql,
  suggestMapping,
  textSql,
  type DateFormat,
  type NumberStyle,
} from '../../main/ingest/mapping/index.js';
import { memoryConnection } from '../support/duckdb.js';

const duck = memoryConnection();

/** A column name that needs quoting, to show the expressions take any quoted identifier. */
const COLUMN = 'Raw "value", as typed';
const col = quotedIdentifier(COLUMN);

/** Evaluates expr over the inputs (one row each) and returns CAST(expr AS VARCHAR) per input. */
async function evaluate(expr: string, inputs: readonly (string | null)[]): Promise<(string | null)[]> {
  const rows = inputs.map((input, i) => `(${i}, ${input === null ? 'CAST(NULL AS VARCHAR)' : quotedString(input)})`).join(', ');
  const sql = `SELECT CAST(${expr} AS VARCHAR) AS v FROM (VALUES ${rows}) AS t(i, ${col}) ORDER BY i`;
  const result = (await duck.db.runAndReadAll(sql)).getRowObjectsJS();
  return result.map((row) => (row.v === null ? null : String(row.v)));
}

/** Checks a table of [input, expected] against the SQL expression and, when given, the JS reader. */
async function check(
  expr: string,
  cases: readonly (readonly [string | null, string | null])[],
  js?: (input: string | null) => string | null,
): Promise<void> {
  const got = await evaluate(expr, cases.map(([input]) => input));
  cases.forEach(([input, expected], i) => {
    assert.equal(got[i], expected, `SQL reads ${JSON.stringify(input)} as ${got[i]}, expected ${expected}`);
    if (js) assert.equal(js(input), expected, `JS reads ${JSON.stringify(input)} as ${js(input)}, expected ${expected}`);
  });
}

const US: NumberStyle = { decimal: '.', thousands: ',', currencySymbols: [], parenthesesNegative: true };
const EU: NumberStyle = { decimal: ',', thousands: '.', currencySymbols: [], parenthesesNegative: false };
const FR: NumberStyle = { decimal: ',', thousands: ' ', currencySymbols: [], parenthesesNegative: false };
const CH: NumberStyle = { decimal: '.', thousands: "'", currencySymbols: [], parenthesesNegative: false };

/** Inputs that must never make any expression fail. */
const GARBAGE = ['', '   ', '--', '()', '(', ')', '-', '+', '.', ',', '1e5', '💸', 'NULL', 'n/a', '9'.repeat(40), '１２／３４', 'abc def', '%', '年月日', "'", '\\', '\t\n'];

describe('money', () => {
  test('US-style amounts with symbols, codes, signs and parentheses', async () => {
    await check(moneySql(col, US), [
      ['1,234.50', '1234.500000'],
      ['$1,234', '1234.000000'],
      ['(300.00)', '-300.000000'],
      ['-12', '-12.000000'],
      ['12-', '-12.000000'],
      ['-$12.50', '-12.500000'],
      ['$-12.50', '-12.500000'],
      ['12.5 USD', '12.500000'],
      ['usd 12.5', '12.500000'],
      ['US$ 1,000', '1000.000000'],
      ['¥1,200', '1200.000000'],
      ['￥1,200', '1200.000000'],
      ['RMB 100', '100.000000'],
      ['人民币100元', '100.000000'],
      ['100元', '100.000000'],
      ['１，２３４．５', '1234.500000'],
      ['  7  ', '7.000000'],
      ['.5', '0.500000'],
      ['1234', '1234.000000'],
      ['0.1234567', '0.123457'],
      ['999999999999.999999', '999999999999.999999'],
      ['1000000000000', null],
      ['12 apples', null],
      ['1,23', null],
      ['1.234,50', null],
      ['abc', null],
      ['', null],
      [null, null],
    ], (input) => parseMoney(input, US));
  });

  test('decimal comma with dot, space and apostrophe thousands', async () => {
    await check(moneySql(col, EU), [
      ['1.234,50', '1234.500000'],
      ['€ 12,50', '12.500000'],
      ['12,50 €', '12.500000'],
      ['-1.000.000,01', '-1000000.010000'],
      ['1,5', '1.500000'],
      ['1,234.50', null],
    ], (input) => parseMoney(input, EU));
    await check(moneySql(col, FR), [
      ['1 234,56', '1234.560000'],
      ['1\u00a0234,56 €', '1234.560000'],
      ['1\u202f234\u202f567,8', '1234567.800000'],
      ['12,5', '12.500000'],
    ], (input) => parseMoney(input, FR));
    await check(moneySql(col, CH), [
      ["1'234.50", '1234.500000'],
      ["CHF 1'234.50", '1234.500000'],
    ], (input) => parseMoney(input, CH));
  });

  test('amounts in minor units (cents)', async () => {
    await check(moneySql(col, US, { minorUnitDigits: 2 }), [
      ['1999', '19.990000'],
      ['-50', '-0.500000'],
      ['x', null],
    ]);
    assert.throws(() => moneySql(col, US, { minorUnitDigits: 7 }), /minorUnitDigits/);
  });

  test('guessNumberStyle reads separators, currencies and parentheses from samples', () => {
    assert.deepEqual(guessNumberStyle(['1,234.50', '(300.00)', '$12']), { decimal: '.', thousands: ',', currencySymbols: ['$'], parenthesesNegative: true });
    assert.deepEqual(guessNumberStyle(['1.234,50', '12,00']), { decimal: ',', thousands: '.', currencySymbols: [], parenthesesNegative: false });
    assert.deepEqual(guessNumberStyle(['€ 12,50', '3,99']), { decimal: ',', thousands: '.', currencySymbols: ['€'], parenthesesNegative: false });
    assert.deepEqual(guessNumberStyle(['1 234,56', '12,5']), { decimal: ',', thousands: ' ', currencySymbols: [], parenthesesNegative: false });
    assert.deepEqual(guessNumberStyle(["1'234.50"]), { decimal: '.', thousands: "'", currencySymbols: [], parenthesesNegative: false });
    assert.deepEqual(guessNumberStyle(['1.234.567']), { decimal: ',', thousands: '.', currencySymbols: [], parenthesesNegative: false });
    assert.deepEqual(guessNumberStyle(['12.5 USD', 'RMB 100', '¥1,200']), { decimal: '.', thousands: ',', currencySymbols: ['USD', 'RMB', '¥'], parenthesesNegative: false });
    // "1,234" alone could be either: the decimal point stays '.', so it reads 1234.
    assert.deepEqual(guessNumberStyle(['1,234', '5,678']), { ...DEFAULT_NUMBER_STYLE });
    assert.deepEqual(guessNumberStyle([null, '', 'n/a']), { ...DEFAULT_NUMBER_STYLE });
  });
});

describe('numbers, integers and percentages', () => {
  test('integerSql keeps whole numbers and units, rejects fractions and ranges', async () => {
    await check(integerSql(col), [
      ['12', '12'],
      ['1,200', '1200'],
      ['120人', '120'],
      ['12 months', '12'],
      ['12个月', '12'],
      ['10,000+', '10000'],
      ['12.0', '12'],
      ['-3', '-3'],
      ['12.5', null],
      ['51-200', null],
      ['many', null],
      ['', null],
    ], (input) => parseInteger(input));
    await check(integerSql(col, EU), [['1.200', '1200']], (input) => parseInteger(input, EU));
  });

  test('numberSql reads quantities', async () => {
    await check(numberSql(col), [
      ['5 seats', '5.000000'],
      ['2.5', '2.500000'],
      ['$5', null],
    ], (input) => parseNumber(input));
  });

  test('percentSql: "10%", fractions when the column is fractional, and 折', async () => {
    await check(percentSql(col), [
      ['10%', '10.000000'],
      ['12.5 %', '12.500000'],
      ['10', '10.000000'],
      ['0.1', '0.100000'],
      ['100', '100.000000'],
      ['9折', '10.000000'],
      ['85折', '15.000000'],
      ['8.5折', '15.000000'],
      ['', null],
      ['half', null],
    ], (input) => parsePercent(input));
    await check(percentSql(col, { scale: 'fraction' }), [
      ['0.1', '10.000000'],
      ['0.125', '12.500000'],
      ['1', '100.000000'],
      ['10%', '10.000000'],
    ], (input) => parsePercent(input, { scale: 'fraction' }));
    await check(percentSql(col, { style: EU }), [['12,5%', '12.500000']], (input) => parsePercent(input, { style: EU }));
  });

  test('guessPercentScale decides fractions from the samples', () => {
    assert.equal(guessPercentScale(['0.1', '0.25', '0']), 'fraction');
    assert.equal(guessPercentScale(['10', '25', '0']), 'percent');
    assert.equal(guessPercentScale(['0', '1']), 'percent', '0 and 1 alone read as percentages: never 100% off by accident');
    assert.equal(guessPercentScale(['10%', '0.5']), 'fraction');
    assert.equal(guessPercentScale([]), 'percent');
  });
});

describe('booleans, text and intervals', () => {
  test('booleanSql', async () => {
    const yes = (v: boolean | null) => (v === null ? null : String(v));
    await check(booleanSql(col), [
      ['Yes', 'true'],
      ['no', 'false'],
      ['TRUE', 'true'],
      ['f', 'false'],
      ['Y', 'true'],
      ['n', 'false'],
      ['1', 'true'],
      ['0', 'false'],
      ['是', 'true'],
      ['否', 'false'],
      ['已流失', 'true'],
      ['未流失', 'false'],
      ['Churned', 'true'],
      ['active', 'false'],
      [' yes ', 'true'],
      ['maybe', null],
      ['', null],
      [null, null],
    ], (input) => yes(parseBoolean(input)));
    await check(booleanSql(col, { trueWords: ['refund'], falseWords: ['charge'] }), [
      ['Refund', 'true'],
      ['charge', 'false'],
      ['yes', null],
    ]);
  });

  test('textSql trims and turns blanks into NULL', async () => {
    await check(textSql(col), [
      ['  Acme Corp ', 'Acme Corp'],
      ['\u3000华为\u00a0', '华为'],
      ['   ', null],
      ['', null],
      [null, null],
    ]);
  });

  test('intervalSql normalises billing intervals', async () => {
    await check(intervalSql(col), [
      ['month', 'month'],
      ['Monthly', 'month'],
      ['mo', 'month'],
      ['/mo', 'month'],
      ['1 month', 'month'],
      ['per month', 'month'],
      ['Month-to-month', 'month'],
      ['year', 'year'],
      ['Yearly', 'year'],
      ['annual', 'year'],
      ['annually', 'year'],
      ['yr', 'year'],
      ['per year', 'year'],
      ['One year', 'year'],
      ['Two year', 'year'],
      ['week', 'week'],
      ['weekly', 'week'],
      ['quarter', 'quarter'],
      ['Quarterly', 'quarter'],
      ['day', 'day'],
      ['daily', 'day'],
      ['3 months', 'month'],
      ['月', 'month'],
      ['月付', 'month'],
      ['按月付费', 'month'],
      ['每月', 'month'],
      ['年', 'year'],
      ['年付', 'year'],
      ['包年', 'year'],
      ['年度', 'year'],
      ['季', 'quarter'],
      ['季度', 'quarter'],
      ['周', 'week'],
      ['週', 'week'],
      ['天', 'day'],
      ['monthly plan', 'month'],
      ['lifetime', null],
      ['', null],
      [null, null],
    ], parseInterval);
  });

  test('intervalCountSql reads the count', async () => {
    const asText = (n: number | null) => (n === null ? null : String(n));
    await check(intervalCountSql(col), [
      ['3 months', '3'],
      ['every 2 years', '2'],
      ['Two year', '2'],
      ['One year', '1'],
      ['6个月', '6'],
      ['半年', '6'],
      ['semi-annual', '6'],
      ['biweekly', '2'],
      ['annual', null],
      ['month', null],
      ['0 months', null],
      ['', null],
    ], (input) => asText(parseIntervalCount(input)));
  });
});

describe('dates', () => {
  const dates = (format: DateFormat, options = {}) => dateSql(col, format, options);
  const js = (format: DateFormat, options = {}) => (input: string | null) => parseDate(input, format, options);

  test('ISO dates and timestamps with T or space, Z or offsets', async () => {
    await check(dates('iso'), [
      ['2024-01-05', '2024-01-05'],
      ['2024-1-5', '2024-01-05'],
      ['2024-01-05T10:20:30Z', '2024-01-05'],
      ['2024-01-05T10:20:30.123456+08:00', '2024-01-05'],
      ['2024-01-05 23:59:59-05:00', '2024-01-06'], // 04:59:59 UTC on the 6th: dates are taken in the reporting zone (UTC)
      ['2024-01-05 23:59', '2024-01-05'],
      ['2024-01-05 10:00:00 UTC', '2024-01-05'],
      ['2024-01-05T10:00:00+0530', '2024-01-05'],
      ['2024-01', '2024-01-01'],
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', null],
      ['2024-13-01', null],
      ['2024-01-05T25', null],
      ['05/01/2024', null],
      ['', null],
      ['  ', null],
      [null, null],
    ], js('iso'));
  });

  test('year-first with slashes, dots and no separator', async () => {
    await check(dates('ymd'), [
      ['2024/01/05', '2024-01-05'],
      ['2024/1/5 13:45:00', '2024-01-05'],
      ['2024.01.05', '2024-01-05'],
      ['2024.1.5.', '2024-01-05'],
      ['20240105', '2024-01-05'],
      ['2024/01', '2024-01-01'],
      ['20241305', null],
    ], js('ymd'));
  });

  test('day-first and month-first with slashes, dots, dashes, 2- and 4-digit years', async () => {
    await check(dates('dmy'), [
      ['13/04/2024', '2024-04-13'],
      ['05/01/2024', '2024-01-05'],
      ['5.1.2024', '2024-01-05'],
      ['05-01-24', '2024-01-05'],
      ['05/01/69', '2069-01-05'],
      ['05/01/70', '1970-01-05'],
      ['05/01/2024 10:30', '2024-01-05'],
      ['01/2024', '2024-01-01'],
      ['31/04/2024', null],
      ['04/13/2024', null],
    ], js('dmy'));
    await check(dates('mdy'), [
      ['04/13/2024', '2024-04-13'],
      ['01/05/2024', '2024-01-05'],
      ['1/5/24', '2024-01-05'],
      ['12/31/99 11:59 PM', '1999-12-31'],
      ['13/04/2024', null],
    ], js('mdy'));
    await check(dates('dmy', { twoDigitYearPivot: 30 }), [['05/01/29', '2029-01-05'], ['05/01/30', '1930-01-05']], js('dmy', { twoDigitYearPivot: 30 }));
  });

  test('month names and Chinese dates', async () => {
    await check(dates('mdy'), [
      ['Jan 5, 2024', '2024-01-05'],
      ['January 5 2024', '2024-01-05'],
      ['Sept 30, 2024', '2024-09-30'],
      ['Fri, Jan 5, 2024 3:45 PM', '2024-01-05'],
      ['5 January 2024', '2024-01-05'],
      ['05-Jan-2024', '2024-01-05'],
      ['5-jan-24', '2024-01-05'],
      ['5th of March, 2024', '2024-03-05'],
      ['Jan 2024', '2024-01-01'],
      ['Feb 30, 2024', null],
      ['Foo 5, 2024', null],
    ], js('mdy'));
    await check(dates('chinese'), [
      ['2024年1月5日', '2024-01-05'],
      ['2024年01月05日', '2024-01-05'],
      ['2024 年 1 月 5 日', '2024-01-05'],
      ['2024年1月5号', '2024-01-05'],
      ['2024年01月', '2024-01-01'],
      ['24年1月5日', '2024-01-05'],
      ['２０２４年１月５日', '2024-01-05'],
      ['2024年1月5日 10:30', '2024-01-05'],
      ['2024年1月5日 下午3点', '2024-01-05'],
      ['2024年2月30日', null],
      ['2024年13月', null],
    ], js('chinese'));
  });

  test('Excel serial numbers, with the 1900 leap-year bug, and the 1904 system', async () => {
    await check(dates('excel_serial'), [
      ['45292', '2024-01-01'],
      ['45292.75', '2024-01-01'],
      ['1', '1900-01-01'],
      ['59', '1900-02-28'],
      ['60', null], // Excel's 1900-02-29, a day that never was
      ['61', '1900-03-01'],
      ['0', null],
      ['2024-01-05', '2024-01-05'],
      ['x', null],
    ], js('excel_serial'));
    await check(dates('excel_serial', { excel1904: true }), [['0', '1904-01-01'], ['43830', '2024-01-01']], js('excel_serial', { excel1904: true }));
  });

  test('epoch seconds and milliseconds', async () => {
    await check(dates('epoch_s'), [
      ['1704067200', '2024-01-01'],
      ['1704153599', '2024-01-01'],
      ['1704067200.9', '2024-01-01'],
      ['0', '1970-01-01'],
      ['-1', '1969-12-31'],
      ['999999999999999', null],
    ], js('epoch_s'));
    await check(dates('epoch_ms'), [
      ['1704067200000', '2024-01-01'],
      ['1704153599999', '2024-01-01'],
    ], js('epoch_ms'));
  });

  test('native DATE and TIMESTAMP columns', async () => {
    const sql = `SELECT CAST(${dateSql('d', 'native')} AS VARCHAR) AS a, CAST(${dateSql('ts', 'native')} AS VARCHAR) AS b, CAST(${dateSql('n', 'native')} AS VARCHAR) AS c
      FROM (SELECT DATE '2024-01-05' AS d, TIMESTAMP '2024-01-05 23:00:00' AS ts, 42 AS n)`;
    assert.deepEqual((await duck.db.runAndReadAll(sql)).getRowObjectsJS(), [{ a: '2024-01-05', b: '2024-01-05', c: null }]);
  });

  test('an ambiguous guess needs dayFirst, and honours it', async () => {
    const guess = guessDateFormat(['03/04/2024', '05/06/2024']);
    assert.ok(guess);
    assert.equal(guess.ambiguous, true);
    assert.throws(() => dateSql(col, guess), /ambiguous.*dayFirst/);
    assert.deepEqual(await evaluate(dateSql(col, guess, { dayFirst: true }), ['03/04/2024']), ['2024-04-03']);
    assert.deepEqual(await evaluate(dateSql(col, guess, { dayFirst: false }), ['03/04/2024']), ['2024-03-04']);
    assert.equal(parseDate('03/04/2024', guess, { dayFirst: false }), '2024-03-04');
  });

  test('guessDateFormat', () => {
    const g = (samples: (string | null)[]) => guessDateFormat(samples);
    const ambiguous = g(['03/04/2024', '05/06/2024']);
    assert.deepEqual(
      { format: ambiguous?.format, ambiguous: ambiguous?.ambiguous, separator: ambiguous?.separator },
      { format: 'dmy', ambiguous: true, separator: '/' },
    );
    assert.deepEqual(ambiguous?.examples[0], { input: '03/04/2024', date: '2024-04-03', alternative: '2024-03-04' });
    assert.deepEqual([g(['13/04/2024'])?.format, g(['13/04/2024'])?.ambiguous], ['dmy', false]);
    assert.deepEqual([g(['13/04/2024', '03/04/2024'])?.format, g(['13/04/2024', '03/04/2024'])?.ambiguous], ['dmy', false]);
    assert.deepEqual([g(['04/13/2024', '03/04/2024'])?.format, g(['04/13/2024', '03/04/2024'])?.ambiguous], ['mdy', false]);
    assert.equal(g(['05.01.24'])?.separator, '.');
    assert.deepEqual([g(['2024-01-05', '2024-01-06T10:00:00Z'])?.format, g(['2024-01-05'])?.ambiguous], ['iso', false]);
    assert.deepEqual([g(['2024/01/05'])?.format, g(['2024/01/05'])?.separator], ['ymd', '/']);
    assert.deepEqual([g(['20240105'])?.format, g(['20240105'])?.separator], ['ymd', '']);
    assert.equal(g(['2024年1月5日', '2024年01月'])?.format, 'chinese');
    assert.deepEqual([g(['Jan 5, 2024'])?.format, g(['Jan 5, 2024'])?.ambiguous], ['mdy', false]);
    assert.deepEqual([g(['5 January 2024'])?.format, g(['5 January 2024'])?.ambiguous], ['dmy', false]);
    assert.equal(g(['45292', '45300.5'])?.format, 'excel_serial');
    assert.equal(g(['1704067200'])?.format, 'epoch_s');
    assert.equal(g(['1704067200000'])?.format, 'epoch_ms');
    assert.equal(g(['abc', 'def']), null);
    assert.equal(g([null, '', '  ']), null);
    const partial = g(['2024-01-05', 'soon', null]);
    assert.deepEqual([partial?.matched, partial?.total], [1, 2]);
  });

  test('every expression answers NULL, never an error, for garbage', async () => {
    const expressions = [
      moneySql(col), moneySql(col, EU), moneySql(col, FR), moneySql(col, CH, { minorUnitDigits: 2 }), numberSql(col), integerSql(col),
      percentSql(col), percentSql(col, { scale: 'fraction' }), booleanSql(col), textSql(col), intervalSql(col), intervalCountSql(col),
      ...(['iso', 'ymd', 'dmy', 'mdy', 'chinese', 'excel_serial', 'epoch_s', 'epoch_ms', 'native'] as const).map((f) => dateSql(col, f)),
    ];
    for (const expr of expressions) {
      const got = await evaluate(expr, GARBAGE);
      assert.equal(got.length, GARBAGE.length);
    }
    assert.deepEqual(await evaluate(dateSql(col, 'iso'), GARBAGE), GARBAGE.map(() => null));
    assert.deepEqual(await evaluate(moneySql(col), GARBAGE), GARBAGE.map(() => null));
  });
});

describe('from a suggestion to SQL', () => {
  test('fieldSql reads every mapped column of a messy file, names quoted', async () => {
    const header = ['Client "No"', 'Start (dd/mm/yyyy)', 'End', 'Price €', 'Billing Period', 'Seats', 'Rabatt %', 'Währung', 'Status'];
    const rows = [
      ['C-1', '13/04/2024', '', '1.234,50 €', 'Monatlich', '3', '10%', 'eur', ' ACTIVE '],
      ['C-2', '05/06/2024', '05/07/2024', '(12,00)', 'yearly', '1', '', ' usd', 'Canceled'],
    ];
    const columns = header.map((name, i) => ({ name, type: 'VARCHAR', samples: rows.map((r) => r[i] || null) }));
    const suggestion = suggestMapping(columns, { kind: 'subscriptions' });
    assert.deepEqual(suggestion.fields, {
      customer_id: 'Client "No"',
      start_date: 'Start (dd/mm/yyyy)',
      end_date: 'End',
      amount: 'Price €',
      billing_interval: 'Billing Period',
      quantity: 'Seats',
      status: 'Status',
    });
    const values = rows.map((r) => `(${r.map((v) => (v === '' ? 'CAST(NULL AS VARCHAR)' : quotedString(v))).join(', ')})`).join(', ');
    const select = Object.entries(suggestion.fields)
      .map(([field, column]) => `CAST(${fieldSql(field as never, column, suggestion)} AS VARCHAR) AS ${quotedIdentifier(field)}`)
      .join(', ');
    const sql = `SELECT ${select} FROM (VALUES ${values}) AS t(${header.map((h) => quotedIdentifier(h)).join(', ')})`;
    assert.deepEqual((await duck.db.runAndReadAll(sql)).getRowObjectsJS(), [
      { customer_id: 'C-1', start_date: '2024-04-13', end_date: null, amount: '1234.500000', billing_interval: null, quantity: '3.000000', status: 'active' },
      { customer_id: 'C-2', start_date: '2024-06-05', end_date: '2024-07-05', amount: '-12.000000', billing_interval: 'year', quantity: '1.000000', status: 'canceled' },
    ]);
  });

  test('fieldSql refuses an ambiguous date column until the user answers', async () => {
    const suggestion = suggestMapping([
      { name: 'customer', type: 'VARCHAR', samples: ['a'] },
      { name: 'month', type: 'VARCHAR', samples: ['03/04/2024'] },
      { name: 'mrr', type: 'VARCHAR', samples: ['10'] },
    ]);
    assert.equal(suggestion.kind, 'mrr');
    assert.throws(() => fieldSql('month', 'month', suggestion), /dayFirst/);
    const sql = `SELECT CAST(${fieldSql('month', 'month', suggestion, { dayFirst: false })} AS VARCHAR) AS v FROM (VALUES ('03/04/2024')) AS t(month)`;
    assert.deepEqual((await duck.db.runAndReadAll(sql)).getRowObjectsJS(), [{ v: '2024-03-04' }]);
  });

  test('the expressions ignore other columns, whatever their names (the lambdas inside bind short names)', async () => {
    const names = ['v', 'w', 't', 'd', 'g', 'i', 'c', 'p', 'b', 's', 'n', 'x'];
    const others = names.map((name) => `'zzz' AS ${name}`).join(', ');
    const sql = `SELECT CAST(${moneySql('m')} AS VARCHAR) AS money, CAST(${dateSql('dd', 'dmy')} AS VARCHAR) AS date,
      CAST(${dateSql('dd', 'chinese')} AS VARCHAR) AS unreadable, ${intervalSql('iv')} AS interval, CAST(${percentSql('pc')} AS VARCHAR) AS percent,
      ${integerSql('q')} AS integer, ${booleanSql('yn')} AS yes, ${intervalCountSql('iv')} AS count
      FROM (SELECT ${others}, '1,234.50' AS m, '13/04/2024' AS dd, '3 months' AS iv, '10%' AS pc, '12' AS q, 'yes' AS yn)`;
    assert.deepEqual((await duck.db.runAndReadAll(sql)).getRowObjectsJS(), [
      { money: '1234.500000', date: '2024-04-13', unreadable: null, interval: 'month', percent: '10.000000', integer: 12n, yes: true, count: 3 },
    ]);
  });
});
