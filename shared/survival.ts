// Survival analysis (docs/METRICS.md, "Survival"): how long customers stay.
// The request's options and the result's shape, shared by the engine, the UI,
// the CLI and reports. Times are in the lifetimes' unit (months by default).
import { z } from 'zod';
import { analysisSettingsSchema } from './metrics.js';

const columnName = z.string().min(1).max(200);

/** Where lifetimes come from: the churn model, or a plain table with a time and an event column. */
export const lifetimeSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('model') }),
  z.object({
    kind: z.literal('table'),
    /** A table of the workspace's `main` schema (an opened file). */
    table: z.string().min(1).max(128).regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'table names are letters, digits and underscores'),
    time: columnName,
    /** Coded 1/0, true/false, yes/no, or R's 2 = event / 1 = censored. */
    event: columnName,
  }),
]);
export type LifetimeSource = z.infer<typeof lifetimeSourceSchema>;

/** Groups with these names come from the model; any other name is a customer attribute (or the table's column). */
export const SURVIVAL_GROUPS = ['segment', 'cohort', 'plan'] as const;

export const survivalOptionsSchema = z.object({
  source: lifetimeSourceSchema,
  /** Model lifetimes: whole months of revenue, or days between known start and end dates. */
  unit: z.enum(['months', 'days']),
  /** Model lifetimes after a reactivation: the first spell only, or every spell as its own lifetime. */
  spells: z.enum(['first', 'every']),
  /** `segment`, `cohort` (year of the start), `plan`, any customer attribute, or a column of the table; null = everyone together. */
  groupBy: columnName.nullable(),
  /** Survival read off the curve at these times. */
  times: z.array(z.number().min(0).max(1e9)).max(20),
  /** Restricted mean survival up to this time; null = the shortest group's last time. */
  horizon: z.number().positive().max(1e9).nullable(),
  /** Width of the hazard's intervals, in the lifetimes' unit; null = a month (1, or 30.4375 days; 1 for a table). */
  hazardWidth: z.number().positive().max(1e9).nullable(),
});
export type SurvivalOptions = z.infer<typeof survivalOptionsSchema>;

export const DEFAULT_SURVIVAL_OPTIONS: SurvivalOptions = {
  source: { kind: 'model' },
  unit: 'months',
  spells: 'first',
  groupBy: null,
  times: [12, 24, 36],
  horizon: null,
  hazardWidth: null,
};


/** The lifetimes behind a point of a curve: those at risk at `time`, or those whose event was at `time`. */
export const survivalDrillSchema = z.object({
  group: z.string().max(500),
  time: z.number().min(0),
  who: z.enum(['at_risk', 'events']),
  /** At most this many lifetimes, in the list's order (a screen shows a few thousand; early in a curve nearly everyone is at risk). */
  limit: z.number().int().min(1).max(10_000_000).optional(),
});
export type SurvivalDrill = z.infer<typeof survivalDrillSchema>;

/** One distinct time of a group's curve (event or censoring), as R's survfit lists it. */
export interface KaplanMeierRow {
  time: number;
  n_risk: number;
  n_event: number;
  n_censor: number;
  surv: number;
  /** Greenwood standard error of S(t) (R: summary(fit)$std.err); null where S(t) = 0. */
  std_err: number | null;
  /** 95% confidence limits on the log scale; null where S(t) = 0. */
  lower: number | null;
  upper: number | null;
}

