// The mapping dialog's state of one file and of the import options: what the
// user has chosen over the engine's suggestion, what still blocks the import,
// and the model.import request it makes. Pure functions, no React.
import type { Request } from '../../../shared/contract.js';
import type { ImportFileRequest, Kind, MappingPreview } from '../../../shared/model.js';
import { fieldsOfKind, unmetRequirements, unmetText, type Translate } from './fields.js';

export interface FileDraft {
  path: string;
  /** The file's name, for headings (browser uploads live in temporary folders). */
  name: string;
  loading: boolean;
  /** The last model.suggest; kept while a new one loads. */
  preview: MappingPreview | null;
  /** model.suggest failed (e.g. an unknown encoding): the engine's message. */
  suggestError: string | null;
  /** The kind the user chose; undefined = detected. */
  kind: Kind | undefined;
  /** The encoding the user chose; '' = detected. */
  encoding: string;
  /** The worksheet the user chose; undefined = the first. */
  sheet: string | undefined;
  /** Field → column, as shown (starts as the suggestion). */
  map: Record<string, string>;
  /** null until the user answers the day-order question. */
  dayFirst: boolean | null;
  /** Columns the engine reported ambiguous at import (mapped by the user, so not in the preview). */
  reportedAmbiguous: string[];
  /** Whether the amount includes the tax, as the user said; null = as decided from the file. */
  amountIncludesTax: boolean | null;
  /** Subscriptions without an interval column: the user's interval per plan ('' = as the file says). */
  intervalByPlan: Record<string, string>;
  /** …and for every row nothing else covers ('' = none given). */
  interval: string;
}

/** The intervals the dialog offers, as the engine reads them ("6 months" is a count and a unit). */
export const INTERVAL_CHOICES = ['month', 'quarter', '6 months', 'year', '2 years', 'week'] as const;

export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function newDraft(path: string): FileDraft {
  return {
    path,
    name: fileName(path),
    loading: true,
    preview: null,
    suggestError: null,
    kind: undefined,
    encoding: '',
    sheet: undefined,
    map: {},
    dayFirst: null,
    reportedAmbiguous: [],
    amountIncludesTax: null,
    intervalByPlan: {},
    interval: '',
  };
}

/** Maps a field to a column (or '' for none). A column maps to one field, as in the engine. */
export function assign(map: Record<string, string>, field: string, column: string): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [other, otherColumn] of Object.entries(map)) if (other !== field && otherColumn !== column) next[other] = otherColumn;
  if (column) next[field] = column;
  return next;
}

/**
 * The map after a new suggestion (another kind, encoding or sheet): the
 * suggestion, with the user's own choices kept where the field and the column
 * still exist.
 */
export function remap(previous: FileDraft, preview: MappingPreview): Record<string, string> {
  const edits = Object.entries(previous.map).filter(([field, column]) => previous.preview?.fields[field] !== column);
  const fields = new Set<string>(fieldsOfKind(preview.kind).map((def) => def.field));
  const columns = new Set(preview.columns.map((column) => column.name));
  let map: Record<string, string> = { ...preview.fields };
  for (const [field, column] of edits) if (fields.has(field) && columns.has(column)) map = assign(map, field, column);
  return map;
}

/**
 * The billing-interval answers after a new suggestion. The answers saved with
 * this header's mapping at an earlier import fill the question's choices when
 * it first appears (the user's own answers win); from then on the choices are
 * the user's, so an answer changed or cleared ('' = as the file says) stays so.
 */
export function withSavedIntervals(previous: FileDraft, preview: MappingPreview): Pick<FileDraft, 'interval' | 'intervalByPlan'> {
  if (previous.preview?.kind === 'subscriptions') return { interval: previous.interval, intervalByPlan: previous.intervalByPlan };
  const saved = preview.savedIntervals ?? {};
  const own = Object.fromEntries(Object.entries(previous.intervalByPlan).filter(([, interval]) => interval));
  return { interval: previous.interval || saved.interval || '', intervalByPlan: { ...saved.intervalByPlan, ...own } };
}

/** The date columns whose day and month order the user must give: mapped ones the engine found ambiguous. */
export function ambiguousColumns(draft: FileDraft): MappingPreview['ambiguousDates'] {
  const mapped = new Set(Object.values(draft.map));
  const found = (draft.preview?.ambiguousDates ?? []).filter((entry) => mapped.has(entry.column));
  const more = draft.reportedAmbiguous
    .filter((column) => mapped.has(column) && !found.some((entry) => entry.column === column))
    .map((column) => ({ column, examples: [] }));
  return [...found, ...more];
}

