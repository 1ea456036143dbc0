// The active months and movements are computed once per import and kept
// (main/metrics/movementCache.ts); every analysis after that aggregates them
// joined with its scope. Checked here against a full recompute — each metric
// family's self-contained SQL (what "show SQL" runs), which reads
// customer_month directly — over a grid of filters, segment rules, presets,
// periods and ranges, run one after another on the same workspace so that
// later ones reuse what earlier ones kept; and after the data changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_ANALYSIS_SETTINGS, DEFAULT_SEGMENT_RULES, PERIODS, PRESETS, type AnalysisSettings, type Filter, type MetricQuery, type SegmentRule } from '../../shared/metrics.js';
import type { AnalysisResult } from '../../shared/analysis.js';
import type { Engine } from '../../main/engine/engine.js';
import { metricContext } from '../../main/metrics/context.js';
import { metricQuerySql } from '../../main/metrics/queries.js';
import { plain } from '../../main/runtime/sqlRunner.js';
import { modelEngine } from '../support/model.js';
import { generateHistories } from '../support/generated.js';
import { customerRanges } from '../../main/model/ranges.js';
import { parseByteSize } from '../../main/runtime/memoryLimit.js';

type Row = Record<string, unknown>;

const FILTERS: Filter[][] = [[], [{ attribute: 'country', op: 'eq', values: ['US'] }], [{ attribute: 'employees', op: 'gte', values: [100] }]];
const RULES: SegmentRule[] = [DEFAULT_SEGMENT_RULES.employees, DEFAULT_SEGMENT_RULES.acv, { by: 'column', column: 'country' }];
const RANGES = [{}, { from: '2023-01-01', to: '2023-12-31' }];

/** Every preset with every period, the filters, rules and ranges turning through them. */
const GRID: Partial<AnalysisSettings>[] = PRESETS.flatMap((preset, i) =>
  PERIODS.map((period, j) => ({
    preset,
    period,
    filters: FILTERS[(i + j) % FILTERS.length]!,
    segmentRule: RULES[(i + 2 * j) % RULES.length]!,
    ...RANGES[(i + j) % RANGES.length],
  })),
);

/** Same rows in the same order, numbers equal (doubles to 1e-9: sums of doubles may be added in another order). */
function assertSameRows(actual: Row[], expected: Row[], label: string): void {
  assert.equal(actual.length, expected.length, `${label}: ${actual.length} rows, recomputed ${expected.length}`);
  expected.forEach((e, i) => {
    for (const [key, value] of Object.entries(e)) {
      const a = actual[i]![key];
      if (typeof value === 'number' && typeof a === 'number') {
        const same = Number.isNaN(value) ? Number.isNaN(a) : Math.abs(a - value) <= 1e-9 * Math.max(1, Math.abs(value));
        assert.ok(same, `${label} row ${i} ${key}: ${a}, recomputed ${value}`);
      } else {
        assert.deepEqual(a, value, `${label} row ${i} ${key}`);
      }
    }
  });
}

async function recompute(engine: Engine, other: DuckDBConnection, settings: Partial<AnalysisSettings>, query: MetricQuery): Promise<Row[]> {
  const ctx = await metricContext(engine.database, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
  return plain((await other.runAndReadAll(metricQuerySql(ctx, query))).getRowObjectsJS() as Row[]);
}

const without = (rows: Row[], ...keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));

