// What npm run bench times, shared by the app's side, the baseline's side and
// the table: the steps in order and the re-analyses (one control changed each).
export const REANALYSES = ['filter', 'segment rule', 'preset', 'period', 'range'] as const;
export type Reanalysis = (typeof REANALYSES)[number];

export const STEPS = ['import', 'first screen', ...REANALYSES] as const;

export interface StepTiming {
  step: string;
  seconds: number;
  /** Peak resident memory of the process so far, MiB. */
  rssMiB: number;
}
