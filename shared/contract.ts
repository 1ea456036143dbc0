// The one contract between the UI and the engine. Every method has a zod schema
// for its request (validated at the engine boundary, whatever the transport) and
// a TypeScript type for its response. Arrow results cross as IPC stream bytes.
import { z } from 'zod';

const tableName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'table names are letters, digits and underscores');
const filePath = z.string().min(1).max(4096);
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const requestSchemas = {
  'workspace.info': z.object({}).strict(),
  'workspace.open': z.object({ path: filePath }).strict(),
  'workspace.scratch': z.object({}).strict(),
  'files.import': z
    .object({ paths: z.array(filePath).min(1).max(100), jobId: jobId.optional() })
    .strict(),
  'files.inspect': z.object({ path: filePath }).strict(),
  'sample.open': z.object({ jobId: jobId.optional() }).strict(),
  'tables.list': z.object({}).strict(),
  'tables.page': z
    .object({
      table: tableName,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(5000),
    })
    .strict(),
  'tables.drop': z.object({ table: tableName }).strict(),
  'dialog.openFiles': z.object({ purpose: z.enum(['data', 'workspace']) }).strict(),
  'dialog.saveFile': z.object({ purpose: z.enum(['workspace']) }).strict(),
  'jobs.progress': z.object({ jobId }).strict(),
  'jobs.cancel': z.object({ jobId }).strict(),
} as const;

export type Method = keyof typeof requestSchemas;
export const METHODS = Object.keys(requestSchemas) as Method[];
export type Request<M extends Method> = z.input<(typeof requestSchemas)[M]>;

export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. BIGINT, VARCHAR, DATE, DECIMAL(18,2). */
  type: string;
}

export interface TableInfo {
  name: string;
  rowCount: number;
  columns: ColumnInfo[];
  /** The file the table was loaded from, when it came from one. */
  source: string | null;
}

export interface WorkspaceInfo {
  /** The .duckdb file, or null for a scratch workspace that lives in memory. */
  path: string | null;
  tables: TableInfo[];
}

export interface FileInspection {
  path: string;
  format: 'csv' | 'parquet';
  rowCount: number;
  columns: ColumnInfo[];
  delimiter: string | null;
}

export interface JobProgress {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'unknown';
  /** 0–100, or null when the engine cannot tell yet. */
  percent: number | null;
  message: string;
}

export interface Responses {
  'workspace.info': WorkspaceInfo;
  'workspace.open': WorkspaceInfo;
  'workspace.scratch': WorkspaceInfo;
  'files.import': TableInfo[];
  'files.inspect': FileInspection;
  'sample.open': TableInfo[];
  'tables.list': TableInfo[];
  /** Arrow IPC stream bytes of rows [offset, offset + limit). */
  'tables.page': Uint8Array;
  'tables.drop': TableInfo[];
  /** Native dialogs: only the desktop app has them; browser mode answers `unsupported`. */
  'dialog.openFiles': { paths: string[] };
  'dialog.saveFile': { path: string | null };
  'jobs.progress': JobProgress;
  'jobs.cancel': { cancelled: boolean };
}

export type Response<M extends Method> = Responses[M];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
