// Numbers, money and rates formatted for the chosen language. The values come
// from the engine; this only decides how they read.
import i18next from 'i18next';

const locale = () => (i18next.language === 'zh-CN' ? 'zh-CN' : 'en-US');

export function formatMoney(value: number | null | undefined, currency: string | null, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const options: Intl.NumberFormatOptions = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (currency) {
    try {
      return new Intl.NumberFormat(locale(), { ...options, style: 'currency', currency }).format(value);
    } catch {
      // An unknown currency code: plain number with the code after it.
      return `${new Intl.NumberFormat(locale(), options).format(value)} ${currency}`;
    }
  }
  return new Intl.NumberFormat(locale(), options).format(value);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${formatNumber(value, 2)}×`;
}
