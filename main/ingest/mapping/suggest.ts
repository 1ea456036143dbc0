// Suggests how a file maps onto the canonical model: which kind of file it is,
// which column holds which field, and how its dates and numbers are written.
// Headers decide first (export presets, then synonyms); values then confirm,
// reject or fill in (a "created" column only counts as a start date if it
// holds dates). Pure: it sees column names, types and a few sample values.
import { quotedIdentifier } from '@duckdb/node-api';
import { dateSql, guessDateFormat, isNumericDateGuess, type DateFormatGuess } from './dates.js';
import {
  FIELD_CATALOG,
  FIELDS,
  KINDS,
  KIND_LABELS,
  REQUIRED,
  fieldsOfKind,
  isField,
  isKind,
  matchHeader,
  missingRequired,
  normalizeHeader,
  requirementText,
  unmetRequirements,
  type Field,
  type HeaderMatch,
  type Kind,
  type ValueType,
} from './fields.js';
import {
  DEFAULT_NUMBER_STYLE,
  booleanSql,
  guessNumberStyle,
  guessPercentScale,
  integerSql,
  intervalSql,
  moneySql,
  numberSql,
  percentSql,
  textSql,
  normalizeValueText,
  parseBoolean,
  parseInteger,
  parseInterval,
  parseMoney,
  parsePercent,
  type NumberStyle,
  type PercentScale,
} from './numbers.js';
import { detectPreset, presetAmountIncludesTax, presetById, presetFields, presetMinorUnitDigits, type ExportPreset, type PresetMatch } from './presets.js';
import { decideTax, type TaxColumn } from './tax.js';
import type { TaxDecision } from '../../../shared/model.js';

export interface ColumnInput {
  name: string;
  /** The DuckDB type: VARCHAR for text read with all_varchar, or the typed column's type (Parquet, JSON). */
  type: string;
  samples: (string | null)[];
}

export interface SuggestOptions {
  /** The kind chosen by the user (--kind, the mapping dialog): no detection. */
  kind?: Kind;
}

export interface KindAlternative {
  kind: Kind;
  score: number;
  missingRequired: Field[];
}

export interface MappingSuggestion {
  kind: Kind;
  kindReason: string;
  /** The export preset recognised (e.g. 'stripe_subscriptions'), or null. */
  preset: string | null;
  /** Field → column. Only mapped fields are present. */
  fields: Partial<Record<Field, string>>;
  /** Columns mapped to no field (kept as attributes in customer files). */
  unmapped: string[];
  missingRequired: Field[];
  /** For each column mapped to a date field. An `ambiguous` guess needs the user's answer (dayFirst). */
  dateFormats: Record<string, DateFormatGuess>;
  /** For each column mapped to a money, number, integer or percent field. */
  numberStyles: Record<string, NumberStyle>;
  /** For each column mapped to a percent field: whether bare numbers are fractions. */
  percentScales: Record<string, PercentScale>;
  /** Columns whose amounts are in minor units (cents: 2), from a preset. */
  minorUnitDigits: Record<string, number>;
  /** Whether the amount includes the tax (both mapped), and why; null when no tax column is mapped. */
  tax: TaxDecision | null;
  /** Things the user should know: preset semantics, inferences made. */
  notes: string[];
  /** Every kind with its score, best first. */
  alternatives: KindAlternative[];
}

// ---------------------------------------------------------------------------
// Column profiles
// ---------------------------------------------------------------------------

type StorageClass = 'text' | 'date' | 'number' | 'boolean';

interface Profile {
  index: number;
  name: string;
  storage: StorageClass;
  /** Non-blank samples. */
  values: string[];
  headerMatches: HeaderMatch[];
  date: DateFormatGuess | null;
  numberStyle: NumberStyle;
  share: { date: number; money: number; integer: number; percent: number; boolean: number; interval: number; currency: number };
  distinct: number;
}

