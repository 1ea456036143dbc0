// Churn by tenure read from the survival hazard (docs/SCENARIOS.md, "Churn by
// tenure"): each age's rate is the hazard of the next tenure month, worked out
// by hand on a small history and equal to what survival.run reports; it
// differs from the cohort rates exactly where a customer returns; ages no one
// reached take the flat rate; the oldest bucket pools the months from it on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plain } from '../../main/runtime/sqlRunner.js';
import { runScenarios } from '../../main/scenarios/run.js';
import { TENURE_AGES } from '../../main/scenarios/baseline.js';
import { tenureRatesFromHazard } from '../../main/scenarios/tenureHazard.js';
import type { Engine } from '../../main/engine/engine.js';
import type { HazardRow } from '../../shared/survival.js';
import { modelEngine, type MonthRow } from '../support/model.js';

const runSql = (engine: Engine) => async (sql: string) => plain(await engine.database.rows(sql));
const SETTINGS = { asOf: '2024-06-30' };
const months = (id: string, list: string[], mrr = 100) => list.map((m): MonthRow => [id, `2024-${m}`, mrr]);

// First spells as of June: s1, s3, s6 six months (running), s2 four (churned),
// s4 three (running, from April), s5 two (churned; back in April).
const HISTORY: MonthRow[] = [
  ...months('s1', ['01', '02', '03', '04', '05', '06']),
  ...months('s2', ['01', '02', '03', '04']),
  ...months('s3', ['01', '02', '03', '04', '05', '06']),
  ...months('s4', ['04', '05', '06'], 60),
  ...months('s5', ['01', '02', '04', '05', '06'], 80),
  ...months('s6', ['01', '02', '03', '04', '05', '06'], 200),
];
const SMB = Object.fromEntries(['s1', 's2', 's3', 's4', 's5', 's6'].map((id) => [id, { segment: 'SMB' }]));

const close = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

test('tenure rates from the hazard: the next month’s hazard per age, the flat rate where no one was at risk', async () => {
  const engine = await modelEngine(HISTORY, SMB);
  const run = await runScenarios(runSql(engine), engine.database, SETTINGS, [
    { name: 'hazard', trailingMonths: 3, churnModel: 'tenure', tenureRates: 'hazard' },
    { name: 'cohorts', trailingMonths: 3, churnModel: 'tenure' },
  ]);
  const [fromHazard, fromCohorts] = run.scenarios.map((s) => s.baseline);
  assert.equal(fromHazard!.tenure_rates, 'hazard');
  assert.equal(fromCohorts!.tenure_rates, 'cohorts');
  const h = fromHazard!.segments[0]!.tenure_churn!;
  const flat = fromHazard!.segments[0]!.customer_churn_rate!;
  assert.equal(h.length, TENURE_AGES);
  // Month 1: 6 at risk, none left; month 2: 6, s5 left; month 3: 5, none; month 4: 4 (s4 has only 3), s2 left; months 5 and 6: 3, none.
  [0, 1 / 6, 0, 1 / 4, 0, 0].forEach((rate, age) => close(h[age], rate));
  // No lifetime reached month 7 or beyond: the flat trailing average, as for the cohort rates.
  for (let age = 6; age < TENURE_AGES; age++) close(h[age], flat);
  // The cohorts count s5 active again from April: age 3 keeps 4 of 5 there (s2 gone), not 3 of 4.
  const c = fromCohorts!.segments[0]!.tenure_churn!;
  close(c[3], 1 / 5);
  // The same numbers as the survival screen's hazard by segment.
  const survival = await engine.invoke('survival.run', { settings: SETTINGS, survival: { groupBy: 'segment' } });
  assert.ok(survival.ok, JSON.stringify(survival));
  assert.deepEqual(survival.value.groups[0]!.hazard.map((r) => r.hazard), h.slice(0, 6));
  engine.close();
});

test('the oldest bucket pools the months from it on: Σ events ÷ Σ at risk', () => {
  const row = (interval: number, atRisk: number, events: number): HazardRow => ({ interval, from: interval - 1, to: interval, at_risk: atRisk, events, hazard: atRisk ? events / atRisk : null });
  const rates = tenureRatesFromHazard([row(1, 10, 1), row(2, 9, 0), row(3, 8, 2), row(4, 5, 1), row(5, 0, 0)], 3);
  assert.deepEqual(rates, [0.1, 0, 3 / 13]);
  assert.deepEqual(tenureRatesFromHazard([row(1, 4, 1)], 3), [0.25, null, null]);
});
