// What the console's editor completes, from two sources: the workspace's
// schemas, tables and columns (the churn model and every imported table), and
// DuckDB's own sql_auto_complete for everything else (keywords, functions).
// Pure: the editor wires these to CodeMirror, the tests call them directly.
import { PostgreSQL, SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import type { Completion, CompletionResult } from '@codemirror/autocomplete';
import type { Completion as EngineCompletion, SchemaTable } from '../../../shared/console.js';

/** DuckDB's words beyond PostgreSQL's, highlighted and completed as keywords. */
const DUCKDB_KEYWORDS =
  'pivot unpivot pivot_wider pivot_longer qualify summarize describe show asof positional anti semi struct map union ' +
  'exclude replace columns install load attach detach copy export import pragma macro sample using tablesample ' +
  'ilike glob similar lambda list_comprehension by name positional recursive materialized';
const DUCKDB_TYPES =
  'tinyint smallint integer bigint hugeint utinyint usmallint uinteger ubigint uhugeint float double decimal ' +
  'varchar blob boolean date time timestamp timestamptz interval uuid json list struct map union enum bit varint';

export const DuckDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
  types: `${PostgreSQL.spec.types ?? ''} ${DUCKDB_TYPES}`,
});

/**
 * The workspace's tables as CodeMirror's SQL namespace: `schema.table` with
 * its columns (typed in the completion's detail), and tables of `main` by
 * their bare names too (what `SELECT * FROM plans` means).
 */
export function schemaNamespace(tables: readonly SchemaTable[]): SQLNamespace {
  const namespace: Record<string, Record<string, SQLNamespace>> = {};
  const columnsOf = (table: SchemaTable): SQLNamespace => ({
    self: { label: table.name, type: table.kind === 'view' ? 'type' : 'class', detail: table.schema },
    children: table.columns.map((column): Completion => ({ label: column.name, type: 'property', detail: column.type })),
  });
  for (const table of tables) {
    (namespace[table.schema] ??= {})[table.name] = columnsOf(table);
  }
  return namespace as SQLNamespace;
}

/** DuckDB's suggestions (offsets into the text sent, which began at `base` in the editor) as a CodeMirror completion result. */
export function engineCompletionResult(suggestions: readonly EngineCompletion[], base: number): CompletionResult | null {
  if (suggestions.length === 0) return null;
  const from = base + Math.min(...suggestions.map((s) => s.start));
  return {
    from,
    options: suggestions
      .filter((s) => base + s.start === from)
      .map((s, rank) => ({ label: s.text, type: completionType(s.kind), boost: -rank / 1000 })),
    validFor: /^[\w$]*$/,
  };
}

/** CodeMirror's icon for a kind of DuckDB suggestion (keyword, scalar_function, table, column, …). */
function completionType(kind: string): string {
  if (kind === 'keyword') return 'keyword';
  if (kind.includes('function')) return 'function';
  if (kind === 'table' || kind === 'view') return 'class';
  if (kind === 'column') return 'property';
  return 'variable';
}