function storageOf(type: string): StorageClass {
  const t = type.trim().toUpperCase();
  if (/^(DATE|TIMESTAMP)/.test(t)) return 'date';
  if (/^(U?TINYINT|U?SMALLINT|U?INTEGER|U?BIGINT|U?HUGEINT|INT\d*|FLOAT\d*|REAL|DOUBLE|DECIMAL|NUMERIC)/.test(t)) return 'number';
  if (/^(BOOL|BOOLEAN)$/.test(t)) return 'boolean';
  return 'text';
}

const PLAIN_NUMBER_STYLE: NumberStyle = { decimal: '.', thousands: '', currencySymbols: [], parenthesesNegative: false };

function profile(column: ColumnInput, index: number): Profile {
  const values = column.samples.filter((v): v is string => v !== null && v.trim() !== '').map((v) => v.trim());
  const storage = storageOf(column.type);
  const numberStyle = storage === 'number' ? PLAIN_NUMBER_STYLE : guessNumberStyle(values);
  const share = (test: (value: string) => boolean) => (values.length === 0 ? 0 : values.filter(test).length / values.length);
  let date = storage === 'number' || storage === 'boolean' ? null : guessDateFormat(values);
  if (storage === 'date') {
    const examples = values.slice(0, 5).map((input) => ({ input, date: input.slice(0, 10) }));
    date = { format: 'native', ambiguous: false, examples, matched: values.length, total: values.length };
  } else if (storage === 'number' && values.length > 0) {
    date = guessDateFormat(values); // serials and epochs
  }
  return {
    index,
    name: column.name,
    storage,
    values,
    headerMatches: matchHeader(column.name),
    date,
    numberStyle,
    share: {
      date: date && date.total > 0 ? date.matched / date.total : 0,
      money: share((v) => parseMoney(v, numberStyle) !== null),
      integer: share((v) => parseInteger(v, numberStyle) !== null),
      percent: share((v) => parsePercent(v, { style: numberStyle }) !== null),
      boolean: share((v) => parseBoolean(v) !== null),
      interval: share((v) => parseInterval(v) !== null),
      currency: share((v) => /^(?:[a-z]{3}|[$€£¥₩₹])$/.test(normalizeValueText(v))),
    },
    distinct: new Set(values).size,
  };
}

// ---------------------------------------------------------------------------
// Candidates: (column, field, score)
// ---------------------------------------------------------------------------

type Evidence = 'yes' | 'no' | 'unknown';
const MIN_SHARE = 0.8;

/** Whether the column's values fit the field's type. */
function valuesFit(p: Profile, field: Field, strength: HeaderMatch['strength'] | 'none'): Evidence {
  const type: ValueType = FIELD_CATALOG[field].type;
  if (p.values.length === 0) return 'unknown';
  const headerSaysSo = strength === 'exact' || strength === 'loose';
  switch (type) {
    case 'date':
      if (p.storage === 'date') return 'yes';
      if (!p.date || p.share.date < MIN_SHARE) return 'no';
      // A column of plain numbers is dates (serials, epochs) only when its header says so.
      return isNumericDateGuess(p.date) && !headerSaysSo ? 'no' : 'yes';
    case 'money':
    case 'number':
      if (p.storage === 'number') return 'yes';
      return p.share.money >= MIN_SHARE && p.share.date < MIN_SHARE ? 'yes' : p.share.money >= MIN_SHARE && headerSaysSo ? 'yes' : 'no';
    case 'integer':
      return p.share.integer >= MIN_SHARE ? 'yes' : 'no';
    case 'percent':
      return p.share.percent >= MIN_SHARE ? 'yes' : 'no';
    case 'boolean':
      return p.storage === 'boolean' || p.share.boolean >= MIN_SHARE ? 'yes' : 'no';
    case 'text':
      if (field === 'billing_interval') return p.share.interval >= 0.5 ? 'yes' : 'no';
      if (field === 'currency') return p.share.currency >= MIN_SHARE ? 'yes' : 'no';
      if (field === 'customer_id' || field === 'subscription_id') {
        return p.share.date >= MIN_SHARE && p.storage !== 'number' && p.date !== null && !isNumericDateGuess(p.date) ? 'no' : 'yes';
      }
      return 'yes';
  }
}

