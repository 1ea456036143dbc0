// Numbers, money, percentages, booleans, text and billing intervals: guessing
// how a column writes them from a few samples, and DuckDB SQL expressions that
// turn the text into typed values. Every expression yields NULL, never an
// error, for a value it cannot read, and every JavaScript reader here accepts
// exactly what its SQL twin accepts (the tests hold them to that), so previews
// computed in TypeScript match what the import loads.
import { quotedString } from '@duckdb/node-api';

// ---------------------------------------------------------------------------
// Text normalisation shared by every reader (and by dates.ts)
// ---------------------------------------------------------------------------

/** Full-width ASCII (U+FF01–U+FF5E) and the odd spaces and signs, mapped to plain ASCII. */
const TRANSLATE_FROM: string = (() => {
  let from = '';
  for (let code = 0xff01; code <= 0xff5e; code += 1) from += String.fromCharCode(code);
  // ideographic space, no-break spaces, tab, newlines, minus sign, full-width yen/cent/pound
  return from + '\u3000\u00a0\u2007\u202f\t\n\r\u2212\uffe5\uffe0\uffe1';
})();
const TRANSLATE_TO: string = (() => {
  let to = '';
  for (let code = 0x21; code <= 0x7e; code += 1) to += String.fromCharCode(code);
  return to + '       -¥¢£';
})();
const TRANSLATE_MAP: ReadonlyMap<string, string> = new Map(
  [...TRANSLATE_FROM].map((char, index) => [char, TRANSLATE_TO[index]!]),
);

/** Any character of TRANSLATE_FROM (what normalizeValueText changes). */
const TRANSLATED = new RegExp(`[${[...TRANSLATE_FROM].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`);

/**
 * A value as the readers see it: full-width characters folded to ASCII,
 * unusual spaces to plain ones, trimmed and lower-cased.
 */
export function normalizeValueText(text: string): string {
  // Most values hold none of the characters to fold: they skip the loop (the mapping's suggestion reads thousands).
  if (!TRANSLATED.test(text)) return text.trim().toLowerCase();
  let out = '';
  for (const char of text) out += TRANSLATE_MAP.get(char) ?? char;
  return out.trim().toLowerCase();
}

const compiled = new Map<string, RegExp>();

/**
 * A pattern of this module compiled once (none has flags, so none keeps
 * state between uses): the readers below run on every sample value of every
 * column while a mapping is suggested (with parseBoolean's word sets made once
 * and normalizeValueText's fast path: the suggestion for the 100k bench's
 * two files 53 -> 25 ms, its first run in a process 116 -> 46-73 ms).
 */
function pattern(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(source);
    compiled.set(source, regex);
  }
  return regex;
}

/** Matches text holding a character that `translate` would change (translate is slow: only such rows pay for it). */
const TRANSLATE_GUARD = '[\\x{FF01}-\\x{FF5E}\\x{3000}\\x{00A0}\\x{2007}\\x{202F}\\t\\n\\r\\x{2212}\\x{FFE5}\\x{FFE0}\\x{FFE1}]';

/** SQL twin of `normalizeValueText`: the column as trimmed, lower-cased VARCHAR. */
export function normalizedTextSql(columnSql: string): string {
  const folded = `CASE WHEN regexp_matches(t, ${quotedString(TRANSLATE_GUARD)}) THEN translate(t, ${quotedString(TRANSLATE_FROM)}, ${quotedString(TRANSLATE_TO)}) ELSE t END`;
  return `lower(trim(${bindSql(`CAST(${columnSql} AS VARCHAR)`, 't', folded)}))`;
}

/**
 * Binds an expression to a name once, so a long input is not repeated in the
 * SQL: `(lambda v: body)(input)` written the way DuckDB allows it.
 */
