// Client-ready reports (docs/REPORTS.md): what a report request is — the
// sections, the words around the numbers, the language and the format — and
// the contract's report methods. Pure data, no IO.
import { z } from 'zod';
import { analysisSettingsSchema } from './metrics.js';
import { scenarioSchema } from './scenarios.js';
import { survivalOptionsSchema } from './survival.js';

/** The sections a report can hold, in the order it shows them. */
export const REPORT_SECTIONS = [
  'summary',
  'revenue',
  'customers',
  'cohorts',
  'survival',
  'segments',
  'at_risk',
  'methodology',
  'scenarios',
  'reconciliation',
  'data_quality',
  'appendix',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export const REPORT_LANGUAGES = ['en', 'zh-CN'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** html: one self-contained file; pdf: paginated; xlsx: a sheet per table; csv: a zip of one CSV per table. */
export const REPORT_FORMATS = ['html', 'pdf', 'xlsx', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** File extension and media type of each format. */
export const REPORT_FILE_TYPES: Record<ReportFormat, { extension: string; mime: string }> = {
  html: { extension: 'html', mime: 'text/html;charset=utf-8' },
  pdf: { extension: 'pdf', mime: 'application/pdf' },
  xlsx: { extension: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { extension: 'zip', mime: 'application/zip' },
};

/**
 * A logo as a data URL stays well under the browser-mode host's 1 MiB request
 * limit: at most 700,000 characters, about 510 kB of image.
 */
export const LOGO_DATA_URL_MAX = 700_000;

const text = (max: number) => z.string().trim().max(max);

export const logoSchema = z.union([
  z
    .string()
    .max(LOGO_DATA_URL_MAX, 'a logo image may be at most about 500 kB')
    .regex(/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/, 'a logo is a PNG, JPEG, GIF, WebP or SVG image as a base64 data URL'),
  /** A file path (the command line's --logo): read and checked by the engine. */
  z.string().min(1).max(4096).regex(/^(?!data:)/),
]);

export const reportOptionsSchema = z
  .object({
    /** Shown on the cover and in every page header; default "Churn analysis". */
    title: text(200).optional(),
    client: text(200).optional(),
    author: text(200).optional(),
    /** The report's date on the cover (YYYY-MM-DD); default today. Set it to reproduce a report byte for byte. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD').optional(),
    logo: logoSchema.optional(),
    /**
     * Which sections, shown in the fixed order of REPORT_SECTIONS; default every
     * one — except scenarios, which the default holds only when there is a
     * scenario to show, and reconciliation, only when a reference is imported,
     * so a workspace without them reports as before.
     */
    sections: z.array(z.enum(REPORT_SECTIONS)).min(1).max(REPORT_SECTIONS.length).optional(),
    /** The consultant's words, shown at the top of each section. */
    notes: z.partialRecord(z.enum(REPORT_SECTIONS), text(5000)).optional(),
    language: z.enum(REPORT_LANGUAGES).optional(),
    /** How the survival section groups and measures lifetimes; default by segment, in months, first spells, at 12/24/36. */
    survival: survivalOptionsSchema.pick({ groupBy: true, unit: true, spells: true, times: true }).partial().optional(),
    /** The scenarios of the scenarios section; default the workspace's saved ones. */
    scenarios: z.array(scenarioSchema).min(1).max(20).optional(),
    /**
     * The reporting currency (ISO code). Amounts are in the currency the import
     * converted them to (its --currency and --rate); this only names it when the
     * data did not, and a different one is refused rather than mislabelled.
     */
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'a currency is a three-letter ISO code').optional(),
  })
  .strict();
export type ReportOptions = z.infer<typeof reportOptionsSchema>;

const filePath = z.string().min(1).max(4096);
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Requests of the report methods, spread into shared/contract.ts's requestSchemas. */
export const reportRequestSchemas = {
  /** The report as one self-contained HTML document, for the builder's live preview. */
  'report.preview': z.object({ settings: analysisSettingsSchema.partial(), report: reportOptionsSchema, jobId: jobId.optional() }).strict(),
  /** The report in a format: its bytes, or written to `path` (whose folder must exist). */
  'report.export': z
    .object({
      settings: analysisSettingsSchema.partial(),
      report: reportOptionsSchema,
      format: z.enum(REPORT_FORMATS),
      path: filePath.optional(),
      jobId: jobId.optional(),
    })
    .strict(),
} as const;

/** What report.export answers: the file's bytes, or where it was written. */
export type ReportExport = Uint8Array | { path: string; bytes: number };

/** Responses of the report methods, for shared/contract.ts's Responses. */
export interface ReportResponses {
  /** The HTML document's text. */
  'report.preview': string;
  'report.export': ReportExport;
}

/**
 * SHA-256 hashes of the two scripts every report inlines (Plotly, and the
 * script that draws the charts and paginates for print), for a CSP that lets
 * the builder's sandboxed preview (an iframe with srcdoc, which inherits the
 * app's CSP) run exactly these and nothing else. A test recomputes them from
 * main/reports/html.ts: after upgrading plotly.js-dist-min, update them.
 */
export const REPORT_SCRIPT_HASHES = ['sha256-XV410rAl8JV4HMei0xWJ4ZaJVhzujGxEzigx0vl8hr8=', 'sha256-OhoB6AUEsoPSKt3y4mRaNBmE0P2tbXQQk0Tsx+6PKyc='] as const;

/** The CSP sources to add to script-src so the preview's charts draw (see REPORT_SCRIPT_HASHES). */
export const REPORT_SCRIPT_SOURCES = REPORT_SCRIPT_HASHES.map((hash) => `'${hash}'`).join(' ');

/** Section titles, the same in the report and in the builder that chooses them. */
export const REPORT_SECTION_TITLES: Readonly<Record<'en' | 'zh-CN', Readonly<Record<ReportSection, string>>>> = {
  en: {
      summary: 'Executive summary',
      revenue: 'Revenue movements',
      customers: 'Customer churn and reasons',
      cohorts: 'Cohorts',
      survival: 'Survival: how long customers stay',
      segments: 'Segments against benchmarks',
      at_risk: 'Customers at risk',
      methodology: 'Methodology comparison',
      scenarios: 'Scenarios',
      reconciliation: 'Reconciliation with the billing system',
      data_quality: 'Data-quality appendix',
      appendix: 'Methodology appendix',
  },
  'zh-CN': {
      summary: '执行摘要',
      revenue: '收入变动',
      customers: '客户流失与原因',
      cohorts: '同期群',
      survival: '生存分析：客户留存多久',
      segments: '客户分层与行业基准',
      at_risk: '流失风险客户',
      methodology: '计算口径对比',
      scenarios: '情景分析',
      reconciliation: '与计费系统对账',
      data_quality: '附录：数据质量',
      appendix: '附录：计算方法',
  },
};