interface Candidate {
  column: number;
  field: Field;
  score: number;
  why: 'preset' | HeaderMatch['strength'] | 'values';
}

const STRENGTH_SCORE: Record<HeaderMatch['strength'], number> = { exact: 10, loose: 8, hint: 4 };

function headerCandidates(p: Profile): Candidate[] {
  const out: Candidate[] = [];
  for (const match of p.headerMatches) {
    const fit = valuesFit(p, match.field, match.strength);
    let score = STRENGTH_SCORE[match.strength];
    if (fit === 'yes') score += 2;
    else if (fit === 'no') {
      if (match.strength === 'hint') continue;
      score -= 6;
    } else if (match.strength === 'hint') continue; // a fragment alone, with no values to back it, is too weak
    out.push({ column: p.index, field: match.field, score, why: match.strength });
  }
  return out;
}

/** Value-only candidates for a required field no header names: a last resort. */
function valueCandidates(p: Profile, field: Field): Candidate | null {
  const type = FIELD_CATALOG[field].type;
  if (p.values.length === 0) return null;
  if (field === 'customer_id') {
    const words = p.name
      .normalize('NFKC')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    const last = words[words.length - 1] ?? '';
    const idish = ['id', 'code', 'no', 'nr', 'number', 'num', 'key', 'ref'].includes(last) || /(?:编号|代码|編號|代碼|号|號)$/.test(last);
    const mostlyDistinct = p.distinct >= 0.9 * p.values.length;
    return idish && mostlyDistinct && valuesFit(p, field, 'none') === 'yes' ? { column: p.index, field, score: 3, why: 'values' } : null;
  }
  if (type !== 'date' && type !== 'money') return null;
  return valuesFit(p, field, 'none') === 'yes' ? { column: p.index, field, score: 1.5, why: 'values' } : null;
}

// ---------------------------------------------------------------------------
// Assigning columns to the fields of one kind, and scoring the kind
// ---------------------------------------------------------------------------

interface KindPlan {
  kind: Kind;
  fields: Partial<Record<Field, number>>;
  why: Partial<Record<Field, Candidate['why']>>;
  score: number;
  missing: Field[];
  unmet: number;
}

const KIND_KEYWORDS: Partial<Record<Kind, readonly string[]>> = {
  invoices: ['invoice', 'payment', 'charge', 'transaction', '发票', '發票', '付款', '交易', '账单', '帳單'],
  subscriptions: ['subscription', 'plan', 'interval', '订阅', '訂閱', '套餐'],
  churn_events: ['churn', 'cancel', '流失', '取消'],
  mrr: ['mrr'],
};

function planKind(kind: Kind, profiles: readonly Profile[], candidates: readonly Candidate[], preset: PresetMatch | null): KindPlan {
  const allowed = new Set(fieldsOfKind(kind));
  const fields: Partial<Record<Field, number>> = {};
  const why: Partial<Record<Field, Candidate['why']>> = {};
  const used = new Set<number>();
  let score = 0;
  const assign = (list: readonly Candidate[]) => {
    const sorted = list.filter((c) => allowed.has(c.field)).sort((a, b) => b.score - a.score || a.column - b.column);
    for (const c of sorted) {
      if (fields[c.field] !== undefined || used.has(c.column)) continue;
      fields[c.field] = c.column;
      why[c.field] = c.why;
      used.add(c.column);
      score += c.score;
    }
  };
  if (preset && preset.preset.kind === kind) {
    const byName = new Map(profiles.map((p) => [p.name, p.index]));
    const mapped = presetFields(preset.preset, profiles.map((p) => p.name));
    assign(Object.entries(mapped).map(([field, column]) => ({ column: byName.get(column)!, field: field as Field, score: 20, why: 'preset' as const })));
    score += 100;
  }
  assign(candidates);
  // Required fields still missing: look at the values of unused columns.
  for (const requirement of unmetRequirements(kind, Object.keys(fields) as Field[])) {
    const options = typeof requirement === 'string' ? [requirement] : requirement;
    const fallback = profiles
      .filter((p) => !used.has(p.index))
      .flatMap((p) => options.map((field) => valueCandidates(p, field)))
      .filter((c): c is Candidate => c !== null);
    assign(fallback);
  }
  const mappedFields = Object.keys(fields) as Field[];
  const unmet = unmetRequirements(kind, mappedFields).length;
  // A requirement met by a header counts for the kind; one met only by values
  // (no header names it) counts much less, so the ranking follows the headers.
  const byHeaders = unmetRequirements(kind, mappedFields.filter((f) => why[f] !== 'values')).length;
  score += 6 * (REQUIRED[kind].length - byHeaders) - 10 * (byHeaders - unmet) - 25 * unmet;
  // Strong header evidence for fields this kind does not have points elsewhere.
  for (const p of profiles) {
    if (used.has(p.index)) continue;
    if (p.headerMatches.some((m) => m.strength !== 'hint' && !allowed.has(m.field) && m.field !== 'customer_id')) score -= 2;
  }
  const keywords = KIND_KEYWORDS[kind] ?? [];
  if (profiles.some((p) => keywords.some((k) => normalizeHeader(p.name).includes(normalizeHeader(k))))) score += 3;
  return { kind, fields, why, score, missing: missingRequired(kind, mappedFields), unmet };
}

