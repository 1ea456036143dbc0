// splitLine (main/ingest/sources/dialect.ts): a line without quotes splits
// natively into the fields it was made of; a line with quotes is walked, and
// its quoted fields come back unquoted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitLine } from '../../main/ingest/sources/dialect.js';

test('a line without quotes gives back the fields it was joined from, for every delimiter', () => {
  const alphabet = ['a', 'b', ' ', ',', ';', '\t', '|', ':', 'é', '東', '😀'];
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let n = 0; n < 3000; n += 1) {
    for (const delimiter of [',', ';', '\t', '|', '::']) {
      // Fields without the delimiter's characters (an empty field included), so the line has one reading.
      const letters = alphabet.filter((c) => !delimiter.includes(c));
      const fields = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: Math.floor(random() * 5) }, () => letters[Math.floor(random() * letters.length)]).join(''),
      );
      assert.deepEqual(splitLine(fields.join(delimiter), delimiter), fields, JSON.stringify([fields, delimiter]));
    }
  }
});

test('a line with quotes is walked: quoted delimiters and doubled quotes kept, a quote inside a field is text', () => {
  const cases: [string, string[]][] = [
    ['a,"b,c",d', ['a', 'b,c', 'd']],
    ['"x""y",z', ['x"y', 'z']],
    [' "q" ,r', [' q ', 'r']],
    ['a"b,c', ['a"b', 'c']],
    ['"unclosed,x', ['unclosed,x']],
    ['', ['']],
  ];
  for (const [line, fields] of cases) assert.deepEqual(splitLine(line, ','), fields, line);
});
