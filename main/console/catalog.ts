// What the editor completes: the workspace's schemas, tables and columns (the
// churn model and every imported table), and DuckDB's own sql_auto_complete.
import type { Completion, SchemaTable } from '../../shared/console.js';
import type { Database } from '../runtime/database.js';
import { STAGING_CATALOG } from '../ingest/stage.js';
import { RESULTS_CATALOG } from './results.js';

/** Every table and view of the workspace with its columns, the app's bookkeeping left out. */
export async function workspaceSchema(db: Database): Promise<SchemaTable[]> {
  const rows = await db.rows(
    `SELECT c.schema_name AS schema, c.table_name AS name,
            CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind,
            list({'name': c.column_name, 'type': c.data_type} ORDER BY c.column_index) AS columns
     FROM duckdb_columns() c
     LEFT JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
     WHERE c.database_name = current_database() AND NOT c.internal AND c.schema_name NOT IN ('cw_meta', 'cw_console')
     GROUP BY ALL ORDER BY c.schema_name, c.table_name`,
  );
  return rows.map((row) => ({
    schema: String(row.schema),
    name: String(row.name),
    kind: row.kind === 'view' ? 'view' : 'table',
    columns: (row.columns as { name: string; type: string }[]).map((c) => ({ name: String(c.name), type: String(c.type) })),
  }));
}

/** DuckDB's completions for the text before the cursor (keywords, functions, names); the app's own attached databases left out. */
export async function autoComplete(db: Database, sqlBeforeCursor: string): Promise<Completion[]> {
  const rows = await db.rows(
    `SELECT suggestion, suggestion_start, suggestion_type FROM sql_auto_complete(?)
     WHERE NOT contains(suggestion, ?) AND NOT contains(suggestion, ?) ORDER BY suggestion_score, suggestion LIMIT 200`,
    [sqlBeforeCursor, RESULTS_CATALOG, STAGING_CATALOG],
  );
  return rows.map((row) => ({ text: String(row.suggestion).trimEnd(), start: Number(row.suggestion_start), kind: String(row.suggestion_type) }));
}
