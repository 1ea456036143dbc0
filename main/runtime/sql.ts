// Small helpers for writing metric SQL with values inlined as literals, so
// that "show SQL" gives a statement that runs as-is in DuckDB.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';

export const ident = quotedIdentifier;
export const str = quotedString;

export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return String(value);
}

export const dateLit = (isoDate: string) => `DATE ${str(isoDate)}`;

/** Months since year 0, so month arithmetic is integer arithmetic. */
export const monthIndex = (dateSql: string) => `(year(${dateSql}) * 12 + month(${dateSql}) - 1)`;

/** Back from a month index to the month's first day. */
export const monthDate = (indexSql: string) => `make_date(CAST((${indexSql}) // 12 AS BIGINT), CAST((${indexSql}) % 12 + 1 AS BIGINT), 1)`;

/** A month index as YYYY-MM text. */
export const monthText = (indexSql: string) => `strftime(${monthDate(indexSql)}, '%Y-%m')`;

/** Joins CTEs into one WITH clause. */
export function withCtes(ctes: Record<string, string>, body: string): string {
  const parts = Object.entries(ctes).map(([name, sql]) => `${name} AS (\n${sql.trim()}\n)`);
  return `WITH\n${parts.join(',\n')}\n${body.trim()}`;
}
