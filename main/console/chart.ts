// A chart of a result, aggregated in SQL: the renderer gets at most
// CHART_POINT_LIMIT points however many rows the result has.
import { quotedIdentifier } from '@duckdb/node-api';
import { CHART_POINT_LIMIT, type ChartPoints, type ChartRequest } from '../../shared/console.js';
import { EngineError } from '../../shared/result.js';
import { arrowFriendlySelect, readerToArrow } from '../runtime/arrow.js';
import type { Database } from '../runtime/database.js';
import type { StoredResult } from './results.js';

/** The SQL of a chart's points: x, y and series (when asked), in x order. */
export function chartSql(result: StoredResult, chart: ChartRequest): string {
  const has = (name: string) => result.columns.some((c) => c.name === name);
  for (const name of [chart.x, chart.y, chart.series].filter((n): n is string => n !== null)) {
    if (!has(name)) throw new EngineError('invalid_request', `The result has no column named ${JSON.stringify(name)}.`);
  }
  if (chart.kind === 'heatmap' && chart.series === null) {
    throw new EngineError('invalid_request', 'A heatmap needs a second axis: choose a column for it.');
  }
  const x = quotedIdentifier(chart.x);
  const y = `TRY_CAST(${quotedIdentifier(chart.y)} AS DOUBLE)`;
  const series = chart.series === null ? null : `CAST(${quotedIdentifier(chart.series)} AS VARCHAR)`;
  const seriesSelect = series ? `, ${series} AS series` : '';
  if (chart.kind === 'scatter') {
    // Points as they are, in the result's order.
    return `SELECT ${x} AS x, ${y} AS y${seriesSelect} FROM ${result.relation} ORDER BY rowid`;
  }
  // Bars, lines, areas and heatmap cells: y summed per x (and series), x in order.
  return `SELECT ${x} AS x, sum(${y}) AS y${seriesSelect} FROM ${result.relation} GROUP BY ALL ORDER BY x NULLS LAST${series ? ', series NULLS LAST' : ''}`;
}

export async function chartPoints(db: Database, result: StoredResult, chart: ChartRequest): Promise<ChartPoints> {
  const sql = chartSql(result, chart);
  const [over] = await db.rows(`SELECT count(*) > ${CHART_POINT_LIMIT} AS over FROM (SELECT 1 FROM (${sql}) LIMIT ${CHART_POINT_LIMIT + 1})`);
  const described = await db.rows(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${sql})`);
  const columns = described.map((row) => ({ name: String(row.name), type: String(row.type) }));
  const reader = await db.reader(`SELECT ${arrowFriendlySelect(columns)} FROM (${sql}) LIMIT ${CHART_POINT_LIMIT}`);
  return { kind: chart.kind, points: readerToArrow(reader), truncated: Boolean(over?.over) };
}
