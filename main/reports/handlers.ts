// The report methods of the contract (shared/reports.ts's reportRequestSchemas),
// for the engine to spread into its handlers:
//   ...reportHandlers(() => this.db, this.jobs, () => ({ printPdf: this.options.printPdf })),
// (options as a function: the engine's handlers are built before its constructor sets `options`).
import type { z } from 'zod';
import { reportRequestSchemas, type ReportResponses } from '../../shared/reports.js';
import type { Database } from '../runtime/database.js';
import type { Jobs } from '../runtime/jobs.js';
import { buildReport, renderReport, writeReportFile, type RenderOptions } from './build.js';
import { renderHtml } from './html.js';

type Schemas = typeof reportRequestSchemas;
type ReportMethod = keyof Schemas;
export type ReportHandlers = { [M in ReportMethod]: (request: z.input<Schemas[M]>) => Promise<ReportResponses[M]> };

export function reportHandlers(db: () => Database, jobs: Jobs, options: RenderOptions | (() => RenderOptions) = {}): ReportHandlers {
  const renderOptions = () => (typeof options === 'function' ? options() : options);
  return {
    'report.preview': (request) => {
      const { settings, report, jobId } = reportRequestSchemas['report.preview'].parse(request);
      return jobs.run(jobId, async (job) => renderHtml(await buildReport(db(), { settings, report }, job.connection)));
    },
    'report.export': (request) => {
      const { settings, report, format, path, jobId } = reportRequestSchemas['report.export'].parse(request);
      return jobs.run(jobId, async (job) => {
        const model = await buildReport(db(), { settings, report }, job.connection);
        job.step(`Writing the ${format.toUpperCase()} report`);
        const bytes = await renderReport(model, format, renderOptions());
        return path ? writeReportFile(path, bytes) : bytes;
      });
    },
  };
}
