// Sources and settings: the front matter, and the settings sheet of the exports.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { DEFAULT_ANALYSIS_SETTINGS, PRESET_LABELS, PRESET_SETTINGS, type AnalysisSettings, type Methodology } from '../../../shared/metrics.js';
import { fill } from '../strings.js';
import type { Cell, Provenance, ReportTable, SectionModel } from '../document.js';
import { type Ctx, table } from './context.js';
import { filesTable } from './dataQuality.js';

export function settingValueText(ctx: Ctx, key: keyof Methodology, value: Methodology[keyof Methodology]): string {
  const v = ctx.s.settingValues as Record<string, string>;
  if (typeof value === 'boolean') return value ? ctx.s.yes : ctx.s.no;
  if (key === 'grossMargin') return ctx.f.percent(value as number, 0);
  if (typeof value === 'number') return String(value);
  return v[value] ?? value;
}

interface SettingRow {
  key: string;
  name: string;
  value: string;
  /** The default, when the value differs from it. */
  defaultValue: string | null;
}

function segmentRuleText(ctx: Ctx, rule: AnalysisSettings['segmentRule']): string {
  const v = ctx.s.settingValues;
  if (rule.by === 'column') return fill(v.column, { column: rule.column });
  return fill(rule.by === 'employees' ? v.employees : v.acv, { mid: ctx.f.integer(rule.midMarketFrom), enterprise: ctx.f.integer(rule.enterpriseFrom) });
}

function filtersText(ctx: Ctx, filters: AnalysisSettings['filters']): string {
  if (filters.length === 0) return ctx.s.none;
  const ops = { eq: '=', neq: '≠', in: '∈', gte: '≥', lte: '≤' } as const;
  return filters.map((flt) => `${flt.attribute} ${ops[flt.op]} ${flt.values.join(', ')}`).join(ctx.s.listSeparator);
}

/** Every setting in words, with its default beside it when it differs. */
export function settingsList(ctx: Ctx, requested: Partial<AnalysisSettings>, provenance: Provenance): SettingRow[] {
  const { result, s, f } = ctx;
  const used = result.settings;
  const names = s.settingNames;
  const values = s.settingValues;
  const rows: SettingRow[] = [];
  const add = (key: string, name: string, value: string, defaultValue: string | null) =>
    rows.push({ key, name, value, defaultValue: defaultValue !== null && defaultValue !== value ? defaultValue : null });
  const d = DEFAULT_ANALYSIS_SETTINGS;
  add('preset', names.preset, `${PRESET_LABELS[used.preset]} (${used.preset})`, `${PRESET_LABELS[d.preset]} (${d.preset})`);
  add('period', names.period, values[used.period], values[d.period]);
  add('asOf', names.asOf, used.as_of.slice(0, 7), requested.asOf ? (provenance.dataAsOf?.slice(0, 7) ?? null) : null);
  add('dataAsOf', names.dataAsOf, provenance.dataAsOf ?? s.none, null);
  add('from', names.from, used.from?.slice(0, 7) ?? s.allData, s.allData);
  add('to', names.to, used.to?.slice(0, 7) ?? s.allData, s.allData);
  add('currency', names.currency, ctx.currency ?? s.none, null);
  for (const rate of provenance.fxRates) add(`fx_${rate.currency}`, fill(names.fxRate, { currency: rate.currency, reporting: ctx.currency ?? '' }), String(rate.rate), null);
  add('segmentRule', names.segmentRule, segmentRuleText(ctx, used.segment_rule), segmentRuleText(ctx, d.segmentRule));
  add('filters', names.filters, filtersText(ctx, used.filters), s.none);
  const atRisk = (rule: AnalysisSettings['atRisk']) => fill(values.atRisk, { ...rule, drop: f.percent(rule.drop, 0) });
  add('atRisk', names.atRisk, atRisk(used.at_risk), atRisk(d.atRisk));
  add('cohortPeriod', names.cohortPeriod, values[used.cohort_period], null);
  // Methodology: against the preset's own settings (a preset is a set of defaults).
  const preset = PRESET_SETTINGS[used.preset];
  for (const key of Object.keys(used.methodology) as (keyof Methodology)[]) {
    add(key, (names as Record<string, string>)[key] ?? key, settingValueText(ctx, key, used.methodology[key]), settingValueText(ctx, key, preset[key]));
  }
  return rows;
}

export function sourcesSection(ctx: Ctx, provenance: Provenance, settings: SettingRow[]): SectionModel {
  const { s } = ctx;
  const p = s.provenance;
  const nonDefault = settings.filter((row) => row.defaultValue !== null);
  const settingsTableBlock = table(
    ctx,
    'settings_used',
    p.settings,
    ['setting', 'value', 'default'],
    settings.map((row) => [row.name, row.value, row.defaultValue ?? '']),
    { setting: p.setting, value: p.value, default: p.defaultValue },
  );
  const nonDefaultText = nonDefault.length
    ? `${p.nonDefault}: ${nonDefault.map((row) => `${row.name} = ${row.value}`).join(s.listSeparator)}.`
    : p.allDefault;
  return {
    id: 'sources',
    title: p.title,
    blocks: [
      { type: 'paragraphs', items: [fill(p.intro, { version: provenance.appVersion }), nonDefaultText] },
      { type: 'table', table: filesTable(ctx, provenance) },
      { type: 'table', table: settingsTableBlock },
    ],
    dataTables: [],
  };
}

/** The "Settings & definitions" sheet: the report, its files, every setting, every definition. */
export function settingsTable(
  ctx: Ctx,
  report: { title: string; client?: string; author?: string; date: string },
  provenance: Provenance,
  settings: SettingRow[],
): ReportTable {
  const { s } = ctx;
  const p = s.provenance;
  const n = s.settingNames;
  const rows: Cell[][] = [
    [p.report, n.title, report.title, ''],
    [p.report, n.client, report.client?.trim() ?? '', ''],
    [p.report, n.author, report.author?.trim() ?? '', ''],
    [p.report, n.date, report.date, ''],
    [p.report, n.language, s.languageName, ''],
    [p.report, n.appVersion, provenance.appVersion, ''],
    ...provenance.files.map((file): Cell[] => [p.files, file.file, `${file.rowsRead} ${p.rowsRead.toLowerCase()}, ${file.rowsLoaded} ${p.rowsLoaded.toLowerCase()}, ${file.rowsRejected} ${p.rowsRejected.toLowerCase()}`, `SHA-256 ${file.sha256}`]),
    ...settings.map((row): Cell[] => [p.settings, row.name, row.value, row.defaultValue ?? '']),
    ...s.definitions.map(([term, text]): Cell[] => [p.definitions, term, text, '']),
  ];
  return table(ctx, 'settings', s.tables.settings, ['section', 'item', 'value', 'default'], rows, {
    section: p.section,
    item: p.item,
    value: p.value,
    default: p.defaultValue,
  });
}
