// One report, start to finish: run the analysis, read its provenance, build
// the model, write the format. Shared by the engine's report methods and the
// command line, so both give the same report for the same request.
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import type { ReportFormat, ReportOptions } from '../../shared/reports.js';
import type { Database } from '../runtime/database.js';
import { analyze } from '../metrics/analyze.js';
import { reportToCsvZip } from './csvZip.js';
import { renderHtml } from './html.js';
import { logoDataUrl } from './logo.js';
import { buildReportModel } from './model.js';
import { type ReportModel } from './document.js';
import { chromiumPdf, type PdfPrinter } from './pdf.js';
import { loadProvenance } from './provenance.js';
import { reportScenarios } from './scenarioRun.js';
import { reportSurvival } from './survivalRun.js';
import { reportReconciliation } from './reconcileRun.js';
import { reportToXlsx } from './xlsx.js';

export interface ReportRequest {
  settings: Partial<AnalysisSettings>;
  report: ReportOptions;
}

/** Today as YYYY-MM-DD in local time (the date a reader expects on the cover). */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export async function buildReport(db: Database, request: ReportRequest, connection?: DuckDBConnection): Promise<ReportModel> {
  const { settings, report } = request;
  const logo = report.logo ? logoDataUrl(report.logo) : null;
  const result = await analyze(db, settings, connection);
  const currency = report.currency?.toUpperCase();
  const dataCurrency = result.settings.reporting_currency;
  if (currency && dataCurrency && currency !== dataCurrency) {
    throw new EngineError(
      'invalid_request',
      `The amounts are in ${dataCurrency}. To report in ${currency}, import the files again with --currency ${currency} and a --rate for each other currency.`,
    );
  }
  const scenarios = await reportScenarios(db, settings, report, connection);
  const survival = await reportSurvival(db, settings, report, connection);
  const reconciliation = await reportReconciliation(db, settings, report, connection);
  return buildReportModel({ result, requested: settings, provenance: await loadProvenance(db), options: report, logo, date: report.date ?? today(), scenarios, survival, reconciliation });
}

export interface RenderOptions {
  /** How HTML becomes PDF: the desktop app passes Electron's; by default the machine's Chromium. */
  printPdf?: PdfPrinter;
}

export async function renderReport(model: ReportModel, format: ReportFormat, options: RenderOptions = {}): Promise<Uint8Array> {
  switch (format) {
    case 'html':
      return new Uint8Array(Buffer.from(renderHtml(model), 'utf8'));
    case 'pdf':
      return (options.printPdf ?? chromiumPdf)(renderHtml(model));
    case 'xlsx':
      return reportToXlsx(model);
    case 'csv':
      return reportToCsvZip(model);
  }
}

/** Writes the bytes to `target`, whose folder must exist. */
export function writeReportFile(target: string, bytes: Uint8Array): { path: string; bytes: number } {
  const file = path.resolve(target);
  if (!fs.existsSync(path.dirname(file))) throw new EngineError('not_found', `The folder ${path.dirname(file)} does not exist.`);
  fs.writeFileSync(file, bytes);
  return { path: file, bytes: bytes.length };
}
