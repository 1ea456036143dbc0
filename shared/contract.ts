// The one contract between the UI and the engine. Every method has a zod schema
// for its request (validated at the engine boundary, whatever the transport) and
// a TypeScript type for its response. Arrow results cross as IPC stream bytes.
import { z } from 'zod';
import type { AnalysisResult, CustomerHistory } from './analysis.js';
import type { MethodName } from './methods.js';
import { scenarioRequestSchemas, type ScenarioResponses } from './scenarios.js';
import { reportRequestSchemas, type ReportResponses } from './reports.js';
import { survivalRequestSchemas, type SurvivalResponses } from './survival.js';
import { consoleRequestSchemas, type ConsoleResponses } from './console.js';
import { reconcileRequestSchemas, type ReconcileResponses } from './reconcile.js';
import { ANALYSIS_FAMILIES, analysisSettingsSchema, drillSchema, METRIC_QUERIES, type AnalysisSettings } from './metrics.js';
import { ENCODING_MAX, ENCODING_NAME, FILE_PATH_MAX, SHEET_NAME_MAX } from './requestLimits.js';
import { importFileSchema, normalizeOptionsSchema, KINDS, type AuditRow, type ImportSummary, type MappingPreview } from './model.js';

const tableName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'table names are letters, digits and underscores');
const filePath = z.string().min(1).max(FILE_PATH_MAX);
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** A text encoding to read files in instead of the detected one, e.g. gb18030, big5, windows-1252. */
const encoding = z.string().min(1).max(ENCODING_MAX).regex(ENCODING_NAME, 'encoding names are letters, digits, -, _ and .');
/** An Excel worksheet's name (Excel allows at most 31 characters). */
const sheetName = z.string().min(1).max(SHEET_NAME_MAX);

export const requestSchemas = {
  'workspace.info': z.object({}).strict(),
  'workspace.open': z.object({ path: filePath }).strict(),
  'workspace.scratch': z.object({}).strict(),
  /** Rewrites the workspace file without the space failed or cancelled imports left in it. */
  'workspace.compact': z.object({}).strict(),
  'files.import': z
    .object({
      paths: z.array(filePath).min(1).max(100),
      jobId: jobId.optional(),
      encoding: encoding.optional(),
      sheet: sheetName.optional(),
    })
    .strict(),
  'files.inspect': z.object({ path: filePath, encoding: encoding.optional(), sheet: sheetName.optional() }).strict(),
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
  'model.suggest': z
    .object({ path: filePath, kind: z.enum(KINDS).optional(), encoding: encoding.optional(), sheet: sheetName.optional(), timeZone: z.string().min(1).max(64).optional() })
    .strict(),
  'model.import': z
    .object({
      files: z.array(importFileSchema).min(1).max(50),
      /** Fixes the kind of the revenue files; customer-attribute files are still recognised. */
      revenueKind: z.enum(KINDS).optional(),
      options: normalizeOptionsSchema.partial().optional(),
      jobId: jobId.optional(),
    })
    .strict(),
  'model.audit': z.object({}).strict(),
  'model.rejects': z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) }).strict(),
  'analysis.run': z
    .object({
      settings: analysisSettingsSchema.partial(),
      /** Only these metric families (the ones a screen draws); others come back empty. Default: all. */
      families: z.array(z.enum(ANALYSIS_FAMILIES)).min(1).max(ANALYSIS_FAMILIES.length).optional(),
      jobId: jobId.optional(),
    })
    .strict(),
  'analysis.sql': z.object({ query: z.enum(METRIC_QUERIES), settings: analysisSettingsSchema.partial() }).strict(),
  'analysis.customers': z.object({ settings: analysisSettingsSchema.partial(), drill: drillSchema }).strict(),
  'customers.search': z
    .object({ query: z.string().max(200), offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) })
    .strict(),
  'customers.history': z.object({ customerId: z.string().min(1).max(500), settings: analysisSettingsSchema.partial() }).strict(),
  /** The analysis controls of the UI, kept in the workspace so reopening it restores them. */
  'ui.settings.get': z.object({}).strict(),
  'ui.settings.set': z.object({ settings: analysisSettingsSchema.partial() }).strict(),
  /** A table shown in the UI as an XLSX workbook: numbers stay numbers, headers frozen. */
  'export.xlsx': z
    .object({
      sheets: z
        .array(
          z.object({
            name: z.string().min(1).max(31),
            columns: z.array(z.object({ name: z.string().max(200), format: z.enum(['text', 'integer', 'money', 'percent', 'number']) })).max(200),
            rows: z.array(z.array(z.union([z.string().max(10_000), z.number(), z.null()]))).max(200_000),
          }),
        )
        .min(1)
        .max(50),
    })
    .strict(),
  'jobs.progress': z.object({ jobId }).strict(),
  'jobs.cancel': z.object({ jobId }).strict(),
  ...scenarioRequestSchemas,
  ...reportRequestSchemas,
  ...survivalRequestSchemas,
  ...consoleRequestSchemas,
  ...reconcileRequestSchemas,
} as const;

