// The scenario methods of the contract (shared/scenarios.ts's
// scenarioRequestSchemas), for the engine to spread into its handlers:
//   ...scenarioHandlers(() => this.db, this.jobs),
import type { z } from 'zod';
import { scenarioRequestSchemas, type ScenarioResponses } from '../../shared/scenarios.js';
import type { Database } from '../runtime/database.js';
import type { Jobs } from '../runtime/jobs.js';
import { sqlRunner } from '../runtime/sqlRunner.js';
import type { RunSql } from './baseline.js';
import { runScenarios } from './run.js';
import { deleteScenario, listScenarios, saveScenario } from './store.js';
import { scenarioWorkbookBytes } from './xlsx.js';

type Schemas = typeof scenarioRequestSchemas;
type ScenarioMethod = keyof Schemas;
export type ScenarioHandlers = { [M in ScenarioMethod]: (request: z.input<Schemas[M]>) => Promise<ScenarioResponses[M]> };

export function scenarioHandlers(db: () => Database, jobs: Jobs): ScenarioHandlers {
  const inJob = <T>(jobId: string | undefined, work: (run: RunSql) => Promise<T>) =>
    jobs.run(jobId, async (job) => work(sqlRunner(db(), job.connection)));
  return {
    'scenarios.run': (request) => {
      const { settings, scenarios, jobId } = scenarioRequestSchemas['scenarios.run'].parse(request);
      return inJob(jobId, (run) => runScenarios(run, db(), settings, scenarios));
    },
    'scenarios.list': async () => listScenarios(db()),
    'scenarios.save': async ({ scenario }) => saveScenario(db(), scenario),
    'scenarios.delete': async ({ name }) => deleteScenario(db(), name),
    'scenarios.exportXlsx': (request) => {
      const { settings, scenarios, jobId } = scenarioRequestSchemas['scenarios.exportXlsx'].parse(request);
      return inJob(jobId, async (run) => scenarioWorkbookBytes((await runScenarios(run, db(), settings, scenarios)).scenarios));
    },
  };
}
