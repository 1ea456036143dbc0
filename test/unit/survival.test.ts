// Kaplan-Meier, medians, restricted means, hazard, the log-rank test and the
// chi-square tail on tiny cases worked out by hand (docs/METRICS.md, "Survival").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquareUpperTail, logChiSquareUpperTail } from '../../main/metrics/survival/chiSquare.js';
import { hazardByInterval } from '../../main/metrics/survival/hazard.js';
import { kaplanMeier, restrictedMean, survivalAt, Z_95 } from '../../main/metrics/survival/kaplanMeier.js';
import { logRank, pText } from '../../main/metrics/survival/logRank.js';
import { medianSurvival } from '../../main/metrics/survival/median.js';

const near = (actual: number | null | undefined, expected: number, what = '') =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-12, `${what}: expected ${expected}, got ${actual}`);

// Six lifetimes: an event at 1; two events and a censoring tied at 2; censored at 3; an event at 4.
const TIES = [
  { time: 1, events: 1, censored: 0 },
  { time: 2, events: 2, censored: 1 },
  { time: 3, events: 0, censored: 1 },
  { time: 4, events: 1, censored: 0 },
];

test('Kaplan-Meier: events before censoring at a tied time, Greenwood and the log-scale interval', () => {
  const curve = kaplanMeier(TIES);
  assert.deepEqual(curve.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor]), [[1, 6, 1, 0], [2, 5, 2, 1], [3, 2, 0, 1], [4, 1, 1, 0]]);
  near(curve[0]!.surv, 5 / 6);
  // The one censored at 2 is still at risk at 2: S = 5/6 · (1 − 2/5) = 1/2.
  near(curve[1]!.surv, 1 / 2);
  near(curve[2]!.surv, 1 / 2);
  assert.equal(curve[3]!.surv, 0);
  // σ² = 1/(6·5) + 2/(5·3) = 1/6.
  near(curve[1]!.std_err, 0.5 * Math.sqrt(1 / 6), 'SE');
  near(curve[1]!.lower, 0.5 * Math.exp(-Z_95 * Math.sqrt(1 / 6)), 'lower');
  // 0.5·e^{1.96·0.408} = 1.11: capped at 1.
  assert.equal(curve[1]!.upper, 1);
  near(curve[0]!.upper, Math.min(1, (5 / 6) * Math.exp(Z_95 * Math.sqrt(1 / 30))), 'upper');
  // S = 0: no standard error and no interval.
  assert.deepEqual([curve[3]!.std_err, curve[3]!.lower, curve[3]!.upper], [null, null, null]);
});

test('median: the midpoint where S(t) is exactly 1/2 over an interval; none when the curve stays above', () => {
  const median = medianSurvival(kaplanMeier(TIES));
  // S = 1/2 from 2 until the drop at 4: (2 + 4) / 2.
  assert.equal(median.estimate, 3);
  // The lower curve reaches 1/2 at 2 (0.5·e^{−1.96·0.408} < 1/2); the upper curve only at 4, where it is undefined: none.
  assert.equal(median.lower, 2);
  assert.equal(median.upper, null);
  const allCensored = kaplanMeier([{ time: 5, events: 0, censored: 3 }]);
  assert.deepEqual(medianSurvival(allCensored), { estimate: null, lower: null, upper: null });
  assert.deepEqual([allCensored[0]!.surv, allCensored[0]!.std_err, allCensored[0]!.lower, allCensored[0]!.upper], [1, 0, 1, 1]);
});

test('survival at chosen times and the restricted mean', () => {
  const curve = kaplanMeier(TIES);
  assert.deepEqual(survivalAt(curve, 0.5), { time: 0.5, surv: 1, std_err: 0, lower: 1, upper: 1, n_risk: 6 });
  const at = survivalAt(curve, 2.5);
  near(at.surv, 0.5);
  assert.equal(at.n_risk, 2);
  assert.equal(survivalAt(curve, 5).surv, null);
  // Area: 1·1 + (2 − 1)·5/6 + (4 − 2)·1/2.
  const rmst = restrictedMean(curve, 4);
  near(rmst.estimate, 1 + 5 / 6 + 1);
  // A_1 = area from 1 to 4 = 5/6 + 1, A_2 = area from 2 to 4 = 1 (the event at 4 adds nothing: area 0 and n = d).
  near(rmst.std_err, Math.sqrt((11 / 6) ** 2 * (1 / 30) + 1 * (2 / 15)));
});

test('hazard by interval: at risk at the start, events inside', () => {
  assert.deepEqual(
    hazardByInterval(TIES, 1).map((h) => [h.interval, h.at_risk, h.events]),
    [[1, 6, 1], [2, 5, 2], [3, 2, 0], [4, 1, 1]],
  );
  // Lifetimes of length 0 are never at risk in the first interval; width 2 pools months.
  assert.deepEqual(
    hazardByInterval([{ time: 0, events: 0, censored: 2 }, ...TIES], 2).map((h) => [h.from, h.to, h.at_risk, h.events]),
    [[0, 2, 6, 3], [2, 4, 2, 1]],
  );
});

test('log-rank: observed, expected, variance and chi-square for two small groups', () => {
  const result = logRank([
    { group: 'A', counts: [{ time: 1, events: 1, censored: 0 }, { time: 3, events: 1, censored: 0 }] },
    { group: 'B', counts: [{ time: 2, events: 1, censored: 0 }, { time: 4, events: 0, censored: 1 }] },
  ]);
  // E_A = 2/4 + 1/3 + 1/2; V = 1/4 + 2/9 + 1/4 = 13/18; χ² = (2 − 4/3)² ÷ 13/18 = 8/13.
  near(result.groups[0]!.expected, 4 / 3);
  near(result.groups[1]!.expected, 3 - 4 / 3);
  near(result.chisq, 8 / 13);
  assert.equal(result.df, 1);
  near(result.p, chiSquareUpperTail(8 / 13, 1));
});

test('log-rank: a group with no lifetimes, or none at risk at any event, is left out of the test', () => {
  const oneGroup = logRank([
    { group: 'A', counts: [{ time: 1, events: 1, censored: 0 }, { time: 2, events: 1, censored: 0 }] },
    { group: 'Empty', counts: [] },
    { group: 'Early', counts: [{ time: 0.5, events: 0, censored: 3 }] },
  ]);
  assert.deepEqual(oneGroup.groups.map((g) => [g.group, g.n, g.observed, g.expected]), [['A', 2, 2, 2], ['Empty', 0, 0, 0], ['Early', 3, 0, 0]]);
  assert.equal(oneGroup.chisq, 0);
  assert.equal(oneGroup.df, 0);
  assert.equal(oneGroup.p, null);
});

test('chi-square tail: closed forms for 2 degrees of freedom, far into the tail, and the 5% point of 1', () => {
  // For 2 degrees of freedom P(X > x) = e^{−x/2} exactly.
  near(chiSquareUpperTail(10, 2) / Math.exp(-5), 1);
  near(logChiSquareUpperTail(2000, 2), -1000);
  near(chiSquareUpperTail(0.5, 2) / Math.exp(-0.25), 1);
  assert.ok(Math.abs(chiSquareUpperTail(3.841458820694124, 1) - 0.05) < 1e-14);
  assert.equal(pText(0), 'p < 1e-300');
  assert.equal(pText(Math.exp(-1176), -1176), 'p < 1e-300');
  assert.equal(pText(0.0123456), 'p = 0.0123');
  assert.equal(pText(0.5), 'p = 0.5');
  assert.match(pText(2e-5), /^p < 0\.001/);
});
