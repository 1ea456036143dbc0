// The command line's inspect checks its request without zod when its texts are
// within the schema's bounds (main/cli/commands/inspect.ts, withinBounds):
// whatever passes that check, the contract's schema must accept unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withinBounds } from '../../main/cli/commands/inspect.js';
import { parseRequest } from '../../main/engine/boundary.js';

const texts = ['', 'a', 'x'.repeat(40), 'x'.repeat(41), 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(4096), 'x'.repeat(4097), 'a\0b', 'utf-8', 'gb18030', 'windows-1252', 'iso_8859-1:1987', 'bad name', 'ü', '東京', '😀'.repeat(2048), 'Sheet 1'];

test('a request within bounds is one the schema accepts as it is', () => {
  let within = 0;
  for (const path of ['/data/c.csv', ...texts]) {
    for (const encoding of [undefined, ...texts]) {
      for (const sheet of [undefined, ...texts]) {
        const request = { path, ...(encoding !== undefined ? { encoding } : {}), ...(sheet !== undefined ? { sheet } : {}) };
        const parsed = parseRequest('files.inspect', request);
        if (withinBounds(request)) {
          within += 1;
          assert.ok(parsed.ok, JSON.stringify(request).slice(0, 200));
          assert.deepEqual(parsed.value.request, request);
        }
      }
    }
  }
  assert.ok(within > 100);
});

test('what the schema refuses is not within bounds', () => {
  for (const request of [{ path: '' }, { path: 'x'.repeat(4097) }, { path: 'a\0b' }, { path: '/c.csv', encoding: 'bad name' }, { path: '/c.csv', encoding: 'x'.repeat(41) }, { path: '/c.csv', sheet: 'x'.repeat(256) }, { path: '/c.csv', sheet: '' }]) {
    assert.equal(parseRequest('files.inspect', request).ok, false);
    assert.equal(withinBounds(request), false);
  }
});
