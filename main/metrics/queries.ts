// Every metric family's SQL by name: what "show SQL" returns, as a statement
// that runs as-is in DuckDB on the workspace.
import type { MetricQuery } from '../../shared/metrics.js';
import { atRiskSql } from './atRisk.js';
import { cohortAverageSql, cohortsSql } from './cohorts.js';
import { comparisonSql, headlineSql } from './comparison.js';
import { periodsSql } from './periods.js';
import { churnReasonsSql, churnTypesSql } from './reasons.js';
import type { MetricContext } from './scope.js';
import { segmentsSql } from './segments.js';

export function metricQuerySql(ctx: MetricContext, query: MetricQuery): string {
  const cohortPeriod = ctx.settings.period === 'month' ? 'month' : 'quarter';
  const builders: Record<MetricQuery, () => string> = {
    periods: () => periodsSql(ctx, false),
    segment_periods: () => periodsSql(ctx, true),
    segments: () => segmentsSql(ctx),
    cohorts: () => cohortsSql(ctx, cohortPeriod),
    cohort_average: () => cohortAverageSql(ctx, cohortPeriod),
    churn_reasons: () => churnReasonsSql(ctx),
    churn_types: () => churnTypesSql(ctx),
    at_risk: () => atRiskSql(ctx),
    headline: () => headlineSql(ctx),
    methodology_comparison: () => comparisonSql(ctx),
  };
  return builders[query]().trim();
}
