// The report methods through the app's one `invoke`, typed by shared/reports.ts
// (the contract spreads the same schemas and responses into its own).
import type { z } from 'zod';
import type { Result } from '../../../shared/result.js';
import type { Invoke } from '../../../shared/transport.js';
import type { reportRequestSchemas, ReportResponses } from '../../../shared/reports.js';

type ReportMethod = keyof typeof reportRequestSchemas;
export type ReportInvoke = <M extends ReportMethod>(method: M, request: z.input<(typeof reportRequestSchemas)[M]>) => Promise<Result<ReportResponses[M]>>;

export const reportInvoke = (invoke: Invoke): ReportInvoke => invoke as unknown as ReportInvoke;
