// Whether a file's amounts include its tax: a fact of each file, decided from
// the file itself (docs/DATA_MODEL.md, "Tax"). The data decides first: where
// another column equals amount + tax on nearly every row, that column is the
// total and the amount excludes tax (and where amount = another column + tax,
// the amount is the total). Then the amount's header ("Subtotal", "net",
// "excl. VAT", "不含税" against "Total", "gross", "含税"), then what the export
// preset documents; with none of these, the amount is taken to include the tax
// (the reading of ChartMogul's and Stripe's line amounts), and the decision
// says so. Pure: it sees column names and sample values.
import type { TaxDecision } from '../../../shared/model.js';
import { parseMoney, type NumberStyle } from './numbers.js';

export interface TaxColumn {
  name: string;
  /** Sample values of the column, row-aligned with the other columns' samples. */
  samples: readonly (string | null)[];
  style: NumberStyle;
  /** Minor-unit digits (2 for cents) when the column is in cents. */
  minorUnitDigits?: number;
}

// Words that say a header's amount excludes tax, checked before the including
// ones ("subtotal" contains "total", "不含税" contains "含税").
const EXCLUDING_PHRASES = [
  'excl', 'excluding', 'exclusive', 'excludes', 'ex tax', 'ex vat', 'ex gst', 'net', 'subtotal', 'sub total',
  'before tax', 'before taxes', 'pre tax', 'pretax', 'without tax', 'w o tax', 'untaxed', 'taxable amount',
];
const EXCLUDING_CJK = ['不含税', '不含稅', '未税', '未稅', '税前', '稅前', '净额', '淨額', '小计', '小計', '税前金额'];
const INCLUDING_PHRASES = [
  'total', 'gross', 'incl', 'including', 'inclusive', 'includes', 'with tax', 'after tax', 'tax included',
  'amount due', 'amount paid', 'grand total',
];
const INCLUDING_CJK = ['含税', '含稅', '价税合计', '價稅合計', '总额', '總額', '合计', '合計', '总计', '總計', '实付', '實付'];

/** The header's words, lower case, camelCase and punctuation split: "AmountExclTax" → " amount excl tax ". */
function words(header: string): string {
  const spaced = header
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return ` ${spaced} `;
}

/** What a header's words say about tax in its amounts: 'excludes', 'includes', or null. */
export function headerTaxWords(header: string): 'excludes' | 'includes' | null {
  const text = words(header);
  const cjk = header.normalize('NFKC');
  const has = (phrases: readonly string[]) => phrases.some((phrase) => text.includes(` ${phrase} `));
  if (has(EXCLUDING_PHRASES) || EXCLUDING_CJK.some((w) => cjk.includes(w))) return 'excludes';
  if (has(INCLUDING_PHRASES) || INCLUDING_CJK.some((w) => cjk.includes(w))) return 'includes';
  return null;
}

/** Share of rows that must agree: "nearly every row" (a discount or a rounded line may differ). */
const AGREEMENT = 0.95;
/** One cent of slack for tax rounded per line. */
const TOLERANCE = 0.01 + 1e-9;

function values(column: TaxColumn): (number | null)[] {
  const scale = 10 ** (column.minorUnitDigits ?? 0);
  return column.samples.map((raw) => {
    const parsed = parseMoney(raw, column.style);
    return parsed === null ? null : Number(parsed) / scale;
  });
}

interface DataEvidence {
  amountIncludesTax: boolean;
  other: string;
  agreeing: number;
  informative: number;
}

/**
 * Another money column related to amount and tax on nearly every sample row
 * where the tax is not zero: amount + tax = it (amount excludes tax), or
 * it + tax = amount (amount includes tax).
 */
function dataEvidence(amount: TaxColumn, tax: TaxColumn, others: readonly TaxColumn[]): DataEvidence | null {
  const a = values(amount);
  const t = values(tax);
  let best: DataEvidence | null = null;
  for (const other of others) {
    const x = values(other);
    let informative = 0;
    let sum = 0;
    let difference = 0;
    for (let row = 0; row < a.length; row += 1) {
      const av = a[row];
      const tv = t[row];
      const xv = x[row];
      if (av === null || av === undefined || tv === null || tv === undefined || xv === null || xv === undefined || tv === 0) continue;
      informative += 1;
      if (Math.abs(av + tv - xv) <= TOLERANCE) sum += 1;
      if (Math.abs(xv + tv - av) <= TOLERANCE) difference += 1;
    }
    if (informative === 0) continue;
    const found =
      sum >= AGREEMENT * informative
        ? { amountIncludesTax: false, other: other.name, agreeing: sum, informative }
        : difference >= AGREEMENT * informative
          ? { amountIncludesTax: true, other: other.name, agreeing: difference, informative }
          : null;
    if (found && (!best || found.informative > best.informative)) best = found;
  }
  return best;
}

export interface TaxDecisionInput {
  amount: TaxColumn;
  tax: TaxColumn;
  /** The file's other columns that hold money (candidates for a total or a net column). */
  others: readonly TaxColumn[];
  /** What the export preset documents for this amount column, if anything. */
  preset?: { amountIncludesTax: boolean; label: string } | null;
}

const q = (name: string) => JSON.stringify(name);

/** Whether the amount includes the tax, and why (see the file comment for the order of evidence). */
export function decideTax(input: TaxDecisionInput): TaxDecision {
  const { amount, tax } = input;
  const header = headerTaxWords(amount.name);
  const data = dataEvidence(amount, tax, input.others);
  const base = { amountColumn: amount.name, taxColumn: tax.name };
  if (data) {
    const relation = data.amountIncludesTax
      ? `${q(data.other)} + ${q(tax.name)} = ${q(amount.name)}`
      : `${q(amount.name)} + ${q(tax.name)} = ${q(data.other)}`;
    const disagrees = header !== null && (header === 'includes') !== data.amountIncludesTax;
    return {
      ...base,
      amountIncludesTax: data.amountIncludesTax,
      source: 'data',
      evidence: { column: data.other, rows: data.agreeing, of: data.informative },
      reason: `${relation} on ${data.agreeing} of ${data.informative} sampled rows with tax${disagrees ? ` (its header suggested the opposite; the values decide)` : ''}.`,
    };
  }
  if (header) {
    return {
      ...base,
      amountIncludesTax: header === 'includes',
      source: 'header',
      reason: `the header ${q(amount.name)} says the amount ${header === 'includes' ? 'includes' : 'excludes'} tax.`,
    };
  }
  if (input.preset) {
    return {
      ...base,
      amountIncludesTax: input.preset.amountIncludesTax,
      source: 'preset',
      reason: `the ${input.preset.label} documents that ${q(amount.name)} ${input.preset.amountIncludesTax ? 'includes' : 'excludes'} tax.`,
    };
  }
  return {
    ...base,
    amountIncludesTax: true,
    source: 'assumed',
    reason: `nothing in the file says whether ${q(amount.name)} includes ${q(tax.name)}: taken to include it (as billing systems' line amounts do). If it does not, say so (--amount-tax excluded).`,
  };
}

/** The decision the user gave (the mapping dialog, --amount-tax). */
export function userTaxDecision(amountColumn: string, taxColumn: string, amountIncludesTax: boolean): TaxDecision {
  return {
    amountColumn,
    taxColumn,
    amountIncludesTax,
    source: 'user',
    reason: `you said ${q(amountColumn)} ${amountIncludesTax ? 'includes' : 'excludes'} tax.`,
  };
}