async function assertMatchesRecompute(engine: Engine, other: DuckDBConnection, settings: Partial<AnalysisSettings>, result: AnalysisResult) {
  const label = JSON.stringify(settings);
  const again = (query: MetricQuery) => recompute(engine, other, settings, query);
  assertSameRows(result.periods as unknown as Row[], without(await again('periods'), 'segment'), `${label} periods`);
  assertSameRows([result.headline as unknown as Row], await again('headline'), `${label} headline`);
  assertSameRows(without(result.segments as unknown as Row[], 'periods'), await again('segments'), `${label} segments`);
  const segmentPeriods = result.segments.flatMap((s) => s.periods.map((p) => ({ segment: s.segment, ...p })));
  const recomputedSegmentPeriods = await again('segment_periods');
  const order = (rows: Row[]) => [...rows].sort((a, b) => `${String(a.segment)}/${String(a.period)}`.localeCompare(`${String(b.segment)}/${String(b.period)}`));
  assertSameRows(order(segmentPeriods), order(recomputedSegmentPeriods), `${label} segment periods`);
  const cells = await again('cohorts');
  assert.deepEqual(
    result.cohorts.logo.map((c) => [c.cohort, c.size, c.active, c.active_or_later]),
    [...new Set(cells.map((c) => String(c.cohort)))].map((cohort) => {
      const mine = cells.filter((c) => c.cohort === cohort);
      return [cohort, mine[0]!.size, mine.map((c) => c.active), mine.map((c) => c.active_or_later)];
    }),
    `${label} cohorts`,
  );
  assertSameRows(result.cohorts.average as unknown as Row[], without(await again('cohort_average'), 'segment'), `${label} cohort average`);
  assertSameRows(result.churn_reasons as unknown as Row[], without(await again('churn_reasons'), 'segment'), `${label} churn reasons`);
  assertSameRows(result.churn_types as unknown as Row[], without(await again('churn_types'), 'segment'), `${label} churn types`);
  assertSameRows(result.at_risk as unknown as Row[], without(await again('at_risk'), 'segment'), `${label} at-risk`);
  assertSameRows(without(result.methodology_comparison as unknown as Row[], 'differs_in'), await again('methodology_comparison'), `${label} comparison`);
}

test('precomputed movements answer what a full recompute answers, over a grid of filters, segment rules, presets, periods and ranges', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 500);
  const other = await engine.database.connect();
  try {
    for (const settings of GRID) {
      const result = await engine.invoke('analysis.run', { settings });
      assert.ok(result.ok, JSON.stringify(result));
      assert.ok(result.value.periods.length > 0 && result.value.churn_reasons.length >= 0);
      await assertMatchesRecompute(engine, other, settings, result.value);
    }
  } finally {
    other.closeSync();
    engine.close();
  }
});

test('movements kept range by range of customers (memory short) answer what a full recompute answers', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 16_000);
  // 32 MiB on one thread: the kept movements are computed for 6,990 customers at a time (model/ranges.ts), three statements.
  await engine.database.run("SET threads = 1; SET memory_limit = '32MiB'");
  const [limit] = await engine.database.rows("SELECT current_setting('memory_limit') AS l");
  assert.equal(customerRanges(16_000, parseByteSize(String(limit!.l))).length, 3);
  const other = await engine.database.connect();
  try {
    for (const settings of [{}, { preset: 'stripe' as const, period: 'quarter' as const }]) {
      await engine.database.run("SET memory_limit = '32MiB'");
      const result = await engine.invoke('analysis.run', { settings });
      assert.ok(result.ok, JSON.stringify(result).slice(0, 600));
      // The recompute is one statement of every CTE: it is given memory.
      await engine.database.run("SET memory_limit = '2GiB'");
      await assertMatchesRecompute(engine, other, settings, result.value);
    }
  } finally {
    other.closeSync();
    engine.close();
  }
});

test('after the data changes, the analysis answers from the new data, not from what was kept', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 400);
  const other = await engine.database.connect();
  try {
    const before = await engine.invoke('analysis.run', { settings: {} });
    assert.ok(before.ok);
    // Rows written by hand, as tests and an import do: a quarter of the customers lose their last months.
    for (const table of ['churn.customer_month_rows', 'churn.customer_month_by_cancellation_rows']) {
      await engine.database.run(`DELETE FROM ${table} WHERE hash(cidx) % 4 = 0 AND month >= DATE '2024-01-01'`);
    }
    const after = await engine.invoke('analysis.run', { settings: {} });
    assert.ok(after.ok);
    assert.notDeepEqual(after.value.periods, before.value.periods);
    await assertMatchesRecompute(engine, other, {}, after.value);
  } finally {
    other.closeSync();
    engine.close();
  }
});

