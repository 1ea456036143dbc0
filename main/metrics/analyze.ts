// The whole analysis in one call: the JSON the CLI's `analyze --json` prints,
// the views read, and reports embed. Every figure comes from the SQL of its
// metric family; this file only runs the queries and shapes the result.
import { ANALYSIS_FAMILIES, DEFAULT_ANALYSIS_SETTINGS, PRESETS, PRESET_SETTINGS, type AnalysisFamily, type AnalysisSettings } from '../../shared/metrics.js';
import type { AnalysisResult } from '../../shared/analysis.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from '../runtime/database.js';
import { atRiskSql } from './atRisk.js';
import { cohortAverageOf, cohortsSql, type CohortPeriod } from './cohorts.js';
import { comparisonPartsSql, differingSettings, headlineSql, presetContext } from './comparison.js';
import { metricContext } from './context.js';
import { cachedMovements } from './movementCache.js';
import { periodsSql } from './periods.js';
import { movementsKey, scopeCte, type MetricContext } from './scope.js';
import { churnReasonsSql, churnTypesSql } from './reasons.js';
import { segmentsSql } from './segments.js';
import { sqlRunner } from '../runtime/sqlRunner.js';

type Row = Record<string, unknown>;
type Materialized = NonNullable<MetricContext['materialized']>;