// ---------------------------------------------------------------------------
// The suggestion
// ---------------------------------------------------------------------------

const quote = (name: string) => JSON.stringify(name);

function describeFields(plan: KindPlan, profiles: readonly Profile[], only?: readonly Field[]): string {
  const list = (only ?? (Object.keys(plan.fields) as Field[])).filter((f) => plan.fields[f] !== undefined);
  return list.map((field) => `${field} ← ${quote(profiles[plan.fields[field]!]!.name)}`).join(', ');
}

function requiredFieldsOf(kind: Kind): Field[] {
  return REQUIRED[kind].flatMap((r) => (typeof r === 'string' ? [r] : [...r]));
}

function kindReason(chosen: KindPlan, plans: readonly KindPlan[], profiles: readonly Profile[], preset: PresetMatch | null, forced: boolean): string {
  const required = describeFields(chosen, profiles, requiredFieldsOf(chosen.kind));
  const lacks = chosen.missing.length > 0 ? ` It lacks ${unmetRequirements(chosen.kind, Object.keys(chosen.fields) as Field[]).map(requirementText).join(', ')}.` : '';
  if (forced) return `The kind ${chosen.kind} was given${required ? ` (${required})` : ''}.${lacks}`;
  if (preset && preset.preset.kind === chosen.kind) {
    return `Recognised a ${preset.preset.label} from its columns ${preset.matched.slice(0, 5).map(quote).join(', ')}: a file of ${KIND_LABELS[chosen.kind]}.${lacks}`;
  }
  const next = plans.find((p) => p.kind !== chosen.kind);
  const guessed = next ? (Object.keys(next.why) as Field[]).filter((f) => next.why[f] === 'values') : [];
  let nextText = '';
  if (next && next.missing.length > 0) nextText = ` Next best: ${next.kind}, which lacks ${unmetRequirements(next.kind, Object.keys(next.fields) as Field[]).map(requirementText).join(', ')}.`;
  else if (next && guessed.length > 0) nextText = ` Next best: ${next.kind}, where no header names ${guessed.join(', ')}.`;
  else if (next) nextText = ` Next best: ${next.kind}.`;
  if (chosen.unmet > 0) {
    return `No kind has all its required fields: the closest is ${chosen.kind} (${KIND_LABELS[chosen.kind]}).${lacks}${nextText}`;
  }
  return `Looks like ${KIND_LABELS[chosen.kind]}: ${required}.${nextText}`;
}

/**
 * The zone a header gives for its times: Stripe's "Created (UTC)",
 * "created_at_utc", "下单时间(北京时间)". Times without a zone of their own are
 * then converted from it to the reporting time zone.
 */
function headerZone(header: string): string | undefined {
  const h = header.normalize('NFKC');
  if (/\(\s*(?:utc|gmt)\s*\)|[\s_.-](?:utc|gmt)$/i.test(h)) return 'UTC';
  if (/北京时间|北京時間/.test(h)) return 'Asia/Shanghai';
  return undefined;
}

