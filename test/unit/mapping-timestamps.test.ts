// Timestamps as billing systems write them (issue 11): a time followed by a
// zone abbreviation (Recurly's "2022-01-01 03:10:36 PST") or an offset
// ("-0400", "+08:00", "Z"), and US-style "12/25/25 20:18" after an Excel round
// trip. Each is the date it falls on in the reporting time zone (default UTC).
// Every case runs through the SQL reader in DuckDB (ICU) and the JS reader.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { quotedString } from '@duckdb/node-api';
import { dateSql, guessDateFormat, parseDate, type DateFormat, type DateFormatGuess, type DateSqlOptions } from '../../main/ingest/mapping/index.js';
import { checkTimeZone, zoneOffsetMinutes } from '../../main/ingest/mapping/zones.js';
import { memoryConnection } from '../support/duckdb.js';

const duck = memoryConnection();

/** Each [input, expected] read by dateSql (in DuckDB) and by parseDate, with the same format and options. */
async function check(format: DateFormat | DateFormatGuess, options: DateSqlOptions, cases: readonly (readonly [string, string | null])[]) {
  const rows = cases.map(([input], i) => `(${i}, ${quotedString(input)})`).join(', ');
  const reader = await duck.db.runAndReadAll(`SELECT CAST(${dateSql('c', format, options)} AS VARCHAR) AS v FROM (VALUES ${rows}) t(i, c) ORDER BY i`);
  const got = reader.getRowObjectsJS().map((r) => (r.v === null ? null : String(r.v)));
  cases.forEach(([input, expected], i) => {
    assert.equal(got[i], expected, `SQL, ${JSON.stringify(options)}: ${input}`);
    assert.equal(parseDate(input, format, options), expected, `JS, ${JSON.stringify(options)}: ${input}`);
  });
}

describe('zone abbreviations and offsets after a time', () => {
  test('North American abbreviations, standard and daylight (Recurly writes these)', async () => {
    await check('iso', {}, [
      ['2022-01-01 03:10:36 PST', '2022-01-01'], // 11:10 UTC
      ['2022-01-31 16:00:00 PST', '2022-02-01'], // exactly midnight UTC
      ['2022-01-31 15:59:59 PST', '2022-01-31'],
      ['2022-06-30 16:59 PDT', '2022-06-30'], // 23:59 UTC
      ['2022-06-30 17:00 PDT', '2022-07-01'],
      ['2022-03-31 21:30:00 EDT', '2022-04-01'], // 01:30 UTC
      ['2022-12-31 18:59:59 EST', '2022-12-31'],
      ['2022-12-31 19:00:00 EST', '2023-01-01'],
      ['2022-05-31 19:00 CDT', '2022-06-01'],
      ['2022-05-31 17:59 MDT', '2022-05-31'],
    ]);
  });

  test('European abbreviations, UTC and GMT', async () => {
    await check('iso', {}, [
      ['2024-03-01 00:30 CET', '2024-02-29'], // 23:30 UTC of a leap day
      ['2024-07-01 01:59 CEST', '2024-06-30'],
      ['2024-07-01 02:00 CEST', '2024-07-01'],
      ['2024-01-05 23:59:59 UTC', '2024-01-05'],
      ['2024-01-05 23:59:59 GMT', '2024-01-05'],
      ['2024-01-05 00:30 BST', '2024-01-04'],
      ['2024-01-05 10:00 utc+8', '2024-01-05'],
      ['2024-01-05 06:00 GMT+08:00', '2024-01-04'],
    ]);
  });

  test('numeric offsets and Z', async () => {
    await check('iso', {}, [
      ['2024-01-05T23:30:00-0400', '2024-01-06'],
      ['2024-01-05T19:59:00-0400', '2024-01-05'],
      ['2024-01-05 07:59:59+08:00', '2024-01-04'],
      ['2024-01-05 08:00:00+08:00', '2024-01-05'],
      ['2024-01-05T08:00+08', '2024-01-05'],
      ['2024-01-05T01:00:00.123456+05:30', '2024-01-04'],
      ['2024-01-05T23:59:59Z', '2024-01-05'],
      ['2024-01-05T23:59:59.999Z', '2024-01-05'],
    ]);
  });

  test('a date without a time, or a time without a zone, is the date as written', async () => {
    await check('iso', { timeZone: 'Asia/Tokyo' }, [
      ['2024-01-05', '2024-01-05'],
      ['2024-01-05 23:59:59', '2024-01-05'],
      ['2024-01-05T00:00:00', '2024-01-05'],
    ]);
  });

  test('an unknown abbreviation is not a date (nothing is guessed)', async () => {
    await check('iso', {}, [
      ['2024-01-05 10:00 XYZ', null],
      ['2024-01-05 10:00 IST', null], // India, Ireland or Israel: ambiguous, so not read
    ]);
  });
});

