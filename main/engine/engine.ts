// The engine: every contract method implemented once, in plain Node. The
// Electron IPC adapter, the loopback HTTP host, the CLI and the tests all call
// `invoke`, which validates the request and turns every failure into data.
import type { CompactResult, Method, Request, Response } from '../../shared/contract.js';
import { EngineError, fail, ok, type Result } from '../../shared/result.js';
import type { Invoke } from '../../shared/transport.js';
import { Database } from '../runtime/database.js';
import { setProcessLauncher, type ProcessLauncher } from '../runtime/childProcess.js';
import { Jobs, type JobContext } from '../runtime/jobs.js';
import { readerToArrow } from '../runtime/arrow.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import { importModel, previewMapping, readAudit, readRejects } from '../ingest/importer.js';
import { analyze } from '../metrics/analyze.js';
import { metricContext } from '../metrics/context.js';
import { drillSql } from '../metrics/customers.js';
import { metricQuerySql } from '../metrics/queries.js';
import { customerHistory, searchCustomers } from '../metrics/customer.js';
import { tablesToXlsx } from '../reports/xlsxTables.js';
import { scenarioHandlers } from '../scenarios/handlers.js';
import { reportHandlers } from '../reports/handlers.js';
import { survivalHandlers } from '../metrics/survival/handlers.js';
import { consoleHandlers } from '../console/handlers.js';
import { reconcileHandlers } from '../reconcile/handlers.js';
import { closeConsole, ensureResultsCatalog } from '../console/results.js';
import { ensureConsoleSchema } from '../console/store.js';
import type { PdfPrinter } from '../reports/pdf.js';
import { ensureModel } from '../model/schema.js';
import { assetPath } from '../runtime/paths.js';
import { grewEnough, removeCompactionLeftovers, swapIn, workspaceBytes, writeCompactedCopy } from './compact.js';
import { parseRequest, toFailure } from './boundary.js';
import { FULL_ACCESS, type FileAccess } from './fileAccess.js';
import { assertFileAccess } from './requestFiles.js';
import { dropTable, ensureMetaSchema, importFiles, listTables, readPage } from '../ingest/tables.js';
import { inspectFile } from '../ingest/inspect.js';
import { prestartReader } from '../ingest/reader/run.js';

type Handlers = { [M in Method]: (request: Request<M>) => Promise<Response<M>> };

export const SAMPLE_FILES = ['customers.csv', 'subscriptions.csv'] as const;
/** The sample's illustrative exchange rates into USD (assets/sample/README.md). */
export const SAMPLE_RATES = { EUR: 1.08, GBP: 1.27 };

/** Native file dialogs, supplied by the desktop shell; absent elsewhere. */
export interface Dialogs {
  openFiles(purpose: 'data' | 'workspace'): Promise<string[]>;
  saveFile(purpose: 'workspace'): Promise<string | null>;
}

export interface EngineOptions {
  dialogs?: Dialogs;
  /** Prints report HTML to PDF (Electron's printToPDF); the CLI and browser mode use the system Chromium. */
  printPdf?: PdfPrinter;
  /** Starts the reader process each import parses its file in (the desktop app's utilityProcess; Node's fork otherwise). */
  launchProcess?: ProcessLauncher;
  /**
   * Starts the workspace's reader process as it opens, for a caller that
   * reads files at once (the command line's import): Node and DuckDB load in
   * it while the workspace opens, instead of after the import asks for it.
   * Unused, it ends as a warm reader does (runtime's idle time, or the close).
   */
  prestartReader?: boolean;
}

export class Engine {
  private db: Database;
  private readonly jobs = new Jobs(() => this.db);

  private constructor(
    db: Database,
    private readonly options: EngineOptions,
  ) {
    this.db = db;
  }

  static async open(workspacePath: string | null = null, options: EngineOptions = {}): Promise<Engine> {
    if (options.launchProcess) setProcessLauncher(options.launchProcess);
    return new Engine(await Engine.prepare(workspacePath, options.prestartReader === true), options);
  }

