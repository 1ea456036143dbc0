// Scenario modelling (docs/SCENARIOS.md): what a scenario is (the file format
// the CLI reads and the workspace saves), the requests of the scenario
// methods, and the shape of their results. Pure data, no IO.
import { z } from 'zod';
import { analysisSettingsSchema, type Methodology, type AnalysisSettings } from './metrics.js';

/** The lever that applies to every segment; a segment's own levers override it field by field. */
export const ALL_SEGMENTS = 'All';

/**
 * Levers. Units are in the names: *Points are percentage points (1 = 0.01),
 * *Percent are percent (10 = 10%), *Rate and grossMargin are monthly or annual
 * fractions as named. An absent lever leaves the baseline as it is.
 */
export const leversSchema = z
  .object({
    /** Added to the monthly customer churn rate, in points: −0.5 takes 2% to 1.5%. */
    churnPoints: z.number().min(-100).max(100).optional(),
    /** Relative change of the monthly customer churn rate, in percent: −20 takes 2% to 1.6%. */
    churnPercent: z.number().min(-100).max(1000).optional(),
    /** Monthly expansion MRR as a fraction of MRR at the start of the month (replaces the baseline). */
    expansionRate: z.number().min(0).max(1).optional(),
    /** Monthly contraction MRR as a fraction of MRR at the start of the month (replaces the baseline). */
    contractionRate: z.number().min(0).max(1).optional(),
    /** Relative change of the number of new customers a month, in percent. */
    newCustomersPercent: z.number().min(-100).max(10000).optional(),
    /** Starting MRR of each new customer, in the reporting currency (replaces the baseline). */
    newMrrPerCustomer: z.number().min(0).max(1e9).optional(),
    /** One-off price change on the MRR of existing customers at the start of month 1, in percent. */
    priceChangePercent: z.number().min(-100).max(1000).optional(),
    /** Extra churn of existing customers in month 1 that the price change causes, in points. */
    priceExtraChurnPoints: z.number().min(0).max(100).optional(),
    /** Gross margin as a fraction, for LTV and gross profit (default: the methodology's). */
    grossMargin: z.number().min(0).max(1).optional(),
    /** Annual discount rate as a fraction, for the present value of the difference (default 0). */
    discountRateAnnual: z.number().min(0).max(10).optional(),
  })
  .strict();
export type Levers = z.infer<typeof leversSchema>;
export const LEVER_NAMES = Object.keys(leversSchema.shape) as (keyof Levers)[];

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'months are YYYY-MM');

export const goalSeekSchema = z
  .object({
    /** What to solve for: a uniform change of monthly churn on every segment, or the new MRR a month. */
    solveFor: z.enum(['churn', 'new_mrr']),
    targetArr: z.number().positive().max(1e15),
    /** The month by whose end the target ARR is reached, at most 60 months after the as-of month. */
    by: yearMonth,
  })
  .strict();
export type GoalSeek = z.infer<typeof goalSeekSchema>;

export const monteCarloSchema = z
  .object({
    runs: z.number().int().min(10).max(20000).default(1000),
    seed: z.number().int().min(0).max(4294967295).default(1),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).optional(),
    horizonMonths: z.number().int().min(12).max(60).default(24),
    trailingMonths: z.union([z.literal(3), z.literal(6), z.literal(12)]).default(6),
    churnModel: z.enum(['flat', 'tenure']).default('flat'),
    /**
     * Where churn by tenure reads its rate per age: the cohort curves, or the
     * survival hazard by tenure month (docs/SCENARIOS.md). Only the tenure model reads it.
     */
    tenureRates: z.enum(['cohorts', 'hazard']).default('cohorts'),
    /** Keyed by segment name, or "All" for every segment. */
    levers: z.record(z.string().min(1).max(200), leversSchema).default({}),
    monteCarlo: monteCarloSchema.optional(),
    goalSeek: goalSeekSchema.optional(),
  })
  .strict();
/** A scenario as written (defaults may be left out). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario with every default filled in. */
export type Scenario = z.output<typeof scenarioSchema>;