export interface Estimate {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SurvivalAt {
  time: number;
  /** Null when the time is past the group's last observed time. */
  surv: number | null;
  std_err: number | null;
  lower: number | null;
  upper: number | null;
  n_risk: number | null;
}

export interface HazardRow {
  /** Interval k covers (k − 1)·width < t ≤ k·width. */
  interval: number;
  from: number;
  to: number;
  at_risk: number;
  events: number;
  hazard: number | null;
}

export interface SurvivalGroup {
  group: string;
  n: number;
  events: number;
  censored: number;
  curve: KaplanMeierRow[];
  median: Estimate;
  at: SurvivalAt[];
  rmst: { horizon: number; estimate: number; std_err: number } | null;
  hazard: HazardRow[];
}

export interface LogRankGroup {
  group: string;
  n: number;
  observed: number;
  expected: number;
  /** (O − E)² ÷ E and (O − E)² ÷ V, as R's survdiff prints them. */
  oe2_e: number | null;
  oe2_v: number | null;
}

export interface LogRank {
  chisq: number;
  df: number;
  /** Null when df = 0 (fewer than two groups with expected events). */
  p: number | null;
  /** The p-value as a client reads it: "p = 0.012", "p < 0.001", "p < 1e-300" where it underflows. */
  p_text: string;
  groups: LogRankGroup[];
}

export interface SurvivalResult {
  unit: 'months' | 'days' | 'time';
  source: LifetimeSource['kind'];
  spells: 'first' | 'every';
  group_by: string | null;
  /** First day of the as-of month (model lifetimes); null for a table. */
  as_of: string | null;
  conf_level: number;
  hazard_width: number;
  groups: SurvivalGroup[];
  log_rank: LogRank | null;
  /** Rows left out, with the reason (a missing or negative time, an event value that is not an event code). */
  excluded: { reason: string; count: number }[];
  /** The statement computing the per-time table (group, time, events, censored, at risk): runs as-is in DuckDB. */
  sql: string;
}

const jobId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** The survival methods of the contract, spread into shared/contract.ts's requestSchemas. */
export const survivalRequestSchemas = {
  /** Kaplan-Meier per group, medians, survival at chosen times, restricted means, hazard and the log-rank test. */
  'survival.run': z.object({ settings: analysisSettingsSchema.partial(), survival: survivalOptionsSchema.partial(), jobId: jobId.optional() }).strict(),
  /** The lifetimes behind a point of a curve. */
  'survival.customers': z
    .object({ settings: analysisSettingsSchema.partial(), survival: survivalOptionsSchema.partial(), drill: survivalDrillSchema })
    .strict(),
} as const;

export interface SurvivalResponses {
  'survival.run': SurvivalResult;
  /** Arrow IPC stream bytes: customer_id (or line of a table), group, start, time, event. */
  'survival.customers': Uint8Array;
}

/** Below this p-value the groups' difference is called significant (the conventional 5%). */
export const SIGNIFICANCE_LEVEL = 0.05;
/** Groups expecting fewer events than this carry too little information to be named in the verdict. */
const VERDICT_MIN_EXPECTED = 5;

/**
 * The log-rank result as a client reads it (docs/METRICS.md, "Log-rank
 * test"): which group stays longest and which shortest — fewest and most
 * observed events relative to those expected under equal hazards (O ÷ E) —
 * whether the difference is significant, and the p-value in short. Worded by
 * each reader (screen, report) in its language.
 */
export interface SurvivalVerdict {
  kind: 'significant' | 'not_significant' | 'no_test';
  longest: string | null;
  shortest: string | null;
  /** "p < 0.001" or "p = 0.0653"; null without a test. */
  p: string | null;
}

export function survivalVerdict(test: LogRank | null): SurvivalVerdict {
  if (!test || test.p === null) return { kind: 'no_test', longest: null, shortest: null, p: null };
  const tested = test.groups.filter((g) => g.expected > 0);
  const informative = tested.filter((g) => g.expected >= VERDICT_MIN_EXPECTED);
  const ranked = (informative.length >= 2 ? informative : tested).slice().sort((a, b) => a.observed / a.expected - b.observed / b.expected);
  const p = test.p < 0.001 ? 'p < 0.001' : test.p_text;
  return {
    kind: test.p < SIGNIFICANCE_LEVEL ? 'significant' : 'not_significant',
    longest: ranked[0]?.group ?? null,
    shortest: ranked.at(-1)?.group ?? null,
    p,
  };
}
