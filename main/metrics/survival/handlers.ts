// The survival methods of the contract (shared/survival.ts's
// survivalRequestSchemas), for the engine to spread into its handlers:
//   ...survivalHandlers(() => this.db, this.jobs),
import type { z } from 'zod';
import { survivalRequestSchemas, type SurvivalResponses } from '../../../shared/survival.js';
import { readerToArrow } from '../../runtime/arrow.js';
import type { Database } from '../../runtime/database.js';
import type { Jobs } from '../../runtime/jobs.js';
import { sqlRunner } from '../../runtime/sqlRunner.js';
import { runSurvival, survivalDrillSql } from './run.js';

type Schemas = typeof survivalRequestSchemas;
export type SurvivalHandlers = { [M in keyof Schemas]: (request: z.input<Schemas[M]>) => Promise<SurvivalResponses[M]> };

export function survivalHandlers(db: () => Database, jobs: Jobs): SurvivalHandlers {
  return {
    'survival.run': ({ settings, survival, jobId }) =>
      jobs.run(jobId, (job) => runSurvival(sqlRunner(db(), job.connection), db(), settings ?? {}, survival ?? {})),
    'survival.customers': async ({ settings, survival, drill }) =>
      readerToArrow(await db().reader(await survivalDrillSql(db(), settings ?? {}, survival ?? {}, drill))),
  };
}