  private metricContext(settings: Partial<AnalysisSettings>) {
    return metricContext(this.db, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
  }

  /** The bundled sample: its files as tables to browse, and mapped into the churn model to analyse. */
  private async openSample(job: JobContext) {
    const files = SAMPLE_FILES.map((file) => assetPath('sample', file));
    const tables = await importFiles(this.db, files, job);
    await importModel(this.db, files.map((path) => ({ path })), { rates: SAMPLE_RATES }, job);
    return tables;
  }

  /** Opens a workspace and makes sure the app's own schemas exist in it. */
  private static async prepare(workspacePath: string | null, prestart = false): Promise<Database> {
    const db = await Database.open(workspacePath);
    if (prestart) void prestartReader(db);
    // Opened, so this process holds the file: no other can be compacting it.
    if (workspacePath) removeCompactionLeftovers(workspacePath);
    await ensureMetaSchema(db);
    await ensureConsoleSchema(db);
    await ensureResultsCatalog(db);
    const connection = await db.connect();
    try {
      await ensureModel(db, connection);
    } finally {
      connection.closeSync();
    }
    return db;
  }

  private dialogs(): Dialogs {
    if (!this.options.dialogs) {
      throw new EngineError('unsupported', 'Native dialogs exist only in the desktop app; use the file picker.');
    }
    return this.options.dialogs;
  }

  /**
   * The workspace's database, for tests and benchmarks that check the engine's
   * answers against DuckDB directly. The app's callers (the CLI, the host, the
   * desktop shell) go through `invoke` only; lint keeps them from reading this.
   */
  get database(): Database {
    return this.db;
  }

  /** Folders DuckDB may touch files in, once confineFiles was called (browser mode); null: anywhere. */
  private fileRoots: readonly string[] | null = null;

  /**
   * Browser mode: DuckDB may read and write files only inside `directories`,
   * in this workspace and every one opened after it (main/host/server.ts).
   */
  async confineFiles(directories: readonly string[]): Promise<void> {
    this.fileRoots = directories;
    await this.db.confineFiles(directories);
  }

  /** A workspace opened with this engine's file confinement. */
  private async openWorkspace(workspacePath: string | null): Promise<Database> {
    const db = await Engine.prepare(workspacePath);
    if (this.fileRoots) await db.confineFiles(this.fileRoots);
    return db;
  }

  private async switchTo(workspacePath: string | null) {
    const next = await this.openWorkspace(workspacePath);
    this.jobs.cancelAll();
    closeConsole(this.db);
    this.db.close();
    this.db = next;
    return this.workspaceInfo();
  }

  /** Set while the workspace file is being swapped for its compacted copy: nothing else may use it meanwhile. */
  private compacting = false;

  /**
   * Rewrites the workspace file without the space that failed or cancelled
   * imports left in it (main/engine/compact.ts). A scratch workspace has no file.
   */
  private async compact(): Promise<CompactResult> {
    const file = this.db.path;
    if (!file) return { path: null, bytesBefore: null, bytesAfter: null };
    if (this.jobs.running() > 0) {
      throw new EngineError('invalid_request', 'A job is running in this workspace: compact it once the job has finished or been cancelled.');
    }
    this.compacting = true;
    try {
      const bytesBefore = workspaceBytes(file);
      const copy = await writeCompactedCopy(this.db);
      this.db.close();
      try {
        swapIn(copy, file);
      } finally {
        this.db = await this.openWorkspace(file).catch(async (error: unknown) => {
          // Never left without a workspace: a scratch one, and the reason.
          this.db = await this.openWorkspace(null);
          throw new EngineError('internal', `The workspace ${file} could not be opened again after compacting: ${(error as Error).message}`);
        });
      }
      return { path: file, bytesBefore, bytesAfter: workspaceBytes(file) };
    } finally {
      this.compacting = false;
    }
  }

  /**
   * An import as a job. One that fails or is cancelled leaves the tables as
   * they were, but the blocks it wrote stay in the file: when that grew the
   * file noticeably, the file is compacted back (the import's own error is
   * still the answer).
   */
  private async importJob<T>(jobId: string | undefined, work: (job: JobContext) => Promise<T>): Promise<T> {
    const file = this.db.path;
    const before = file ? workspaceBytes(file) : 0;
    try {
      return await this.jobs.run(jobId, work);
    } catch (error) {
      if (file && file === this.db.path && this.jobs.running() === 0 && grewEnough(before, workspaceBytes(file))) {
        await this.compact().catch(() => undefined);
      }
      throw error;
    }
  }

  private async workspaceInfo() {
    return { path: this.db.path, tables: await listTables(this.db) };
  }

  private readonly handlers: Handlers = {
    'workspace.info': () => this.workspaceInfo(),
    'workspace.open': ({ path }) => this.switchTo(path),
    'workspace.scratch': () => this.switchTo(null),
    'workspace.compact': () => this.compact(),
    'files.import': ({ paths, jobId, encoding, sheet }) =>
      this.importJob(jobId, (job) => importFiles(this.db, paths, job, { encoding, sheet })),
    'files.inspect': ({ path, encoding, sheet }) => inspectFile(this.db, path, { encoding, sheet }),
    'sample.open': ({ jobId }) => this.importJob(jobId, (job) => this.openSample(job)),
    'tables.list': () => listTables(this.db),
    'tables.page': ({ table, offset, limit }) => readPage(this.db, table, offset, limit),
    'tables.drop': ({ table }) => dropTable(this.db, table),
    'dialog.openFiles': async ({ purpose }) => ({ paths: await this.dialogs().openFiles(purpose) }),
    'dialog.saveFile': async ({ purpose }) => ({ path: await this.dialogs().saveFile(purpose) }),
    'model.suggest': (request) => previewMapping(this.db, request),
    'model.import': ({ files, revenueKind, options, jobId }) =>
      this.importJob(jobId, (job) => importModel(this.db, files, options ?? {}, job, revenueKind)),
    'model.audit': () => readAudit(this.db),
    'model.rejects': ({ offset, limit }) => readRejects(this.db, offset, limit),
    'analysis.run': ({ settings, families, jobId }) => this.jobs.run(jobId, (job) => analyze(this.db, settings, job.connection, families)),
    'analysis.sql': async ({ query, settings }) => ({ sql: metricQuerySql(await this.metricContext(settings), query) }),
    'analysis.customers': async ({ settings, drill }) =>
      readerToArrow(await this.db.reader(drillSql(await this.metricContext(settings), drill))),
    'customers.search': async ({ query, offset, limit }) => searchCustomers(this.db, await this.metricContext({}), query, offset, limit),
    'customers.history': async ({ customerId, settings }) => customerHistory(this.db, await this.metricContext(settings), customerId),
    'ui.settings.get': async () => {
      const [row] = await this.db.rows(`SELECT CAST(value AS VARCHAR) AS v FROM churn.settings WHERE key = 'ui_analysis'`);
      return { settings: row ? (JSON.parse(String(row.v)) as Partial<AnalysisSettings>) : null };
    },
    'ui.settings.set': async ({ settings }) => {
      await this.db.run(`INSERT OR REPLACE INTO churn.settings VALUES ('ui_analysis', ?)`, [JSON.stringify(settings)]);
      return { saved: true as const };
    },
    'export.xlsx': ({ sheets }) => tablesToXlsx(sheets),
    'jobs.progress': async ({ jobId }) => this.jobs.progress(jobId),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
    ...scenarioHandlers(() => this.db, this.jobs),
    ...reportHandlers(() => this.db, this.jobs, () => ({ printPdf: this.options.printPdf })),
    ...survivalHandlers(() => this.db, this.jobs),
    ...consoleHandlers(() => this.db, this.jobs),
    ...reconcileHandlers(() => this.db, this.jobs),
  };

  /**
   * The boundary: untrusted method name and request in, a Result out. `access`
   * is what the caller may touch on disk (main/engine/fileAccess.ts): the
   * browser-mode host and the desktop window pass their own; in-process
   * callers and the command line have every file.
   */
  readonly invokeUnknown = async (method: string, request: unknown, access: FileAccess = FULL_ACCESS): Promise<Result<unknown>> => {
    const parsed = parseRequest(method, request);
    if (!parsed.ok) return parsed;
    if (this.compacting && method !== 'jobs.progress') {
      return fail('invalid_request', 'The workspace is being compacted: try again in a moment.');
    }
    try {
      assertFileAccess(parsed.value.method, parsed.value.request as never, access);
      const handler = this.handlers[parsed.value.method] as (request: unknown) => Promise<unknown>;
      const value = await handler(parsed.value.request);
      grantChosenFiles(parsed.value.method, value, access);
      return ok(value);
    } catch (error) {
      return toFailure(error);
    }
  };

  readonly invoke: Invoke = (method, request) => this.invokeUnknown(method, request) as never;

  close(): void {
    this.jobs.cancelAll();
    closeConsole(this.db);
    this.db.close();
  }
}

/** What a native dialog returned, the user chose: the caller may use it from now on. */
function grantChosenFiles(method: Method, value: unknown, access: FileAccess): void {
  if (method === 'dialog.openFiles') access.grant((value as Response<'dialog.openFiles'>).paths, 'read');
  if (method === 'dialog.saveFile') {
    const chosen = (value as Response<'dialog.saveFile'>).path;
    if (chosen) access.grant([chosen], 'write');
  }
}
