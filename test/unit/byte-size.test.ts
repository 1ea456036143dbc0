// DuckDB's memory limit as it writes it, read back in bytes (the import compresses its stages
// when they pass a quarter of it: main/ingest/importer.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseByteSize } from '../../main/runtime/memoryLimit.js';

test('memory sizes as DuckDB writes them', () => {
  assert.equal(parseByteSize('64.0 MiB'), 64 * 2 ** 20);
  assert.equal(parseByteSize('14.1 GiB'), 14.1 * 2 ** 30);
  assert.equal(parseByteSize('512 bytes'), 512);
  assert.equal(parseByteSize('1.5 GB'), 1.5e9);
  assert.equal(parseByteSize('no limit'), null);
  assert.equal(parseByteSize(''), null);
});