export type Method = keyof typeof requestSchemas;

// Compile-time guard: the schemas and shared/methods.ts name the same methods.
type Unlisted = Exclude<Method, MethodName> | Exclude<MethodName, Method>;
const sameMethods: [Unlisted] extends [never] ? true : Unlisted = true;
void sameMethods;
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

/** What compaction did: the file's bytes (with its write-ahead log) before and after; nulls for a scratch workspace. */
export interface CompactResult {
  path: string | null;
  bytesBefore: number | null;
  bytesAfter: number | null;
}

export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'xlsx';

export interface FileInspection {
  path: string;
  /** csv covers every delimited text (TSV, semicolon, pipe …), gzip-compressed or not. */
  format: FileFormat;
  rowCount: number;
  columns: ColumnInfo[];
  /** Delimited text: the delimiter DuckDB's sniffer found. */
  delimiter: string | null;
  /** Text formats: the encoding the file was read in (detected unless chosen), e.g. utf-8, gb18030. */
  encoding: string | null;
  /** Excel workbooks: every worksheet, in tab order. */
  sheets: string[] | null;
  /** Excel workbooks: the sheet that was read. */
  sheet: string | null;
}

export interface JobProgress {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled' | 'unknown';
  /** 0–100, or null when the engine cannot tell yet. */
  percent: number | null;
  message: string;
}

export interface Responses extends ScenarioResponses, ReportResponses, SurvivalResponses, ConsoleResponses, ReconcileResponses {
  'workspace.info': WorkspaceInfo;
  'workspace.open': WorkspaceInfo;
  'workspace.scratch': WorkspaceInfo;
  'workspace.compact': CompactResult;
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
  'model.suggest': MappingPreview;
  'model.import': ImportSummary;
  'model.audit': AuditRow[];
  /** Arrow IPC stream bytes of rejected rows: file, line, column, value, reason, raw. */
  'model.rejects': Uint8Array;
  'analysis.run': AnalysisResult;
  'analysis.sql': { sql: string };
  /** Arrow IPC stream bytes: the customers behind a number, with MRR before and after. */
  'analysis.customers': Uint8Array;
  /** Arrow: customer_id, name, segment, country, industry, current MRR, first and last active month; `total` matches. */
  'customers.search': { total: number; rows: Uint8Array };
  'customers.history': CustomerHistory;
  'ui.settings.get': { settings: Partial<AnalysisSettings> | null };
  'ui.settings.set': { saved: true };
  /** The .xlsx file's bytes. */
  'export.xlsx': Uint8Array;
  'jobs.progress': JobProgress;
  'jobs.cancel': { cancelled: boolean };
}

export type Response<M extends Method> = Responses[M];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(requestSchemas, name);
}