/**
 * Where the same file has dates in several columns, a column whose day and
 * month order the samples cannot tell takes the order another column shows
 * (13/04/2024 there means day first everywhere). Returns notes.
 */
function shareDayMonthOrder(dateFormats: Record<string, DateFormatGuess>): string[] {
  const numeric = Object.entries(dateFormats).filter(([, g]) => g.format === 'dmy' || g.format === 'mdy');
  const decided = numeric.filter(([, g]) => !g.ambiguous && g.examples.some((e) => /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(e.input)));
  const orders = new Set(decided.map(([, g]) => g.format));
  if (orders.size !== 1) return [];
  const order = [...orders][0] as 'dmy' | 'mdy';
  const notes: string[] = [];
  for (const [column, guess] of numeric) {
    if (!guess.ambiguous) continue;
    guess.ambiguous = false;
    guess.format = order;
    for (const example of guess.examples) {
      if (order === 'mdy') example.date = example.alternative ?? null;
      delete example.alternative;
    }
    notes.push(
      `Dates in ${quote(column)} could be day-first or month-first; read them ${order === 'dmy' ? 'day-first' : 'month-first'} like ${decided.map(([c]) => quote(c)).join(', ')}, whose dates show the order.`,
    );
  }
  return notes;
}

/**
 * Suggests the kind of a file and the mapping of its columns. Headers first
 * (export presets, then synonyms in English and Chinese), values second: they
 * confirm a header (a "start" column must hold dates), reject it, or find a
 * required field no header names. `options.kind` skips kind detection.
 */
export function suggestMapping(columns: readonly ColumnInput[], options: SuggestOptions = {}): MappingSuggestion {
  const profiles = columns.map(profile);
  const candidates = profiles.flatMap(headerCandidates);
  const preset = detectPreset(columns.map((c) => c.name));
  const plans = KINDS.map((kind) => planKind(kind, profiles, candidates, preset)).sort(
    (a, b) => b.score - a.score || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind),
  );
  const forced = options.kind !== undefined;
  const chosen = forced ? plans.find((p) => p.kind === options.kind)! : plans[0]!;
  const usedPreset: ExportPreset | null = preset && preset.preset.kind === chosen.kind ? preset.preset : null;

  const fields: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const index = chosen.fields[field];
    if (index !== undefined) fields[field] = profiles[index]!.name;
  }
  const mappedColumns = new Set(Object.values(fields));
  const unmapped = columns.map((c) => c.name).filter((name) => !mappedColumns.has(name));

  const dateFormats: Record<string, DateFormatGuess> = {};
  const numberStyles: Record<string, NumberStyle> = {};
  const percentScales: Record<string, PercentScale> = {};
  const minorUnitDigits: Record<string, number> = {};
  const notes: string[] = [];
  for (const [field, column] of Object.entries(fields) as [Field, string][]) {
    const p = profiles.find((x) => x.name === column)!;
    const type = FIELD_CATALOG[field].type;
    if (type === 'date') {
      dateFormats[column] = p.date ? structuredClone(p.date) : { format: 'iso', ambiguous: false, examples: [], matched: 0, total: 0 };
      const zone = headerZone(column);
      if (zone) dateFormats[column]!.zone = zone;
    } else if (type === 'money' || type === 'number' || type === 'integer' || type === 'percent') {
      numberStyles[column] = p.numberStyle;
      if (type === 'percent') percentScales[column] = p.storage === 'number' ? guessPercentScale(p.values, PLAIN_NUMBER_STYLE) : guessPercentScale(p.values, p.numberStyle);
      if (type === 'money') {
        const digits = presetMinorUnitDigits(usedPreset, column);
        if (digits > 0) minorUnitDigits[column] = digits;
      }
    }
    if (chosen.why[field] === 'values') notes.push(`No header names ${field}: ${quote(column)} was chosen from its values; check it.`);
  }
  notes.push(...shareDayMonthOrder(dateFormats));
  for (const [column, guess] of Object.entries(dateFormats)) {
    if (guess.ambiguous) notes.push(`Dates in ${quote(column)} could be day-first or month-first (${guess.examples[0]?.input ?? ''}): say which.`);
  }
  if (usedPreset) notes.unshift(...usedPreset.notes);
  const tax = suggestTax(columns, fields, { numberStyles, minorUnitDigits }, usedPreset?.id ?? null);

  return {
    kind: chosen.kind,
    kindReason: kindReason(chosen, plans, profiles, preset, forced),
    preset: usedPreset?.id ?? null,
    fields,
    unmapped,
    missingRequired: chosen.missing,
    dateFormats,
    numberStyles,
    percentScales,
    minorUnitDigits,
    tax,
    notes,
    alternatives: plans.map((p) => ({ kind: p.kind, score: p.score, missingRequired: p.missing })),
  };
}

