// The import's fast path (main/ingest/stage.ts): values shaped like a clean
// export's (ISO dates, plain decimal money) are read by a cast instead of the
// full reader. It must read every value exactly as the full reader does, for
// every date format a column can have, and leave every other value to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { DATE_FORMATS } from '../../main/ingest/mapping/dates.js';
import { fieldSql } from '../../main/ingest/mapping/index.js';
import { stageFieldSql, type FileMapping } from '../../main/ingest/stage.js';
import { str } from '../../main/runtime/sql.js';

const DATES = [
  '2024-01-05', '2024-12-31', '2024-02-29', '2023-02-29', '2024-13-01', '2024-00-10', '2024-01-32', '2024-01-00',
  '0999-01-01', '1000-01-01', '9999-12-31', '2024-1-5', ' 2024-01-05', '2024-01-05 ', '2024-01-05T10:00:00', '2024/01/05',
  '05/01/2024', '01/05/2024', '20240105', '45000', '1704412800', '2024年1月5日', 'Jan 5, 2024', '２０２４-０１-０５', '', 'n/a', null,
  // Timestamps: without a zone the cast reads their first ten characters; with one, the full reader converts.
  '2024-01-05 10:00', '2024-01-05 10:00:00.123456', '2024-01-05T23:59:59', '2024-01-05 25:99:00', '2024-02-30 10:00:00',
  '2024-01-05 10:00:00.123456789', '2024-01-05 10:00:00.1234567890', '2024-01-05 23:30:00 PST', '2024-01-05T23:30:00Z',
  '2024-01-05 23:30:00-0400', '2024-01-05t10:00:00', '2024-01-05 1:00:00',
  // With a zone: computed from fixed positions, the date in the reporting zone as the full reader gives it.
  '2024-01-05 23:30:00 pst', '2024-01-05T01:00:00.123456+05:30', '2024-02-30 10:00 PST', '2024-01-05 10:00 IST', '2024-01-05 00:30:00 CEST',
  '2024-01-05 10:00 +08', '2024-01-05 16:00:00UTC', '2024-01-05 23:59:59 GMT', '2022-06-30 18:30:00 PDT', '2024-01-05 25:99 EST',
];
const AMOUNTS = [
  '0', '-0', '12', '12.5', '-12.50', '1234567.123456', '1234567.1234567', '999999999999.999999', '9999999999999', '.5', '5.',
  '1,234.50', '(300.00)', '$12.00', '12 EUR', '1e3', '+12', '--1', '1.2.3', ' 12', '', null,
];

async function compare(field: 'start_date' | 'amount', values: (string | null)[], mapping: FileMapping) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const rows = values.map((v) => `(${v === null ? 'NULL' : str(v)})`).join(', ');
    const fast = stageFieldSql(field, 'c', 'VARCHAR', mapping);
    const full = fieldSql(field, 'c', { dateFormats: {}, numberStyles: {}, ...mapping }, {
      ...(mapping.dayFirst === undefined ? {} : { dayFirst: mapping.dayFirst }),
      ...(mapping.timeZone === undefined ? {} : { timeZone: mapping.timeZone }),
    });
    assert.notEqual(fast, full, 'the fast path applies');
    const reader = await connection.runAndReadAll(
      `SELECT c, CAST(${fast} AS VARCHAR) AS fast, CAST(${full} AS VARCHAR) AS full FROM (VALUES ${rows}) t(c)`,
    );
    for (const row of reader.getRowObjectsJS()) assert.equal(row.fast, row.full, `${JSON.stringify(mapping)}: ${JSON.stringify(row.c)}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

test('ISO dates read by a cast are the dates the full reader gives, whatever the column format', async () => {
  for (const format of DATE_FORMATS) {
    for (const dayFirst of [true, false]) {
      await compare('start_date', DATES, { kind: 'subscriptions', fields: { start_date: 'c' }, dateFormats: { c: { format } as never }, dayFirst });
    }
  }
});

test('a reporting time zone never moves a date without a time, so the cast still agrees', async () => {
  const zoned = [...DATES, '2024-01-05 23:30 PST', '2024-01-05T23:30:00Z', '2024-01-05 01:00 +08:00'];
  for (const timeZone of ['Asia/Tokyo', 'America/Los_Angeles', 'UTC']) {
    await compare('start_date', zoned, { kind: 'subscriptions', fields: { start_date: 'c' }, dateFormats: { c: { format: 'iso', zone: 'UTC' } as never }, timeZone });
    await compare('start_date', zoned, { kind: 'subscriptions', fields: { start_date: 'c' }, dateFormats: { c: { format: 'iso' } as never }, timeZone });
  }
});

test('plain decimal amounts read by a cast are the amounts the full reader gives', async () => {
  await compare('amount', AMOUNTS, { kind: 'subscriptions', fields: { amount: 'c' } });
  await compare('amount', AMOUNTS, {
    kind: 'subscriptions',
    fields: { amount: 'c' },
    numberStyles: { c: { decimal: '.', thousands: ',', currencySymbols: ['$'], parenthesesNegative: true } },
  });
});
