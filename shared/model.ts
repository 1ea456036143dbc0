// The import into the canonical churn model (docs/DATA_MODEL.md): what the UI
// and the CLI send, and what comes back. Pure data, no IO.
import { z } from 'zod';
import { KINDS, type Kind } from './kinds.js';

export { KINDS, type Kind };

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
const currency = z.string().regex(/^[A-Za-z]{3}$/, 'currencies are ISO codes such as USD');

export const normalizeOptionsSchema = z.object({
  /** Whether end dates name the last day paid (inclusive) or the first day no longer paid (exclusive). */
  endDate: z.enum(['exclusive', 'inclusive']),
  /** Discounts reduce MRR (ProfitWell), or are ignored (Stripe, except "forever" coupons). */
  discounts: z.enum(['apply', 'ignore']),
  /** Whether `amount` is a per-seat price to multiply by `quantity`. */
  amountIsUnitPrice: z.boolean(),
  reportingCurrency: currency.nullable(),
  /** Units of the reporting currency per unit of each other currency. */
  rates: z.record(currency, z.number().positive()),
  /** Open subscriptions are active up to this date; default: the data's latest event date. */
  asOf: isoDate.nullable(),
  /**
   * The reporting time zone (IANA name) every timestamp's date is taken in;
   * null: the workspace's (setting time_zone), else UTC.
   */
  timeZone: z.string().min(1).max(64).nullable(),
  /** The plausible dates: rows dated before earliestDate, or more than yearsAhead years after the as-of date (or today), are rejected. */
  earliestDate: isoDate,
  yearsAhead: z.number().int().min(0).max(100),
  /**
   * Invoice statuses that are not revenue (compared lower-case, spaces as
   * underscores): such rows are left out and counted in the audit.
   */
  skipStatuses: z.array(z.string().min(1).max(40)).max(50),
  /**
   * Grace period after invoice coverage ends (ChartMogul's "recognise churn N
   * days after"): the customer stays active at their last MRR for up to this
   * many days unless new coverage starts sooner. null: the workspace's
   * (setting grace_days), else 0.
   */
  graceDays: z.number().int().min(0).max(365).nullable(),
  /**
   * How a subscription's pause counts (docs/DATA_MODEL.md, "Pauses"): zero_mrr,
   * months at MRR 0 (the customer stays a customer, as Chargebee and Recurly
   * count paused subscriptions; the zeroMrrCustomers methodology decides whether
   * they are active); churn, no months at all (a churn, then a reactivation at
   * the resume: ChartMogul's reading of Recurly pauses). null: the workspace's
   * (setting pauses), else zero_mrr.
   */
  pauses: z.enum(['zero_mrr', 'churn']).nullable(),
  /**
   * Lines of delimited text with more or fewer values than the header:
   * rejected with their line while few (at most 10, or 1% of the rows), else
   * the import stops; 'stop' stops at any.
   */
  misshapenLines: z.enum(['reject_few', 'stop']),
});
export type NormalizeOptions = z.infer<typeof normalizeOptionsSchema>;

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = {
  endDate: 'exclusive',
  discounts: 'apply',
  amountIsUnitPrice: false,
  reportingCurrency: null,
  rates: {},
  asOf: null,
  timeZone: null,
  earliestDate: '1970-01-01',
  yearsAhead: 10,
  skipStatuses: ['void', 'voided', 'draft', 'deleted', 'uncollectible', 'failed', 'not_paid'],
  graceDays: null,
  pauses: null,
  misshapenLines: 'reject_few',
};

export const importFileSchema = z
  .object({
    path: z.string().min(1).max(4096),
    /** Fixes the kind; else it is detected from the columns. */
    kind: z.enum(KINDS).optional(),
    /** Canonical field → the file's column, over the suggestion. */
    map: z.record(z.string().min(1).max(64), z.string().min(1).max(500)).optional(),
    encoding: z.string().min(1).max(40).optional(),
    sheet: z.string().min(1).max(255).optional(),
    /** The answer for ambiguous dates such as 03/04/2024. */
    dayFirst: z.boolean().optional(),
    /** Whether the mapped amount includes the mapped tax, over the decision read from the file. */
    amountIncludesTax: z.boolean().optional(),
    /**
     * Subscriptions without an interval column: how every row without another answer bills ("month", "year", "3 months");
     * '' = no answer, which clears one saved with the header.
     */
    interval: z.string().max(40).optional(),
    /** Subscriptions without an interval column: plan → how it bills, over what the file's evidence says; '' = as the file says (clears a saved answer). */
    intervalByPlan: z.record(z.string().min(1).max(500), z.string().max(40)).optional(),
  })
  .strict();

