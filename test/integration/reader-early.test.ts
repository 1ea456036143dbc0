// The reader's first read runs on the DuckDB opened as the process started
// (main/ingest/reader/early.ts), given the read's threads, memory limit and
// spill folder by SET: every setting is then what a DuckDB opened with the
// read's options has (as later reads' DuckDBs are opened).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { COMMON_OPTIONS, settingsSql, takeEarlyDatabase, type ReadSettings } from '../../main/ingest/reader/early.js';

async function settingsOf(instance: DuckDBInstance): Promise<Record<string, unknown>> {
  const conn = await instance.connect();
  try {
    const rows = (await conn.runAndReadAll('SELECT name, value FROM duckdb_settings() ORDER BY name')).getRowObjectsJS();
    return Object.fromEntries(rows.map((row) => [String(row.name), row.value]));
  } finally {
    conn.closeSync();
  }
}

test("the early DuckDB, given a read's settings, has the settings of one opened with them", async () => {
  const settings: ReadSettings = { threads: '2', memory_limit: '300MiB', temp_directory: path.join(os.tmpdir(), "cw-early-o'test", 'spill') };
  const early = await takeEarlyDatabase();
  assert.ok(early);
  const taken = new DuckDBInstance(early);
  const opened = await DuckDBInstance.create(':memory:', { ...COMMON_OPTIONS, ...settings });
  try {
    const conn = await taken.connect();
    await conn.run(settingsSql(settings));
    conn.closeSync();
    const [got, want] = [await settingsOf(taken), await settingsOf(opened)];
    assert.equal(got.threads, '2');
    assert.equal(got.temp_directory, settings.temp_directory);
    assert.deepEqual(got, want);
  } finally {
    taken.closeSync();
    opened.closeSync();
  }
  // Once: later reads open their own.
  assert.equal(await takeEarlyDatabase(), null);
});
