// The SQL console (docs/CONSOLE.md): the requests and answers of its methods.
// A run keeps its result in DuckDB (a result table) and the UI pages it as
// Arrow, sorts and filters it by asking for a new view in SQL, charts it from
// an aggregate and exports it with COPY. Nothing here holds rows.
import { z } from 'zod';
import type { ColumnInfo } from './contract.js';

const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** An editor tab; each tab's latest run is the one that counts. */
const tabId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
/** Names a result the engine made; never part of SQL (looked up in the engine's own list). */
const resultId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const columnName = z.string().min(1).max(500);
/** Console SQL: up to a megabyte of text. */
const sqlText = z.string().min(1).max(1_000_000);

export const CONSOLE_FILTER_OPS = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'is_null', 'not_null'] as const;
/** The largest chunk of a download one request carries. */
export const DOWNLOAD_CHUNK_MAX = 16 * 1024 * 1024;
export const CHART_KINDS = ['bar', 'line', 'area', 'scatter', 'heatmap'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
/** json (an array of row objects) is for the command line. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const resultViewSchema = z.object({
  sort: z.object({ column: columnName, descending: z.boolean() }).nullable(),
  filter: z
    .object({
      column: columnName,
      op: z.enum(CONSOLE_FILTER_OPS),
      /** Compared as the column's type (DuckDB casts it); unused by is_null / not_null. */
      value: z.union([z.string().max(10_000), z.number()]).nullable(),
    })
    .nullable(),
});
export type ResultView = z.infer<typeof resultViewSchema>;

export const chartRequestSchema = z.object({
  kind: z.enum(CHART_KINDS),
  x: columnName,
  /** The measure: summed per x (and series) for bar/line/area/heatmap; plotted as is for scatter. */
  y: columnName,
  /** Colour/series for bar/line/area/scatter; the second axis of a heatmap. */
  series: columnName.nullable(),
});
export type ChartRequest = z.infer<typeof chartRequestSchema>;

export const consoleRequestSchemas = {
  /** Runs one or more statements; the last query's rows become the tab's result. */
  'console.run': z.object({ tabId, sql: sqlText, jobId: jobId.optional() }).strict(),
  /** Rows [offset, offset + limit) of a result (or of its sorted/filtered view) as Arrow. */
  'console.page': z
    .object({ resultId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(5000) })
    .strict(),
  /** A sorted and/or filtered view of a result, made in SQL as a new result of the same tab. */
  'console.view': z.object({ resultId, view: resultViewSchema, jobId: jobId.optional() }).strict(),
  /** The points of a chart of a result, aggregated in SQL (at most CHART_POINT_LIMIT). */
  'console.chart': z.object({ resultId, chart: chartRequestSchema }).strict(),
  /** A result written as a file to `path` (a path the user chose: save dialog, CLI --out). */
  'console.export': z
    .object({ resultId, format: z.enum(EXPORT_FORMATS), path: z.string().min(1).max(4096), jobId: jobId.optional() })
    .strict(),
  /** A result as a file to download: written by the engine, then read in chunks (console.downloadChunk). */
  'console.download': z.object({ resultId, format: z.enum(EXPORT_FORMATS), jobId: jobId.optional() }).strict(),
  /** Bytes [offset, offset + length) of a download (raw bytes, not inside JSON); the last chunk ends it. */
  'console.downloadChunk': z
    .object({
      downloadId: z.string().regex(/^[0-9a-f]{24}$/),
      offset: z.number().int().min(0),
      length: z.number().int().min(1).max(DOWNLOAD_CHUNK_MAX),
    })
    .strict(),
  /** Forgets a tab's results (the tab was closed). */
  'console.close': z.object({ tabId }).strict(),
  /** Schemas, tables and columns for the editor's completions. */
  'console.schema': z.object({}).strict(),
  /** DuckDB's own completions (sql_auto_complete) for the text before the cursor. */
  'console.complete': z.object({ sql: z.string().max(100_000) }).strict(),
  'console.history': z.object({ search: z.string().max(500), limit: z.number().int().min(1).max(1000) }).strict(),
  'console.saved': z.object({ search: z.string().max(500) }).strict(),
  'console.save': z.object({ name: z.string().trim().min(1).max(200), sql: sqlText }).strict(),
  'console.unsave': z.object({ name: z.string().min(1).max(200) }).strict(),
} as const;

export interface ConsoleResult {
  resultId: string;
  tabId: string;
  columns: ColumnInfo[];
  rowCount: number;
  /** The view this result shows of its base result; null for a run's own result. */
  view: ResultView | null;
  /** The base result a view was made from (itself for a run's result). */
  baseId: string;
}

export interface StatementOutcome {
  /** What DuckDB ran: SELECT (a query), EXPLAIN, or the write, e.g. CREATE TABLE, INSERT. */
  kind: string;
  /** Rows written by INSERT/UPDATE/DELETE/CREATE TABLE AS; null for queries and DDL. */
  rowsChanged: number | null;
}

export interface ConsoleRun {
  /** The last query's result; null when the statements were all writes or DDL. */
  result: ConsoleResult | null;
  statements: StatementOutcome[];
  durationMs: number;
}

/** Where a failed statement went wrong, when DuckDB says (1-based, in the text that was sent). */
export interface SqlErrorPosition {
  line: number;
  column: number;
}

export interface ChartPoints {
  kind: ChartKind;
  /** Arrow IPC stream bytes: columns x, y and (when asked) series. */
  points: Uint8Array;
  /** True when the result had more points than a chart shows (the first CHART_POINT_LIMIT in x order). */
  truncated: boolean;
}

export const CHART_POINT_LIMIT = 10_000;

export interface SchemaTable {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: ColumnInfo[];
}

export interface Completion {
  text: string;
  /** Offset in the text where the completed word starts. */
  start: number;
  kind: string;
}

export interface HistoryEntry {
  id: number;
  sql: string;
  ranAt: string;
  rows: number | null;
  durationMs: number;
  /** The error's message when the run failed. */
  error: string | null;
}

export interface SavedQuery {
  name: string;
  sql: string;
  savedAt: string;
}

export interface ConsoleResponses {
  'console.run': ConsoleRun;
  'console.page': Uint8Array;
  'console.view': ConsoleResult;
  'console.chart': ChartPoints;
  'console.export': { path: string; rows: number };
  'console.download': { downloadId: string; size: number };
  'console.downloadChunk': Uint8Array;
  'console.close': { closed: number };
  'console.schema': SchemaTable[];
  'console.complete': Completion[];
  'console.history': HistoryEntry[];
  'console.saved': SavedQuery[];
  'console.save': SavedQuery[];
  'console.unsave': SavedQuery[];
}