describe('US-style dates after an Excel round trip', () => {
  test('12/25/25 20:18 and 12/25/2025 8:18 PM', async () => {
    const guess = guessDateFormat(['12/25/25 20:18', '1/5/26 9:02', '12/31/25 23:59']);
    assert.ok(guess);
    assert.deepEqual([guess.format, guess.ambiguous, guess.matched, guess.total], ['mdy', false, 3, 3]);
    await check(guess, {}, [
      ['12/25/25 20:18', '2025-12-25'],
      ['1/5/26 9:02', '2026-01-05'],
      ['12/25/2025 8:18 PM', '2025-12-25'],
      ['12/25/2025 12:05 am', '2025-12-25'],
      ['12/25/25 20:18 PST', '2025-12-26'], // 04:18 UTC on the 26th
    ]);
  });
});

describe('the reporting time zone', () => {
  test('a timestamp with a zone is the date it falls on in the reporting zone', async () => {
    await check('iso', { timeZone: 'America/Los_Angeles' }, [
      ['2022-01-01 03:10:36 UTC', '2021-12-31'], // 19:10 PST on the 31st
      ['2022-01-01 03:10:36 PST', '2022-01-01'],
      ['2022-07-01 06:59:00Z', '2022-06-30'], // 23:59 PDT: the named zone keeps daylight saving
      ['2022-07-01 07:00:00Z', '2022-07-01'],
    ]);
    await check('iso', { timeZone: 'Asia/Shanghai' }, [
      ['2024-01-05 15:59:59 UTC', '2024-01-05'],
      ['2024-01-05 16:00:00 UTC', '2024-01-06'],
      ['2024-01-05 03:00 EST', '2024-01-05'], // 16:00 in Shanghai
      ['2024-01-05 11:00 EST', '2024-01-06'],
    ]);
  });

  test('times without a zone in a column whose header gives the zone ("Created (UTC)")', async () => {
    const utcColumn: DateFormatGuess = { format: 'iso', ambiguous: false, examples: [], matched: 1, total: 1, zone: 'UTC' };
    await check(utcColumn, { timeZone: 'Asia/Shanghai' }, [
      ['2024-01-05 15:59:59', '2024-01-05'],
      ['2024-01-05 16:00:00', '2024-01-06'],
      ['2024-01-05', '2024-01-05'], // no time: as written
      ['2024-01-05 16:00:00 PST', '2024-01-06'], // a written zone wins: 00:00 UTC on the 6th, 08:00 in Shanghai
    ]);
    await check(utcColumn, {}, [['2024-01-05 23:00:00', '2024-01-05']]);
    const newYork: DateFormatGuess = { ...utcColumn, zone: 'America/New_York' };
    await check(newYork, {}, [
      ['2024-07-01 19:59', '2024-07-01'], // EDT: 23:59 UTC
      ['2024-07-01 20:00', '2024-07-02'],
      ['2024-01-01 19:00', '2024-01-02'], // EST: 00:00 UTC
    ]);
  });

  test('epoch seconds are instants: their date depends on the zone', async () => {
    await check('epoch_s', {}, [['1704470400', '2024-01-05']]); // 2024-01-05 16:00 UTC
    await check('epoch_s', { timeZone: 'Asia/Shanghai' }, [['1704470400', '2024-01-06']]);
    await check('epoch_ms', { timeZone: 'America/Los_Angeles' }, [['1704470400000', '2024-01-05']]);
  });

  test('time zone names are checked before they reach SQL', () => {
    assert.equal(checkTimeZone('Europe/Berlin'), 'Europe/Berlin');
    assert.throws(() => checkTimeZone('Mars/Olympus'), /"Mars\/Olympus" is not a time zone/);
    assert.throws(() => dateSql('c', 'iso', { timeZone: "UTC'; DROP TABLE x; --" }), /is not a time zone/);
  });

  test('offsets of the written zones', () => {
    assert.deepEqual(
      ['pst', 'pdt', 'est', 'edt', 'cet', 'cest', 'utc', 'gmt', 'z', '-0400', '+08:00', '+08', 'utc+8', 'gmt-05:30', 'ist'].map(zoneOffsetMinutes),
      [-480, -420, -300, -240, 60, 120, 0, 0, 0, -240, 480, 480, 480, -330, null],
    );
  });
});

test('guessDateFormat reads a Recurly column of zoned timestamps as ISO', () => {
  const guess = guessDateFormat(['2022-01-01 03:10:36 PST', '2022-06-01 10:00:00 PDT', '']);
  assert.ok(guess);
  assert.deepEqual([guess.format, guess.matched, guess.total], ['iso', 2, 2]);
  assert.deepEqual(guess.examples.map((e) => e.date), ['2022-01-01', '2022-06-01']);
});
