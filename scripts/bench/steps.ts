// What npm run bench times, shared by the app's side, the baseline's side and
// the table: the steps in order and the re-analyses (one control changed each).
export const REANALYSES = ['filter', 'segment rule', 'preset', 'period', 'range'] as const;
export type Reanalysis = (typeof REANALYSES)[number];

/** Kaplan-Meier by segment with the log-rank test (the Survival screen's default), after the re-analyses. */
export const SURVIVAL_STEP = 'survival by segment + log-rank';

export const STEPS = ['import', 'first screen', ...REANALYSES, SURVIVAL_STEP] as const;

export interface StepTiming {
  step: string;
  seconds: number;
  /** Peak resident memory of the process so far, MiB. */
  rssMiB: number;
}
