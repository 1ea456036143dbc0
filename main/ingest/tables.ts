// The workspace's tables: listing them, loading files into them, and reading
// page-aligned windows of rows as Arrow.
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import type { ColumnInfo, FileInspection, TableInfo } from '../../shared/contract.js';
import { EngineError, type ErrorCode } from '../../shared/result.js';
import { arrowFriendlySelect, readerToArrow } from '../runtime/arrow.js';
import type { Database } from '../runtime/database.js';
import { openSource, probeSource, tableNameFor, type Source, type SourceChoice } from './files.js';
import { checkMisshapenLines } from './misshapen.js';
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
 * Runs `read` over the source's typed rows with the dialect the model import
 * uses (the delimiter the header agrees with, RFC 4180 quoting) and its
 * checks: a table is the file's rows exactly, or nothing. There is no rejects
 * list here, so any line with the wrong number of values, an unclosed quote or
 * a value unlike its column's type stops the read with its line
 * (misshapen.ts), instead of being padded, dropped or loaded as a whole line.
 * `read` returns what it made and how many rows it read.
 */
async function checkedRead<T>(
  db: Database,
  conn: DuckDBConnection,
  source: Source,
  rejectsTable: string,
  code: ErrorCode,
  read: (relation: string) => Promise<{ result: T; rows: number }>,
): Promise<T> {
  const dropRejects = () => conn.run(`DROP TABLE IF EXISTS ${quotedIdentifier(rejectsTable)}; DROP TABLE IF EXISTS ${quotedIdentifier(`${rejectsTable}_scan`)}`);
  await dropRejects();
  let outcome;
  try {
    outcome = await read(await typedOrText(db, source, rejectsTable));
  } catch (error) {
    await dropRejects();
    throw source.explain(error, code);
  }
  await checkMisshapenLines(conn, source, rejectsTable, outcome.rows, true);
  return outcome.result;
}

/**
 * The typed relation, unless DuckDB cannot detect its types: they come from a
 * sample, and a quote never closed inside it leaves nothing to detect them
 * from. Then the rows as text, which locates such a line (and a file that
 * reads cleanly as text loads as text). Asked on a connection of its own, as
 * a failed statement would end the caller's transaction.
 */
async function typedOrText(db: Database, source: Source, rejectsTable: string): Promise<string> {
  const typed = source.relation({ allVarchar: false, rejectsTable });
  const probe = await db.connect();
  try {
    await probe.run(`DESCRIBE SELECT * FROM ${typed}`);
    return typed;
  } catch (error) {
    if (/Error when sniffing file/i.test((error as Error)?.message ?? '')) return source.relation({ allVarchar: true, rejectsTable });
    throw error;
  } finally {
    probe.closeSync();
  }
}

/**
 * Loads files into new tables in one transaction: either every file becomes a
 * table or the workspace is left exactly as it was. Text in other encodings
 * and Excel sheets are streamed to temporary UTF-8 files first (removed after).
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
  try {
    for (const [index, filePath] of paths.entries()) {
      job.throwIfCancelled();
      const label = `${path.basename(filePath)} (${index + 1} of ${paths.length})`;
      job.step(`Loading ${label}`);
      const name = names[index]!;
      const controller = new AbortController();
      const source = await openSource(filePath, {
        ...choice,
        connection: conn,
        signal: controller.signal,
        tempDir: db.resources.tempDirectory,
        onProgress: ({ phase, bytesDone, bytesTotal }) => {
          try {
            job.throwIfCancelled();
          } catch {
            controller.abort();
          }
          const what = phase === 'xlsx' ? 'Reading sheet of' : 'Converting to UTF-8:';
          job.step(`${what} ${label}, ${bytesTotal > 0 ? Math.min(100, Math.floor((bytesDone / bytesTotal) * 100)) : 0}%`);
        },
      });
      try {
        job.step(`Loading ${label}`);
        const rows = await checkedRead(db, conn, source, `cw_table_rejects_${index}`, 'import_failed', async (relation) => {
          await conn.run(`CREATE TABLE ${quotedIdentifier(name)} AS SELECT * FROM ${relation}`);
          const [count] = (await conn.runAndReadAll(`SELECT count(*) AS n FROM ${quotedIdentifier(name)}`)).getRowObjectsJS();
          const n = Number(count?.n ?? 0);
          return { result: n, rows: n };
        });
        if (rows === 0) {
          const where = source.sheet ? `sheet "${source.sheet}" of ${filePath}` : filePath;
          throw new EngineError(
            'import_failed',
            `${where} has a header but no data rows: there is nothing to load. Export the data again with its rows.`,
            { file: filePath },
          );
        }
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

export async function inspectFile(db: Database, filePath: string, choice: SourceChoice = {}): Promise<FileInspection> {
  const connection = await db.connect();
  try {
    const source = await openSource(filePath, { ...choice, connection, tempDir: db.resources.tempDirectory });
    try {
      const { described, count } = await checkedRead(db, connection, source, 'cw_inspect_rejects', 'unsupported_file', async (relation) => {
        const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJS();
        const [row] = (await connection.runAndReadAll(`SELECT count(*) AS n FROM ${relation}`)).getRowObjectsJS();
        const n = Number(row?.n ?? 0);
        return { result: { described: columns, count: n }, rows: n };
      });
      return {
        path: filePath,
        format: source.format,
        rowCount: count,
        columns: described.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })),
        delimiter: source.delimiter,
        encoding: source.encoding,
        sheets: source.sheets,
        sheet: source.sheet,
      };
    } finally {
      source.cleanup();
    }
  } finally {
    connection.closeSync();
  }
}
