// The report as a document: sections of sentences, tables and charts, and
// where its numbers came from. The HTML, PDF, XLSX and CSV writers all render
// this one model, so the formats agree; the sections (sections/) fill it.
import type { AnalysisResult } from '../../shared/analysis.js';
import type { AnalysisSettings } from '../../shared/metrics.js';
import type { AuditRow } from '../../shared/model.js';
import type { ReportLanguage, ReportOptions, ReportSection } from '../../shared/reports.js';
import type { ScenarioRunResult } from '../../shared/scenarios.js';
import type { SurvivalResult } from '../../shared/survival.js';
import type { CellFormat } from './format.js';
import type { ReportReconciliation } from './sections/reconciliation.js';
import type { ReportStrings } from './strings.js';

export type Cell = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  format: CellFormat;
}

/** One table: the unit of an XLSX sheet and of a CSV file. Rows hold the analysis's numbers unrounded. */
export interface ReportTable {
  /** Stable ASCII name: the CSV file's name. */
  id: string;
  /** Title (localised): the XLSX sheet's name and the caption. */
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
}

export interface ReportChart {
  id: string;
  title: string;
  /** Plotly traces and layout, plain JSON. */
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  height: number;
}

export interface Kpi {
  label: string;
  text: string;
  hint: string;
}

export type Block =
  | { type: 'paragraphs'; items: string[] }
  | { type: 'note'; text: string }
  | { type: 'kpis'; items: Kpi[] }
  | { type: 'chart'; chart: ReportChart }
  /** `columns`: the keys shown in HTML and PDF (default all); `note` under it. */
  | { type: 'table'; table: ReportTable; columns?: string[]; note?: string; compact?: boolean; title?: string }
  | { type: 'definitions'; items: { term: string; text: string }[]; title?: string };

export interface SectionModel {
  id: ReportSection | 'sources';
  title: string;
  blocks: Block[];
  /** Tables that only the XLSX and CSV exports hold (too wide or long to print). */
  dataTables: ReportTable[];
}

export interface ImportedFileInfo {
  file: string;
  kind: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  sha256: string;
}

/** Where the numbers came from, read from the workspace (provenance.ts). */
export interface Provenance {
  appVersion: string;
  files: ImportedFileInfo[];
  audit: AuditRow[];
  /** Units of the reporting currency per unit of each other currency, as imported. */
  fxRates: { currency: string; rate: number }[];
  /** The as-of date the import recorded for the data. */
  dataAsOf: string | null;
}

export interface ReportModel {
  language: ReportLanguage;
  strings: ReportStrings;
  title: string;
  client: string | null;
  author: string | null;
  date: string;
  /** A data URL, checked by the engine. */
  logo: string | null;
  currency: string | null;
  /** YYYY-MM of the as-of month. */
  asOfMonth: string;
  appVersion: string;
  headline: Kpi[];
  /** Front matter (sources and settings), then the chosen sections in order. */
  sources: SectionModel;
  sections: SectionModel[];
  /** The sheet of settings and definitions (XLSX, and settings.csv). */
  settingsTable: ReportTable;
}

export interface ModelInput {
  result: AnalysisResult;
  /** The analysis settings as requested (to tell what was set from what defaulted). */
  requested: Partial<AnalysisSettings>;
  provenance: Provenance;
  options: ReportOptions;
  /** The logo as a data URL (the engine reads a file path into one). */
  logo: string | null;
  /** YYYY-MM-DD; the caller's today when the options name none. */
  date: string;
  /** The scenarios the engine ran for the scenarios section (build.ts); null or absent: no such section. */
  scenarios?: ScenarioRunResult | null;
  /** The survival analysis for the survival section (build.ts); null or absent: no such section. */
  survival?: SurvivalResult | null;
  /** The reconciliation with the imported reference (build.ts); null or absent: no such section. */
  reconciliation?: ReportReconciliation | null;
}

/** The format of a column, by its key (the analysis's field names, docs/CLI.md). */
export function formatOf(key: string): CellFormat {
  if (/^(period|segment|cohort|reason|churn_type|customer_id|method|preset|differs_in|file|kind|sha256|check|severity|examples|verdict|section|item|value|default|setting)$/.test(key)) {
    return 'text';
  }
  if (/rate$|^grr$|^nrr$|share|retention|^benchmark_|^k\d+$/.test(key)) return 'percent';
  if (key === 'quick_ratio' || key === 'audit_amount') return 'number';
  if (/^(mrr|arpa|ltv|revenue_lost|new_mrr_needed|mean_mrr|churned_mrr_total|change)/.test(key) || key === 'mrr_before') return 'money';
  return 'integer';
}

export { REPORT_FONT } from './chartStyle.js';

export const HEADLINE_KEYS = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'grr', 'nrr', 'quick_ratio', 'customers_churned', 'periods'] as const;
