// Headline rates pooled over the reported range (sums of numerators over sums
// of denominators, so long and short periods weigh by their size), and the
// same headline under every preset side by side: why a billing tool shows
// another number.
import { PRESETS, PRESET_LABELS, PRESET_SETTINGS, type Methodology, type PresetName } from '../../shared/metrics.js';
import { periodsSql } from './periods.js';
import { overRange, rateSql } from './rates.js';
import type { MetricContext } from './scope.js';
import { str } from '../runtime/sql.js';

/** `periods`, when given, is a table holding periodsSql(ctx, false)'s rows: read instead of computing them again. */
export function headlineSql(ctx: MetricContext, periods?: string): string {
  const rates = rateSql(ctx.methodology, overRange);
  return `
SELECT
  CAST(${rates.customer_churn_rate} AS DOUBLE) AS customer_churn_rate,
  CAST(${rates.gross_mrr_churn_rate} AS DOUBLE) AS gross_mrr_churn_rate,
  CAST(${rates.net_mrr_churn_rate} AS DOUBLE) AS net_mrr_churn_rate,
  CAST(${rates.grr} AS DOUBLE) AS grr,
  CAST(${rates.nrr} AS DOUBLE) AS nrr,
  CAST(${rates.quick_ratio} AS DOUBLE) AS quick_ratio,
  CAST(sum(customers_churned) AS BIGINT) AS customers_churned,
  count(*) AS periods
FROM (${periods ? `SELECT * FROM ${periods}` : periodsSql(ctx, false)})`;
}

/** The settings in which a preset differs from the one in use. */
export function differingSettings(preset: Methodology, current: Methodology): string[] {
  return (Object.keys(preset) as (keyof Methodology)[]).filter((key) => preset[key] !== current[key]);
}

/** The analysis context under a preset: its methodology in full, no overrides. */
export function presetContext(ctx: MetricContext, preset: PresetName): MetricContext {
  return { ...ctx, settings: { ...ctx.settings, preset, methodology: {} }, methodology: PRESET_SETTINGS[preset], materialized: undefined };
}

/**
 * The headline under every preset. `materializedFor` gives the tables a
 * preset's context may read its active months and movements from (analyze.ts
 * computes them once per distinct set); without it every preset's SQL is
 * self-contained (what "show SQL" gives).
 */
export function comparisonSql(ctx: MetricContext, materializedFor?: (presetCtx: MetricContext) => MetricContext['materialized']): string {
  return comparisonPartsSql(ctx, materializedFor).join('\nUNION ALL\n');
}

/** One query per preset, in PRESETS order: run one after another, they need a quarter of the memory at once. */
export function comparisonPartsSql(ctx: MetricContext, materializedFor?: (presetCtx: MetricContext) => MetricContext['materialized']): string[] {
  return PRESETS.map((preset) => {
    const presetCtx = presetContext(ctx, preset);
    const materialized = materializedFor?.(presetCtx);
    return `SELECT ${str(preset)} AS preset, ${str(PRESET_LABELS[preset])} AS label, * FROM (${headlineSql(materialized ? { ...presetCtx, materialized } : presetCtx)})`;
  });
}
