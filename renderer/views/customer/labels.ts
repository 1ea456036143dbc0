// What the customer screens (Customers, Segments, Customer detail) share:
// translated names of segments, movements and churn types, one colour per
// segment and movement that reads in light and dark, and chart axes for money
// and rates in the chosen locale. Nothing here computes a metric.
import i18next from 'i18next';
import type { LayoutAxis } from 'plotly.js-dist-min';

/** `t` of any namespace: keys are written with their namespace (`segments:names.smb`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export const MOVEMENTS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type Movement = (typeof MOVEMENTS)[number];

export const MOVEMENT_COLORS: Record<Movement, string> = {
  new: '#2e9e6a',
  reactivation: '#7cc4a4',
  expansion: '#4a7fd8',
  contraction: '#e79a3a',
  churn: '#d6524e',
};

/** The three rates of the Customers screen. */
export const RATE_COLORS = { churn: '#d6524e', retention: '#4a7fd8', acquisition: '#2e9e6a' } as const;

const SEGMENT_KEYS: Record<string, string> = { SMB: 'smb', 'Mid-market': 'midMarket', Enterprise: 'enterprise', Unknown: 'unknown' };
const SEGMENT_COLORS: Record<string, string> = { SMB: '#4e79a7', 'Mid-market': '#e08a2c', Enterprise: '#59a14f', Unknown: '#8d95a5' };
const OTHER_COLORS = ['#b07aa1', '#4fa3a5', '#d4a72c', '#c65b7c', '#7f7fd5', '#8c6d4f', '#5f9ed1', '#9c9c3a'];

/** The name shown for a segment: the three standard ones translated, any other (a column's value) as it is. */
export function segmentLabel(t: Translate, segment: string): string {
  const key = SEGMENT_KEYS[segment];
  return key ? t(`segments:names.${key}`) : segment;
}

export function segmentColor(segment: string, index: number): string {
  return SEGMENT_COLORS[segment] ?? OTHER_COLORS[index % OTHER_COLORS.length]!;
}

export function movementLabel(t: Translate, movement: string): string {
  return (MOVEMENTS as readonly string[]).includes(movement) ? t(`metrics:movements.${movement}`) : movement;
}

/** Voluntary, involuntary and unknown translated; any other recorded type as it is. */
export function churnTypeLabel(t: Translate, type: string): string {
  return ['voluntary', 'involuntary', 'unknown'].includes(type) ? t(`customers:churnTypes.${type}`) : type;
}

export const CHURN_TYPE_COLORS: Record<string, string> = { voluntary: '#4a7fd8', involuntary: '#d6524e', unknown: '#8d95a5' };

const locale = () => (i18next.language === 'zh-CN' ? 'zh-CN' : 'en-US');

/** The currency symbol as the locale writes it, before or after the amount. */
function currencyAffixes(currency: string | null): { prefix: string; suffix: string } {
  if (!currency) return { prefix: '', suffix: '' };
  try {
    const parts = new Intl.NumberFormat(locale(), { style: 'currency', currency }).formatToParts(1);
    const at = parts.findIndex((p) => p.type === 'currency');
    const number = parts.findIndex((p) => p.type === 'integer');
    const symbol = parts[at]!.value;
    return at < number ? { prefix: symbol, suffix: '' } : { prefix: '', suffix: ` ${symbol}` };
  } catch {
    return { prefix: '', suffix: ` ${currency}` };
  }
}

/** A y axis of money in the reporting currency. */
export function moneyAxis(currency: string | null, title?: string): Partial<LayoutAxis> {
  const { prefix, suffix } = currencyAffixes(currency);
  return { tickprefix: prefix, ticksuffix: suffix, tickformat: ',.0f', title: title ? { text: title } : undefined, rangemode: 'tozero', automargin: true };
}

export function percentAxis(title?: string, digits = 0): Partial<LayoutAxis> {
  return { tickformat: `.${digits}%`, title: title ? { text: title } : undefined, rangemode: 'tozero', automargin: true };
}

/** Hover text: the point's own label and its value as formatted for the locale. */
export const HOVER = '%{fullData.name}<br>%{x}: <b>%{text}</b><extra></extra>';

/** A clicked point's customdata as an array (pie slices may wrap it once more). */
export function customArray(custom: unknown): unknown[] | null {
  if (!Array.isArray(custom)) return null;
  return Array.isArray(custom[0]) ? (custom[0] as unknown[]) : custom;
}

/** The x axis of periods (2025-03, 2025-Q1, 2025): categories, labels never clipped. */
export function periodAxis(): Partial<LayoutAxis> {
  return { type: 'category', automargin: true };
}

/** A legend above the plot, out of the way of the rotated period labels. */
export const TOP_LEGEND = { orientation: 'h', x: 0, xanchor: 'left', y: 1.02, yanchor: 'bottom', traceorder: 'normal' } as const;
