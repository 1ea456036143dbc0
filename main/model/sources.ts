// The model's tables of rows from files, each as a relation SQL reads: the
// workspace's own table, or during an import that table together with the
// rows the import is about to add (main/ingest/importer.ts). Reading the new
// rows from the import's committed staging tables, instead of after writing
// them into the model inside the import's transaction, keeps every scan
// parallel: DuckDB scans rows written by the current, uncommitted transaction
// on one thread (a table's scan threads are counted from its committed rows).

export const FILE_TABLES = ['subscriptions', 'revenue_lines', 'mrr_snapshots', 'customer_list', 'churn_events'] as const;
export type FileTable = (typeof FILE_TABLES)[number];
export type ModelSources = Record<FileTable, string>;

/** The workspace's tables as they are. */
export const WORKSPACE_SOURCES: ModelSources = Object.fromEntries(FILE_TABLES.map((t) => [t, `churn.${t}`])) as ModelSources;

/**
 * Each table with the rows of `added` (SELECTs with the table's columns in
 * its order, as the loader writes them) after its own.
 */
export function withAddedRows(added: Partial<Record<FileTable, string[]>>): ModelSources {
  return Object.fromEntries(
    FILE_TABLES.map((t) => {
      const selects = added[t] ?? [];
      return [t, selects.length ? `(SELECT * FROM churn.${t}${selects.map((s) => `\n  UNION ALL ${s}`).join('')})` : `churn.${t}`];
    }),
  ) as ModelSources;
}
