// Jobs tell a cancel the user asked for from DuckDB stopping a query on its own:
// DuckDB raises the same "Interrupted" when one of its worker threads fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../main/runtime/database.js';
import { Jobs } from '../../main/runtime/jobs.js';
import { EngineError } from '../../shared/result.js';

const LONG_QUERY = 'SELECT count(*) FROM range(10000000000) a';

test('an interrupt nobody asked for is an engine fault, not a cancel; a real cancel is a cancel', async () => {
  const db = await Database.open(null);
  const jobs = new Jobs(() => db);

  // The connection is interrupted from inside (as DuckDB's executor does on a worker's error).
  const own = jobs.run('own', async ({ connection }) => {
    const running = connection.run(LONG_QUERY);
    setTimeout(() => connection.interrupt(), 200);
    await running;
  });
  await assert.rejects(own, (error: unknown) => {
    assert.ok(error instanceof EngineError);
    assert.equal(error.code, 'internal');
    assert.match(error.message, /on its own \(no cancel was asked for\)/);
    return true;
  });
  assert.equal(jobs.progress('own').state, 'failed');

  const cancelled = jobs.run('asked', async ({ connection }) => {
    await connection.run(LONG_QUERY);
  });
  setTimeout(() => jobs.cancel('asked'), 200);
  await assert.rejects(cancelled, (error: unknown) => error instanceof EngineError && error.code === 'cancelled');
  assert.equal(jobs.progress('asked').state, 'cancelled');
  db.close();
});
