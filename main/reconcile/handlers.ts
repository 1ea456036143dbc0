// The reconcile methods of the contract (shared/reconcile.ts's
// reconcileRequestSchemas), for the engine to spread into its handlers:
//   ...reconcileHandlers(() => this.db, this.jobs),
import type { z } from 'zod';
import { EngineError } from '../../shared/result.js';
import { reconcileRequestSchemas, type ReconcileResponses } from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';
import type { Jobs } from '../runtime/jobs.js';

type Schemas = typeof reconcileRequestSchemas;
export type ReconcileHandlers = { [M in keyof Schemas]: (request: z.input<Schemas[M]>) => Promise<ReconcileResponses[M]> };

const notYet = (): never => {
  throw new EngineError('unsupported', 'Reconciliation is not implemented yet.');
};

export function reconcileHandlers(_db: () => Database, _jobs: Jobs): ReconcileHandlers {
  return {
    'reconcile.suggest': async () => notYet(),
    'reconcile.importReference': async () => notYet(),
    'reconcile.run': async () => notYet(),
    'reconcile.drill': async () => notYet(),
    'reconcile.signOff': async () => notYet(),
    'reconcile.state': async () => notYet(),
  };
}