const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const scenarios = z.array(scenarioSchema).min(1).max(20);

/** Requests of the scenario methods, spread into shared/contract.ts's requestSchemas. */
export const scenarioRequestSchemas = {
  'scenarios.run': z.object({ settings: analysisSettingsSchema.partial(), scenarios, jobId: jobId.optional() }).strict(),
  'scenarios.list': z.object({}).strict(),
  'scenarios.save': z.object({ scenario: scenarioSchema }).strict(),
  'scenarios.delete': z.object({ name: z.string().min(1).max(100) }).strict(),
  /** The workbook's bytes (the app offers them as a download; the CLI writes files itself). */
  'scenarios.exportXlsx': z.object({ settings: analysisSettingsSchema.partial(), scenarios, jobId: jobId.optional() }).strict(),
} as const;

// ---- Results. Rates are monthly fractions, money plain numbers in the reporting currency. ----

/** One month of a projection (month 0 is the as-of month, the starting point). */
export interface ProjectionMonth {
  month: number;
  /** YYYY-MM */
  date: string;
  customers: number;
  mrr: number;
  arr: number;
  new_customers: number;
  new_mrr: number;
  reactivated_customers: number;
  reactivation_mrr: number;
  expansion_mrr: number;
  contraction_mrr: number;
  churned_customers: number;
  churned_mrr: number;
  /** The price change's effect on existing customers' MRR (month 1 only). */
  price_change_mrr: number;
}

/** A projection month's figures, in the order tables show them. */
export const PROJECTION_MONTH_FIGURES = [
  'customers',
  'mrr',
  'arr',
  'new_customers',
  'new_mrr',
  'reactivated_customers',
  'reactivation_mrr',
  'expansion_mrr',
  'contraction_mrr',
  'churned_customers',
  'churned_mrr',
  'price_change_mrr',
] as const satisfies readonly (keyof ProjectionMonth)[];

export interface Projection {
  total: ProjectionMonth[];
  segments: { segment: string; months: ProjectionMonth[] }[];
}

export interface BaselineSegment {
  segment: string;
  /** Active customers and their MRR at the end of the as-of month. */
  customers: number;
  mrr: number;
  arpa: number | null;
  /** Trailing averages over the window (null when no month of it had a denominator). */
  new_customers: number;
  new_mrr_per_customer: number | null;
  customer_churn_rate: number | null;
  expansion_rate: number | null;
  contraction_rate: number | null;
  reactivation_customer_rate: number | null;
  reactivation_mrr_rate: number | null;
  /** Monthly churn by tenure age 0, 1, …, the last entry for every older age (tenure model only). */
  tenure_churn: number[] | null;
  /** Starting customers and MRR by tenure age, same buckets (tenure model only). */
  tenure_customers: number[] | null;
  tenure_mrr: number[] | null;
  /** The window's months, as read from the metric SQL. */
  history: BaselineMonth[];
}

export interface BaselineMonth {
  period: string;
  customers_start: number;
  mrr_start: number;
  customers_new: number;
  mrr_new: number;
  customer_churn_rate: number | null;
  expansion_rate: number | null;
  contraction_rate: number | null;
  reactivation_customer_rate: number | null;
  reactivation_mrr_rate: number | null;
  new_mrr_per_customer: number | null;
}

export interface Baseline {
  /** YYYY-MM of the as-of month (month 0). */
  as_of: string;
  trailing_months: number;
  /** The window: first and last month. */
  window: { from: string; to: string };
  churn_model: 'flat' | 'tenure';
  /** Where the tenure model's rates per age came from; null for the flat model. */
  tenure_rates: 'cohorts' | 'hazard' | null;
  gross_margin: number;
  segments: BaselineSegment[];
  /**
   * Every month of history up to the as-of month, all segments together: the
   * metric SQL's month-end customers and MRR, so a projection can be judged
   * beside what really happened. Its last month is the projection's month 0.
   */
  history: HistoryMonth[];
}

export interface HistoryMonth {
  /** YYYY-MM */
  date: string;
  customers: number;
  mrr: number;
  arr: number;
}

