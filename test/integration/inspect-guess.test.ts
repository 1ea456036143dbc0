// The reader's inspection of delimited text starts reading what the header
// suggests while DuckDB sniffs the file (main/ingest/reader/child.ts, with
// openSource's onGuessedRelation): where the sniffing settles on that reading
// the started read is the inspection, else it is stopped and the sniffed
// reading is read. Either way the answer is the file's: rows, columns and
// types, and the lines whose shape is wrong.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const rows = (count: number, delimiter = ',') => Array.from({ length: count }, (_, i) => [`C${i}`, `${i + 1}`, '2024-01-01'].join(delimiter));
const text = (lines: string[]) => `${lines.join('\n')}\n`;

describe('files.inspect, whether the header suggests the dialect DuckDB sniffs or not', () => {
  let engine: Engine;
  const dir = tempDir();
  before(async () => {
    engine = await Engine.open(null);
  });
  after(() => engine.close());

  async function inspected(name: string, lines: string[]) {
    const result = await engine.invoke('files.inspect', { path: writeFile(dir, name, text(lines)) });
    assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
    return { rows: result.value.rowCount, columns: result.value.columns.map((c) => `${c.name} ${c.type}`), delimiter: result.value.delimiter };
  }

  test('the header suggests it: a plain CSV', async () => {
    assert.deepEqual(await inspected('plain.csv', ['id,amount,day', ...rows(30)]), { rows: 30, columns: ['id VARCHAR', 'amount BIGINT', 'day DATE'], delimiter: ',' });
  });

  test('it does not: a title line above the header, a decimal comma', async () => {
    assert.deepEqual(await inspected('title.csv', ['Exported customers', '', 'id,amount,day', ...rows(30)]), { rows: 30, columns: ['id VARCHAR', 'amount BIGINT', 'day DATE'], delimiter: ',' });
    const comma = ['id;amount;day', ...rows(30, ';').map((line, i) => line.replace(/;(\d+);/, `;$1,${i % 10}5;`))];
    assert.deepEqual(await inspected('comma.csv', comma), { rows: 30, columns: ['id VARCHAR', 'amount DOUBLE', 'day DATE'], delimiter: ';' });
  });

  test('lines of the wrong shape are reported on either path', async () => {
    const ragged = ['id,amount,day', ...rows(30)];
    ragged[7] = 'C6,7,2024-01-01,extra';
    const plain = await engine.invoke('files.inspect', { path: writeFile(dir, 'ragged.csv', text(ragged)) });
    assert.equal(plain.ok, false);
    assert.match(plain.ok ? '' : plain.error.message, /1 line has a different number of values than the header \(line 8\)/);
    // A title line that splits at the delimiter: the header it suggests is not the file's.
    const titled = await engine.invoke('files.inspect', { path: writeFile(dir, 'ragged-title.csv', text(['Exported customers, 2024', '', ...ragged])) });
    assert.equal(titled.ok, false);
    assert.match(titled.ok ? '' : titled.error.message, /31 lines have a different number of values than the header \(lines 3, 4, 5, 6, 7, …\)/);
  });
});
