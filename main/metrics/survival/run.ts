// Survival analysis end to end: lifetimes and the per-time table in DuckDB
// (one row per group and distinct time, however many customers), then
// Kaplan-Meier, medians, survival at chosen times, restricted means, hazard
// and the log-rank test over those few rows.
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../shared/metrics.js';
import { EngineError } from '../../../shared/result.js';
import {
  DEFAULT_SURVIVAL_OPTIONS,
  survivalOptionsSchema,
  type SurvivalDrill,
  type SurvivalGroup,
  type SurvivalOptions,
  type SurvivalResult,
} from '../../../shared/survival.js';
import type { Database } from '../../runtime/database.js';
import { dataAsOf, metricContext } from '../context.js';
import { cachedMovements } from '../movementCache.js';
import { num, str, withCtes } from '../../runtime/sql.js';
import { hazardByInterval } from './hazard.js';
import { kaplanMeier, restrictedMean, survivalAt, type TimeCount } from './kaplanMeier.js';
import { EXCLUDED_SQL, modelLifetimeCtes, tableLifetimeCtes, TIME_TABLE_SQL } from './lifetimes.js';
import { logRank } from './logRank.js';
import { medianSurvival } from './median.js';

type Row = Record<string, unknown>;
export type RunSql = (sql: string) => Promise<Row[]>;

/** Days in an average month: the hazard's default interval for lifetimes in days. */
const DAYS_PER_MONTH = 30.4375;

interface Prepared {
  options: SurvivalOptions;
  /** Self-contained: what "show SQL" gives. */
  ctes: Record<string, string>;
  /** The same lifetimes read from the movements kept across analyses, when `prepare` was given a runner. */
  fast: Record<string, string>;
  asOf: string | null;
}

async function prepare(db: Database, settings: Partial<AnalysisSettings>, input: Partial<SurvivalOptions>, run?: RunSql): Promise<Prepared> {
  const options = survivalOptionsSchema.parse({ ...DEFAULT_SURVIVAL_OPTIONS, ...input });
  if (options.source.kind === 'table') {
    await checkColumns(db, options.source.table, [options.source.time, options.source.event, ...(options.groupBy ? [options.groupBy] : [])]);
    const ctes = tableLifetimeCtes(options.source, options.groupBy);
    return { options, ctes, fast: ctes, asOf: null };
  }
  const ctx = await metricContext(db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
  const asOfDate = ctx.settings.asOf ?? (await dataAsOf(db)) ?? ctx.asOfMonth;
  const ctes = modelLifetimeCtes(ctx, options, asOfDate);
  const fast = run ? modelLifetimeCtes(ctx, options, asOfDate, await cachedMovements(db, run, run, ctx)) : ctes;
  return { options, ctes, fast, asOf: ctx.asOfMonth };
}

async function checkColumns(db: Database, table: string, columns: string[]) {
  const rows = await db.rows(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ${str(table)}`);
  if (rows.length === 0) throw new EngineError('not_found', `There is no table named ${table}: open the lifetime file first.`);
  const known = new Set(rows.map((r) => String(r.column_name)));
  const missing = columns.filter((c) => !known.has(c));
  if (missing.length) {
    throw new EngineError('invalid_request', `The table ${table} has no column ${missing.map((m) => JSON.stringify(m)).join(', ')}; its columns are ${[...known].join(', ')}.`);
  }
}

/** The statement behind "show SQL": the per-time table, runnable as-is in DuckDB. */
export function survivalSql(prepared: Prepared): string {
  return withCtes(prepared.ctes, TIME_TABLE_SQL);
}

export async function runSurvival(run: RunSql, db: Database, settings: Partial<AnalysisSettings>, input: Partial<SurvivalOptions>): Promise<SurvivalResult> {
  const prepared = await prepare(db, settings, input, run);
  const { options } = prepared;
  const sql = survivalSql(prepared);
  // The per-time table and the rows left out in one statement: the lifetimes are worked out once, not twice.
  const answer = await run(
    withCtes(
      prepared.fast,
      `SELECT 'time' AS part, "group", time, events, censored, NULL AS reason, NULL AS count FROM (${TIME_TABLE_SQL})
UNION ALL SELECT 'excluded', NULL, NULL, NULL, NULL, reason, count FROM (${EXCLUDED_SQL})
ORDER BY part, "group", time, reason`,
    ),
  );
  const rows = answer.filter((r) => r.part === 'time');
  const excluded = answer.filter((r) => r.part === 'excluded');
  const byGroup = new Map<string, TimeCount[]>();
  for (const row of rows) {
    const group = String(row.group);
    const counts = byGroup.get(group) ?? [];
    counts.push({ time: Number(row.time), events: Number(row.events), censored: Number(row.censored) });
    byGroup.set(group, counts);
  }
  const unit = options.source.kind === 'table' ? 'time' : options.unit;
  const width = options.hazardWidth ?? (unit === 'days' ? DAYS_PER_MONTH : 1);
  const lastTimes = [...byGroup.values()].map((counts) => counts.at(-1)!.time);
  const horizon = options.horizon ?? (lastTimes.length ? Math.min(...lastTimes) : null);
  const groups: SurvivalGroup[] = [...byGroup.entries()].map(([group, counts]) => {
    const curve = kaplanMeier(counts);
    return {
      group,
      n: curve[0]?.n_risk ?? 0,
      events: counts.reduce((s, c) => s + c.events, 0),
      censored: counts.reduce((s, c) => s + c.censored, 0),
      curve,
      median: medianSurvival(curve),
      at: options.times.map((t) => survivalAt(curve, t)),
      rmst: horizon !== null && horizon > 0 ? restrictedMean(curve, horizon) : null,
      hazard: hazardByInterval(counts, width),
    };
  });
  return {
    unit,
    source: options.source.kind,
    spells: options.spells,
    group_by: options.groupBy,
    as_of: prepared.asOf,
    conf_level: 0.95,
    hazard_width: width,
    groups,
    log_rank: groups.length >= 2 ? logRank([...byGroup.entries()].map(([group, counts]) => ({ group, counts }))) : null,
    excluded: excluded.map((r) => ({ reason: String(r.reason), count: Number(r.count) })),
    sql,
  };
}

/** The lifetimes behind a point of a curve: at risk at the time (time ≥ t), or with their event at it. */
export async function survivalDrillSql(db: Database, settings: Partial<AnalysisSettings>, input: Partial<SurvivalOptions>, drill: SurvivalDrill): Promise<string> {
  const prepared = await prepare(db, settings, input);
  const who = drill.who === 'events' ? `time = ${num(drill.time)} AND event` : `time >= ${num(drill.time)}`;
  const id = prepared.options.source.kind === 'table' ? 'CAST(id AS BIGINT) AS line' : 'id AS customer_id';
  return withCtes(
    prepared.ctes,
    `SELECT ${id}, grp AS "group", start, time, event FROM lifetimes
WHERE problem IS NULL AND grp = ${str(drill.group)} AND ${who}
ORDER BY time, ${prepared.options.source.kind === 'table' ? 'CAST(id AS BIGINT)' : 'id'}${drill.limit ? `
LIMIT ${num(drill.limit)}` : ''}`,
  );
}
