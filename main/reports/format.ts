// How a report writes a number: the same rules for the HTML, the PDF and the
// sentences, so a test can look for exactly the text the report shows. XLSX
// and CSV keep the unrounded numbers and only give them a number format.
import type { ReportLanguage } from '../../shared/reports.js';

/** A table column's kind of value; XLSX number formats follow it (xlsxTables.ts). */
export type CellFormat = 'text' | 'integer' | 'money' | 'percent' | 'number';

const locale = (language: ReportLanguage) => (language === 'zh-CN' ? 'zh-CN' : 'en-US');
const DASH = '—';

export interface Formatter {
  (value: unknown, format: CellFormat): string;
  percent(value: number | null | undefined, digits?: number): string;
  money(value: number | null | undefined): string;
  integer(value: number | null | undefined): string;
  number(value: number | null | undefined, digits?: number): string;
}

export function formatter(language: ReportLanguage, currency: string | null): Formatter {
  const loc = locale(language);
  const numberFormat = (digits: number) => new Intl.NumberFormat(loc, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || Number.isNaN(v);
  let moneyFormat: Intl.NumberFormat | null = null;
  if (currency) {
    try {
      moneyFormat = new Intl.NumberFormat(loc, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
    } catch {
      moneyFormat = null;
    }
  }
  const percent = (v: number | null | undefined, digits = 2) =>
    missing(v) ? DASH : new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
  const money = (v: number | null | undefined) => {
    if (missing(v)) return DASH;
    if (moneyFormat) return moneyFormat.format(v);
    return currency ? `${numberFormat(0).format(v)} ${currency}` : numberFormat(0).format(v);
  };
  const integer = (v: number | null | undefined) => (missing(v) ? DASH : numberFormat(0).format(v));
  const number = (v: number | null | undefined, digits = 2) => (missing(v) ? DASH : numberFormat(digits).format(v));
  const format = ((value: unknown, kind: CellFormat) => {
    if (value === null || value === undefined) return DASH;
    if (typeof value !== 'number') return String(value);
    switch (kind) {
      case 'percent':
        return percent(value);
      case 'money':
        return money(value);
      case 'integer':
        return integer(value);
      case 'number':
        return number(value);
      default:
        return String(value);
    }
  }) as Formatter;
  format.percent = percent;
  format.money = money;
  format.integer = integer;
  format.number = number;
  return format;
}
