// Invariants that must hold on any data: generated histories at several sizes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../main/metrics/analyze.js';
import { modelEngine } from '../support/model.js';
import { generateHistories } from '../support/generated.js';

type Row = Record<string, unknown>;
const n = (row: object, key: string) => (row as Row)[key] as number;
const rows = (value: unknown) => value as Row[];
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} ≠ ${b}`);

function assertBridges(periods: unknown, where: string) {
  for (const p of rows(periods)) {
    const label = `${where} ${p.period}`;
    near(
      n(p, 'mrr_start') + n(p, 'mrr_new') + n(p, 'mrr_reactivation') + n(p, 'mrr_expansion') - n(p, 'mrr_contraction') - n(p, 'mrr_churned'),
      n(p, 'mrr_end'),
      `MRR bridge ${label}`,
    );
    assert.equal(n(p, 'customers_start') + n(p, 'customers_new') + n(p, 'customers_reactivated') - n(p, 'customers_churned'), n(p, 'customers_end'), `customer bridge ${label}`);
    if (p.grr !== null) assert.ok(n(p, 'grr') <= 1 + 1e-12, `GRR ≤ 1 ${label}`);
  }
}

for (const size of [300, 5000]) {
  describe(`${size} generated customers × 36 months`, async () => {
    const engine = await modelEngine([]);
    await generateHistories(engine, size);
    const byPeriod = {
      month: await analyze(engine.database, { period: 'month' }),
      quarter: await analyze(engine.database, { period: 'quarter' }),
      year: await analyze(engine.database, { period: 'year' }),
    };

    test('the data is not trivial', () => {
      const sum = (key: string) => byPeriod.month.periods.reduce((s, p) => s + n(p, key), 0);
      const totals = { churn: sum('customers_churned'), react: sum('customers_reactivated'), exp: sum('customers_expanded') };
      assert.ok(totals.churn > 0 && totals.react > 0 && totals.exp > 0, JSON.stringify(totals));
    });

    test('the MRR and customer bridges hold for every period, granularity and segment', () => {
      for (const [period, result] of Object.entries(byPeriod)) {
        assertBridges(result.periods, period);
        for (const segment of result.segments) assertBridges(segment.periods, `${period} ${segment.segment}`);
      }
    });

    test("a quarter's or a year's movements are the sum of its months'", () => {
      for (const key of ['mrr_new', 'mrr_churned', 'mrr_expansion', 'customers_churned', 'customers_reactivated']) {
        const months = byPeriod.month.periods.reduce((s, p) => s + n(p, key), 0);
        near(byPeriod.quarter.periods.reduce((s, p) => s + n(p, key), 0), months, `${key} quarters`);
        near(byPeriod.year.periods.reduce((s, p) => s + n(p, key), 0), months, `${key} years`);
      }
    });

    const [withRevenue] = await engine.database.rows('SELECT count(DISTINCT customer_id) AS n FROM churn.customer_month WHERE mrr > 0');

    test('segments sum to the total, every period', () => {
      const { periods, segments } = byPeriod.month;
      for (const total of periods) {
        for (const key of ['customers_start', 'customers_end', 'customers_churned', 'mrr_start', 'mrr_end', 'mrr_churned', 'mrr_expansion']) {
          const sum = segments.reduce((s, seg) => s + (n(seg.periods.find((p) => p.period === total.period) ?? {}, key) || 0), 0);
          near(sum, n(total, key), `${key} ${total.period}`);
        }
      }
      assert.equal(segments.reduce((s, seg) => s + seg.customers_total, 0), Number(withRevenue!.n));
    });

    test('cohort sizes equal the new customers of their month', () => {
      const { cohorts, periods } = byPeriod.month;
      for (const cohort of cohorts.logo) {
        const period = periods.find((p) => p.period === cohort.cohort)!;
        assert.equal(cohort.size, period.customers_new, cohort.cohort);
        assert.equal(cohort.retention[0], 1, `${cohort.cohort} starts at 100%`);
      }
    });

    test('the last period holds no churn of customers still active at the as-of month', () => {
      const last = byPeriod.month.periods.at(-1)!;
      assert.ok(n(last, 'customers_end') > 0);
    });
  });
}
