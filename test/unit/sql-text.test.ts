// The console's reading of SQL text: statements split where DuckDB splits
// them, the statement under the cursor, and positions as line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineColumn, offsetOf, splitStatements, statementAt, tokenize } from '../../shared/sqlText.js';
import { caretPosition } from '../../main/console/errors.js';

test('statements split at top-level semicolons only', () => {
  const text = "SELECT 'a;b' AS \"x;y\"; -- c;\nSELECT $$ ; $$ /* ; /* nested ; */ */ ;\n\n  select E'\\';' ;  ;";
  assert.deepEqual(
    splitStatements(text).map((s) => s.text),
    ["SELECT 'a;b' AS \"x;y\"", 'SELECT $$ ; $$', "select E'\\';'"],
  );
});

test('tokens: words folded to lower case, quoted names and strings unquoted', () => {
  const tokens = tokenize(`DROP TABLE "Churn"."My ""T""" WHERE x = 'it''s' AND y::INT >= 1.5e3`);
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.value]),
    [
      ['word', 'drop'], ['word', 'table'], ['identifier', 'Churn'], ['symbol', '.'], ['identifier', 'My "T"'],
      ['word', 'where'], ['word', 'x'], ['symbol', '='], ['string', "it's"], ['word', 'and'], ['word', 'y'],
      ['symbol', '::'], ['word', 'int'], ['symbol', '>='], ['number', '1.5e3'],
    ],
  );
});

test('the statement under the cursor, or the one just before it', () => {
  const text = 'SELECT 1;\nSELECT 2;\n\nSELECT 3';
  assert.equal(statementAt(text, 0)?.text, 'SELECT 1');
  assert.equal(statementAt(text, 9)?.text, 'SELECT 1');
  assert.equal(statementAt(text, 14)?.text, 'SELECT 2');
  assert.equal(statementAt(text, 20)?.text, 'SELECT 2');
  assert.equal(statementAt(text, text.length)?.text, 'SELECT 3');
  assert.equal(statementAt('  -- nothing', 3), null);
});

test('offsets and 1-based line/column convert both ways', () => {
  const text = 'ab\ncde\n\nf';
  assert.deepEqual(lineColumn(text, 0), { line: 1, column: 1 });
  assert.deepEqual(lineColumn(text, 4), { line: 2, column: 2 });
  assert.deepEqual(lineColumn(text, 8), { line: 4, column: 1 });
  for (const offset of [0, 2, 3, 5, 7, 8]) {
    const { line, column } = lineColumn(text, offset);
    assert.equal(offsetOf(text, line, column), offset);
  }
});

test('DuckDB\'s "LINE n:" caret becomes a line and column, also where DuckDB cut a long line', () => {
  const sql = 'CREATE TABLE r AS SELECT * FROM (\nSELECT a,\n  zzz FROM t\n)';
  const message = 'Binder Error: Referenced column "zzz" not found\n\nLINE 3:   zzz FROM t\n          ^';
  assert.deepEqual(caretPosition(message, sql, 1), { line: 2, column: 3 });
  const long = `SELECT ${'x, '.repeat(60)}nope FROM t`;
  const at = long.indexOf('nope');
  const excerpt = `...${long.slice(at - 20, at + 10)}...`;
  const cut = `Binder Error: no nope\n\nLINE 1: ${excerpt}\n${' '.repeat('LINE 1: '.length + 3 + 20)}^`;
  assert.deepEqual(caretPosition(cut, long), { line: 1, column: at + 1 });
  assert.equal(caretPosition('Catalog Error: no position', sql), null);
});
