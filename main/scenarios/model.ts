// A scenario over its baseline, ready to project: each segment's starting
// point, its levers, and its rates with and without them.
import { ALL_SEGMENTS, type Baseline, type Levers, type Scenario, type ScenarioWarning } from '../../shared/scenarios.js';
import { applyLevers, baseRates, leversFor, segmentStart, type Perturbation, type SegmentRates, type SegmentStart } from './levers.js';

export interface ScenarioModel {
  scenario: Scenario;
  baseline: Baseline;
  tenure: boolean;
  levers: Levers[];
  /** The baseline: no levers on rates; valued at the scenario's gross margin and discount rate. */
  baseStarts: SegmentStart[];
  baseRates: SegmentRates[];
  starts: SegmentStart[];
  /** The scenario's rates, optionally shifted (sensitivity, goal seek). */
  rates(shift?: Perturbation): SegmentRates[];
  warnings: ScenarioWarning[];
}

export function buildModel(baseline: Baseline, scenario: Scenario): ScenarioModel {
  const tenure = scenario.churnModel === 'tenure';
  const levers = baseline.segments.map((s) => leversFor(scenario, s.segment));
  const known = new Set(baseline.segments.map((s) => s.segment));
  const warnings = Object.keys(scenario.levers)
    .filter((name) => name !== ALL_SEGMENTS && !known.has(name))
    .map(
      (name): ScenarioWarning => ({
        code: 'unknown_segment',
        segment: name,
        known: [...known],
        message: `Levers for "${name}" were not applied: the baseline has no such segment (it has ${[...known].join(', ') || 'none'}).`,
      }),
    );
  if (baseline.segments.length === 0) warnings.push({ code: 'no_customers', message: 'The baseline has no customers: every projection is zero.' });
  return {
    scenario,
    baseline,
    tenure,
    levers,
    baseStarts: baseline.segments.map((s, i) => segmentStart(s, levers[i]!, baseline.gross_margin, tenure)),
    baseRates: baseline.segments.map((s) => applyLevers(baseRates(s, tenure), {})),
    starts: baseline.segments.map((s, i) => segmentStart(s, levers[i]!, baseline.gross_margin, tenure)),
    rates: (shift = {}) => baseline.segments.map((s, i) => applyLevers(baseRates(s, tenure), levers[i]!, shift)),
    warnings,
  };
}
