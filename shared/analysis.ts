// The shape of a full analysis (main/metrics/analyze.ts): what `analyze --json`
// prints and the views and reports read. Rates are fractions, money plain
// numbers in the reporting currency (docs/METRICS.md).
import type { AnalysisSettings, Methodology } from './metrics.js';

export interface PeriodRow {
  period: string;
  customers_start: number;
  customers_new: number;
  customers_reactivated: number;
  customers_expanded: number;
  customers_contracted: number;
  customers_churned: number;
  customers_end: number;
  mrr_start: number;
  mrr_new: number;
  mrr_reactivation: number;
  mrr_expansion: number;
  mrr_contraction: number;
  mrr_churned: number;
  mrr_end: number;
  churn_numerator: number;
  churn_denominator: number;
  customer_churn_rate: number | null;
  customer_retention_rate: number | null;
  customer_acquisition_rate: number | null;
  gross_mrr_churn_rate: number | null;
  net_mrr_churn_rate: number | null;
  grr: number | null;
  nrr: number | null;
  quick_ratio: number | null;
  arpa: number | null;
  annualized_customer_churn_rate: number | null;
  ltv: number | null;
  ltv_trailing_6m: number | null;
  revenue_lost_mrr: number;
  revenue_lost_arr: number;
  new_mrr_needed: number;
}

/** A period's customer counts and MRR amounts, in bridge order (start, movements, end). */
export const PERIOD_COUNT_COLUMNS = [
  'customers_start',
  'customers_new',
  'customers_reactivated',
  'customers_expanded',
  'customers_contracted',
  'customers_churned',
  'customers_end',
] as const satisfies readonly (keyof PeriodRow)[];
export const PERIOD_MRR_COLUMNS = [
  'mrr_start',
  'mrr_new',
  'mrr_reactivation',
  'mrr_expansion',
  'mrr_contraction',
  'mrr_churned',
  'mrr_end',
] as const satisfies readonly (keyof PeriodRow)[];

export interface SegmentRow {
  segment: string;
  customers_total: number;
  customers_churned_total: number;
  churned_share: number;
  mean_mrr: number | null;
  churned_mrr_total: number;
  churned_mrr_share: number | null;
  monthly_customer_churn_rate: number | null;
  annualized_customer_churn_rate: number | null;
  benchmark_low: number | null;
  benchmark_high: number | null;
  periods: PeriodRow[];
}

export interface Headline {
  customer_churn_rate: number | null;
  gross_mrr_churn_rate: number | null;
  net_mrr_churn_rate: number | null;
  grr: number | null;
  nrr: number | null;
  quick_ratio: number | null;
  customers_churned: number;
  periods: number;
}

export interface AnalysisResult {
  settings: {
    period: AnalysisSettings['period'];
    preset: AnalysisSettings['preset'];
    methodology: Methodology;
    as_of: string;
    from: string | null;
    to: string | null;
    segment_rule: AnalysisSettings['segmentRule'];
    filters: AnalysisSettings['filters'];
    at_risk: AnalysisSettings['atRisk'];
    cohort_period: 'month' | 'quarter';
    /** The currency every amount is in (ISO code), when the data named one. */
    reporting_currency: string | null;
  };
  headline: Headline | null;
  periods: PeriodRow[];
  segments: SegmentRow[];
  cohorts: {
    period: 'month' | 'quarter';
    logo: { cohort: string; size: number; retention: number[]; retention_or_later: number[]; active: number[]; active_or_later: number[] }[];
    revenue: { cohort: string; mrr: number; retention: (number | null)[]; mrr_by_period: number[] }[];
    average: { k: number; size: number; logo_retention: number; logo_retention_or_later: number; revenue_retention: number | null }[];
  };
  churn_reasons: { reason: string; churn_type: string; customers: number; mrr: number; share_of_customers: number; share_of_mrr: number | null }[];
  churn_types: { churn_type: string; customers: number; mrr: number }[];
  at_risk: { customer_id: string; mrr_before: number | null; mrr: number; change: number; contractions: number; reason: string }[];
  methodology_comparison: (Headline & { preset: string; label: string; differs_in: string[] })[];
}

/** One customer: attributes, MRR month by month, and each movement. */
export interface CustomerHistory {
  customerId: string;
  segment: string;
  attributes: Record<string, string | number | null>;
  months: { month: string; mrr: number }[];
  movements: { month: string; movement: string; mrr_before: number; mrr_after: number }[];
}
