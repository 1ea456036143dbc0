// Dates written as text: guessing the format of a column from samples, and the
// DuckDB expression that reads it into a DATE (NULL, never an error, for text
// it cannot read). Day-first versus month-first is never guessed: when the
// samples cannot tell 03/04/2024 from 04/03/2024 the guess says so and the
// caller must ask the user.
import { quotedString } from '@duckdb/node-api';
import { bindSql, normalizedTextSql, normalizeValueText } from './numbers.js';
import { checkTimeZone, dateInZone, DEFAULT_TIME_ZONE, isUtcZone, wallClockToEpoch, ZONE_PATTERN, zoneOffsetMinutes, zoneOffsetSql } from './zones.js';

export const DATE_FORMATS = ['iso', 'ymd', 'dmy', 'mdy', 'chinese', 'excel_serial', 'epoch_s', 'epoch_ms', 'native'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface DateExample {
  input: string;
  /** How the guessed format reads it, 'YYYY-MM-DD', or null when it cannot. */
  date: string | null;
  /** When day and month order is ambiguous: the month-first reading (`date` is the day-first one). */
  alternative?: string | null;
}

export interface DateFormatGuess {
  format: DateFormat;
  /** The separator of numeric dates: '/', '.', '-', or '' for 20240105. */
  separator?: string;
  /**
   * Day-first and month-first readings both fit every sample (03/04/2024,
   * 05/06/2024): the UI must ask, never guess. `format` is then 'dmy' as a
   * placeholder, and `dateSql` refuses to run without `dayFirst`.
   */
  ambiguous: boolean;
  /** A few samples with their reading. */
  examples: DateExample[];
  /** Non-blank samples the format reads. */
  matched: number;
  /** Non-blank samples. */
  total: number;
  /**
   * The zone of times written without one, when the header says it (Stripe's
   * "Created (UTC)"): they are converted to the reporting time zone. Absent:
   * such times are taken as written, in the reporting time zone.
   */
  zone?: string;
}

export interface DateSqlOptions {
  /** For an ambiguous guess: true reads 03/04/2024 as 3 April, false as March 4. Required then. */
  dayFirst?: boolean;
  /** Two-digit years below this are 20xx, the others 19xx. Default 70 (so 69 → 2069, 70 → 1970). */
  twoDigitYearPivot?: number;
  /** Excel serials of the 1904 date system (old Mac workbooks): 0 = 1904-01-01. */
  excel1904?: boolean;
  /**
   * The reporting time zone (an IANA name; default UTC). A timestamp with a
   * zone or offset ("2022-01-01 03:10:36 PST", "…-0400", "…Z") is the date it
   * falls on in this zone; a date without a time is the date as written.
   */
  timeZone?: string;
  /** The zone of times written without one (see DateFormatGuess.zone); the guess's zone wins. */
  sourceZone?: string;
}

// ---------------------------------------------------------------------------
// Patterns, shared by the JavaScript reader and the SQL (RE2) expression.
// They apply to normalized text (see normalizeValueText): trimmed, lower case,
// full-width characters folded to ASCII.
// ---------------------------------------------------------------------------

/** An optional time after the date: "T10:00", " 10:00:00.123", ", 3:45 pm", then a zone: "Z", "+08:00", "-0400", "UTC", "PDT". */
const TIME = '(?:(?:t| +| *, *)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?: *[ap]\\.?m\\.?)?)?';
const ZONE = `(?: *${ZONE_PATTERN})?`;
const TAIL = TIME + ZONE;
/** The time and zone at the end of a date that has them: hour, minute, am/pm, zone. */
const CLOCK = `(?:t| +| *, *)(\\d{1,2}):(\\d{2})(?::\\d{2}(?:[.,]\\d{1,9})?)?(?: *([ap])\\.?m\\.?)?(?: *(${ZONE_PATTERN}))?$`;
/** The same, with the zone required. */
const CLOCK_WITH_ZONE = `(?:t| +| *, *)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?: *[ap]\\.?m\\.?)? *${ZONE_PATTERN}$`;
const CN_TAIL = '(?: *(?:上午|下午|晚上|凌晨)? *\\d{1,2}(?::\\d{2}(?::\\d{2})?|[时時点點](?:\\d{1,2}分?(?:\\d{1,2}秒)?)?))?';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
const MON = `(${MONTHS.join('|')})[a-z]*\\.?`;
const WEEKDAY = '(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\\.?,? +)?';
const YEAR = '(\\d{4}|\\d{2})';

const RE = {
  /** 2024-01-05, 2024-1-5, 2024-01-05T10:00:00Z: y m d */
  iso: `^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TAIL}$`,
  /** 2024-01: y m */
  isoMonth: '^(\\d{4})-(\\d{1,2})$',
  /** 2024/01/05, 2024.1.5: y m d */
  ymd: `^(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})\\.?${TAIL}$`,
  /** 2024/01: y m */
  ymdMonth: '^(\\d{4})[/.](\\d{1,2})$',
  /** 20240105: y m d */
  compact: '^(\\d{4})(\\d{2})(\\d{2})$',
  /** 05/01/2024, 5.1.24, 05-01-2024: a b y (day and month in either order) */
  numeric: `^(\\d{1,2})[/.-](\\d{1,2})[/.-]${YEAR}${TAIL}$`,
  /** 01/2024: m y */
  monthYear: '^(\\d{1,2})[/.-](\\d{4})$',
  /** Jan 5, 2024 · January 05 2024 · jan-05-24: mon d y */
  nameMonthFirst: `^${WEEKDAY}${MON}[ /-]*(\\d{1,2})(?:st|nd|rd|th)?,?[ /-]+${YEAR}${TAIL}$`,
  /** 5 January 2024 · 05-Jan-2024 · 5th of March, 2024: d mon y */
  nameDayFirst: `^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?[ /-]*(?:of +)?${MON},?[ /-]+${YEAR}${TAIL}$`,
  /** Jan 2024 · January, 2024: mon y */
  nameMonthYear: `^${MON},?[ /-]*(\\d{4})$`,
  /** 2024年1月5日 · 2024年01月 · 24年1月5日 10:30: y m d? */
  chinese: `^${YEAR} *年 *(\\d{1,2}) *月(?: *(\\d{1,2}) *[日号號])?${CN_TAIL}$`,
  /** 45292, 45292.5 */
  serial: '^(\\d{1,7})(?:\\.\\d+)?$',
  /** 1704067200, 1704067200000, -86400 */
  epoch: '^(-?\\d{1,15})(?:\\.\\d+)?$',
} as const;

const regex = (pattern: string) => new RegExp(pattern);
const JS_RE = Object.fromEntries(Object.entries(RE).map(([name, pattern]) => [name, regex(pattern)])) as Record<keyof typeof RE, RegExp>;

// ---------------------------------------------------------------------------
// The JavaScript reader
// ---------------------------------------------------------------------------

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' when y-m-d is a real date, else null. */
function isoDate(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 0 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(y, m - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const DAY_MS = 86_400_000;
const MAX_DATE_DAYS = 2_932_896; // 9999-12-31 in days since 1970-01-01

function daysToIso(days: number): string | null {
  if (!Number.isFinite(days) || Math.abs(days) > MAX_DATE_DAYS) return null;
  const date = new Date(days * DAY_MS);
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) return null;
  return `${pad(y, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

const year = (text: string, pivot: number) => {
  const n = Number(text);
  return text.length === 2 ? n + (n < pivot ? 2000 : 1900) : n;
};
const monthOf = (name: string) => MONTHS.indexOf(name as (typeof MONTHS)[number]) + 1;

/** The forms every text format reads: year first, Chinese, month names. */
function readUnambiguous(s: string, pivot: number): string | null | undefined {
  let m: RegExpExecArray | null;
  if ((m = JS_RE.iso.exec(s)) || (m = JS_RE.ymd.exec(s)) || (m = JS_RE.compact.exec(s))) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = JS_RE.isoMonth.exec(s)) || (m = JS_RE.ymdMonth.exec(s))) return isoDate(Number(m[1]), Number(m[2]), 1);
  if ((m = JS_RE.chinese.exec(s))) return isoDate(year(m[1]!, pivot), Number(m[2]), m[3] ? Number(m[3]) : 1);
  if ((m = JS_RE.nameMonthFirst.exec(s))) return isoDate(year(m[3]!, pivot), monthOf(m[1]!), Number(m[2]));
  if ((m = JS_RE.nameDayFirst.exec(s))) return isoDate(year(m[3]!, pivot), monthOf(m[2]!), Number(m[1]));
  if ((m = JS_RE.nameMonthYear.exec(s))) return isoDate(Number(m[2]), monthOf(m[1]!), 1);
  return undefined; // not one of these forms
}

function effectiveFormat(format: DateFormat | DateFormatGuess, options: DateSqlOptions): DateFormat {
  if (typeof format === 'string') return format;
  if (!format.ambiguous) return format.format;
  if (options.dayFirst === undefined) {
    throw new Error(
      'the day and month order of these dates is ambiguous (e.g. 03/04/2024): ask the user and pass dayFirst',
    );
  }
  return options.dayFirst ? 'dmy' : 'mdy';
}

/** The zone a guess (or the options) says times without one are written in. */
const sourceZoneOf = (format: DateFormat | DateFormatGuess, options: DateSqlOptions) =>
  (typeof format === 'object' ? format.zone : undefined) ?? options.sourceZone;

/** Whether times without a zone need converting: written in another zone than the reporting one. */
const convertsZoneless = (source: string | undefined, reporting: string) =>
  source !== undefined && source !== reporting && !(isUtcZone(source) && isUtcZone(reporting));

const CLOCK_RE = new RegExp(CLOCK);

/** Whether a column's times written without a zone are moved to the reporting zone (its header named another zone). */
export const zonelessTimesMove = (format: DateFormat | DateFormatGuess, timeZone: string | undefined) =>
  convertsZoneless(sourceZoneOf(format, {}), timeZone ?? DEFAULT_TIME_ZONE);

/** Minutes since midnight of a clock reading: 12 am is 0, 12 pm is 12:00. */
const minutesOfDay = (hour: number, minute: number, ampm: string | undefined) =>
  (ampm ? (hour % 12) + (ampm === 'p' ? 12 : 0) : hour) * 60 + minute;

/**
 * The calendar date `date` (as written in `s`) moved to the reporting zone:
 * by the zone written after the time, else by the column's zone; unchanged
 * without a time, or when neither zone differs from the reporting one.
 */
function inReportingZone(s: string, date: string, reporting: string, source: string | undefined): string | null {
  const m = CLOCK_RE.exec(s);
  if (!m) return date;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const minutes = minutesOfDay(Number(m[1]), Number(m[2]), m[3]);
  if (m[4]) {
    const offset = zoneOffsetMinutes(m[4]);
    if (offset === null) return date;
    return dateInZone(Date.UTC(y, mo - 1, d) + (minutes - offset) * 60_000, reporting);
  }
  if (!convertsZoneless(source, reporting)) return date;
  return dateInZone(wallClockToEpoch(y, mo, d, minutes, source!), reporting);
}

/**
 * Reads one date the way `dateSql` does: 'YYYY-MM-DD' or null. Every text
 * format also reads the unambiguous forms (year first, Chinese, month names).
 */
export function parseDate(text: string | null, format: DateFormat | DateFormatGuess, options: DateSqlOptions = {}): string | null {
  if (text === null) return null;
  const f = effectiveFormat(format, options);
  const pivot = options.twoDigitYearPivot ?? 70;
  const reporting = options.timeZone ?? DEFAULT_TIME_ZONE;
  const s = normalizeValueText(text);
  if (s === '') return null;
  let m: RegExpExecArray | null;
  if (f === 'excel_serial') {
    if ((m = JS_RE.serial.exec(s))) {
      const n = Number(m[1]);
      if (options.excel1904) return daysToIso(n - 24_107); // 1904-01-01 is day -24107 of 1970
      if (n >= 61) return daysToIso(n - 25_569); // 1899-12-30 + n
      if (n >= 1 && n <= 59) return daysToIso(n - 25_568); // 1899-12-31 + n
      return null; // 60 is 1900-02-29, which never existed (Excel's leap-year bug)
    }
  } else if (f === 'epoch_s' || f === 'epoch_ms') {
    if ((m = JS_RE.epoch.exec(s))) {
      const n = Number(m[1]);
      const days = Math.floor(n / (f === 'epoch_s' ? 86_400 : DAY_MS));
      // An epoch is an instant: its date depends on the zone.
      if (isUtcZone(reporting) || Math.abs(days) > MAX_DATE_DAYS) return daysToIso(days);
      return dateInZone(f === 'epoch_s' ? n * 1000 : n, reporting);
    }
  } else if (f === 'native') {
    // A typed DATE or TIMESTAMP column arrives as ISO text.
  } else if (f === 'dmy' || f === 'mdy') {
    let date: string | null | undefined;
    if ((m = JS_RE.numeric.exec(s))) {
      const [a, b] = [Number(m[1]), Number(m[2])];
      date = f === 'dmy' ? isoDate(year(m[3]!, pivot), b, a) : isoDate(year(m[3]!, pivot), a, b);
    } else if ((m = JS_RE.monthYear.exec(s))) date = isoDate(Number(m[2]), Number(m[1]), 1);
    if (date !== undefined) return date === null ? null : inReportingZone(s, date, reporting, sourceZoneOf(format, options));
  }
  const date = readUnambiguous(s, pivot);
  return date ? inReportingZone(s, date, reporting, sourceZoneOf(format, options)) : null;
}

// ---------------------------------------------------------------------------
// Guessing
// ---------------------------------------------------------------------------

type Style = 'iso' | 'ymd' | 'chinese' | 'nameMdy' | 'nameDmy';

/**
 * Guesses how a column writes dates. Null when no sample reads as a date (or
 * there are no non-blank samples). Numbers are read as Excel serials only
 * between 20000 and 80000 (1954–2119), as epoch seconds with 9 to 11 digits
 * and as epoch milliseconds with 12 to 14: callers should still require a
 * date-like header before treating a numeric column as dates.
 */
export function guessDateFormat(samples: readonly (string | null)[], options: Pick<DateSqlOptions, 'twoDigitYearPivot'> = {}): DateFormatGuess | null {
  const pivot = options.twoDigitYearPivot ?? 70;
  const values = samples.filter((v): v is string => v !== null).map(normalizeValueText).filter((v) => v !== '');
  if (values.length === 0) return null;
  const styles: Record<Style, number> = { iso: 0, ymd: 0, chinese: 0, nameMdy: 0, nameDmy: 0 };
  const separators = new Map<string, number>();
  let unambiguous = 0;
  let dayFirstOnly = 0;
  let monthFirstOnly = 0;
  let either = 0; // numeric dates both orders read (03/04/2024, or 05/05/2024)
  let monthYear = 0;
  let serial = 0;
  let epochS = 0;
  let epochMs = 0;
  const countSeparator = (sep: string) => separators.set(sep, (separators.get(sep) ?? 0) + 1);
  for (const s of values) {
    let m: RegExpExecArray | null;
    if ((m = JS_RE.numeric.exec(s))) {
      const y = year(m[3]!, pivot);
      const dmy = isoDate(y, Number(m[2]), Number(m[1])) !== null;
      const mdy = isoDate(y, Number(m[1]), Number(m[2])) !== null;
      if (dmy && mdy) either += 1;
      else if (dmy) dayFirstOnly += 1;
      else if (mdy) monthFirstOnly += 1;
      countSeparator(/[/.-]/.exec(s)![0]);
      continue;
    }
    if ((m = JS_RE.monthYear.exec(s))) {
      if (isoDate(Number(m[2]), Number(m[1]), 1)) monthYear += 1;
      countSeparator(/[/.-]/.exec(s)![0]);
      continue;
    }
    if (/^-?\d+(?:\.\d+)?$/.test(s) && !JS_RE.compact.test(s)) {
      const digits = s.replace(/^-/, '').split('.')[0]!.length;
      const n = Number(s);
      if (n >= 20_000 && n <= 80_000) serial += 1;
      if (digits >= 9 && digits <= 11 && n > 0) epochS += 1;
      if (digits >= 12 && digits <= 14 && n > 0) epochMs += 1;
      continue;
    }
    const date = readUnambiguous(s, pivot);
    if (!date) continue;
    unambiguous += 1;
    if (JS_RE.iso.test(s) || JS_RE.isoMonth.test(s)) styles.iso += 1;
    else if (JS_RE.ymd.test(s) || JS_RE.ymdMonth.test(s)) {
      styles.ymd += 1;
      countSeparator(/[/.]/.exec(s)![0]);
    } else if (JS_RE.compact.test(s)) {
      styles.ymd += 1;
      countSeparator('');
    } else if (JS_RE.chinese.test(s)) styles.chinese += 1;
    else if (JS_RE.nameMonthFirst.test(s) || JS_RE.nameMonthYear.test(s)) styles.nameMdy += 1;
    else styles.nameDmy += 1;
  }

  const numericTotal = either + dayFirstOnly + monthFirstOnly;
  const scores: [DateFormat, number][] = [
    ['dmy', unambiguous + monthYear + either + dayFirstOnly],
    ['mdy', unambiguous + monthYear + either + monthFirstOnly],
    ['excel_serial', serial],
    ['epoch_s', epochS],
    ['epoch_ms', epochMs],
  ];
  const best = Math.max(unambiguous, ...scores.map(([, score]) => score));
  if (best === 0) return null;

  let format: DateFormat;
  let ambiguous = false;
  const [dmyScore, mdyScore] = [scores[0]![1], scores[1]![1]];
  if ((numericTotal > 0 || monthYear > 0) && Math.max(dmyScore, mdyScore) === best) {
    if (dmyScore === mdyScore) {
      format = styles.nameMdy > styles.nameDmy ? 'mdy' : 'dmy';
      ambiguous = either > 0;
    } else format = dmyScore > mdyScore ? 'dmy' : 'mdy';
  } else if (unambiguous === best && unambiguous > 0) {
    const order: [Style, DateFormat][] = [['iso', 'iso'], ['ymd', 'ymd'], ['chinese', 'chinese'], ['nameMdy', 'mdy'], ['nameDmy', 'dmy']];
    const top = Math.max(...order.map(([style]) => styles[style]));
    format = order.find(([style]) => styles[style] === top)![1];
  } else {
    format = scores.slice(2).find(([, score]) => score === best)![0];
  }

  const guess: DateFormatGuess = { format, ambiguous, examples: [], matched: best, total: values.length };
  if (format === 'dmy' || format === 'mdy' || format === 'ymd') {
    const [separator] = [...separators.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    if (separator !== undefined) guess.separator = separator;
  } else if (format === 'iso') guess.separator = '-';

  const seen = new Set<string>();
  for (const raw of samples) {
    if (raw === null || raw.trim() === '' || seen.has(raw.trim())) continue;
    const input = raw.trim();
    seen.add(input);
    const example: DateExample = { input, date: parseDate(input, format, { dayFirst: true, ...options }) };
    if (ambiguous) {
      example.date = parseDate(input, 'dmy', options);
      example.alternative = parseDate(input, 'mdy', options);
    }
    guess.examples.push(example);
    if (guess.examples.length >= 5) break;
  }
  return guess;
}

/** Whether the guess reads plain numbers (serials, epochs, 20240105), which any numeric column could resemble. */
export function isNumericDateGuess(guess: DateFormatGuess): boolean {
  return (
    guess.format === 'excel_serial' ||
    guess.format === 'epoch_s' ||
    guess.format === 'epoch_ms' ||
    (guess.format === 'ymd' && guess.separator === '')
  );
}

// ---------------------------------------------------------------------------
// SQL
// ---------------------------------------------------------------------------

const q = quotedString;

/** Capturing groups in a pattern: "(" not escaped and not followed by "?". */
const groupCount = (pattern: string) => (pattern.match(/(?<!\\)\((?!\?)/g) ?? []).length;

/**
 * The leading part of a pattern that holds its groups, without the optional
 * time and zone: extracting groups with a short prefix pattern is several
 * times faster in RE2 than with the whole pattern (the whole one has matched
 * already).
 */
const prefixOf = (pattern: string) => (pattern.endsWith(`${TAIL}$`) ? pattern.slice(0, -TAIL.length - 1) : pattern.endsWith(`${CN_TAIL}$`) ? pattern.slice(0, -CN_TAIL.length - 1) : pattern);

/** CASE WHEN d fits pattern THEN value, reading the groups from the struct g (struct_extract: a dotted g.a would bind to a column named g). */
function branch(pattern: string, value: (a: string, b: string, c: string) => string): string {
  const prefix = prefixOf(pattern);
  const names = ['a', 'b', 'c'].slice(0, groupCount(prefix)).map((name) => q(name)).join(', ');
  const groups = `regexp_extract(d, ${q(prefix)}, [${names}])`;
  return `CASE WHEN regexp_full_match(d, ${q(pattern)}) THEN ${bindSql(groups, 'g', value("struct_extract(g, 'a')", "struct_extract(g, 'b')", "struct_extract(g, 'c')"))} END`;
}
const int = (sql: string) => `TRY_CAST(${sql} AS BIGINT)`;
const makeDate = (y: string, m: string, d: string) => `try(make_date(${y}, ${m}, ${d}))`;

function yearSql(groupSql: string, pivot: number): string {
  return `CASE WHEN length(${groupSql}) = 2 THEN ${int(groupSql)} + CASE WHEN ${int(groupSql)} < ${pivot} THEN 2000 ELSE 1900 END ELSE ${int(groupSql)} END`;
}
const monthNameSql = (groupSql: string) => `CAST(list_position([${MONTHS.map((m) => q(m)).join(', ')}], ${groupSql}) AS BIGINT)`;

function unambiguousBranches(pivot: number): string[] {
  const ymd = (pattern: string) => branch(pattern, (a, b, c) => makeDate(int(a), int(b), int(c)));
  const ym = (pattern: string) => branch(pattern, (a, b) => makeDate(int(a), int(b), '1'));
  return [
    ymd(RE.iso),
    ymd(RE.ymd),
    ymd(RE.compact),
    ym(RE.isoMonth),
    ym(RE.ymdMonth),
    branch(RE.chinese, (a, b, c) => makeDate(yearSql(a, pivot), int(b), `coalesce(${int(c)}, 1)`)),
    branch(RE.nameMonthFirst, (a, b, c) => makeDate(yearSql(c, pivot), monthNameSql(a), int(b))),
    branch(RE.nameDayFirst, (a, b, c) => makeDate(yearSql(c, pivot), monthNameSql(b), int(a))),
    branch(RE.nameMonthYear, (a, b) => makeDate(int(b), monthNameSql(a), '1')),
  ];
}

/** `DATE '1970-01-01' + days`, NULL outside the DATE range. */
const daysSinceEpochSql = (daysSql: string) =>
  `CASE WHEN abs(${daysSql}) <= ${MAX_DATE_DAYS} THEN DATE '1970-01-01' + CAST(${daysSql} AS INTEGER) END`;

/**
 * `base`, the calendar date as written in the normalized text d, moved to the
 * reporting zone as `inReportingZone` does: by the zone after the time, else
 * by the column's zone. Values without a time (and, when the column has no
 * zone of its own, values without a zone) skip the conversion.
 */
function zonedSql(baseSql: string, reporting: string, source: string | undefined): string {
  const zoneless = convertsZoneless(source, reporting);
  const clock = `regexp_extract(d, ${q(CLOCK)}, ['h', 'mi', 'ap', 'z'])`;
  const [hour, minute, ampm, zone] = ['h', 'mi', 'ap', 'z'].map((name) => `struct_extract(k, '${name}')`) as [string, string, string, string];
  const minutes = `((CASE WHEN ${ampm} = '' THEN ${int(hour)} ELSE ${int(hour)} % 12 + CASE ${ampm} WHEN 'p' THEN 12 ELSE 0 END END) * 60 + ${int(minute)})`;
  const wall = (shift: string) => `(CAST(b AS TIMESTAMP) + to_minutes(CAST(${shift} AS BIGINT)))`;
  const inReporting = (instant: string) => `CAST(timezone(${q(reporting)}, ${instant}) AS DATE)`;
  const written = isUtcZone(reporting)
    ? `CAST(${wall(`${minutes} - ${zoneOffsetSql(zone)}`)} AS DATE)`
    : inReporting(`${wall(`${minutes} - ${zoneOffsetSql(zone)}`)} AT TIME ZONE 'UTC'`);
  const convert = `CASE WHEN ${zone} <> '' THEN coalesce(${written}, b)${zoneless ? ` ELSE ${inReporting(`${wall(minutes)} AT TIME ZONE ${q(source!)}`)}` : ' ELSE b'} END`;
  const test = zoneless ? CLOCK : CLOCK_WITH_ZONE;
  return bindSql(baseSql, 'b', `CASE WHEN b IS NOT NULL AND regexp_matches(d, ${q(test)}) THEN ${bindSql(clock, 'k', convert)} ELSE b END`);
}

/**
 * The import's fast path for ISO timestamps with a zone as exports write them
 * ("2022-01-01 03:10:36 PST", "2024-01-05T23:30:00Z", "…+08:00", "…-0400"):
 * the pattern, on the raw text, and the DATE it is in the reporting zone,
 * computed from fixed positions instead of the full reader's normalisation
 * and pattern tries. The same date as `dateSql` gives (the stage's fast-path
 * test compares them).
 */
export function zonedIsoFastSql(columnSql: string, timeZone: string | undefined): { pattern: string; value: string } {
  const reporting = checkTimeZone(timeZone ?? DEFAULT_TIME_ZONE);
  // Any capitalised word: an abbreviation zoneOffsetSql does not know gives NULL, as the full reader does.
  const zone = '(?:[A-Z]{1,5}|[+-][0-9]{2}(?::?[0-9]{2})?)';
  const pattern = `[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]{1,9})?)? ?${zone}`;
  const text = "struct_extract(zts, 't')";
  const minutes = `(CAST(substr(${text}, 12, 2) AS BIGINT) * 60 + CAST(substr(${text}, 15, 2) AS BIGINT))`;
  const shifted = `(CAST(TRY_CAST(left(${text}, 10) AS DATE) AS TIMESTAMP) + to_minutes(${minutes} - ${zoneOffsetSql(`lower(struct_extract(zts, 'z'))`)}))`;
  const date = isUtcZone(reporting) ? `CAST(${shifted} AS DATE)` : `CAST(timezone(${q(reporting)}, ${shifted} AT TIME ZONE 'UTC') AS DATE)`;
  return { pattern, value: bindSql(`{'t': ${columnSql}, 'z': regexp_extract(${columnSql}, ${q(`${zone}$`)})}`, 'zts', date) };
}

/**
 * DuckDB expression: DATE from the column's text in the given format, NULL
 * for blanks and for text it cannot read (never an error). Every text format
 * also reads the unambiguous forms (2024-01-05 with or without a time and a
 * zone, 2024/01/05, 20240105, 2024-01, 2024年1月5日, Jan 5, 2024, 5 January 2024).
 * A date without a time is the date as written; a timestamp with a zone or
 * offset ("2022-01-01 03:10:36 PST", "2024-01-05T23:30-0400") is the date it
 * falls on in the reporting time zone (`options.timeZone`, default UTC); one
 * without a zone is taken as written, unless the column's zone says otherwise.
 * Pass a guess (from `guessDateFormat`) or a format name; an ambiguous guess
 * needs `options.dayFirst`, or this throws.
 */
export function dateSql(columnSql: string, format: DateFormat | DateFormatGuess, options: DateSqlOptions = {}): string {
  const f = effectiveFormat(format, options);
  const pivot = options.twoDigitYearPivot ?? 70;
  if (!Number.isInteger(pivot) || pivot < 0 || pivot > 100) throw new Error(`twoDigitYearPivot must be an integer from 0 to 100, not ${pivot}`);
  const reporting = checkTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const source = sourceZoneOf(format, options);
  if (source !== undefined) checkTimeZone(source);
  const branches: string[] = [];
  if (f === 'dmy' || f === 'mdy') {
    branches.push(branch(RE.numeric, (a, b, c) => (f === 'dmy' ? makeDate(yearSql(c, pivot), int(b), int(a)) : makeDate(yearSql(c, pivot), int(a), int(b)))));
    branches.push(branch(RE.monthYear, (a, b) => makeDate(int(b), int(a), '1')));
  } else if (f === 'excel_serial') {
    const value = (a: string) =>
      options.excel1904
        ? `CASE WHEN ${int(a)} <= ${MAX_DATE_DAYS} THEN DATE '1904-01-01' + CAST(${int(a)} AS INTEGER) END`
        : `CASE WHEN ${int(a)} BETWEEN 61 AND ${MAX_DATE_DAYS} THEN DATE '1899-12-30' + CAST(${int(a)} AS INTEGER) WHEN ${int(a)} BETWEEN 1 AND 59 THEN DATE '1899-12-31' + CAST(${int(a)} AS INTEGER) END`;
    branches.push(branch(RE.serial, value));
  } else if (f === 'epoch_s' || f === 'epoch_ms') {
    const perDay = f === 'epoch_s' ? '86400' : '86400000';
    const days = (a: string) => `floor(${int(a)} / ${perDay})`;
    // An epoch is an instant: outside UTC its date depends on the zone.
    const value = isUtcZone(reporting)
      ? (a: string) => daysSinceEpochSql(days(a))
      : (a: string) =>
          `CASE WHEN abs(${days(a)}) <= ${MAX_DATE_DAYS} THEN CAST(timezone(${q(reporting)}, to_timestamp(${int(a)} / ${f === 'epoch_s' ? '1' : '1000.0'})) AS DATE) END`;
    branches.push(branch(RE.epoch, value));
  }
  branches.push(...unambiguousBranches(pivot));
  // Epochs and serials have no clock: the zone step leaves them as they are.
  const text = bindSql(normalizedTextSql(columnSql), 'd', zonedSql(`COALESCE(${branches.join(',\n  ')})`, reporting, source));
  return f === 'native' ? `COALESCE(TRY_CAST(${columnSql} AS DATE), ${text})` : text;
}
