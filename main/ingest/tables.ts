// The workspace's tables: listing them, loading files into them, and reading
// page-aligned windows of rows as Arrow.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import path from 'node:path';
import type { ColumnInfo, TableInfo } from '../../shared/contract.js';
import { EngineError } from '../../shared/result.js';
import { arrowFriendlySelect, readerToArrow } from '../runtime/arrow.js';
import type { Database } from '../runtime/database.js';
import { probeSource, tableNameFor, type SourceChoice } from './files.js';
import { ReadAhead } from './readAhead.js';
import type { JobContext } from '../runtime/jobs.js';

const META = 'cw_meta';

export async function ensureMetaSchema(db: Database): Promise<void> {
  await db.run(`CREATE SCHEMA IF NOT EXISTS ${META}`);
  await db.run(
    `CREATE TABLE IF NOT EXISTS ${META}.sources (table_name VARCHAR PRIMARY KEY, source_path VARCHAR, loaded_at TIMESTAMP)`,
  );
}

async function columnsOf(db: Database, table: string): Promise<ColumnInfo[]> {
  const rows = await db.rows(
    `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
     WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ?
     ORDER BY column_index`,
    [table],
  );
  return rows.map((row) => ({ name: String(row.name), type: String(row.type) }));
}

export async function listTables(db: Database): Promise<TableInfo[]> {
  const rows = await db.rows(
    `SELECT t.table_name AS name, s.source_path AS source
     FROM duckdb_tables() t LEFT JOIN ${META}.sources s ON s.table_name = t.table_name
     WHERE t.database_name = current_database() AND t.schema_name = 'main'
     ORDER BY t.table_name`,
  );
  const tables: TableInfo[] = [];
  for (const row of rows) {
    const name = String(row.name);
    const [count] = await db.rows(`SELECT count(*) AS n FROM ${quotedIdentifier(name)}`);
    tables.push({
      name,
      rowCount: Number(count?.n ?? 0),
      columns: await columnsOf(db, name),
      source: row.source === null || row.source === undefined ? null : String(row.source),
    });
  }
  return tables;
}

async function tableInfo(db: Database, name: string): Promise<TableInfo> {
  const info = (await listTables(db)).find((table) => table.name === name);
  if (!info) throw new EngineError('not_found', `There is no table named ${name} in this workspace.`);
  return info;
}

/**
 * Loads files into new tables in one transaction: either every file becomes a
 * table or the workspace is left exactly as it was. Each file is read in a
 * reader process (text in other encodings and Excel sheets streamed to UTF-8
 * there first), with the dialect the model import uses and its checks
 * (checkedRead.ts): a table is the file's rows exactly, or nothing.
 */
export async function importFiles(
  db: Database,
  paths: string[],
  job: JobContext,
  choice: SourceChoice = {},
): Promise<TableInfo[]> {
  // Refuse missing, empty, binary or unknown files before anything is loaded.
  const probes = [];
  for (const filePath of paths) probes.push(await probeSource(filePath, choice));
  const taken = new Set((await listTables(db)).map((table) => table.name));
  const names = probes.map((probe) => {
    const name = tableNameFor(probe.path, taken, choice.sheet !== undefined && probe.sheet ? probe.sheet.name : null);
    taken.add(name);
    return name;
  });
  const conn = job.connection;
  await conn.run('BEGIN TRANSACTION');
  // Parsed in the reader process (reader/run.ts), one file ahead: typed, checked, handed over as Parquet.
  const reads = new ReadAhead(db, paths.map((filePath) => ({ path: filePath, encoding: choice.encoding, sheet: choice.sheet })), job, 'table');
  try {
    for (const [index, filePath] of paths.entries()) {
      job.throwIfCancelled();
      const label = `${path.basename(filePath)} (${index + 1} of ${paths.length})`;
      job.step(`Loading ${label}`);
      const name = names[index]!;
      const source = await reads.take(index, {
        onStep: (step) => job.step(`Reading ${label}: ${step}`),
        onPercent: (percent) => job.percent(percent),
      });
      try {
        if (source.table?.rows === 0) {
          const where = source.sheet ? `sheet "${source.sheet}" of ${filePath}` : filePath;
          throw new EngineError(
            'import_failed',
            `${where} has a header but no data rows: there is nothing to load. Export the data again with its rows.`,
            { file: filePath },
          );
        }
        job.step(`Loading ${label}`);
        await conn.run(`CREATE TABLE ${quotedIdentifier(name)} AS SELECT * FROM ${source.relation({ allVarchar: false })}`);
      } finally {
        source.cleanup();
      }
      await conn.run(
        `INSERT OR REPLACE INTO ${META}.sources VALUES (${quotedString(name)}, ${quotedString(filePath)}, now()::TIMESTAMP)`,
      );
    }
    job.throwIfCancelled();
    await conn.run('COMMIT');
  } catch (error) {
    await conn.run('ROLLBACK');
    throw error;
  } finally {
    reads.close();
  }
  const tables = await listTables(db);
  return names.map((name) => tables.find((table) => table.name === name)!);
}

export async function dropTable(db: Database, name: string): Promise<TableInfo[]> {
  await tableInfo(db, name);
  await db.run(`DROP TABLE ${quotedIdentifier(name)}`);
  await db.run(`DELETE FROM ${META}.sources WHERE table_name = ?`, [name]);
  return listTables(db);
}

/**
 * Rows [offset, offset + limit) in table order. Tables loaded by the app are
 * written once, so rowid is dense and a rowid range is a cheap, exact window
 * even at the end of ten million rows (OFFSET would scan everything before it).
 */
export async function readPage(db: Database, table: string, offset: number, limit: number): Promise<Uint8Array> {
  const info = await tableInfo(db, table);
  return readRowidWindow(db, quotedIdentifier(table), info.columns, offset, limit);
}

/**
 * The rowid window [offset, offset + limit) of a table written once (an
 * imported table, a console result) as Arrow: the one way the grid pages.
 * `relation` is a quoted, possibly qualified table name made by the engine.
 */
export async function readRowidWindow(db: Database, relation: string, columns: ColumnInfo[], offset: number, limit: number): Promise<Uint8Array> {
  const reader = await db.reader(
    `SELECT ${arrowFriendlySelect(columns)} FROM ${relation}
     WHERE rowid >= ? AND rowid < ? ORDER BY rowid`,
    [offset, offset + limit],
  );
  return readerToArrow(reader);
}
