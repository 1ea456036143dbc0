// A scenario against its baseline (docs/SCENARIOS.md, "Comparison"): ARR at
// the horizon, revenue gained or lost over months 1…H and its present value,
// gross profit, churned MRR avoided and LTV, per segment and in total.
// Gross margin and discount rate value the difference: both projections use
// the scenario's.
import type { Comparison, ProjectionMonth, Projection, SegmentComparison } from '../../shared/scenarios.js';
import type { SegmentStart } from './levers.js';

/** Discount factor of month t at an annual rate: 1 ÷ (1 + r)^(t/12). */
export const discountFactor = (annualRate: number, t: number) => 1 / (1 + annualRate) ** (t / 12);

const sumOf = (months: ProjectionMonth[], pick: (m: ProjectionMonth) => number) => months.reduce((s, m) => s + pick(m), 0);

/**
 * LTV = gross margin × ARPA ÷ monthly churn, both pooled over months 1…H:
 * ARPA = Σ MRR ÷ Σ customers, churn = Σ churned customers ÷ Σ customers at the
 * start of each month. Null without churn.
 */
export function ltv(months: ProjectionMonth[], margin: number): number | null {
  const ahead = months.slice(1);
  const customers = sumOf(ahead, (m) => m.customers);
  const atStart = sumOf(months.slice(0, -1), (m) => m.customers);
  const churned = sumOf(ahead, (m) => m.churned_customers);
  if (customers <= 0 || atStart <= 0 || churned <= 0) return null;
  return (margin * (sumOf(ahead, (m) => m.mrr) / customers)) / (churned / atStart);
}

function compareSegment(segment: string, base: ProjectionMonth[], scen: ProjectionMonth[], start: SegmentStart): SegmentComparison {
  const horizon = scen.length - 1;
  let revenue = 0;
  let revenuePv = 0;
  let profit = 0;
  let profitPv = 0;
  for (let t = 1; t <= horizon; t += 1) {
    const factor = discountFactor(start.discountRateAnnual, t);
    const diff = scen[t]!.mrr - base[t]!.mrr;
    const profitDiff = diff * start.grossMargin;
    revenue += diff;
    revenuePv += diff * factor;
    profit += profitDiff;
    profitPv += profitDiff * factor;
  }
  return {
    segment,
    arr_at_horizon_baseline: base[horizon]!.arr,
    arr_at_horizon_scenario: scen[horizon]!.arr,
    arr_at_horizon_difference: scen[horizon]!.arr - base[horizon]!.arr,
    revenue_difference: revenue,
    revenue_difference_pv: revenuePv,
    gross_profit_difference: profit,
    gross_profit_difference_pv: profitPv,
    churned_mrr_avoided: sumOf(base, (m) => m.churned_mrr) - sumOf(scen, (m) => m.churned_mrr),
    ltv_baseline: ltv(base, start.grossMargin),
    ltv_scenario: ltv(scen, start.grossMargin),
  };
}

/** Both projections are valued at the scenario's gross margin and discount rate of each segment (`starts`). */
export function compare(baseline: Projection, scenario: Projection, starts: SegmentStart[]): Comparison {
  const segments = scenario.segments.map((s, i) => compareSegment(s.segment, baseline.segments[i]!.months, s.months, starts[i]!));
  const total = (key: Exclude<keyof SegmentComparison, 'segment' | 'ltv_baseline' | 'ltv_scenario'>) => segments.reduce((s, c) => s + c[key], 0);
  return {
    arr_at_horizon_baseline: total('arr_at_horizon_baseline'),
    arr_at_horizon_scenario: total('arr_at_horizon_scenario'),
    arr_at_horizon_difference: total('arr_at_horizon_difference'),
    revenue_difference: total('revenue_difference'),
    revenue_difference_pv: total('revenue_difference_pv'),
    gross_profit_difference: total('gross_profit_difference'),
    gross_profit_difference_pv: total('gross_profit_difference_pv'),
    churned_mrr_avoided: total('churned_mrr_avoided'),
    segments,
  };
}