/** Whether the tax question applies (amount and tax both mapped), and the file's own decision when it is for these columns. */
export function taxQuestion(draft: FileDraft): { decision: MappingPreview['tax'] } | null {
  const amount = draft.map.amount;
  const tax = draft.map.tax;
  if (!amount || !tax) return null;
  const decision = draft.preview?.tax ?? null;
  // The preview decided for the suggested columns; for others the engine decides when importing.
  return { decision: decision && decision.amountColumn === amount && decision.taxColumn === tax ? decision : null };
}

/**
 * The billing-interval question of a subscriptions file without an interval
 * column: each plan of the preview with what the file says (null: nothing).
 * Plans the file says nothing about must be answered (the engine stops
 * otherwise: monthly would be a guess).
 */
export function intervalQuestion(draft: FileDraft): { terms: MappingPreview['billingTerms'] } | null {
  const preview = draft.preview;
  if (!preview || preview.kind !== 'subscriptions' || draft.map.billing_interval) return null;
  const terms = preview.billingTerms.filter((term) => term.source !== 'column');
  if (terms.length === 0) return null;
  return { terms };
}

/** Plans the user must still answer: nothing in the file gives their interval, and no answer covers them. */
export function unansweredPlans(draft: FileDraft): (string | null)[] {
  const question = intervalQuestion(draft);
  if (!question || draft.interval) return [];
  return question.terms.filter((term) => term.interval === null && !(term.plan !== null && draft.intervalByPlan[term.plan])).map((term) => term.plan);
}

/** What keeps this file from being imported, in words (the chosen language); empty when it is ready. */
export function blockers(t: Translate, draft: FileDraft): string[] {
  const name = draft.name;
  if (draft.suggestError) return [t('import:problems.suggestError', { name, error: draft.suggestError })];
  if (!draft.preview) return [t('import:problems.stillReading', { name })];
  const problems: string[] = [];
  if (draft.loading) problems.push(t('import:problems.stillReading', { name }));
  const mapped = Object.keys(draft.map);
  if (unmetRequirements(draft.preview.kind, mapped).length) {
    problems.push(t('import:problems.chooseColumn', { name, fields: unmetText(t, draft.preview.kind, mapped) }));
  }
  if (ambiguousColumns(draft).length && draft.dayFirst === null) problems.push(t('import:problems.dayOrder', { name }));
  if (unansweredPlans(draft).length) problems.push(t('import:problems.interval', { name }));
  return problems;
}

export function fileRequest(draft: FileDraft): ImportFileRequest {
  return {
    path: draft.path,
    ...(draft.kind ? { kind: draft.kind } : {}),
    ...(Object.keys(draft.map).length ? { map: draft.map } : {}),
    ...(draft.encoding ? { encoding: draft.encoding } : {}),
    ...(draft.sheet ? { sheet: draft.sheet } : {}),
    ...(ambiguousColumns(draft).length && draft.dayFirst !== null ? { dayFirst: draft.dayFirst } : {}),
    ...(taxQuestion(draft) && draft.amountIncludesTax !== null ? { amountIncludesTax: draft.amountIncludesTax } : {}),
    ...intervalAnswers(draft),
  };
}

/**
 * The interval answers of the request: only where the question applies, the
 * plans answered, and '' for each answer saved with the header that the user
 * cleared (the engine keeps saved answers the request does not mention).
 */
function intervalAnswers(draft: FileDraft): Pick<ImportFileRequest, 'interval' | 'intervalByPlan'> {
  if (!intervalQuestion(draft)) return {};
  const saved = draft.preview?.savedIntervals ?? {};
  const cleared = (plan: string, interval: string) => interval === '' && Boolean(saved.intervalByPlan?.[plan]);
  const byPlan = Object.fromEntries(Object.entries(draft.intervalByPlan).filter(([plan, interval]) => interval || cleared(plan, interval)));
  const interval = draft.interval || (saved.interval ? '' : undefined);
  return { ...(interval !== undefined ? { interval } : {}), ...(Object.keys(byPlan).length ? { intervalByPlan: byPlan } : {}) };
}

// ---------------------------------------------------------------------------
// Options of the whole import
// ---------------------------------------------------------------------------

