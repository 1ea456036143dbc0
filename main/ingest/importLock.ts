// Imports into one workspace run one at a time. A model import stages its
// files before its transaction begins (importer.ts), reading the workspace's
// settings and next import id then: another import committing meanwhile
// would change what it read.
import type { Database } from '../runtime/database.js';
import type { JobContext } from '../runtime/jobs.js';

const last = new WeakMap<Database, Promise<unknown>>();

/** Runs `work` once every import into `db` started before it has ended (a cancel while waiting ends it unstarted). */
export async function oneImportAtATime<T>(db: Database, job: JobContext, work: () => Promise<T>): Promise<T> {
  const before = last.get(db);
  const mine = (async () => {
    if (before) {
      job.step('Waiting for the import before this one');
      await before.catch(() => undefined);
    }
    job.throwIfCancelled();
    return work();
  })();
  last.set(db, mine);
  try {
    return await mine;
  } finally {
    if (last.get(db) === mine) last.delete(db);
  }
}