export interface SegmentComparison {
  segment: string;
  arr_at_horizon_baseline: number;
  arr_at_horizon_scenario: number;
  arr_at_horizon_difference: number;
  /** Σ over months 1…H of (scenario MRR − baseline MRR): revenue gained (+) or lost (−). */
  revenue_difference: number;
  revenue_difference_pv: number;
  gross_profit_difference: number;
  gross_profit_difference_pv: number;
  /** Σ of baseline churned MRR − Σ of scenario churned MRR over the horizon. */
  churned_mrr_avoided: number;
  ltv_baseline: number | null;
  ltv_scenario: number | null;
}

export type Comparison = Omit<SegmentComparison, 'segment' | 'ltv_baseline' | 'ltv_scenario'> & { segments: SegmentComparison[] };

/** The differences a comparison reports, in the order the screen and the report show them. */
export const COMPARISON_DIFFERENCES = [
  'arr_at_horizon_baseline',
  'arr_at_horizon_scenario',
  'arr_at_horizon_difference',
  'revenue_difference',
  'revenue_difference_pv',
  'gross_profit_difference',
  'gross_profit_difference_pv',
  'churned_mrr_avoided',
] as const satisfies readonly (keyof Comparison)[];

export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

export interface MonteCarloResult {
  runs: number;
  seed: number;
  months: { month: number; date: string; customers: Band; mrr: Band; arr: Band }[];
  arr_at_horizon: Band;
  segments: { segment: string; arr_at_horizon: Band }[];
}

export const SENSITIVITY_LEVERS = ['churn', 'expansion', 'contraction', 'new_customers', 'new_mrr_per_customer', 'price_change', 'price_extra_churn'] as const;
export type SensitivityLever = (typeof SENSITIVITY_LEVERS)[number];

export interface Sensitivity {
  arr_at_horizon: number;
  /** Sorted by the width of the bar, widest first. */
  levers: { lever: SensitivityLever; step: string; arr_minus: number; arr_plus: number; delta_minus: number; delta_plus: number }[];
}

export interface GoalSeekResult {
  solve_for: GoalSeek['solveFor'];
  target_arr: number;
  by: string;
  month: number;
  reachable: boolean;
  message: string;
  arr_reached: number;
  /** churn: the change of every segment's monthly churn, in points. */
  churn_change_points: number | null;
  /** churn: monthly customer churn pooled over months 1…month of the solved projection. */
  churn_rate: number | null;
  /** new_mrr: new MRR a month, scenario as given and as needed. */
  new_mrr_per_month: number | null;
  new_mrr_per_month_scenario: number | null;
  segments: { segment: string; customer_churn_rate: number | null; new_mrr_per_month: number | null }[];
}

/** Something the user should know about a run: `message` in English (CLI, JSON), the code and its fields for the screens and reports in other languages. */
export type ScenarioWarning =
  | { code: 'unknown_segment'; segment: string; known: string[]; message: string }
  | { code: 'no_customers'; message: string };

export interface ScenarioResult {
  scenario: Scenario;
  baseline: Baseline;
  baseline_projection: Projection;
  projection: Projection;
  comparison: Comparison;
  monte_carlo: MonteCarloResult | null;
  sensitivity: Sensitivity;
  goal_seek: GoalSeekResult | null;
  warnings: ScenarioWarning[];
}

export interface ScenarioRunResult {
  settings: { as_of: string; methodology: Methodology; segment_rule: AnalysisSettings['segmentRule']; filters: AnalysisSettings['filters'] };
  scenarios: ScenarioResult[];
}

export interface SavedScenario {
  name: string;
  scenario: Scenario;
  saved_at: string;
}

/** Responses of the scenario methods, for shared/contract.ts's Responses. */
export interface ScenarioResponses {
  'scenarios.run': ScenarioRunResult;
  'scenarios.list': SavedScenario[];
  'scenarios.save': SavedScenario[];
  'scenarios.delete': SavedScenario[];
  'scenarios.exportXlsx': Uint8Array;
}