/**
 * Whether the mapped amount includes the mapped tax, decided from the file's
 * samples, headers and export preset (mapping/tax.ts); null unless both are
 * mapped. The importer calls it again once the user's own mapping is applied.
 */
export function suggestTax(
  columns: readonly ColumnInput[],
  fields: Partial<Record<Field, string>>,
  formats: Pick<MappingSuggestion, 'numberStyles' | 'minorUnitDigits'>,
  presetId: string | null,
): TaxDecision | null {
  const amountName = fields.amount;
  const taxName = fields.tax;
  if (amountName === undefined || taxName === undefined) return null;
  const taxColumn = (column: ColumnInput): TaxColumn => {
    const digits = formats.minorUnitDigits[column.name];
    return {
      name: column.name,
      samples: column.samples,
      style: storageOf(column.type) === 'number' ? PLAIN_NUMBER_STYLE : (formats.numberStyles[column.name] ?? guessNumberStyle(column.samples)),
      ...(digits ? { minorUnitDigits: digits } : {}),
    };
  };
  const amount = columns.find((c) => c.name === amountName);
  const tax = columns.find((c) => c.name === taxName);
  if (!amount || !tax) return null;
  const preset = presetId ? presetById(presetId) : undefined;
  const documented = preset ? presetAmountIncludesTax(preset, amountName) : undefined;
  return decideTax({
    amount: taxColumn(amount),
    tax: taxColumn(tax),
    others: columns.filter((c) => c !== amount && c !== tax).map(taxColumn),
    preset: preset && documented !== undefined ? { amountIncludesTax: documented, label: preset.label } : null,
  });
}

// ---------------------------------------------------------------------------
// The SQL reading one mapped field
// ---------------------------------------------------------------------------

export interface FieldSqlOptions {
  /** The user's answer for a column whose day and month order is ambiguous. */
  dayFirst?: boolean;
  twoDigitYearPivot?: number;
  excel1904?: boolean;
  /** The reporting time zone (default UTC). */
  timeZone?: string;
}

/**
 * DuckDB expression reading `column` (a name from the file, quoted here) as
 * the canonical `field`, with the formats of a suggestion: DATE for dates,
 * DECIMAL(18,6) for money, numbers and percentages, BIGINT for integers,
 * BOOLEAN, and trimmed VARCHAR for text (billing_interval normalised to
 * day|week|month|quarter|year, currency upper-cased, status and churn_type
 * lower-cased). NULL wherever a value cannot be read.
 */
export function fieldSql(
  field: Field,
  column: string,
  formats: Pick<MappingSuggestion, 'dateFormats' | 'numberStyles'> & Partial<Pick<MappingSuggestion, 'percentScales' | 'minorUnitDigits'>>,
  options: FieldSqlOptions = {},
): string {
  const ref = quotedIdentifier(column);
  const style = formats.numberStyles[column] ?? DEFAULT_NUMBER_STYLE;
  switch (FIELD_CATALOG[field].type) {
    case 'date':
      return dateSql(ref, formats.dateFormats[column] ?? 'iso', options);
    case 'money': {
      const digits = formats.minorUnitDigits?.[column];
      return moneySql(ref, style, digits ? { minorUnitDigits: digits } : {});
    }
    case 'number':
      return numberSql(ref, style);
    case 'integer':
      return integerSql(ref, style);
    case 'percent': {
      const scale = formats.percentScales?.[column];
      return percentSql(ref, scale ? { style, scale } : { style });
    }
    case 'boolean':
      return booleanSql(ref);
    case 'text':
      if (field === 'billing_interval') return intervalSql(ref);
      if (field === 'currency') return `upper(${textSql(ref)})`;
      // Display labels become codes: Chargebee's "Non Renewing" and "In Trial" read as non_renewing and in_trial.
      if (field === 'status') return `regexp_replace(lower(${textSql(ref)}), '[ -]+', '_', 'g')`;
      if (field === 'churn_type') return `lower(${textSql(ref)})`;
      return textSql(ref);
  }
}

