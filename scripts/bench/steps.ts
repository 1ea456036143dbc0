// What npm run bench times, shared by the app's side, the baseline's side and
// the table: the steps in order and the re-analyses (one control changed each).
import { DEFAULT_SEGMENT_RULES, type AnalysisSettings } from '../../shared/metrics.js';

export const REANALYSES = ['filter', 'segment rule', 'preset', 'period', 'range'] as const;
export type Reanalysis = (typeof REANALYSES)[number];

/** The settings each re-analysis changes, for data whose as-of month starts `asOf` (the range: its last year). */
export function reanalysisChanges(asOf: string): Record<Reanalysis, Partial<AnalysisSettings>> {
  const yearBefore = `${Number(asOf.slice(0, 4)) - 1}${asOf.slice(4, 7)}-01`;
  return {
    filter: { filters: [{ attribute: 'country', op: 'eq', values: ['US'] }] },
    'segment rule': { segmentRule: DEFAULT_SEGMENT_RULES.acv },
    preset: { preset: 'stripe' },
    period: { period: 'quarter' },
    range: { from: yearBefore, to: asOf },
  };
}

/** Kaplan-Meier by segment with the log-rank test (the Survival screen's default), after the re-analyses. */
export const SURVIVAL_STEP = 'survival by segment + log-rank';

export const STEPS = ['import', 'first screen', ...REANALYSES, SURVIVAL_STEP] as const;

export interface StepTiming {
  step: string;
  seconds: number;
  /** Peak resident memory of the process so far, MiB. */
  rssMiB: number;
}
