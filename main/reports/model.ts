// The report model: an AnalysisResult and where it came from (files, audit,
// settings) turned into sections of sentences, tables and charts. Pure: every
// number is read from the analysis as it is — the sentences only pick and
// format figures, never compute a metric. The HTML, PDF, XLSX and CSV writers
// all render this one model, so the formats agree.
import { REPORT_SECTIONS, type ReportLanguage, type ReportSection } from '../../shared/reports.js';
import { formatter } from './format.js';
import { scenariosSection } from './sections/scenarios.js';
import { survivalSection } from './sections/survival.js';
import { reconciliationSection } from './sections/reconciliation.js';
import { REPORT_STRINGS } from './strings.js';
import type { Block, ModelInput, ReportModel, ReportTable, SectionModel } from './document.js';
import { appendixSection } from './sections/appendix.js';
import { atRiskSection } from './sections/atRisk.js';
import { cohortsSection } from './sections/cohorts.js';
import { type Ctx, headlineKpis } from './sections/context.js';
import { customersSection } from './sections/customers.js';
import { dataQualitySection } from './sections/dataQuality.js';
import { methodologySection } from './sections/methodology.js';
import { revenueSection } from './sections/revenue.js';
import { segmentsSection } from './sections/segments.js';
import { settingsList, settingsTable, sourcesSection } from './sections/sources.js';
import { summarySection } from './sections/summary.js';

/** Everything a report shows, from the analysis and its provenance. */
export function buildReportModel(input: ModelInput): ReportModel {
  const { result, provenance, options } = input;
  const language: ReportLanguage = options.language ?? 'en';
  const s = REPORT_STRINGS[language];
  const currency = result.settings.reporting_currency ?? options.currency?.toUpperCase() ?? null;
  const f = formatter(language, currency);
  const ctx: Ctx = { result, s, f, currency, language, periodName: s.settingValues[result.settings.period] };
  const chosen = new Set(options.sections ?? REPORT_SECTIONS);
  // build.ts runs the scenarios whenever the section is to be shown, and refuses an explicit request it cannot meet.
  const scenarios = input.scenarios ?? null;
  if (!scenarios) chosen.delete('scenarios');
  const survival = input.survival ?? null;
  if (!survival) chosen.delete('survival');
  const reconciliation = input.reconciliation ?? null;
  if (!reconciliation) chosen.delete('reconciliation');
  const notes = options.notes ?? {};

  const builders: Record<ReportSection, () => Omit<SectionModel, 'id' | 'title'>> = {
    summary: () => summarySection(ctx),
    revenue: () => revenueSection(ctx),
    customers: () => customersSection(ctx),
    cohorts: () => cohortsSection(ctx),
    survival: () => survivalSection(ctx, survival!),
    segments: () => segmentsSection(ctx),
    at_risk: () => atRiskSection(ctx),
    methodology: () => methodologySection(ctx),
    scenarios: () => scenariosSection(ctx, scenarios!),
    reconciliation: () => reconciliationSection(ctx, reconciliation!),
    data_quality: () => dataQualitySection(ctx, provenance),
    appendix: () => appendixSection(ctx),
  };
  const sections = REPORT_SECTIONS.filter((id) => chosen.has(id)).map((id): SectionModel => {
    const built = builders[id]();
    const note = notes[id]?.trim();
    const intro: Block = { type: 'paragraphs', items: [s.intros[id]] };
    return { id, title: s.sections[id], blocks: [...(note ? [{ type: 'note' as const, text: note }] : []), intro, ...built.blocks], dataTables: built.dataTables };
  });

  const title = options.title?.trim() || s.defaultTitle;
  const settingsRows = settingsList(ctx, input.requested, provenance);
  const sources = sourcesSection(ctx, provenance, settingsRows);
  return {
    language,
    strings: s,
    title,
    client: options.client?.trim() || null,
    author: options.author?.trim() || null,
    date: input.date,
    logo: input.logo,
    currency,
    asOfMonth: result.settings.as_of.slice(0, 7),
    appVersion: provenance.appVersion,
    headline: headlineKpis(ctx),
    sources,
    sections,
    settingsTable: settingsTable(ctx, { title, client: options.client, author: options.author, date: input.date }, provenance, settingsRows),
  };
}

/** Every table of the report once, in order (XLSX sheets, CSV files): settings first. */
export function reportTables(model: ReportModel): ReportTable[] {
  const seen = new Map<string, ReportTable>();
  seen.set(model.settingsTable.id, model.settingsTable);
  for (const section of [model.sources, ...model.sections]) {
    for (const block of section.blocks) if (block.type === 'table' && !seen.has(block.table.id)) seen.set(block.table.id, block.table);
    for (const table of section.dataTables) if (!seen.has(table.id)) seen.set(table.id, table);
  }
  return [...seen.values()];
}
