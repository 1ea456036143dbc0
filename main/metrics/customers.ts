// The customers behind a number: every movement count and amount, the start
// and end of a period, and a cohort cell list who they are, with their MRR
// before and after — from the same CTEs the numbers come from.
import type { Drill } from '../../shared/metrics.js';
import { cohortsSql, type CohortPeriod } from './cohorts.js';
import { MONTHS_IN, movementCtes, periodLabelSql } from './periods.js';
import { asOfIndex, type MetricContext } from './scope.js';
import { EngineError } from '../../shared/result.js';
import { churnDetailCtes } from './reasons.js';
import { monthText, num, str, withCtes } from '../runtime/sql.js';

export function drillSql(ctx: MetricContext, drill: Drill): string {
  const bySegment = drill.segment !== undefined;
  const segmentFilter = bySegment ? ` AND dim = ${str(drill.segment!)}` : '';
  if (drill.kind === 'cohort') return cohortMembersSql(ctx, drill.cohortPeriod, drill.cohort, drill.k, drill.segment);
  if (drill.kind === 'churn_reason') return churnReasonMembersSql(ctx, drill);
  const k = MONTHS_IN[ctx.settings.period];
  const label = (indexSql: string) => periodLabelSql(ctx.settings.period, `(${indexSql}) // ${num(k)} * ${num(k)}`);
  const ctes = movementCtes(ctx, bySegment);
  if (drill.kind === 'movement') {
    return withCtes(
      ctes,
      `
SELECT dim AS segment, customer_id, ${label('m')} AS period, ${monthText('m')} AS month,
  movement, CAST(mrr_before AS DOUBLE) AS mrr_before, CAST(mrr_after AS DOUBLE) AS mrr_after,
  CAST(abs(mrr_after - mrr_before) AS DOUBLE) AS amount
FROM moves WHERE movement = ${str(drill.movement)} AND ${label('m')} = ${str(drill.period)}${segmentFilter}
ORDER BY amount DESC, customer_id, month`,
    );
  }
  // Start of a period = the month before its first month; end = its last month (or the as-of month).
  const first = periodFirstMonthIndex(drill.period);
  const month = drill.kind === 'start' ? `${num(first - 1)}` : `least(${num(first + k - 1)}, ${asOfIndex(ctx)})`;
  return withCtes(
    ctes,
    `
SELECT dim AS segment, customer_id, CAST(mrr AS DOUBLE) AS mrr
FROM active WHERE m = ${month}${segmentFilter}
ORDER BY mrr DESC, customer_id`,
  );
}

/** "2024-03", "2024-Q2" or "2024" → months since year 0 of the period's first month. */
export function periodFirstMonthIndex(label: string): number {
  const match = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(label);
  if (!match) throw new EngineError('invalid_request', `"${label}" is not a period: use 2024-03, 2024-Q2 or 2024.`);
  const year = Number(match[1]);
  if (match[2]) return year * 12 + Number(match[2]) - 1;
  if (match[3]) return year * 12 + (Number(match[3]) - 1) * 3;
  return year * 12;
}

function cohortMembersSql(ctx: MetricContext, cohortPeriod: CohortPeriod, cohort: string, k: number, segment?: string): string {
  const months = MONTHS_IN[cohortPeriod];
  const bySegment = segment !== undefined;
  // Reuse the cohort CTEs: members of the cohort and whether each is active at the end of period k.
  const cohorts = cohortsSql(ctx, cohortPeriod, bySegment);
  const withClause = cohorts.slice(0, cohorts.lastIndexOf('\nSELECT c.dim AS segment'));
  return `${withClause}
SELECT mb.dim AS segment, mb.customer_id,
  CAST(st.mrr AS DOUBLE) AS mrr_start, CAST(a.mrr AS DOUBLE) AS mrr_in_period, a.cidx IS NOT NULL AS active
FROM members mb
JOIN ends e0 ON e0.p = mb.cohort_p
JOIN ends e ON e.p = mb.cohort_p + ${num(k)}
LEFT JOIN active st ON st.cidx = mb.cidx AND st.m = e0.end_m
LEFT JOIN active a ON a.cidx = mb.cidx AND a.m = e.end_m
WHERE ${periodLabelSql(cohortPeriod, `mb.cohort_p * ${num(months)}`)} = ${str(cohort)}${bySegment ? ` AND mb.dim = ${str(segment!)}` : ''}
ORDER BY active DESC, mrr_in_period DESC NULLS LAST, mb.customer_id`;
}

/** The churns in the range behind a row of the churn reasons (or churn types) table: the same churn_detail rows. */
function churnReasonMembersSql(ctx: MetricContext, drill: Extract<Drill, { kind: 'churn_reason' }>): string {
  const bySegment = drill.segment !== undefined;
  const where = [
    drill.reason !== undefined ? `reason = ${str(drill.reason)}` : null,
    drill.churnType !== undefined ? `churn_type = ${str(drill.churnType)}` : null,
    bySegment ? `dim = ${str(drill.segment!)}` : null,
  ].filter(Boolean);
  return withCtes(
    churnDetailCtes(ctx, bySegment),
    `
SELECT dim AS segment, customer_id, ${monthText('m')} AS month, reason, churn_type, CAST(mrr AS DOUBLE) AS mrr_before
FROM churn_detail${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
ORDER BY mrr_before DESC, customer_id, month`,
  );
}