/** How a plan of a subscriptions file bills, and where that was read (docs/DATA_MODEL.md, "Billing interval"). */
export interface PlanTerm {
  /** The plan's text as in the file; null for rows without one. */
  plan: string | null;
  /** day, week, month, quarter or year; null when nothing in the file says it. */
  interval: string | null;
  count: number | null;
  /** column, answer (the user's), period (the billing period's length), plan (a word in the plan code), header (the amount's). */
  source: 'column' | 'answer' | 'period' | 'plan' | 'header' | null;
  /** Rows with revenue of this plan and term. */
  rows: number;
}
export type ImportFileRequest = z.infer<typeof importFileSchema>;

/**
 * Whether a file's amount includes its tax (then the tax is subtracted), and
 * what decided it: the user, the values (amount + tax = a total column), the
 * amount's header, the export preset, or nothing (assumed, and said so).
 */
export interface TaxDecision {
  amountColumn: string;
  taxColumn: string;
  amountIncludesTax: boolean;
  source: 'user' | 'data' | 'header' | 'preset' | 'assumed';
  /** For `data`: the column that is amount + tax (or amount − tax), and on how many sampled rows with tax it holds. */
  evidence?: { column: string; rows: number; of: number };
  /** Why, naming the columns (English: the CLI, the audit, the report; the dialog words it from the fields). */
  reason: string;
}

/** The decision in one English line (the CLI, the audit, the report): "\"Subtotal\" excludes tax, …: why". */
export function taxDecisionText(decision: TaxDecision): string {
  const q = (name: string) => JSON.stringify(name);
  const verb = decision.amountIncludesTax
    ? `includes tax, so ${q(decision.taxColumn)} is subtracted`
    : `excludes tax, so ${q(decision.taxColumn)} is not subtracted`;
  return `${q(decision.amountColumn)} ${verb}: ${decision.reason}`;
}

export interface ImportedFile {
  file: string;
  importId: number;
  kind: Kind;
  kindReason: string;
  preset: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  fields: Record<string, string>;
  /** Whether the amount includes the tax; null when no tax column is mapped. */
  tax: TaxDecision | null;
  /** Subscriptions: each plan's billing interval and where it was read. */
  billingTerms: PlanTerm[];
  notes: string[];
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
}

export interface AuditRow {
  importId: number;
  file: string;
  check: string;
  severity: 'error' | 'warning' | 'info';
  count: number;
  /** The amount of the rows counted (skipped invoices, rows without a customer), in the file's units; null where a check has none. */
  amount: number | null;
  examples: { line: number | null; value: string | null }[];
}

export interface ImportSummary {
  files: ImportedFile[];
  asOf: string | null;
  reportingCurrency: string | null;
  audit: AuditRow[];
}

export interface MappingPreview {
  path: string;
  kind: Kind;
  kindReason: string;
  preset: string | null;
  fields: Record<string, string>;
  /** Whether the suggested amount includes the suggested tax; null when no tax column is mapped. */
  tax: TaxDecision | null;
  missingRequired: string[];
  notes: string[];
  /** Columns whose dates read both day-first and month-first: the user must choose. */
  ambiguousDates: { column: string; examples: { input: string; dayFirst: string | null; monthFirst: string | null }[] }[];
  columns: { name: string; type: string }[];
  /** The first rows as text, for the live preview. */
  rows: (string | null)[][];
  /** For each column mapped to a date field: the date each preview row reads as (beside the raw value). */
  parsedDates: Record<string, (string | null)[]>;
  /** Subscriptions: each plan's billing interval in the preview rows and where it was read; a null interval must be answered. */
  billingTerms: PlanTerm[];
  /** The billing intervals answered for files with this header at an earlier import (already in billingTerms); the import applies them unless it gives its own. */
  savedIntervals: Pick<ImportFileRequest, 'interval' | 'intervalByPlan'>;
  encoding: string | null;
  sheets: string[] | null;
}
