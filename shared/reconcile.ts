// Reconciliation (docs/RECONCILIATION.md): a billing or analytics system's own
// MRR figures (the reference) beside ours, and every difference explained by a
// methodology setting or listed as unexplained. The request schemas of the
// contract's reconcile.* methods, the shapes they answer with, and the shape
// of a vendor's reference export preset. Pure data, no IO.
import { z } from 'zod';
import { analysisSettingsSchema, type Methodology } from './metrics.js';
import type { AuditRow, NormalizeOptions } from './model.js';

/**
 * A reference file's layout: one row per customer and month (customer id,
 * month, MRR, optionally the movement type), or one row per month (MRR total,
 * optionally the customer count and each movement's sum).
 */
export const REFERENCE_LAYOUTS = ['customer_month', 'monthly'] as const;
export type ReferenceLayout = (typeof REFERENCE_LAYOUTS)[number];

/** The fields a reference file can map, per layout; required ones in REFERENCE_REQUIRED. */
export const REFERENCE_FIELDS = {
  customer_month: ['customer_id', 'month', 'mrr', 'currency', 'movement'],
  monthly: ['month', 'mrr', 'customers', 'new', 'reactivation', 'expansion', 'contraction', 'churn', 'currency'],
} as const satisfies Record<ReferenceLayout, readonly string[]>;
export type ReferenceField = (typeof REFERENCE_FIELDS)[ReferenceLayout][number];
export const REFERENCE_REQUIRED: Record<ReferenceLayout, readonly ReferenceField[]> = {
  customer_month: ['customer_id', 'month', 'mrr'],
  monthly: ['month', 'mrr'],
};

/** MRR movements as the model names them (docs/METRICS.md, "MRR movements"). */
export const RECONCILE_MOVEMENTS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;
export type ReconcileMovement = (typeof RECONCILE_MOVEMENTS)[number];

/**
 * How a vendor export's rows become one per customer and month
 * (docs/RECONCILIATION.md, "Vendor presets"): a stream of MRR movements whose
 * running sum per customer is carried forward month by month until churn; one
 * column per month, unpivoted; or a snapshot of the current MRR, which is the
 * month the user states (`referenceMonth`).
 */
export const REFERENCE_READINGS = ['movements', 'wide_months', 'snapshot'] as const;
export type ReferenceReading = (typeof REFERENCE_READINGS)[number];

/** Where a preset's column name was read: a public documentation page, or marked unconfirmed. */
export interface PresetSource {
  url: string;
  /** false: the name could not be confirmed in public documentation (an example file, a forum, a guess from the UI). */
  confirmed: boolean;
  note?: string;
}

/**
 * A vendor's reference export (main/reconcile/presets.ts fills these): the
 * header names each field may have (matched case- and space-insensitively,
 * first match wins), the amounts' unit, the vendor's words for movements, and
 * where each name was read.
 */
export interface ReferencePreset {
  /** e.g. chartmogul_customers, stripe_mrr_per_subscriber, baremetrics_customers. */
  id: string;
  label: string;
  layout: ReferenceLayout;
  columns: Partial<Record<ReferenceField, readonly string[]>>;
  /** cents: amounts are in the currency's minor unit (divided by 100 on import). */
  amountUnit: 'major' | 'cents';
  /** The vendor's movement words (lower case) → ours; unknown words are rejected by row. */
  movementValues?: Record<string, ReconcileMovement>;
  /** The analysis preset whose methodology the vendor's figures follow, where there is one. */
  methodology?: 'chartmogul' | 'stripe' | 'profitwell' | 'baremetrics';
  /** Per field (or 'file' for the export as a whole): where its name comes from. */
  sources: Partial<Record<ReferenceField | 'file', PresetSource>>;
  notes?: string[];
}

const filePath = z.string().min(1).max(4096);
const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const encoding = z.string().min(1).max(40).regex(/^[A-Za-z0-9_.:-]+$/, 'encoding names are letters, digits, -, _ and .');
const presetId = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'preset ids are lower-case letters, digits and _');
const referenceField = z.enum(['customer_id', 'month', 'mrr', 'currency', 'movement', 'customers', 'new', 'reactivation', 'expansion', 'contraction', 'churn']);

