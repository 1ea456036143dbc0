// One DuckDB database per workspace: a .duckdb file the user chose, or a
// scratch database in memory (which still spills to the temp directory).
import { DuckDBInstance, quotedString, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../shared/result.js';
import { removeLeftovers } from './leftovers.js';
import { CONNECTION_SETUP, defaultResources, instanceOptions, type ResourceSettings } from './resources.js';

export class Database {
  private constructor(
    private readonly instance: DuckDBInstance,
    /** Connection for short metadata queries; long work gets its own. */
    private readonly control: DuckDBConnection,
    readonly path: string | null,
    readonly resources: ResourceSettings,
  ) {}

  /** The folders confineFiles allowed (the reader process's DuckDB gets the same); null: anywhere. */
  private confinement: readonly string[] | null = null;

  get confinedTo(): readonly string[] | null {
    return this.confinement;
  }

  /** What ends with this workspace (its warm reader process), in the order given. */
  private readonly closing: Array<() => void> = [];

  onClose(listener: () => void): void {
    this.closing.push(listener);
  }

  static async open(filePath: string | null, resources = defaultResources()): Promise<Database> {
    if (filePath !== null) {
      const dir = path.dirname(filePath);
      if (!fs.existsSync(dir)) {
        throw new EngineError('not_found', `The folder ${dir} does not exist: choose a workspace file in an existing folder.`);
      }
    }
    // Converted copies and spill files of runs that were killed mid-import.
    removeLeftovers(path.dirname(resources.tempDirectory));
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(filePath ?? ':memory:', instanceOptions(resources));
    } catch (error) {
      throw new EngineError(
        'invalid_request',
        filePath === null
          ? `Could not start the scratch workspace: ${(error as Error).message}`
          : `Could not open the workspace ${filePath}: ${(error as Error).message}. Is it a DuckDB file, and is it open in another program?`,
      );
    }
    const control = await instance.connect();
    return new Database(instance, control, filePath, resources);
  }

  /** A new connection: each cancellable query runs on its own, so interrupt hits only it. */
  async connect(): Promise<DuckDBConnection> {
    const connection = await this.instance.connect();
    await connection.run(CONNECTION_SETUP);
    return connection;
  }

  async rows(sql: string, params?: DuckDBValue[]): Promise<Record<string, unknown>[]> {
    const reader = await this.control.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  async run(sql: string, params?: DuckDBValue[]): Promise<void> {
    await this.control.run(sql, params);
  }

  async reader(sql: string, params?: DuckDBValue[]) {
    return this.control.runAndReadAll(sql, params);
  }

  /**
   * From now on DuckDB itself reads and writes files only inside `directories`
   * (its own workspace file, log and spill files excepted): no query, view or
   * macro in the workspace can reach another file. For good: DuckDB refuses to
   * turn external access back on while the database is open.
   */
  async confineFiles(directories: readonly string[]): Promise<void> {
    this.confinement = directories;
    const list = directories.map((dir) => quotedString(dir.endsWith(path.sep) ? dir : dir + path.sep)).join(', ');
    await this.control.run(`SET allowed_directories = [${list}]`);
    await this.control.run('SET enable_external_access = false');
  }

  close(): void {
    for (const listener of this.closing.splice(0)) listener();
    this.control.closeSync();
    this.instance.closeSync();
    // The spill folder, if nothing is left in it (DuckDB and the import make it on demand).
    try {
      fs.rmdirSync(this.resources.tempDirectory);
    } catch {
      // Not there, or still in use by another workspace of this process.
    }
  }
}
