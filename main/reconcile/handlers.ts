// The reconcile methods of the contract (shared/reconcile.ts's
// reconcileRequestSchemas), for the engine to spread into its handlers:
//   ...reconcileHandlers(() => this.db, this.jobs),
import type { z } from 'zod';
import { reconcileRequestSchemas, type ReconcileResponses, type Tolerance } from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';
import type { Jobs } from '../runtime/jobs.js';
import { ensureReconcile, RECONCILE_DDL } from './schema.js';
import { importReference, previewReference } from './importReference.js';
import { connectionRunner, rowsFor, runReconcile } from './run.js';
import { drillRows } from './drill.js';
import { readTolerance, reconcileState, saveTolerance, signOffRun } from './state.js';

type Schemas = typeof reconcileRequestSchemas;
export type ReconcileHandlers = { [M in keyof Schemas]: (request: z.input<Schemas[M]>) => Promise<ReconcileResponses[M]> };

const ready = new WeakMap<Database, Promise<void>>();

/** The reconcile schema, made once per workspace opened (older workspaces lack it). */
async function ensure(db: Database): Promise<void> {
  let done = ready.get(db);
  if (!done) {
    done = db.run(RECONCILE_DDL);
    ready.set(db, done);
  }
  await done;
}

export function reconcileHandlers(db: () => Database, jobs: Jobs): ReconcileHandlers {
  const tolerance = async (given: Tolerance | undefined) => given ?? (await readTolerance(db()));
  return {
    'reconcile.suggest': (request) => previewReference(db(), request),
    'reconcile.importReference': ({ file, jobId }) =>
      jobs.run(jobId, async (job) => {
        await ensureReconcile(job.connection);
        return importReference(db(), file, job);
      }),
    'reconcile.run': async ({ settings, tolerance: given, jobId }) => {
      await ensure(db());
      if (given) await saveTolerance(db(), given);
      const used = await tolerance(given);
      return jobs.run(jobId, (job) => runReconcile(db(), connectionRunner(job.connection), settings ?? {}, used, (m) => job.step(m)));
    },
    'reconcile.drill': async ({ settings, tolerance: given, drill }) => {
      await ensure(db());
      const used = await tolerance(given);
      return jobs.run(undefined, async (job) => {
        const run = connectionRunner(job.connection);
        return drillRows(run, await rowsFor(db(), run, settings ?? {}, used), drill);
      });
    },
    'reconcile.signOff': async ({ runId, by, note }) => {
      await ensure(db());
      return signOffRun(db(), runId, by, note);
    },
    'reconcile.state': async () => {
      await ensure(db());
      return reconcileState(db());
    },
  };
}