/** How a reference file is read: its preset or layout, the user's column choices over the suggestion, and the reading answers. */
export const referenceFileSchema = z
  .object({
    path: filePath,
    /** A preset of main/reconcile/presets.ts; else the layout is detected from the columns (generic names). */
    preset: presetId.optional(),
    layout: z.enum(REFERENCE_LAYOUTS).optional(),
    /** Reference field → the file's column, over the suggestion. */
    map: z
      .object(Object.fromEntries(referenceField.options.map((field) => [field, z.string().min(1).max(500)])) as Record<ReferenceField, z.ZodString>)
      .partial()
      .strict()
      .optional(),
    encoding: encoding.optional(),
    sheet: z.string().min(1).max(255).optional(),
    /** The answer for ambiguous dates such as 03/04/2024. */
    dayFirst: z.boolean().optional(),
    /** Over the preset's: amounts in cents. */
    amountUnit: z.enum(['major', 'cents']).optional(),
    /** The reference's currency when it has no currency column; default: the workspace's reporting currency. */
    currency: z.string().regex(/^[A-Za-z]{3}$/, 'currencies are ISO codes such as USD').optional(),
    /**
     * YYYY-MM. A snapshot (the current MRR per customer): the month it is. A
     * movement stream: the export's month, to which MRR is carried forward when
     * it is later than the last movement.
     */
    referenceMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'months are YYYY-MM').optional(),
  })
  .strict();
export type ReferenceFileRequest = z.infer<typeof referenceFileSchema>;

/** Differences within either bound count as agreement: |ours − theirs| ≤ absolute, or ≤ relative × max(|ours|, |theirs|). */
export const toleranceSchema = z.object({
  absolute: z.number().min(0).max(1e12),
  relative: z.number().min(0).max(1),
});
export type Tolerance = z.infer<typeof toleranceSchema>;
export const DEFAULT_TOLERANCE: Tolerance = { absolute: 0.01, relative: 0 };

/** One part of a month's difference, as the drill-down and the bridge name it. */
export const RECONCILE_PARTS = ['all', 'explained', 'unexplained', 'within_tolerance', 'only_ours', 'only_theirs'] as const;
export type ReconcilePart = (typeof RECONCILE_PARTS)[number];

export const reconcileDrillSchema = z.object({
  /** YYYY-MM; null: every month. */
  month: z.string().regex(/^\d{4}-\d{2}$/, 'months are YYYY-MM').nullable(),
  part: z.enum(RECONCILE_PARTS),
  /** With part 'explained': only this rule's rows (a ReconcileRule id). */
  rule: z.string().min(1).max(100).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(5000),
});
export type ReconcileDrill = z.infer<typeof reconcileDrillSchema>;

/** The reconcile methods of the contract, spread into shared/contract.ts's requestSchemas. */
export const reconcileRequestSchemas = {
  /** The mapping dialog's preview of a reference file: the suggested layout and columns, the first rows. */
  'reconcile.suggest': z
    .object({ path: filePath, preset: presetId.optional(), layout: z.enum(REFERENCE_LAYOUTS).optional(), encoding: encoding.optional(), sheet: z.string().min(1).max(255).optional() })
    .strict(),
  /** Imports a reference, replacing the previous one (and its sign-off): one transaction, rejects and audit as for any import. */
  'reconcile.importReference': z.object({ file: referenceFileSchema, jobId: jobId.optional() }).strict(),
  /** Ours (under `settings`) beside the reference, month by month, with every difference attributed. Saves the tolerance given. */
  'reconcile.run': z
    .object({ settings: analysisSettingsSchema.partial(), tolerance: toleranceSchema.optional(), jobId: jobId.optional() })
    .strict(),
  /** The customer-months behind one part of one month (or of all), paged. */
  'reconcile.drill': z
    .object({ settings: analysisSettingsSchema.partial(), tolerance: toleranceSchema.optional(), drill: reconcileDrillSchema })
    .strict(),
  /**
   * Signs off a run as it was answered (its runId): the reference's SHA-256, the tolerance and the
   * amounts of that run are recorded, nothing is computed again. Refused when the reference or the
   * model data has changed since the run.
   */
  'reconcile.signOff': z
    .object({
      runId: z.string().uuid(),
      by: z.string().trim().min(1).max(200),
      note: z.string().max(5000),
    })
    .strict(),
  /** The reference, the saved tolerance and the latest sign-off, without running anything. */
  'reconcile.state': z.object({}).strict(),
} as const;

