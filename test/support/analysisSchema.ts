// The analysis result's shape as a zod schema, for tests: main/metrics/analyze.ts
// builds the result from SQL rows, which TypeScript cannot check; parsing it
// with these strict objects catches a missing, extra or mistyped column.
// The compile-time checks at the end keep this schema and shared/analysis.ts equal.
import { z } from 'zod';
import type { AnalysisResult, Headline, PeriodRow, SegmentRow } from '../../shared/analysis.js';
import { analysisSettingsSchema, methodologySchema, PERIODS, PRESETS } from '../../shared/metrics.js';

const count = z.number().int().min(0);
const money = z.number().finite();
const rate = z.number().finite().nullable();

export const periodRowSchema = z
  .object({
    period: z.string(),
    customers_start: count,
    customers_new: count,
    customers_reactivated: count,
    customers_expanded: count,
    customers_contracted: count,
    customers_churned: count,
    customers_end: count,
    mrr_start: money,
    mrr_new: money,
    mrr_reactivation: money,
    mrr_expansion: money,
    mrr_contraction: money,
    mrr_churned: money,
    mrr_end: money,
    churn_numerator: count,
    churn_denominator: count,
    customer_churn_rate: rate,
    customer_retention_rate: rate,
    customer_acquisition_rate: rate,
    gross_mrr_churn_rate: rate,
    net_mrr_churn_rate: rate,
    grr: rate,
    nrr: rate,
    quick_ratio: rate,
    arpa: rate,
    annualized_customer_churn_rate: rate,
    ltv: rate,
    ltv_trailing_6m: rate,
    revenue_lost_mrr: money,
    revenue_lost_arr: money,
    new_mrr_needed: money,
  })
  .strict();

const segmentRowSchema = z
  .object({
    segment: z.string(),
    customers_total: count,
    customers_churned_total: count,
    churned_share: z.number().finite(),
    mean_mrr: rate,
    churned_mrr_total: money,
    churned_mrr_share: rate,
    monthly_customer_churn_rate: rate,
    annualized_customer_churn_rate: rate,
    benchmark_low: rate,
    benchmark_high: rate,
    periods: z.array(periodRowSchema),
  })
  .strict();

const headlineSchema = z
  .object({
    customer_churn_rate: rate,
    gross_mrr_churn_rate: rate,
    net_mrr_churn_rate: rate,
    grr: rate,
    nrr: rate,
    quick_ratio: rate,
    customers_churned: count,
    periods: count,
  })
  .strict();

const cohortPeriod = z.enum(['month', 'quarter']);

export const analysisResultSchema = z
  .object({
    settings: z
      .object({
        period: z.enum(PERIODS),
        preset: z.enum(PRESETS),
        methodology: methodologySchema.strict(),
        as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        from: z.string().nullable(),
        to: z.string().nullable(),
        segment_rule: analysisSettingsSchema.shape.segmentRule,
        filters: analysisSettingsSchema.shape.filters,
        at_risk: analysisSettingsSchema.shape.atRisk,
        cohort_period: cohortPeriod,
        reporting_currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
      })
      .strict(),
    headline: headlineSchema.nullable(),
    periods: z.array(periodRowSchema),
    segments: z.array(segmentRowSchema),
    cohorts: z
      .object({
        period: cohortPeriod,
        logo: z.array(
          z
            .object({
              cohort: z.string(),
              size: count,
              retention: z.array(z.number().finite()),
              retention_or_later: z.array(z.number().finite()),
              active: z.array(count),
              active_or_later: z.array(count),
            })
            .strict(),
        ),
        revenue: z.array(z.object({ cohort: z.string(), mrr: money, retention: z.array(rate), mrr_by_period: z.array(money) }).strict()),
        average: z.array(
          z
            .object({ k: count, size: count, logo_retention: z.number().finite(), logo_retention_or_later: z.number().finite(), revenue_retention: rate })
            .strict(),
        ),
      })
      .strict(),
    churn_reasons: z.array(
      z.object({ reason: z.string(), churn_type: z.string(), customers: count, mrr: money, share_of_customers: z.number().finite(), share_of_mrr: rate }).strict(),
    ),
    churn_types: z.array(z.object({ churn_type: z.string(), customers: count, mrr: money }).strict()),
    at_risk: z.array(
      z.object({ customer_id: z.string(), mrr_before: rate, mrr: money, change: money, contractions: count, reason: z.string() }).strict(),
    ),
    methodology_comparison: z.array(headlineSchema.extend({ preset: z.string().refine((p) => (PRESETS as readonly string[]).includes(p), 'a preset'), label: z.string(), differs_in: z.array(z.string()) }).strict()),
  })
  .strict();

// Both ways assignable: the schema describes exactly shared/analysis.ts's types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const samePeriod: Same<z.infer<typeof periodRowSchema>, PeriodRow> = true;
const sameSegment: Same<z.infer<typeof segmentRowSchema>, SegmentRow> = true;
const sameHeadline: Same<z.infer<typeof headlineSchema>, Headline> = true;
const sameResult: Same<z.infer<typeof analysisResultSchema>, AnalysisResult> = true;
void [samePeriod, sameSegment, sameHeadline, sameResult];