// ---------------------------------------------------------------------------
// Validation of a mapping given by the user
// ---------------------------------------------------------------------------

export type MappingProblemCode = 'unknown_kind' | 'unknown_field' | 'field_not_in_kind' | 'column_not_in_file' | 'missing_required';

export interface MappingProblem {
  code: MappingProblemCode;
  message: string;
  field?: string;
  column?: string;
  /** For a missing choice (customer_list: start_date or tenure_months): the fields any of which would do. */
  alternatives?: Field[];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function closest(word: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const option of options) {
    const distance = editDistance(word.toLowerCase(), option.toLowerCase());
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/**
 * Checks a mapping (field → column) for a kind: unknown fields, fields that a
 * file of this kind does not have, columns not in the file (when `columns` is
 * given) and required fields not mapped. Empty when the mapping can be used.
 */
export function validateMapping(kind: string, fields: Readonly<Record<string, string>>, columns?: readonly string[]): MappingProblem[] {
  if (!isKind(kind)) {
    const guess = closest(kind, KINDS);
    return [
      {
        code: 'unknown_kind',
        message: `"${kind}" is not a kind of file${guess ? ` (did you mean "${guess}"?)` : ''}. Kinds: ${KINDS.join(', ')}.`,
      },
    ];
  }
  const problems: MappingProblem[] = [];
  const ofKind = fieldsOfKind(kind);
  for (const [field, column] of Object.entries(fields)) {
    if (!isField(field)) {
      const guess = closest(field, ofKind) ?? closest(field, FIELDS);
      problems.push({
        code: 'unknown_field',
        field,
        column,
        message: `"${field}" is not a field${guess ? ` (did you mean "${guess}"?)` : ''}. Fields of a ${kind} file: ${ofKind.join(', ')}.`,
      });
      continue;
    }
    if (!ofKind.includes(field)) {
      problems.push({
        code: 'field_not_in_kind',
        field,
        column,
        message: `${field} is not a field of a ${kind} file; it belongs to ${FIELD_CATALOG[field].kinds.join(', ')} files. Fields of a ${kind} file: ${ofKind.join(', ')}.`,
      });
      continue;
    }
    if (columns && !columns.includes(column)) {
      const sameLetters = columns.find((c) => normalizeHeader(c) === normalizeHeader(column));
      const guess = sameLetters ?? closest(column, columns);
      problems.push({
        code: 'column_not_in_file',
        field,
        column,
        message: `Column "${column}" (mapped to ${field}) is not in the file${guess ? `; did you mean "${guess}"?` : '.'} Columns: ${columns.map((c) => `"${c}"`).join(', ')}.`,
      });
    }
  }
  const mapped = Object.keys(fields).filter((f): f is Field => isField(f) && ofKind.includes(f));
  for (const requirement of unmetRequirements(kind, mapped)) {
    if (typeof requirement === 'string') {
      problems.push({
        code: 'missing_required',
        field: requirement,
        message: `A ${kind} file needs ${requirement} (${FIELD_CATALOG[requirement].meaning}): map it to a column, e.g. --map ${requirement}=<column>.`,
      });
    } else {
      problems.push({
        code: 'missing_required',
        alternatives: [...requirement],
        message: `A ${kind} file needs ${requirementText(requirement)}: map one of them to a column.`,
      });
    }
  }
  return problems;
}
