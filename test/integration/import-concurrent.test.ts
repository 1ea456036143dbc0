// Two imports into one workspace at once (issue 14): a model import stages
// its files before its transaction, reading the next import id and the
// settings then, so imports into one workspace run one at a time. Both
// complete, with their own ids, and the workspace holds what the two imports
// one after the other give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const FIRST = 'customer_id,month,mrr\nA,2024-01-01,10\nA,2024-02-01,10\nB,2024-01-01,20\n';
const SECOND = 'customer_id,month,mrr\nC,2024-02-01,30\nC,2024-03-01,35\n';

async function state(engine: Engine) {
  const imports = await engine.database.rows('SELECT import_id, file, rows_loaded FROM churn.imports ORDER BY import_id');
  const months = await engine.database.rows(`SELECT customer_id, strftime(month, '%Y-%m') AS m, CAST(mrr AS VARCHAR) AS mrr FROM churn.customer_month ORDER BY ALL`);
  const snapshots = await engine.database.rows('SELECT import_id, customer_id, source_line FROM churn.mrr_snapshots ORDER BY ALL');
  return { imports: imports.map((r) => [Number(r.import_id), String(r.file).replace(/.*\//, ''), Number(r.rows_loaded)] as const), months, snapshots };
}

test('two imports started together into one workspace both complete, one after the other, with their own import ids', async () => {
  const dir = tempDir('cw-concurrent-');
  const first = writeFile(dir, 'first.csv', FIRST);
  const second = writeFile(dir, 'second.csv', SECOND);
  const together = await Engine.open(null);
  const apart = await Engine.open(null);
  try {
    const [a, b] = await Promise.all([
      together.invoke('model.import', { files: [{ path: first, kind: 'mrr' }] }),
      together.invoke('model.import', { files: [{ path: second, kind: 'mrr' }] }),
    ]);
    assert.ok(a.ok, a.ok ? '' : a.error.message);
    assert.ok(b.ok, b.ok ? '' : b.error.message);
    // Which one ran first is the order their jobs reached the lock: the same two, one after the other, in that order.
    const got = await state(together);
    assert.deepEqual(got.imports.map(([id]) => id), [1, 2]);
    assert.deepEqual(got.imports.map(([, file, rows]) => `${file}:${rows}`).sort(), ['first.csv:3', 'second.csv:2']);
    const order = got.imports.map(([, file]) => (file === 'first.csv' ? first : second));
    for (const file of order) {
      const answer = await apart.invoke('model.import', { files: [{ path: file, kind: 'mrr' }] });
      assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
    }
    assert.deepEqual(got, await state(apart));
  } finally {
    together.close();
    apart.close();
  }
});
