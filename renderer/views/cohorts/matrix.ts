// The cohort matrix the screen shows, picked out of the engine's result for the
// chosen measure, unit and basis. Nothing here computes a metric: every value
// is one the engine reported (docs/METRICS.md, "Cohorts"); this only arranges
// them into rows (cohorts) and columns (k = periods since the first one).
import type { AnalysisResult } from '../../../shared/analysis.js';

export type Measure = 'logo' | 'revenue';
export type Unit = 'percent' | 'counts';
/** Active at the end of period k, or active in any period from k on. */
export type Basis = 'period' | 'later';

export type Cohorts = AnalysisResult['cohorts'];

export interface CohortRow {
  cohort: string;
  /** Customers in the cohort (logo) or its MRR at the end of its first period (revenue). */
  base: number;
  /** The retention share per k, as the engine reported it: colours the cell (null: not measurable). */
  shares: (number | null)[];
  /** The value shown per k: the share, or the count (customers or MRR) behind it. */
  values: (number | null)[];
}

export interface CohortMatrix {
  period: Cohorts['period'];
  /** 0 … the oldest cohort's last k. */
  ks: number[];
  rows: CohortRow[];
  /** The weighted average per k (a rate), or null where no cohort has reached k. */
  average: (number | null)[];
  /** How the values read: shares, customer counts, or money. */
  format: 'percent' | 'integer' | 'money';
}

/** The combinations the engine reports: "k or later" exists for logos (shares and counts). */
export function supported(measure: Measure, _unit: Unit, basis: Basis): boolean {
  return basis === 'period' || measure === 'logo';
}

export function cohortMatrix(cohorts: Cohorts, measure: Measure, unit: Unit, basis: Basis): CohortMatrix {
  const later = basis === 'later' && supported(measure, unit, basis);
  const rows: CohortRow[] =
    measure === 'logo'
      ? cohorts.logo.map((c) => {
          const shares = later ? c.retention_or_later : c.retention;
          const counts = later ? c.active_or_later : c.active;
          return { cohort: c.cohort, base: c.size, shares, values: unit === 'counts' ? counts : shares };
        })
      : cohorts.revenue.map((c) => ({
          cohort: c.cohort,
          base: c.mrr,
          shares: c.retention,
          values: unit === 'counts' ? c.mrr_by_period : c.retention,
        }));
  const width = Math.max(0, ...rows.map((r) => r.shares.length), ...cohorts.average.map((a) => a.k + 1));
  const ks = Array.from({ length: width }, (_, k) => k);
  const byK = new Map(cohorts.average.map((a) => [a.k, a]));
  const average = ks.map((k) => {
    const a = byK.get(k);
    if (!a) return null;
    return measure === 'revenue' ? a.revenue_retention : later ? a.logo_retention_or_later : a.logo_retention;
  });
  return { period: cohorts.period, ks, rows, average, format: unit === 'percent' ? 'percent' : measure === 'logo' ? 'integer' : 'money' };
}