const without = (row: Row, ...keys: string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

/**
 * Runs the metric families asked for (by default every one): a screen asks
 * only for what it draws, and the methodology comparison (every preset) only
 * runs when asked. Families not asked for come back empty. `connection` is the
 * job's own connection when the analysis runs as a cancellable job; by
 * default the workspace's.
 */
export async function analyze(
  db: Database,
  input: Partial<AnalysisSettings> = {},
  connection?: DuckDBConnection,
  families: readonly AnalysisFamily[] = ANALYSIS_FAMILIES,
): Promise<AnalysisResult> {
  const ctx = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...input });
  const cohortPeriod: CohortPeriod = ctx.settings.period === 'month' ? 'month' : 'quarter';
  const run = sqlRunner(db, connection);
  const exec = async (sql: string) => (connection ? connection.run(sql) : db.run(sql));

  // The scope of this analysis, and the active months and movements joined
  // with it, from the per-customer tables kept across analyses
  // (movementCache.ts). The comparison's presets share one set per distinct
  // key. The active months and movements go into temporary tables only when
  // the families asked for read them many times (cohorts, customers); a
  // period table or the segments read them once or twice, and joining the
  // kept tables with the scope inside those queries costs less than writing
  // every customer-month again.
  const materializations = new Map<string, Materialized>();
  const created: string[] = [];
  const materialize = async (c: MetricContext, reread: boolean): Promise<Materialized> => {
    const key = movementsKey(c);
    const known = materializations.get(key);
    if (known) return known;
    const cached = await cachedMovements(db, exec, run, c);
    const n = materializations.size;
    // No filter, and only the period table asked for (which counts every customer as 'All'): the scope is every
    // customer of the index, read where it is, and nothing reads its segment, so the customers are not joined on
    // their text ids to give one, nor the result written to a table (the 100k bench's first screen: that
    // statement took 27-51 ms; at 1M it was most of the 110-600 ms the scope took).
    const unsegmented = c.settings.filters.length === 0 && families.every((family) => family === 'periods');
    let scope = `(SELECT customer_id, 'All' AS segment, cidx FROM churn.customer_index)`;
    if (!unsegmented) {
      scope = `cw_analysis_scope_${n}`;
      await exec(`CREATE OR REPLACE TEMP TABLE ${scope} AS ${scopeCte({ ...c, materialized: undefined })}`);
      created.push(scope);
    }
    const joined = {
      active: `SELECT s.segment AS dim, s.customer_id, a.cidx, a.m, a.mrr FROM ${cached.active} a JOIN ${scope} s ON s.cidx = a.cidx`,
      moves: `SELECT s.segment AS dim, s.customer_id, mv.cidx, mv.m, mv.movement, mv.mrr_before, mv.mrr_after FROM ${cached.moves} mv JOIN ${scope} s ON s.cidx = mv.cidx`,
    };
    let tables: Materialized = { scope, active: `(${joined.active})`, moves: `(${joined.moves})` };
    if (reread) {
      tables = { scope, active: `cw_analysis_active_${n}`, moves: `cw_analysis_moves_${n}` };
      await exec(`CREATE OR REPLACE TEMP TABLE ${tables.active} AS ${joined.active}`);
      created.push(tables.active);
      await exec(`CREATE OR REPLACE TEMP TABLE ${tables.moves} AS ${joined.moves}`);
      created.push(tables.moves);
    }
    materializations.set(key, tables);
    return tables;
  };
  const shared = await materialize(ctx, families.includes('cohorts') || families.includes('customers'));
  const fast: MetricContext = { ...ctx, materialized: shared };
  const wants = (family: AnalysisFamily) => families.includes(family);

  // One after another: a connection runs one query at a time.
  let periods: Row[] = [];
  let headline: Row | undefined;
  if (wants('periods')) {
    // The headline sums the period table's rows: computed once, for both.
    await exec(`CREATE OR REPLACE TEMP TABLE cw_analysis_periods AS ${periodsSql(fast, false)}`);
    periods = await run('SELECT * FROM cw_analysis_periods ORDER BY rowid');
    [headline] = await run(headlineSql(fast, 'cw_analysis_periods'));
    await exec('DROP TABLE cw_analysis_periods');
  }
  const segmentPeriods = wants('segments') ? await run(periodsSql(fast, true)) : [];
  const segments = wants('segments') ? await run(segmentsSql(fast)) : [];
  let cohortCells: Row[] = [];
  let cohortAverage: Row[] = [];
  if (wants('cohorts')) {
    // The average row pools the cells: computed from them, not from a second pass.
    await exec(`CREATE OR REPLACE TEMP TABLE cw_analysis_cohorts AS ${cohortsSql(fast, cohortPeriod)}`);
    cohortCells = await run('SELECT * FROM cw_analysis_cohorts ORDER BY segment, cohort_p, k');
    cohortAverage = await run(cohortAverageOf('cw_analysis_cohorts'));
    await exec('DROP TABLE cw_analysis_cohorts');
  }
  const reasons = wants('customers') ? await run(churnReasonsSql(fast)) : [];
  const types = wants('customers') ? await run(churnTypesSql(fast)) : [];
  const atRisk = wants('customers') ? await run(atRiskSql(fast)) : [];
  const comparison: Row[] = [];
  if (wants('comparison')) {
    // Presets that count other months as active get their own scope and movements, once per distinct set: each reads them once.
    for (const preset of PRESETS) await materialize(presetContext(ctx, preset), false);
    for (const part of comparisonPartsSql(ctx, (presetCtx) => materializations.get(movementsKey(presetCtx)))) comparison.push(...(await run(part)));
  }
  for (const table of created) await exec(`DROP TABLE IF EXISTS ${table}`);
  const [currency] = await run(`SELECT json_extract_string(value, '$') AS c FROM churn.settings WHERE key = 'reporting_currency'`);

  const cohortNames = [...new Set(cohortCells.map((c) => String(c.cohort)))];
  const cellsOf = (cohort: string) => cohortCells.filter((c) => c.cohort === cohort);
  const result = {
    settings: {
      period: ctx.settings.period,
      preset: ctx.settings.preset,
      methodology: ctx.methodology,
      as_of: ctx.asOfMonth,
      from: ctx.fromMonth,
      to: ctx.toMonth,
      segment_rule: ctx.settings.segmentRule,
      filters: ctx.settings.filters,
      at_risk: ctx.settings.atRisk,
      cohort_period: cohortPeriod,
      reporting_currency: (currency?.c as string | undefined) ?? null,
    },
    headline: headline ?? null,
    periods: periods.map((p) => without(p, 'segment')),
    segments: segments.map((s) => ({
      ...s,
      periods: segmentPeriods.filter((p) => p.segment === s.segment).map((p) => without(p, 'segment')),
    })),
    cohorts: {
      period: cohortPeriod,
      logo: cohortNames.map((cohort) => ({
        cohort,
        size: cellsOf(cohort)[0]!.size,
        retention: cellsOf(cohort).map((c) => c.logo_retention),
        retention_or_later: cellsOf(cohort).map((c) => c.logo_retention_or_later),
        active: cellsOf(cohort).map((c) => c.active),
        active_or_later: cellsOf(cohort).map((c) => c.active_or_later),
      })),
      revenue: cohortNames.map((cohort) => ({
        cohort,
        mrr: cellsOf(cohort)[0]!.start_mrr,
        retention: cellsOf(cohort).map((c) => c.revenue_retention),
        mrr_by_period: cellsOf(cohort).map((c) => c.mrr),
      })),
      average: cohortAverage.map((a) => without(a, 'segment')),
    },
    churn_reasons: reasons.map((r) => without(r, 'segment')),
    churn_types: types.map((t) => without(t, 'segment')),
    at_risk: atRisk.map((a) => without(a, 'segment')),
    methodology_comparison: comparison.map((c) => ({
      ...c,
      differs_in: differingSettings(PRESET_SETTINGS[c.preset as keyof typeof PRESET_SETTINGS], ctx.methodology),
    })),
  };
  // Rows come from SQL, which TypeScript cannot see into; test/integration/analysis-schema.test.ts
  // parses real results with a strict schema kept equal to shared/analysis.ts's types.
  return result as unknown as AnalysisResult;
}
