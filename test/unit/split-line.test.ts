// splitLine (main/ingest/sources/dialect.ts) splits a line without quotes
// natively: the same fields as its walk of the line, character by character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLine } from '../../main/ingest/sources/dialect.js';

/** The walk, as splitLine does it for every line that has a quote. */
function walked(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') quoted = true;
    else if (line.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  fields.push(field);
  return fields;
}

test('a line without quotes splits into the fields the walk gives', () => {
  const alphabet = ['a', 'b', ' ', ',', ';', '\t', '|', 'é', '東', '😀', ',,', '::'];
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 3000; n += 1) {
    const line = Array.from({ length: Math.floor(random() * 24) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (const delimiter of [',', ';', '\t', '|', '::']) assert.deepEqual(splitLine(line, delimiter), walked(line, delimiter), JSON.stringify([line, delimiter]));
  }
});

test('a line with quotes is walked', () => {
  for (const line of ['a,"b,c",d', '"x""y",z', ' "q" ,r', 'a"b,c', '"unclosed,x', '']) assert.deepEqual(splitLine(line, ','), walked(line, ','));
  assert.deepEqual(splitLine('a,"b,c",d', ','), ['a', 'b,c', 'd']);
});
