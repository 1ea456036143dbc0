// The report methods through the app's one `invoke`, typed by shared/reports.ts
// (the contract spreads the same schemas and responses into its own).
import type { z } from 'zod';
import type { Result } from '../../../shared/result.js';
import type { Invoke } from '../../../shared/transport.js';
import type { reportRequestSchemas, ReportResponses } from '../../../shared/reports.js';

type ReportMethod = keyof typeof reportRequestSchemas;
export type ReportInvoke = <M extends ReportMethod>(method: M, request: z.input<(typeof reportRequestSchemas)[M]>) => Promise<Result<ReportResponses[M]>>;

export const reportInvoke = (invoke: Invoke): ReportInvoke => invoke as unknown as ReportInvoke;

/** A file name from the report's title: letters, digits and dashes. */
export function fileBase(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'churn-report';
}
