// From a baseline segment and a scenario's levers to the monthly rates the
// projection applies (docs/SCENARIOS.md, "Levers"). The same formulas are
// written into the XLSX export (xlsx.ts), so both must change together.
import { ALL_SEGMENTS, type BaselineMonth, type BaselineSegment, type Levers, type Scenario } from '../../shared/scenarios.js';

/** The rates of one segment for one month of the projection, levers applied. */
export interface SegmentRates {
  /** Monthly customer churn per tenure bucket; one bucket in the flat model. */
  churn: number[];
  expansion: number;
  contraction: number;
  reactivationCustomers: number;
  reactivationMrr: number;
  newCustomers: number;
  newMrrPerCustomer: number;
  /** Fractions, applied in month 1 only. */
  priceChange: number;
  priceExtraChurn: number;
}

/** A segment's starting point (customers and MRR per tenure bucket) and its money settings. */
export interface SegmentStart {
  segment: string;
  customers: number[];
  mrr: number[];
  grossMargin: number;
  discountRateAnnual: number;
}

/** The rates as history gives them, before levers. */
export interface BaseRates {
  churn: number[];
  expansion: number;
  contraction: number;
  reactivationCustomers: number;
  reactivationMrr: number;
  newCustomers: number;
  newMrrPerCustomer: number;
}

/** Shifts on top of the levers, for sensitivity and goal seek (fractions, factors). */
export interface Perturbation {
  churn?: number;
  expansion?: number;
  contraction?: number;
  newCustomersFactor?: number;
  newMrrFactor?: number;
  priceChange?: number;
  priceExtraChurn?: number;
}

export const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** A segment's levers: its own, else the ones for all segments, field by field. */
export function leversFor(scenario: Pick<Scenario, 'levers'>, segment: string): Levers {
  return { ...scenario.levers[ALL_SEGMENTS], ...scenario.levers[segment] };
}

/** The effective churn of one bucket: the formula the XLSX's Assumptions sheet writes too. */
export function effectiveChurn(base: number, levers: Levers, shift = 0): number {
  return clamp01(base * (1 + (levers.churnPercent ?? 0) / 100) + (levers.churnPoints ?? 0) / 100 + shift);
}

export function baseRates(segment: BaselineSegment, tenure: boolean): BaseRates {
  const churn = segment.customer_churn_rate ?? 0;
  return {
    churn: tenure ? (segment.tenure_churn ?? [churn]) : [churn],
    expansion: segment.expansion_rate ?? 0,
    contraction: segment.contraction_rate ?? 0,
    // The cohort curves count a returning customer as active again: in the tenure model returns are inside churn.
    reactivationCustomers: tenure ? 0 : (segment.reactivation_customer_rate ?? 0),
    reactivationMrr: tenure ? 0 : (segment.reactivation_mrr_rate ?? 0),
    newCustomers: segment.new_customers,
    newMrrPerCustomer: segment.new_mrr_per_customer ?? 0,
  };
}

/**
 * The rates of one historical month (for Monte Carlo): that month's own
 * rates, each falling back to the trailing average when the month has no
 * denominator for it; churn by tenure is scaled by the month's churn over the
 * average.
 */
export function monthRates(segment: BaselineSegment, month: BaselineMonth | undefined, tenure: boolean): BaseRates {
  const average = baseRates(segment, tenure);
  if (!month) return average;
  const mean = segment.customer_churn_rate ?? 0;
  const churn = month.customer_churn_rate ?? mean;
  return {
    churn: tenure ? average.churn.map((h) => (mean > 0 ? clamp01((h * churn) / mean) : h)) : [churn],
    expansion: month.expansion_rate ?? average.expansion,
    contraction: month.contraction_rate ?? average.contraction,
    reactivationCustomers: tenure ? 0 : (month.reactivation_customer_rate ?? average.reactivationCustomers),
    reactivationMrr: tenure ? 0 : (month.reactivation_mrr_rate ?? average.reactivationMrr),
    newCustomers: month.customers_new,
    newMrrPerCustomer: month.new_mrr_per_customer ?? average.newMrrPerCustomer,
  };
}

/** Levers (and a perturbation) applied to base rates. */
export function applyLevers(base: BaseRates, levers: Levers, shift: Perturbation = {}): SegmentRates {
  return {
    churn: base.churn.map((h) => effectiveChurn(h, levers, shift.churn)),
    expansion: Math.max(0, (levers.expansionRate ?? base.expansion) + (shift.expansion ?? 0)),
    contraction: clamp01((levers.contractionRate ?? base.contraction) + (shift.contraction ?? 0)),
    reactivationCustomers: base.reactivationCustomers,
    reactivationMrr: base.reactivationMrr,
    newCustomers: Math.max(0, base.newCustomers * (1 + (levers.newCustomersPercent ?? 0) / 100) * (shift.newCustomersFactor ?? 1)),
    newMrrPerCustomer: Math.max(0, (levers.newMrrPerCustomer ?? base.newMrrPerCustomer) * (shift.newMrrFactor ?? 1)),
    priceChange: Math.max(-1, (levers.priceChangePercent ?? 0) / 100 + (shift.priceChange ?? 0)),
    priceExtraChurn: clamp01((levers.priceExtraChurnPoints ?? 0) / 100 + (shift.priceExtraChurn ?? 0)),
  };
}

export function segmentStart(segment: BaselineSegment, levers: Levers, defaultMargin: number, tenure: boolean): SegmentStart {
  return {
    segment: segment.segment,
    customers: tenure && segment.tenure_customers ? segment.tenure_customers : [segment.customers],
    mrr: tenure && segment.tenure_mrr ? segment.tenure_mrr : [segment.mrr],
    grossMargin: levers.grossMargin ?? defaultMargin,
    discountRateAnnual: levers.discountRateAnnual ?? 0,
  };
}
