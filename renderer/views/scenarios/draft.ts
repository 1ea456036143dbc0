// The scenario being edited, as the form holds it (numbers as typed), and its
// conversion to and from the scenario file format (shared/scenarios.ts). Only
// parsing: every rate and amount is the engine's to compute.
import { ALL_SEGMENTS, LEVER_NAMES, type Levers, type ScenarioInput } from '../../../shared/scenarios.js';

export type LeverKey = keyof Levers;
export type LeverText = Partial<Record<LeverKey, string>>;

export interface Draft {
  name: string;
  description: string;
  horizonMonths: number;
  trailingMonths: 3 | 6 | 12;
  churnModel: 'flat' | 'tenure';
  /** Where churn by tenure reads its rates: the cohort curves or the survival hazard. */
  tenureRates: 'cohorts' | 'hazard';
  /** Keyed by segment name or "All". */
  levers: Record<string, LeverText>;
  monteCarlo: { enabled: boolean; runs: string; seed: string };
  goalSeek: { enabled: boolean; solveFor: 'churn' | 'new_mrr'; targetArr: string; by: string };
}

/** The levers in the order the editor shows them, with the unit of each. */
export const LEVER_UNITS: Record<LeverKey, 'points' | 'percent' | 'fraction' | 'money'> = {
  churnPoints: 'points',
  churnPercent: 'percent',
  expansionRate: 'fraction',
  contractionRate: 'fraction',
  newCustomersPercent: 'percent',
  newMrrPerCustomer: 'money',
  priceChangePercent: 'percent',
  priceExtraChurnPoints: 'points',
  grossMargin: 'fraction',
  discountRateAnnual: 'fraction',
};
export const LEVERS: LeverKey[] = LEVER_NAMES;

export function newDraft(name = ''): Draft {
  return {
    name,
    description: '',
    horizonMonths: 24,
    trailingMonths: 6,
    churnModel: 'flat',
    tenureRates: 'cohorts',
    levers: { [ALL_SEGMENTS]: {} },
    monteCarlo: { enabled: true, runs: '1000', seed: '1' },
    goalSeek: { enabled: false, solveFor: 'churn', targetArr: '', by: '' },
  };
}

export function draftFrom(scenario: ScenarioInput): Draft {
  const levers: Record<string, LeverText> = {};
  for (const [segment, values] of Object.entries(scenario.levers ?? {})) {
    const text: LeverText = {};
    for (const key of LEVERS) if (values[key] !== undefined) text[key] = String(values[key]);
    levers[segment] = text;
  }
  if (Object.keys(levers).length === 0) levers[ALL_SEGMENTS] = {};
  return {
    name: scenario.name,
    description: scenario.description ?? '',
    horizonMonths: scenario.horizonMonths ?? 24,
    trailingMonths: scenario.trailingMonths ?? 6,
    churnModel: scenario.churnModel ?? 'flat',
    tenureRates: scenario.tenureRates ?? 'cohorts',
    levers,
    monteCarlo: scenario.monteCarlo
      ? { enabled: true, runs: String(scenario.monteCarlo.runs ?? 1000), seed: String(scenario.monteCarlo.seed ?? 1) }
      : { enabled: false, runs: '1000', seed: '1' },
    goalSeek: scenario.goalSeek
      ? { enabled: true, solveFor: scenario.goalSeek.solveFor, targetArr: String(scenario.goalSeek.targetArr), by: scenario.goalSeek.by }
      : { enabled: false, solveFor: 'churn', targetArr: '', by: '' },
  };
}

export type Parsed = { ok: true; scenario: ScenarioInput } | { ok: false; field: string; value: string };

/** The draft as a scenario. A field that is not a number is named; ranges are the engine's to check. */
export function toScenario(draft: Draft): Parsed {
  const levers: Record<string, Levers> = {};
  for (const [segment, text] of Object.entries(draft.levers)) {
    const values: Levers = {};
    for (const key of LEVERS) {
      const raw = text[key]?.trim();
      if (!raw) continue;
      const value = Number(raw);
      if (!Number.isFinite(value)) return { ok: false, field: `${segment} · ${key}`, value: raw };
      values[key] = value;
    }
    if (Object.keys(values).length > 0) levers[segment] = values;
  }
  const scenario: ScenarioInput = {
    name: draft.name,
    horizonMonths: draft.horizonMonths,
    trailingMonths: draft.trailingMonths,
    churnModel: draft.churnModel,
    ...(draft.churnModel === 'tenure' && draft.tenureRates === 'hazard' ? { tenureRates: 'hazard' as const } : {}),
    levers,
  };
  if (draft.description.trim()) scenario.description = draft.description;
  if (draft.monteCarlo.enabled) {
    const runs = Number(draft.monteCarlo.runs);
    const seed = Number(draft.monteCarlo.seed);
    if (!Number.isFinite(runs) || draft.monteCarlo.runs.trim() === '') return { ok: false, field: 'monteCarlo.runs', value: draft.monteCarlo.runs };
    if (!Number.isFinite(seed) || draft.monteCarlo.seed.trim() === '') return { ok: false, field: 'monteCarlo.seed', value: draft.monteCarlo.seed };
    scenario.monteCarlo = { runs, seed };
  }
  if (draft.goalSeek.enabled) {
    const target = Number(draft.goalSeek.targetArr);
    if (!Number.isFinite(target) || draft.goalSeek.targetArr.trim() === '') return { ok: false, field: 'goalSeek.targetArr', value: draft.goalSeek.targetArr };
    scenario.goalSeek = { solveFor: draft.goalSeek.solveFor, targetArr: target, by: draft.goalSeek.by };
  }
  return { ok: true, scenario };
}