test('a screen gets only the families it asks for; the comparison runs only when asked', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 200);
  try {
    const overview = await engine.invoke('analysis.run', { settings: {}, families: ['periods'] });
    assert.ok(overview.ok);
    assert.ok(overview.value.periods.length > 0 && overview.value.headline !== null);
    assert.deepEqual([overview.value.segments, overview.value.cohorts.logo, overview.value.at_risk, overview.value.methodology_comparison], [[], [], [], []]);
    const everything = await engine.invoke('analysis.run', { settings: {} });
    assert.ok(everything.ok);
    assert.deepEqual(overview.value.periods, everything.value.periods);
    assert.equal(everything.value.methodology_comparison.length, PRESETS.length);
    const methodology = await engine.invoke('analysis.run', { settings: {}, families: ['comparison'] });
    assert.ok(methodology.ok);
    assert.deepEqual(methodology.value.methodology_comparison, everything.value.methodology_comparison);
    assert.deepEqual(methodology.value.periods, []);
  } finally {
    engine.close();
  }
});

test('months at zero MRR: a preset that counts them otherwise answers what a full recompute answers, either way round, with transactions', async () => {
  for (const [first, second] of [
    ['chartmogul', 'stripe'],
    ['profitwell', 'chartmogul'],
  ] as const) {
    const engine = await modelEngine([]);
    await generateHistories(engine, 400);
    // A tenth of the months at zero, a few below, and a fifth of the customers known from transactions (bridged over short gaps).
    for (const table of ['churn.customer_month_rows', 'churn.customer_month_by_cancellation_rows']) {
      await engine.database.run(`UPDATE ${table} SET mrr = 0 WHERE hash(cidx, month) % 10 = 0`);
      await engine.database.run(`UPDATE ${table} SET mrr = -5 WHERE hash(cidx, month) % 97 = 1`);
    }
    await engine.database.run(
      `INSERT INTO churn.revenue_lines (customer_id, amount, is_refund, is_one_off, has_period)
       SELECT DISTINCT customer_id, 1, false, false, false FROM churn.customer_month WHERE hash(customer_id) % 5 = 0`,
    );
    const other = await engine.database.connect();
    try {
      const screen = await engine.invoke('analysis.run', { settings: { preset: first }, families: ['periods'] });
      assert.ok(screen.ok, JSON.stringify(screen));
      // Sized by contract value (12 × latest MRR) with bands the generated MRR straddles: the latest MRR read from the movements.
      const acv: SegmentRule = { by: 'acv', midMarketFrom: 2000, enterpriseFrom: 4000 };
      for (const settings of [
        { preset: second },
        { preset: second, period: 'quarter' as const, filters: FILTERS[1]! },
        { preset: second, segmentRule: acv },
        { preset: first, segmentRule: acv, asOf: '2023-06-15' },
        { preset: first },
      ]) {
        const result = await engine.invoke('analysis.run', { settings });
        assert.ok(result.ok, JSON.stringify(result));
        await assertMatchesRecompute(engine, other, settings, result.value);
        // A screen's own families (the active months joined with the scope inside its queries) answer the same.
        const overview = await engine.invoke('analysis.run', { settings, families: ['periods'] });
        const segments = await engine.invoke('analysis.run', { settings, families: ['segments'] });
        assert.ok(overview.ok && segments.ok);
        assert.deepEqual([overview.value.periods, overview.value.headline], [result.value.periods, result.value.headline]);
        assert.deepEqual(segments.value.segments, result.value.segments);
      }
    } finally {
      other.closeSync();
      engine.close();
    }
  }
});