export interface OptionsDraft {
  endDate: 'exclusive' | 'inclusive';
  reportingCurrency: string;
  rates: { currency: string; rate: string }[];
  /** YYYY-MM-DD or ''. */
  asOf: string;
  /** The reporting time zone (IANA name), or '' for the workspace's (else UTC). */
  timeZone: string;
  /** Days after invoice coverage ends before a customer churns; '' = the workspace's (else 0). */
  graceDays: string;
  /** How a subscription's pause counts (docs/DATA_MODEL.md, "Pauses"); '' = the workspace's (else zero_mrr). */
  pauses: '' | 'zero_mrr' | 'churn';
  /** Invoice statuses that are not revenue, comma-separated; '' = the default list. */
  skipStatuses: string;
  /** Advanced. The earliest plausible date, YYYY-MM-DD; '' = the default (1970-01-01). */
  earliestDate: string;
  /** Advanced. How many years after the as-of date (or today) dates stay plausible; '' = the default (10). */
  yearsAhead: string;
  /** Advanced. Lines with the wrong number of values: rejected while few, or the import stops at any. */
  misshapenLines: 'reject_few' | 'stop';
}

export const EMPTY_OPTIONS: OptionsDraft = {
  endDate: 'exclusive',
  reportingCurrency: '',
  rates: [],
  asOf: '',
  timeZone: '',
  graceDays: '',
  pauses: '',
  skipStatuses: '',
  earliestDate: '',
  yearsAhead: '',
  misshapenLines: 'reject_few',
};

/** Whether the browser knows the time zone name (the engine checks it again). */
export function isTimeZoneName(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

type ImportOptions = NonNullable<Request<'model.import'>['options']>;

const CURRENCY = /^[A-Za-z]{3}$/;

export function optionProblems(t: Translate, options: OptionsDraft): string[] {
  const problems: string[] = [];
  const currency = options.reportingCurrency.trim();
  if (currency && !CURRENCY.test(currency)) problems.push(t('import:problems.reportingCurrency'));
  for (const [index, { currency: code, rate }] of options.rates.entries()) {
    if (!code.trim() && !rate.trim()) continue;
    if (!CURRENCY.test(code.trim())) problems.push(t('import:problems.rateCurrency', { index: index + 1 }));
    const value = Number(rate);
    if (!rate.trim() || !Number.isFinite(value) || value <= 0) problems.push(t('import:problems.rateValue', { index: index + 1 }));
  }
  if (options.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) problems.push(t('import:problems.asOf'));
  if (options.timeZone.trim() && !isTimeZoneName(options.timeZone.trim())) problems.push(t('import:problems.timeZone', { zone: options.timeZone.trim() }));
  const grace = options.graceDays.trim();
  if (grace && !(/^\d{1,3}$/.test(grace) && Number(grace) <= 365)) problems.push(t('import:problems.graceDays'));
  if (options.earliestDate && !/^\d{4}-\d{2}-\d{2}$/.test(options.earliestDate)) problems.push(t('import:problems.earliestDate'));
  else if (options.earliestDate && options.asOf && options.asOf < options.earliestDate) problems.push(t('import:problems.asOfBeforeEarliest'));
  const years = options.yearsAhead.trim();
  if (years && !(/^\d{1,3}$/.test(years) && Number(years) <= 100)) problems.push(t('import:problems.yearsAhead'));
  return problems;
}

export function importOptions(options: OptionsDraft): ImportOptions {
  const rates = options.rates.filter((r) => r.currency.trim() || r.rate.trim());
  return {
    endDate: options.endDate,
    ...(options.reportingCurrency.trim() ? { reportingCurrency: options.reportingCurrency.trim().toUpperCase() } : {}),
    ...(rates.length ? { rates: Object.fromEntries(rates.map((r) => [r.currency.trim().toUpperCase(), Number(r.rate)])) } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.timeZone.trim() && isTimeZoneName(options.timeZone.trim()) ? { timeZone: options.timeZone.trim() } : {}),
    ...(options.graceDays.trim() ? { graceDays: Number(options.graceDays.trim()) } : {}),
    ...(options.pauses ? { pauses: options.pauses } : {}),
    ...(options.skipStatuses.trim() ? { skipStatuses: options.skipStatuses.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    ...(options.earliestDate ? { earliestDate: options.earliestDate } : {}),
    ...(options.yearsAhead.trim() ? { yearsAhead: Number(options.yearsAhead.trim()) } : {}),
    ...(options.misshapenLines === 'stop' ? { misshapenLines: 'stop' as const } : {}),
  };
}
