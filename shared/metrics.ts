// Methodology settings and their named presets: where billing-analytics
// products disagree (docs/METRICS.md, "Settings"), the choice is a setting,
// never made silently. Pure data, shared by the engine, the UI and the CLI.
import { z } from 'zod';

export const PERIODS = ['month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const PRESETS = ['chartmogul', 'stripe', 'profitwell', 'baremetrics'] as const;
export type PresetName = (typeof PRESETS)[number];

export const methodologySchema = z.object({
  /** Customers at start of the period, or start + new in the period. */
  churnDenominator: z.enum(['start', 'start_plus_new']),
  /** Whether customers who joined (or came back) in a period and churned in it count as churned. */
  joinedAndChurned: z.enum(['excluded', 'included']),
  /** Month a cancellation counts in: when it was made, or when the paid period ends. */
  churnDate: z.enum(['cancellation', 'end_of_period']),
  /** Revenue after a gap: always a reactivation, only after a full month at zero, or new after 90 days. */
  reactivation: z.enum(['any_gap', 'full_month', 'within_90_days']),
  /** Customers at zero MRR (free plans, 100% discounts): churned, or still active. */
  zeroMrrCustomers: z.enum(['churned', 'active']),
  /** Transactional data: days without revenue before a customer counts as churned. */
  inactivityDays: z.number().int().min(1).max(3650),
  quickRatioReactivation: z.boolean(),
  /** Gross margin for LTV, as a fraction. */
  grossMargin: z.number().min(0).max(1),
});
export type Methodology = z.infer<typeof methodologySchema>;

export const PRESET_LABELS: Record<PresetName, string> = {
  chartmogul: 'ChartMogul B2B',
  stripe: 'Stripe Billing',
  profitwell: 'ProfitWell (Paddle)',
  baremetrics: 'Baremetrics',
};

const base: Methodology = {
  churnDenominator: 'start',
  joinedAndChurned: 'excluded',
  churnDate: 'end_of_period',
  reactivation: 'any_gap',
  zeroMrrCustomers: 'churned',
  inactivityDays: 90,
  quickRatioReactivation: true,
  grossMargin: 1,
};

/** The documented default is ChartMogul B2B. */
export const DEFAULT_PRESET: PresetName = 'chartmogul';

export const PRESET_SETTINGS: Record<PresetName, Methodology> = {
  chartmogul: { ...base, zeroMrrCustomers: 'active' },
  stripe: { ...base, churnDenominator: 'start_plus_new', joinedAndChurned: 'included', churnDate: 'cancellation' },
  profitwell: { ...base, churnDate: 'end_of_period' },
  baremetrics: { ...base, joinedAndChurned: 'included', churnDate: 'cancellation', quickRatioReactivation: false },
};

export const SEGMENT_NAMES = ['SMB', 'Mid-market', 'Enterprise'] as const;

export const segmentRuleSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('employees'), midMarketFrom: z.number().int().min(1), enterpriseFrom: z.number().int().min(2) }),
  z.object({ by: z.literal('acv'), midMarketFrom: z.number().min(0), enterpriseFrom: z.number().min(0) }),
  z.object({ by: z.literal('column'), column: z.string().min(1).max(200) }),
]);
export type SegmentRule = z.infer<typeof segmentRuleSchema>;

export const DEFAULT_SEGMENT_RULES = {
  employees: { by: 'employees', midMarketFrom: 100, enterpriseFrom: 1000 },
  acv: { by: 'acv', midMarketFrom: 10_000, enterpriseFrom: 100_000 },
} as const satisfies Record<string, SegmentRule>;

/** Published bands of annual customer churn (docs/METRICS.md, "Benchmarks"). */
export const BENCHMARK_BANDS: Record<(typeof SEGMENT_NAMES)[number], { low: number; high: number }> = {
  SMB: { low: 0.31, high: 0.58 },
  'Mid-market': { low: 0.11, high: 0.22 },
  Enterprise: { low: 0.06, high: 0.1 },
};

export const filterSchema = z.object({
  attribute: z.string().min(1).max(200),
  op: z.enum(['eq', 'neq', 'in', 'gte', 'lte']),
  values: z.array(z.union([z.string(), z.number()])).min(1).max(1000),
});
export type Filter = z.infer<typeof filterSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');

export const analysisSettingsSchema = z.object({
  period: z.enum(PERIODS),
  preset: z.enum(PRESETS),
  /** Explicit overrides on top of the preset. */
  methodology: methodologySchema.partial(),
  /** Subscriptions open at this date are active; null = the last day of the data. */
  asOf: isoDate.nullable(),
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  segmentRule: segmentRuleSchema,
  filters: z.array(filterSchema).max(50),
  /** At-risk rule: contraction in at least `contractions` of the last `window` months, or MRR down `drop` vs `lookback` months ago. */
  atRisk: z.object({
    window: z.number().int().min(1).max(24),
    contractions: z.number().int().min(1).max(24),
    lookback: z.number().int().min(1).max(24),
    drop: z.number().min(0).max(1),
  }),
});
export type AnalysisSettings = z.infer<typeof analysisSettingsSchema>;

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = {
  period: 'month',
  preset: DEFAULT_PRESET,
  methodology: {},
  asOf: null,
  from: null,
  to: null,
  segmentRule: DEFAULT_SEGMENT_RULES.employees,
  filters: [],
  atRisk: { window: 3, contractions: 2, lookback: 3, drop: 0.25 },
};

export function resolveMethodology(settings: Pick<AnalysisSettings, 'preset' | 'methodology'>): Methodology {
  return { ...PRESET_SETTINGS[settings.preset], ...settings.methodology };
}

/** A number to explain: which customers are behind it (docs/METRICS.md, "Customers behind a number"). */
export const drillSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('movement'),
    period: z.string().min(4).max(10),
    movement: z.enum(['new', 'reactivation', 'expansion', 'contraction', 'churn']),
    segment: z.string().max(200).optional(),
  }),
  z.object({ kind: z.enum(['start', 'end']), period: z.string().min(4).max(10), segment: z.string().max(200).optional() }),
  /** Customers who churned in the range for a reason and/or a churn type (as the churn reasons table names them). */
  z.object({
    kind: z.literal('churn_reason'),
    reason: z.string().max(500).optional(),
    churnType: z.string().max(100).optional(),
    segment: z.string().max(200).optional(),
  }),
  z.object({
    kind: z.literal('cohort'),
    cohortPeriod: z.enum(['month', 'quarter']),
    cohort: z.string().min(4).max(10),
    k: z.number().int().min(0),
    segment: z.string().max(200).optional(),
  }),
]);
export type Drill = z.infer<typeof drillSchema>;

/**
 * What a screen can ask analysis.run for (docs/METRICS.md): `periods` (the
 * periods and the headline), `segments` (segment periods and the benchmark
 * table), `cohorts`, `customers` (churn reasons, churn types, at-risk) and
 * `comparison` (the headline under every preset).
 */
export const ANALYSIS_FAMILIES = ['periods', 'segments', 'cohorts', 'customers', 'comparison'] as const;
export type AnalysisFamily = (typeof ANALYSIS_FAMILIES)[number];

/** The metric families whose SQL can be shown and run as-is. */
export const METRIC_QUERIES = [
  'periods',
  'segment_periods',
  'segments',
  'cohorts',
  'cohort_average',
  'churn_reasons',
  'churn_types',
  'at_risk',
  'headline',
  'methodology_comparison',
] as const;
export type MetricQuery = (typeof METRIC_QUERIES)[number];
