// The console methods of the contract (shared/console.ts's
// consoleRequestSchemas), for the engine to spread into its handlers:
//   ...consoleHandlers(() => this.db, this.jobs),
import type { z } from 'zod';
import { consoleRequestSchemas, type ConsoleResponses } from '../../shared/console.js';
import type { Database } from '../runtime/database.js';
import type { Jobs } from '../runtime/jobs.js';
import { readRowidWindow } from '../ingest/tables.js';
import { autoComplete, workspaceSchema } from './catalog.js';
import { chartPoints } from './chart.js';
import { writeResult } from './export.js';
import { consoleState, dropTabResults } from './results.js';
import { makeView, runConsole } from './run.js';
import { deleteSaved, listHistory, listSaved, saveQuery } from './store.js';

type Schemas = typeof consoleRequestSchemas;
export type ConsoleHandlers = { [M in keyof Schemas]: (request: z.input<Schemas[M]>) => Promise<ConsoleResponses[M]> };

export function consoleHandlers(db: () => Database, jobs: Jobs): ConsoleHandlers {
  const result = (resultId: string) => consoleState(db()).get(resultId);
  return {
    'console.run': (request) => runConsole(db(), jobs, request),
    'console.page': async ({ resultId, offset, limit }) => {
      const stored = result(resultId);
      return readRowidWindow(db(), stored.relation, stored.columns, offset, limit);
    },
    'console.view': ({ resultId, view, jobId }) => makeView(db(), jobs, resultId, view, jobId),
    'console.chart': async ({ resultId, chart }) => chartPoints(db(), result(resultId), chart),
    'console.export': ({ resultId, format, path, jobId }) => {
      const stored = result(resultId);
      return jobs.run(jobId, async (job) => {
        await writeResult(job, stored, format, path);
        return { path, rows: stored.rowCount };
      });
    },
    'console.download': ({ resultId, format, jobId }) => {
      const stored = result(resultId);
      return jobs.run(jobId, (job) => consoleState(db()).downloads.start(job, stored, format));
    },
    'console.downloadChunk': async ({ downloadId, offset, length }) => consoleState(db()).downloads.chunk(downloadId, offset, length),
    'console.close': async ({ tabId }) => ({ closed: await dropTabResults(db(), tabId) }),
    'console.schema': () => workspaceSchema(db()),
    'console.complete': ({ sql }) => autoComplete(db(), sql),
    'console.history': ({ search, limit }) => listHistory(db(), search, limit),
    'console.saved': ({ search }) => listSaved(db(), search),
    'console.save': ({ name, sql }) => saveQuery(db(), name, sql),
    'console.unsave': ({ name }) => deleteSaved(db(), name),
  };
}