export function bindSql(inputSql: string, name: string, bodySql: string): string {
  return `list_transform([${inputSql}], lambda ${name}: ${bodySql})[1]`;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

// ---------------------------------------------------------------------------
// Number styles
// ---------------------------------------------------------------------------

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = ',' | '.' | ' ' | "'" | '';

export interface NumberStyle {
  decimal: DecimalSeparator;
  thousands: ThousandsSeparator;
  /** Currency symbols and codes seen in the samples, as written (e.g. ['$'], ['EUR'], ['¥', '元']). */
  currencySymbols: string[];
  /** Whether the samples write negatives in parentheses, "(300.00)". Readers always accept that form. */
  parenthesesNegative: boolean;
}

export const DEFAULT_NUMBER_STYLE: NumberStyle = {
  decimal: '.',
  thousands: ',',
  currencySymbols: [],
  parenthesesNegative: false,
};

/** Currency marks the readers accept before or after the number (on lower-cased text). */
const CURRENCY_WORDS = [
  '人民币', '人民幣', '美元', '欧元', '歐元', '英镑', '英鎊', '日元', '日圓', '港币', '港幣', '港元', '新台币', '新台幣',
  '台币', '台幣', '韩元', '韓元', '元', '圆', '圓', '円', '块', '塊', 'kr', 'zł', 'fr',
];
const CURRENCY_PATTERN = `(?:(?:[a-z]{1,2} ?)?[$€£¥₩₹₽₺₫₪฿₱¢]|[a-z]{3}|${CURRENCY_WORDS.join('|')})`;
const CURRENCY_RE = new RegExp(CURRENCY_PATTERN, 'g');

/** Units the integer and number readers accept after the number: "120人", "12 months", "5 seats", "10,000+". */
const UNIT_PATTERN =
  '(?:\\+|人|名|个|個|位|家|个月|個月|月|天|days?|months?|mos?|employees?|seats?|users?|staff|licen[cs]es?)';

function numberPattern(style: Pick<NumberStyle, 'decimal' | 'thousands'>): string {
  const d = escapeRegex(style.decimal);
  if (style.thousands === '' || style.thousands === style.decimal) return `\\d+(?:${d}\\d*)?|${d}\\d+`;
  const t = escapeRegex(style.thousands);
  return `(?:\\d{1,3}(?:${t}\\d{3})+|\\d+)(?:${d}\\d*)?|${d}\\d+`;
}

interface NumberGrammar {
  /** Accept a currency symbol or code before or after the number. */
  currency: boolean;
  /** Accept a unit after the number (integers, quantities). */
  units: boolean;
}

/** The whole-value pattern (lower-cased text, parentheses already removed). */
function valuePattern(style: NumberStyle, grammar: NumberGrammar): string {
  const cur = grammar.currency ? `(?:${CURRENCY_PATTERN} ?)?` : '';
  const curAfter = grammar.currency ? `(?: ?${CURRENCY_PATTERN})?` : '';
  const unit = grammar.units ? `(?: ?${UNIT_PATTERN})?` : '';
  return `^${cur}(?:[+-] ?${cur})?(?:${numberPattern(style)})${curAfter}${unit}(?: ?-${curAfter})?$`;
}

const valueRegexes = new Map<string, RegExp>();

/** valuePattern compiled, once per separators and grammar (all it depends on), not built again for every value. */
function valueRegex(style: NumberStyle, grammar: NumberGrammar): RegExp {
  const key = `${style.decimal}\u0000${style.thousands}\u0000${grammar.currency}\u0000${grammar.units}`;
  let regex = valueRegexes.get(key);
  if (!regex) {
    regex = new RegExp(valuePattern(style, grammar));
    valueRegexes.set(key, regex);
  }
  return regex;
}

/** Reads a number the way the SQL readers do; null when they would give NULL. Exact as a decimal string. */
function readDecimal(text: string | null, style: NumberStyle, grammar: NumberGrammar): string | null {
  if (text === null) return null;
  let s = normalizeValueText(text);
  const parens = /^\((.*)\)$/.exec(s);
  if (parens) s = parens[1]!.trim();
  const match = valueRegex(style, grammar).exec(s);
  if (!match) return null;
  let digits = s.replace(/[^0-9.,']+/g, '');
  if (style.thousands !== '' && style.thousands !== style.decimal && style.thousands !== ' ') digits = digits.split(style.thousands).join('');
  if (style.decimal === ',') digits = digits.replace(',', '.');
  const negative = parens !== null || s.includes('-');
  return toScale6(digits, negative);
}

/** "1234.5" → "1234.500000" (DECIMAL(18,6) as DuckDB prints it), null past 12 integer digits. */
function toScale6(digits: string, negative: boolean): string | null {
  const [intPartRaw = '', fracRaw = ''] = digits.split('.');
  const intPart = intPartRaw.replace(/^0+(?=\d)/, '') || '0';
  let scaled = BigInt(intPart + (fracRaw + '000000').slice(0, 6));
  if (fracRaw.length > 6 && Number(fracRaw[6]) >= 5) scaled += 1n; // DuckDB rounds half away from zero
  if (scaled >= 10n ** 18n) return null;
  if (negative) scaled = -scaled;
  const sign = scaled < 0n ? '-' : '';
  const abs = (scaled < 0n ? -scaled : scaled).toString().padStart(7, '0');
  return `${sign}${abs.slice(0, -6)}.${abs.slice(-6)}`;
}

/** The money reader in JavaScript: "1.234,50" with decimal ',' → "1234.500000". */
export function parseMoney(text: string | null, style: NumberStyle = DEFAULT_NUMBER_STYLE): string | null {
  return readDecimal(text, style, { currency: true, units: false });
}

/** The plain number reader in JavaScript (units allowed, no currency). */
export function parseNumber(text: string | null, style: NumberStyle = DEFAULT_NUMBER_STYLE): string | null {
  return readDecimal(text, style, { currency: false, units: true });
}

/** The integer reader in JavaScript: a number with no fraction, or null. */
export function parseInteger(text: string | null, style: NumberStyle = DEFAULT_NUMBER_STYLE): string | null {
  const value = parseNumber(text, style);
  if (value === null || !/\.0+$/.test(value)) return null;
  const int = value.replace(/\.0+$/, '');
  return int === '-0' ? '0' : int;
}

/**
 * Guesses decimal and thousands separators, currency marks and the
 * parentheses convention from sample values. A lone separator followed by
 * exactly three digits ("1,234", "1.234") could be either; such samples only
 * decide when nothing else does, and then the decimal point is '.' (so
 * "1,234" reads 1234 and "1.234" reads 1.234).
 */
export function guessNumberStyle(samples: readonly (string | null)[]): NumberStyle {
  const currencySymbols: string[] = [];
  let parenthesesNegative = false;
  const votes = { decimalComma: 0, decimalPoint: 0, groupComma: 0, groupDot: 0, groupSpace: 0, groupQuote: 0 };
  for (const raw of samples) {
    if (raw === null) continue;
    let s = normalizeValueText(raw);
    if (s === '') continue;
    const parens = /^\((.*)\)$/.exec(s);
    if (parens) s = parens[1]!.trim();
    const marks = s.match(CURRENCY_RE) ?? [];
    const core = s.replace(CURRENCY_RE, ' ').replace(/[+%-]/g, ' ').trim();
    if (!/^\d[\d.,' ]*$|^[.,]\d+$/.test(core)) continue; // not a number
    if (parens) parenthesesNegative = true;
    for (const mark of marks) {
      const written = mark.trim();
      const display = /^[a-z]+$/.test(written) ? written.toUpperCase() : written;
      if (!currencySymbols.includes(display)) currencySymbols.push(display);
    }
    if (core.includes("'")) votes.groupQuote += 1;
    if (/\d \d{3}(?!\d)/.test(core)) votes.groupSpace += 1;
    const digits = core.replace(/[ ']/g, '');
    const commas = digits.split(',').length - 1;
    const dots = digits.split('.').length - 1;
    if (commas > 0 && dots > 0) {
      if (digits.lastIndexOf(',') > digits.lastIndexOf('.')) {
        votes.decimalComma += 1;
        votes.groupDot += 1;
      } else {
        votes.decimalPoint += 1;
        votes.groupComma += 1;
      }
    } else if (commas > 1) votes.groupComma += 1;
    else if (dots > 1) votes.groupDot += 1;
    else if (commas === 1 && !/^\d{1,3},\d{3}$/.test(digits)) votes.decimalComma += 1;
    else if (dots === 1 && !/^\d{1,3}\.\d{3}$/.test(digits)) votes.decimalPoint += 1;
  }
  let decimal: DecimalSeparator = '.';
  if (votes.decimalComma > votes.decimalPoint) decimal = ',';
  else if (votes.decimalComma === 0 && votes.decimalPoint === 0 && votes.groupDot > 0 && votes.groupComma === 0) decimal = ',';
  let thousands: ThousandsSeparator;
  if (votes.groupQuote > 0) thousands = "'";
  else if (votes.groupSpace > 0) thousands = ' ';
  else thousands = decimal === '.' ? ',' : '.';
  return { decimal, thousands, currencySymbols, parenthesesNegative };
}

// ---------------------------------------------------------------------------
// Number SQL
// ---------------------------------------------------------------------------

function decimalSql(columnSql: string, style: NumberStyle, grammar: NumberGrammar, scaleSql?: string): string {
  const pattern = quotedString(valuePattern(style, grammar));
  // v: the normalized text; w: v without enclosing parentheses. Once w fits
  // the pattern, its only digits and separators are the number's (currency
  // marks and units have none), and a '-' can only be a sign.
  let digits = `regexp_replace(w, '[^0-9.,'']+', '', 'g')`;
  if (style.thousands !== '' && style.thousands !== style.decimal && style.thousands !== ' ') digits = `replace(${digits}, ${quotedString(style.thousands)}, '')`;
  if (style.decimal === ',') digits = `replace(${digits}, ',', '.')`;
  const text = `(CASE WHEN starts_with(v, '(') OR contains(w, '-') THEN '-' ELSE '' END) || ${digits}`;
  const value = scaleSql
    ? `TRY_CAST(TRY_CAST(${text} AS DECIMAL(38,10)) * ${scaleSql} AS DECIMAL(18,6))`
    : `TRY_CAST(${text} AS DECIMAL(18,6))`;
  const body = `CASE WHEN regexp_full_match(w, ${pattern}) THEN ${value} END`;
  const unwrap = `CASE WHEN starts_with(v, '(') AND ends_with(v, ')') THEN trim(v[2:-2]) ELSE v END`;
  return bindSql(normalizedTextSql(columnSql), 'v', bindSql(unwrap, 'w', body));
}

export interface MoneyOptions {
  /**
   * The export writes amounts in minor units (cents): divide by 10^minorUnitDigits.
   * 2 for cents (e.g. Recurly's *_in_cents columns); 0 or absent for major units.
   */
  minorUnitDigits?: number;
}

/**
 * DuckDB expression: DECIMAL(18,6) from money text ("1,234.50", "1.234,50",
 * "$1,234", "€ 12,50", "(300.00)", "-12", "12.5 USD", "¥1,200", "1 234,56",
 * "RMB 100"), NULL when the text is not an amount. Negative in parentheses or
 * with a leading or trailing minus. Values are rounded to 6 decimals; more
 * than 12 integer digits give NULL.
 */
export function moneySql(columnSql: string, style: NumberStyle = DEFAULT_NUMBER_STYLE, options: MoneyOptions = {}): string {
  const digits = options.minorUnitDigits ?? 0;
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) throw new Error(`minorUnitDigits must be an integer from 0 to 6, not ${digits}`);
  const scale = digits === 0 ? undefined : `CAST(${quotedString((1 / 10 ** digits).toFixed(digits))} AS DECIMAL(18,6))`;
  return decimalSql(columnSql, style, { currency: true, units: false }, scale);
}

/** DuckDB expression: DECIMAL(18,6) from a plain number (a unit such as "5 seats" allowed), NULL otherwise. */
export function numberSql(columnSql: string, style: NumberStyle = DEFAULT_NUMBER_STYLE): string {
  return decimalSql(columnSql, style, { currency: false, units: true });
}

/**
 * DuckDB expression: BIGINT from "12", "1,200", "120人", "12 months",
 * "10,000+" or "12.0"; NULL for "12.5", ranges such as "51-200", and text.
 */
export function integerSql(columnSql: string, style: NumberStyle = DEFAULT_NUMBER_STYLE): string {
  const value = decimalSql(columnSql, style, { currency: false, units: true });
  return bindSql(value, 'n', 'CASE WHEN n = trunc(n) THEN CAST(n AS BIGINT) END');
}

// ---------------------------------------------------------------------------
// Percentages
// ---------------------------------------------------------------------------

export type PercentScale = 'percent' | 'fraction';

/** Chinese discount notation: "8折" pays 80% (20% off), "85折" pays 85% (15% off). */
const ZHE_PATTERN = '^(\\d+(?:\\.\\d+)?) ?折$';

/**
 * Whether bare numbers in a percent column are fractions (0.1 = 10%) or
 * percentages (10 = 10%). Fractions only when every bare number lies in
 * [0, 1] and one of them is strictly between: a column of 0 and 1 alone reads
 * as percentages (0% and 1%), since 100% off would silently wipe revenue.
 */
export function guessPercentScale(samples: readonly (string | null)[], style: NumberStyle = DEFAULT_NUMBER_STYLE): PercentScale {
  let bare = 0;
  let inUnit = true;
  let strictlyBetween = false;
  for (const raw of samples) {
    if (raw === null) continue;
    const s = normalizeValueText(raw);
    if (s === '' || s.includes('%') || pattern(ZHE_PATTERN).test(s)) continue;
    const value = parseNumber(s, style);
    if (value === null) continue;
    bare += 1;
    const n = Number(value);
    if (n < 0 || n > 1) inUnit = false;
    if (n > 0 && n < 1) strictlyBetween = true;
  }
  return bare > 0 && inUnit && strictlyBetween ? 'fraction' : 'percent';
}

export interface PercentOptions {
  /** Bare numbers are fractions of 1 (decide with `guessPercentScale`). Values written with % never are. */
  scale?: PercentScale;
  style?: NumberStyle;
}

/**
 * DuckDB expression: DECIMAL(18,6) in percent (0–100 for a discount) from
 * "10%", "10 %", "10", "0.1" (when the column is fractional) or "9折"
 * (Chinese: pay 90%, i.e. 10 off); NULL otherwise.
 */
export function percentSql(columnSql: string, options: PercentOptions = {}): string {
  const style = options.style ?? DEFAULT_NUMBER_STYLE;
  const fractional = options.scale === 'fraction';
  const number = decimalSql(`replace(p, '%', '')`, style, { currency: false, units: false });
  const zhe = quotedString(ZHE_PATTERN);
  const zheValue = `TRY_CAST(regexp_extract(p, ${zhe}, 1) AS DECIMAL(18,6))`;
  const body = `CASE
    WHEN regexp_full_match(p, ${zhe}) THEN CAST(CASE WHEN ${zheValue} <= 10 THEN (10 - ${zheValue}) * 10 WHEN ${zheValue} < 100 THEN 100 - ${zheValue} END AS DECIMAL(18,6))
    WHEN contains(p, '%') THEN ${number}
    ELSE ${fractional ? `CAST(${number} * 100 AS DECIMAL(18,6))` : number} END`;
  return bindSql(normalizedTextSql(columnSql), 'p', body);
}

/** The percent reader in JavaScript, for previews. */
export function parsePercent(text: string | null, options: PercentOptions = {}): string | null {
  if (text === null) return null;
  const style = options.style ?? DEFAULT_NUMBER_STYLE;
  const s = normalizeValueText(text);
  const zhe = pattern(ZHE_PATTERN).exec(s);
  if (zhe) {
    const n = Number(zhe[1]);
    if (n <= 10) return toScale6(String(Math.round((10 - n) * 10 * 1e6) / 1e6), false);
    if (n < 100) return toScale6(String(Math.round((100 - n) * 1e6) / 1e6), false);
    return null;
  }
  const value = readDecimal(s.replace(/%/g, ''), style, { currency: false, units: false });
  if (value === null || s.includes('%') || options.scale !== 'fraction') return value;
  const negative = value.startsWith('-');
  const [i = '0', f = ''] = value.replace('-', '').split('.');
  const shifted = `${i}${f.slice(0, 2)}.${f.slice(2)}`;
  return toScale6(shifted, negative);
}

// ---------------------------------------------------------------------------
// Booleans and text
// ---------------------------------------------------------------------------

/** Words read as true (on normalized text). Churn vocabulary included: the boolean fields are `churned` and `is_refund`. */
export const TRUE_WORDS: readonly string[] = [
  'true', 't', 'yes', 'y', '1', '1.0', 'x', '✓', '✔', 'on',
  '是', '对', '對', '有', '真', '流失', '已流失', '是流失', '退款', '已退款',
  'churned', 'churn', 'lost', 'left', 'exited', 'cancelled', 'canceled', 'inactive', 'refund', 'refunded',
];
/** Words read as false. */
export const FALSE_WORDS: readonly string[] = [
  'false', 'f', 'no', 'n', '0', '0.0', 'off',
  '否', '不', '不是', '无', '無', '没有', '沒有', '假', '未流失', '在网', '在網', '留存', '正常', '未退款',
  'active', 'retained', 'stayed', 'current', 'not churned', 'no churn',
];

export interface BooleanOptions {
  trueWords?: readonly string[];
  falseWords?: readonly string[];
}

/** DuckDB expression: BOOLEAN from yes/no, true/false, y/n, 1/0, 是/否, churned/active…; NULL for anything else. */
export function booleanSql(columnSql: string, options: BooleanOptions = {}): string {
  const list = (words: readonly string[]) => words.map((word) => quotedString(normalizeValueText(word))).join(', ');
  const t = options.trueWords ?? TRUE_WORDS;
  const f = options.falseWords ?? FALSE_WORDS;
  return bindSql(normalizedTextSql(columnSql), 'b', `CASE WHEN b IN (${list(t)}) THEN true WHEN b IN (${list(f)}) THEN false END`);
}

/** The boolean reader in JavaScript. */
export function parseBoolean(text: string | null, options: BooleanOptions = {}): boolean | null {
  if (text === null) return null;
  const s = normalizeValueText(text);
  if (normalizedWords(options.trueWords ?? TRUE_WORDS).has(s)) return true;
  if (normalizedWords(options.falseWords ?? FALSE_WORDS).has(s)) return false;
  return null;
}

const wordSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The words as parseBoolean compares them (normalized), per list: normalized once, not at every value. */
function normalizedWords(words: readonly string[]): ReadonlySet<string> {
  let set = wordSets.get(words);
  if (!set) {
    set = new Set(words.map(normalizeValueText));
    wordSets.set(words, set);
  }
  return set;
}

const TRIMMED = ' \t\r\n\u00a0\u2007\u202f\u3000';

/**
 * DuckDB expression: the text trimmed (also of no-break and ideographic
 * spaces), blank → NULL. Case is kept. A plain trim: a pattern test first
 * ("anything to trim?") cost five times the trim it was to save (DuckDB 1.5,
 * 10M values).
 */
export function textSql(columnSql: string): string {
  return `NULLIF(trim(CAST(${columnSql} AS VARCHAR), ${quotedString(TRIMMED)}), '')`;
}

// ---------------------------------------------------------------------------
// Billing intervals
// ---------------------------------------------------------------------------

export type BillingInterval = 'day' | 'week' | 'month' | 'quarter' | 'year';

const INTERVAL_PREFIX = '^(?:(?:per|every|each|billed|/) ?)?(?:\\d+ ?|(?:one|two|three|four|six|twelve|an|a)[ -])?';
const INTERVAL_SUFFIX = ' ?(?:plan|billing|subscription|contract|cycle|term|basis)$';
const CJK_PREFIX = '^(?:每|按|包)';
const CJK_SUFFIX = '(?:付费|付費|计费|計費|缴费|繳費|付|缴|繳|度)$';

const INTERVAL_WORDS: readonly (readonly [BillingInterval, string])[] = [
  ['day', 'd|dy|day|days|daily|天|日'],
  ['week', 'w|wk|wks|week|weeks|weekly|周|週|星期|biweekly|bi-weekly|fortnight|fortnightly'],
  ['month', 'm|mo|mos|mon|mth|mths|month|months|monthly|month-to-month|month to month|月|个月|個月|semiannual|semi-annual|semi-annually|semiannually|half-yearly|half yearly|半年'],
  ['quarter', 'q|qtr|qtrs|quarter|quarters|quarterly|季'],
  ['year', 'y|yr|yrs|year|years|yearly|annual|annually|annum|年'],
];

/** The interval text with counts, "per", "every", 每/按 and 付费/度 removed. */
function intervalCore(s: string): string {
  let t = s.replace(pattern(INTERVAL_SUFFIX), '').replace(pattern(INTERVAL_PREFIX), '');
  t = t.replace(pattern(CJK_PREFIX), '').replace(pattern(CJK_SUFFIX), '').replace(pattern(CJK_SUFFIX), '');
  return t.trim();
}

function intervalCoreSql(s: string): string {
  let t = `regexp_replace(regexp_replace(${s}, ${quotedString(INTERVAL_SUFFIX)}, ''), ${quotedString(INTERVAL_PREFIX)}, '')`;
  t = `regexp_replace(${t}, ${quotedString(CJK_PREFIX)}, '')`;
  t = `regexp_replace(regexp_replace(${t}, ${quotedString(CJK_SUFFIX)}, ''), ${quotedString(CJK_SUFFIX)}, '')`;
  return `trim(${t})`;
}

/** The interval reader in JavaScript. */
export function parseInterval(text: string | null): BillingInterval | null {
  if (text === null) return null;
  const core = intervalCore(normalizeValueText(text));
  for (const [interval, words] of INTERVAL_WORDS) if (pattern(`^(?:${words})$`).test(core)) return interval;
  return null;
}

/**
 * DuckDB expression: 'day' | 'week' | 'month' | 'quarter' | 'year' from
 * month, monthly, mo, 1 month, per year, yearly, annual, yr, week, weekly,
 * quarter, quarterly, day, 月, 月付, 按月付费, 年, 年付, 季, 季度, 周, …;
 * NULL otherwise. Counts are dropped ("3 months" → 'month'): see
 * `intervalCountSql`. Half-yearly and bi-weekly give 'month' and 'week' with a
 * count of 6 and 2.
 */
export function intervalSql(columnSql: string): string {
  // Fast path: the value is one of the words as it stands ("month", "yearly", "年").
  const exact = INTERVAL_WORDS.map(([interval, words]) => `WHEN i IN (${words.split('|').map((w) => quotedString(w)).join(', ')}) THEN '${interval}'`).join(' ');
  const cases = INTERVAL_WORDS.map(([interval, words]) => `WHEN regexp_full_match(c, ${quotedString(`^(?:${words})$`)}) THEN '${interval}'`).join(' ');
  const slow = bindSql(intervalCoreSql('i'), 'c', `CASE ${cases} END`);
  return bindSql(normalizedTextSql(columnSql), 'i', `CASE ${exact} ELSE ${slow} END`);
}

const COUNT_WORDS: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, six: 6, twelve: 12, a: 1, an: 1 };
const HALF_YEAR_PATTERN = '^(?:semi-?annual(?:ly)?|half[- ]yearly|半年(?:付|付费|付費)?|每半年)$';
const BIWEEKLY_PATTERN = '^(?:bi-?weekly|fortnight(?:ly)?)$';
const COUNT_DIGITS_PATTERN = '^(?:(?:per|every|each|billed) ?)?(\\d+) ?[^\\d\\s].*$';
const COUNT_WORD_PATTERN = '^(?:(?:per|every|each|billed) )?(one|two|three|four|six|twelve|an|a)[ -]\\S.*$';
const COUNT_CJK_PATTERN = '^每?(\\d+)(?:个|個)?(?:月|年|周|週|天|日|季).*$';

/** The interval count reader in JavaScript. */
export function parseIntervalCount(text: string | null): number | null {
  if (text === null) return null;
  const s = normalizeValueText(text);
  if (pattern(HALF_YEAR_PATTERN).test(s)) return 6;
  if (pattern(BIWEEKLY_PATTERN).test(s)) return 2;
  const digits = pattern(COUNT_DIGITS_PATTERN).exec(s) ?? pattern(COUNT_CJK_PATTERN).exec(s);
  if (digits) return Number(digits[1]) >= 1 ? Number(digits[1]) : null;
  const word = pattern(COUNT_WORD_PATTERN).exec(s);
  return word ? COUNT_WORDS[word[1]!]! : null;
}

/**
 * DuckDB expression: INTEGER count from "3 months", "every 2 years", "Two
 * year", "6个月"; 6 for half-yearly, 2 for bi-weekly; NULL when the text has
 * no count (the default is 1).
 */
export function intervalCountSql(columnSql: string): string {
  const words = Object.entries(COUNT_WORDS).map(([word, n]) => `WHEN ${quotedString(word)} THEN ${n}`).join(' ');
  const q = quotedString;
  const body = `CASE
    WHEN regexp_full_match(s, ${q(HALF_YEAR_PATTERN)}) THEN 6
    WHEN regexp_full_match(s, ${q(BIWEEKLY_PATTERN)}) THEN 2
    WHEN regexp_full_match(s, ${q(COUNT_DIGITS_PATTERN)}) THEN NULLIF(TRY_CAST(regexp_extract(s, ${q(COUNT_DIGITS_PATTERN)}, 1) AS INTEGER), 0)
    WHEN regexp_full_match(s, ${q(COUNT_CJK_PATTERN)}) THEN NULLIF(TRY_CAST(regexp_extract(s, ${q(COUNT_CJK_PATTERN)}, 1) AS INTEGER), 0)
    WHEN regexp_full_match(s, ${q(COUNT_WORD_PATTERN)}) THEN CASE regexp_extract(s, ${q(COUNT_WORD_PATTERN)}, 1) ${words} END
  END`;
  return bindSql(normalizedTextSql(columnSql), 's', body);
}
