// Flags shared by the commands that read files (docs/CLI.md): turned into the
// contract's requests, checked, with a clear message for anything off.
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { KINDS, type Kind } from '../../shared/kinds.js';
import type { ImportFileRequest, NormalizeOptions } from '../../shared/model.js';

export class UsageError extends Error {}

export const IMPORT_OPTIONS = {
  workspace: { type: 'string' },
  kind: { type: 'string' },
  map: { type: 'string', multiple: true },
  encoding: { type: 'string' },
  sheet: { type: 'string' },
  'day-first': { type: 'boolean' },
  'month-first': { type: 'boolean' },
  'amount-tax': { type: 'string' },
  'skip-statuses': { type: 'string' },
  'grace-days': { type: 'string' },
  pauses: { type: 'string' },
  'end-date': { type: 'string' },
  rate: { type: 'string', multiple: true },
  currency: { type: 'string' },
  discounts: { type: 'string' },
  'unit-price': { type: 'boolean' },
  'as-of': { type: 'string' },
  'earliest-date': { type: 'string' },
  'years-ahead': { type: 'string' },
  'misshapen-lines': { type: 'string' },
  'time-zone': { type: 'string' },
  interval: { type: 'string' },
  'interval-by-plan': { type: 'string', multiple: true },
  json: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export type ImportFlags = {
  workspace?: string;
  kind?: string;
  map?: string[];
  encoding?: string;
  sheet?: string;
  'day-first'?: boolean;
  'month-first'?: boolean;
  'amount-tax'?: string;
  'skip-statuses'?: string;
  'grace-days'?: string;
  pauses?: string;
  'end-date'?: string;
  rate?: string[];
  currency?: string;
  discounts?: string;
  'unit-price'?: boolean;
  'as-of'?: string;
  'earliest-date'?: string;
  'years-ahead'?: string;
  'misshapen-lines'?: string;
  'time-zone'?: string;
  interval?: string;
  'interval-by-plan'?: string[];
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} takes one of ${allowed.join(', ')}, not "${value}".`);
  return value as T;
}

function pairs(flag: string, values: string[] | undefined): [string, string][] {
  return (values ?? []).map((entry) => {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) throw new UsageError(`--${flag} takes name=value, not "${entry}".`);
    return [entry.slice(0, at).trim(), entry.slice(at + 1).trim()];
  });
}

export function isoDate(flag: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`--${flag} takes a date as YYYY-MM-DD, not "${value}".`);
  return value;
}

function timeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new UsageError(`--time-zone takes a time zone name such as UTC, America/Los_Angeles or Asia/Shanghai, not "${value}".`);
  }
  return value;
}

export interface ImportPlan {
  files: ImportFileRequest[];
  revenueKind?: Kind;
  options: Partial<NormalizeOptions>;
}

export function importPlan(paths: string[], flags: ImportFlags): ImportPlan {
  if (flags['day-first'] && flags['month-first']) throw new UsageError('Choose one of --day-first and --month-first.');
  const kind = oneOf('kind', flags.kind, KINDS);
  const map = Object.fromEntries(pairs('map', flags.map));
  const dayFirst = flags['day-first'] ? true : flags['month-first'] ? false : undefined;
  const amountTax = oneOf('amount-tax', flags['amount-tax'], ['included', 'excluded'] as const);
  const intervalByPlan = Object.fromEntries(pairs('interval-by-plan', flags['interval-by-plan']));
  const rates = Object.fromEntries(
    pairs('rate', flags.rate).map(([currency, rate]) => {
      const value = Number(rate);
      if (!/^[A-Za-z]{3}$/.test(currency) || !(value > 0)) throw new UsageError(`--rate takes CUR=number, e.g. EUR=1.08, not "${currency}=${rate}".`);
      return [currency.toUpperCase(), value];
    }),
  );
  const endDate = oneOf('end-date', flags['end-date'], ['inclusive', 'exclusive'] as const);
  const discounts = oneOf('discounts', flags.discounts, ['apply', 'ignore'] as const);
  const asOf = isoDate('as-of', flags['as-of']);
  const earliestDate = isoDate('earliest-date', flags['earliest-date']);
  const yearsText = flags['years-ahead'];
  if (yearsText !== undefined && !(/^\d{1,3}$/.test(yearsText.trim()) && Number(yearsText) <= 100)) {
    throw new UsageError(`--years-ahead takes a number of years (0–100), not "${yearsText}".`);
  }
  const misshapenLines = oneOf('misshapen-lines', flags['misshapen-lines'], ['reject_few', 'stop'] as const);
  const pauses = oneOf('pauses', flags.pauses, ['zero_mrr', 'churn'] as const);
  const graceText = flags['grace-days'];
  if (graceText !== undefined && !/^\d{1,3}$/.test(graceText.trim())) throw new UsageError(`--grace-days takes a number of days (0–365), not "${graceText}".`);
  const graceDays = graceText === undefined ? undefined : Number(graceText.trim());
  if (graceDays !== undefined && graceDays > 365) throw new UsageError(`--grace-days takes a number of days (0–365), not "${graceText}".`);
  // "--skip-statuses none" keeps every invoice, whatever its status.
  const skipStatuses =
    flags['skip-statuses'] === undefined
      ? undefined
      : flags['skip-statuses'].trim().toLowerCase() === 'none'
        ? []
        : flags['skip-statuses'].split(',').map((s) => s.trim()).filter(Boolean);
  return {
    files: paths.map((file) => ({
      path: path.resolve(file),
      ...(Object.keys(map).length ? { map } : {}),
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.sheet ? { sheet: flags.sheet } : {}),
      ...(dayFirst === undefined ? {} : { dayFirst }),
      ...(amountTax === undefined ? {} : { amountIncludesTax: amountTax === 'included' }),
      ...(flags.interval ? { interval: flags.interval } : {}),
      ...(Object.keys(intervalByPlan).length ? { intervalByPlan } : {}),
    })),
    ...(kind ? { revenueKind: kind } : {}),
    options: {
      ...(endDate ? { endDate } : {}),
      ...(discounts ? { discounts } : {}),
      ...(flags['unit-price'] ? { amountIsUnitPrice: true } : {}),
      ...(flags.currency ? { reportingCurrency: flags.currency.toUpperCase() } : {}),
      ...(Object.keys(rates).length ? { rates } : {}),
      ...(asOf ? { asOf } : {}),
      ...(earliestDate ? { earliestDate } : {}),
      ...(yearsText === undefined ? {} : { yearsAhead: Number(yearsText.trim()) }),
      ...(misshapenLines ? { misshapenLines } : {}),
      ...(flags['time-zone'] ? { timeZone: timeZone(flags['time-zone']) } : {}),
      ...(skipStatuses ? { skipStatuses } : {}),
      ...(graceDays === undefined ? {} : { graceDays }),
      ...(pauses ? { pauses } : {}),
    },
  };
}

/** The report command's flags (main/cli/commands/report.ts reads them). */
export const REPORT_OPTIONS = {
  out: { type: 'string' },
  title: { type: 'string' },
  client: { type: 'string' },
  author: { type: 'string' },
  logo: { type: 'string' },
  sections: { type: 'string' },
  lang: { type: 'string' },
  note: { type: 'string', multiple: true },
  date: { type: 'string' },
  // --scenario is the scenario command's option, which main.ts already defines (repeatable) for both.
} as const;

/** The survival command's flags (main/cli/commands/survival.ts reads them). */
export const SURVIVAL_OPTIONS = {
  'group-by': { type: 'string' },
  time: { type: 'string' },
  event: { type: 'string' },
  unit: { type: 'string' },
  spells: { type: 'string' },
  times: { type: 'string' },
  horizon: { type: 'string' },
  'hazard-width': { type: 'string' },
} as const;

export const RECONCILE_OPTIONS = {
  reference: { type: 'string' },
  'reference-preset': { type: 'string' },
  'reference-map': { type: 'string', multiple: true },
  'reference-currency': { type: 'string' },
  'reference-month': { type: 'string' },
  'tolerance-abs': { type: 'string' },
  'tolerance-rel': { type: 'string' },
} as const;