/** The reference as imported. */
export interface ReferenceInfo {
  /** Its import id (churn.imports, kind 'reference'): the audit and the rejects name it. */
  importId: number;
  file: string;
  sha256: string;
  preset: string | null;
  layout: ReferenceLayout;
  /** Reference field → column read. */
  fields: Partial<Record<ReferenceField, string>>;
  encoding: string | null;
  sheet: string | null;
  /** Amounts in the reference's own currency were converted with the workspace's rates (as the model's are); null: the reporting currency. */
  currency: string | null;
  amountUnit: 'major' | 'cents';
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** YYYY-MM of the first and last month in the reference. */
  firstMonth: string | null;
  lastMonth: string | null;
  /** Distinct customers (customer_month layout; null for monthly). */
  customers: number | null;
  /** Whether rows carry movement types (customer_month) or movement sums (monthly). */
  hasMovements: boolean;
  importedAt: string;
}

export interface ReferencePreview {
  path: string;
  layout: ReferenceLayout;
  preset: string | null;
  /** Why this layout: the preset's, the user's, or what the columns say. */
  layoutReason: string;
  fields: Partial<Record<ReferenceField, string>>;
  missingRequired: ReferenceField[];
  /** Columns whose dates read both day-first and month-first: the user must choose. */
  ambiguousDates: { column: string; examples: { input: string; dayFirst: string | null; monthFirst: string | null }[] }[];
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
  notes: string[];
  encoding: string | null;
  sheets: string[] | null;
  /** Every preset, for the dialog's choice. */
  presets: { id: string; label: string; layout: ReferenceLayout }[];
  /** How the rows are reshaped into customer × month (the preset's reading), or null: read as they are. */
  reading: ReferenceReading | null;
  /** The fields the reading gives (not a column of the file): a text saying what they are read from. */
  readingFields: Partial<Record<ReferenceField, string>>;
}

export interface ReferenceImportSummary {
  reference: ReferenceInfo;
  audit: AuditRow[];
}

/** What "apply this setting" sets: an analysis methodology override, or an import option (then the data must be imported again). */
export type ApplySetting =
  | { scope: 'analysis'; methodology: Partial<Methodology> }
  | { scope: 'import'; options: Partial<Pick<NormalizeOptions, 'graceDays' | 'endDate' | 'pauses'>> };

/**
 * One alternative tried when explaining differences: a single setting moved
 * from its value in the analysis to another. Its id is `<setting>=<value>`,
 * e.g. churnDate=cancellation, inactivityDays=30, graceDays=0.
 */
export interface ReconcileRule {
  id: string;
  setting: 'churnDate' | 'zeroMrrCustomers' | 'inactivityDays' | 'graceDays' | 'endDate' | 'reactivation' | 'pauses';
  /** Our value and the alternative, as the setting's words (cancellation, end_of_period, 30 …). */
  ours: string;
  alternative: string;
  /** For sentences: "churn recognised at cancellation instead of period end". */
  label: string;
  /** Presets (analysis presets' labels) using the alternative, for "(ChartMogul's setting)". */
  usedBy: string[];
  apply: ApplySetting;
  /** Its place in the attribution order (0 first): the first rule that makes a customer-month agree takes it. */
  priority: number;
}

/** A setting the engine cannot vary when explaining differences, and why. */
export interface NotVaried {
  setting: string;
  reason: string;
}

export interface Side {
  mrr: number;
  customers: number;
}

export interface MovementComparison {
  movement: ReconcileMovement;
  ours: number;
  theirs: number;
  difference: number;
}

/** A month's difference (ours − theirs) in parts that add up: Σ explained + unexplained + within tolerance = difference. */
export interface ReconcileMonth {
  /** YYYY-MM */
  month: string;
  ours: Side;
  theirs: Side;
  /** ours.mrr − theirs.mrr */
  difference: number;
  customerDifference: number;
  /** Per rule that explains something this month, in priority order; amounts are ours − theirs of the rows it explains. */
  explained: { rule: string; amount: number; customers: number }[];
  unexplained: { amount: number; customers: number };
  /** Rows that differ by no more than the tolerance: agreement, but their sum is part of the difference. */
  withinTolerance: { amount: number; customers: number };
  /** Of the unexplained: customers we have no row of at all (in any month), and customers the reference never lists. */
  onlyTheirs: { amount: number; customers: number };
  onlyOurs: { amount: number; customers: number };
  /** Each movement's sum on both sides when the reference has movements; null otherwise. */
  movements: MovementComparison[] | null;
  /** Unexplained amount within the tolerance of the month's total (|unexplained| ≤ absolute or ≤ relative × theirs). */
  reconciled: boolean;
  /** The rule explaining at least half of the month's absolute difference, for "apply this setting"; null when none does. */
  dominantRule: string | null;
  /** "Of the 4,210.00 difference in 2024-11, 3,900.00 is churn recognised at cancellation …; 310.00 is unexplained, in 6 customers." */
  sentence: string;
}

