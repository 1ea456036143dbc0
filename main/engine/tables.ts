// The workspace's tables: listing them, loading files into them, and reading
// page-aligned windows of rows as Arrow.
import { quotedIdentifier, quotedString } from '@duckdb/node-api';
import path from 'node:path';
import type { ColumnInfo, FileInspection, TableInfo } from '../../shared/contract.js';
import { EngineError } from '../../shared/result.js';
import { arrowFriendlySelect, readerToArrow } from './arrow.js';
import type { Database } from './database.js';
import { detectFormat, readerSql, tableNameFor } from './files.js';
import type { JobContext } from './jobs.js';

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
 * table or the workspace is left exactly as it was.
 */
export async function importFiles(db: Database, paths: string[], job: JobContext): Promise<TableInfo[]> {
  const formats = paths.map((filePath) => detectFormat(filePath));
  const taken = new Set((await listTables(db)).map((table) => table.name));
  const names = paths.map((filePath) => {
    const name = tableNameFor(filePath, taken);
    taken.add(name);
    return name;
  });
  const conn = job.connection;
  await conn.run('BEGIN TRANSACTION');
  try {
    for (const [index, filePath] of paths.entries()) {
      job.throwIfCancelled();
      job.step(`Loading ${path.basename(filePath)} (${index + 1} of ${paths.length})`);
      const name = names[index]!;
      try {
        await conn.run(`CREATE TABLE ${quotedIdentifier(name)} AS SELECT * FROM ${readerSql(filePath, formats[index]!)}`);
      } catch (error) {
        if (/interrupt/i.test((error as Error).message)) throw error;
        throw new EngineError('import_failed', `${filePath}: ${(error as Error).message}`, { file: filePath });
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
  const reader = await db.reader(
    `SELECT ${arrowFriendlySelect(info.columns)} FROM ${quotedIdentifier(table)}
     WHERE rowid >= ? AND rowid < ? ORDER BY rowid`,
    [offset, offset + limit],
  );
  return readerToArrow(reader);
}

export async function inspectFile(db: Database, filePath: string): Promise<FileInspection> {
  const format = detectFormat(filePath);
  const source = readerSql(filePath, format);
  try {
    const described = await db.rows(`DESCRIBE SELECT * FROM ${source}`);
    const [count] = await db.rows(`SELECT count(*) AS n FROM ${source}`);
    let delimiter: string | null = null;
    if (format === 'csv') {
      const [sniffed] = await db.rows(`SELECT Delimiter AS d FROM sniff_csv(${quotedString(filePath)})`);
      delimiter = sniffed ? String(sniffed.d) : null;
    }
    return {
      path: filePath,
      format,
      rowCount: Number(count?.n ?? 0),
      columns: described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })),
      delimiter,
    };
  } catch (error) {
    throw new EngineError('unsupported_file', `${filePath}: ${(error as Error).message}`, { file: filePath });
  }
}