export interface SignOff {
  by: string;
  /** ISO timestamp (UTC). */
  at: string;
  note: string;
  /** What was signed: the reference's SHA-256, the tolerance, the analysis preset, and the amounts at that moment. */
  referenceSha256: string;
  tolerance: Tolerance;
  preset: string;
  difference: number;
  unexplained: number;
  /** The run signed (null for sign-offs made before runs were kept). */
  runId: string | null;
  /** Whether what was signed still stands: the same reference and the same model data. */
  current: boolean;
  /** Why it no longer stands: another reference was imported, or the model's data was imported again; null when current. */
  staleBecause: 'reference' | 'data' | null;
}

export interface ReconcileResult {
  /** This run, as kept in the workspace: reconcile.signOff signs it. */
  runId: string;
  reference: ReferenceInfo;
  tolerance: Tolerance;
  reportingCurrency: string | null;
  /** Our side's analysis settings (preset and the resolved methodology). */
  preset: string;
  rules: ReconcileRule[];
  notVaried: NotVaried[];
  months: ReconcileMonth[];
  /** Every month together (customers: distinct customer-months). */
  total: Omit<ReconcileMonth, 'month' | 'sentence' | 'reconciled'> & { reconciled: boolean; sentence: string };
  /** Customers only in one of the two, over the reference's months. */
  onlyOurs: { customers: number; mrr: number };
  onlyTheirs: { customers: number; mrr: number };
  /** The single setting that explains the most over all months, with its share of the absolute difference; null when none explains anything. */
  suggestion: { rule: string; amount: number; share: number } | null;
  signOff: SignOff | null;
  /** The comparison statement (ours vs theirs per customer-month): runs as-is in DuckDB on the workspace. */
  sql: string;
}

/** A customer-month behind a number of the reconciliation. */
export interface ReconcileRow {
  customerId: string;
  /** YYYY-MM */
  month: string;
  /** null: no row on that side. */
  ours: number | null;
  theirs: number | null;
  difference: number;
  part: Exclude<ReconcilePart, 'all' | 'explained'> | 'explained';
  /** The rule that explains it, and our value under that rule. */
  rule: string | null;
  oursUnderRule: number | null;
  ourMovement: ReconcileMovement | null;
  theirMovement: ReconcileMovement | null;
}

export interface ReconcileState {
  reference: ReferenceInfo | null;
  /** Whether the model has data to compare the reference with: without, the screen asks to import the billing data first. */
  modelHasData: boolean;
  tolerance: Tolerance;
  signOff: SignOff | null;
}

export interface ReconcileResponses {
  'reconcile.suggest': ReferencePreview;
  'reconcile.importReference': ReferenceImportSummary;
  'reconcile.run': ReconcileResult;
  'reconcile.drill': { total: number; rows: ReconcileRow[] };
  'reconcile.signOff': SignOff;
  'reconcile.state': ReconcileState;
}

/**
 * The bridge from their MRR to ours for a month: theirs, then each rule's
 * amount, the unexplained and the within-tolerance parts, ending at ours.
 * Steps with a zero amount are left out; the running total ends at ours.
 */
export function bridgeSteps(month: Pick<ReconcileMonth, 'ours' | 'theirs' | 'explained' | 'unexplained' | 'withinTolerance'>): {
  step: string;
  kind: 'theirs' | 'rule' | 'unexplained' | 'within_tolerance' | 'ours';
  amount: number;
  runningTotal: number;
}[] {
  const steps: ReturnType<typeof bridgeSteps> = [{ step: 'theirs', kind: 'theirs', amount: month.theirs.mrr, runningTotal: month.theirs.mrr }];
  let total = month.theirs.mrr;
  const add = (step: string, kind: 'rule' | 'unexplained' | 'within_tolerance', amount: number) => {
    if (amount === 0) return;
    total += amount;
    steps.push({ step, kind, amount, runningTotal: total });
  };
  for (const part of month.explained) add(part.rule, 'rule', part.amount);
  add('unexplained', 'unexplained', month.unexplained.amount);
  add('within_tolerance', 'within_tolerance', month.withinTolerance.amount);
  steps.push({ step: 'ours', kind: 'ours', amount: month.ours.mrr, runningTotal: month.ours.mrr });
  return steps;
}
