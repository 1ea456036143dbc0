// The engine: every contract method implemented once, in plain Node. The
// Electron IPC adapter, the loopback HTTP host, the CLI and the tests all call
// `invoke`, which validates the request and turns every failure into data.
import { isMethod, requestSchemas, type Method, type Request, type Response } from '../../shared/contract.js';
import { EngineError, fail, ok, type Result } from '../../shared/result.js';
import type { Invoke } from '../../shared/transport.js';
import { Database } from './database.js';
import { Jobs } from './jobs.js';
import { assetPath } from './paths.js';
import { dropTable, ensureMetaSchema, importFiles, inspectFile, listTables, readPage } from './tables.js';

type Handlers = { [M in Method]: (request: Request<M>) => Promise<Response<M>> };

export const SAMPLE_FILES = ['customers.csv', 'subscriptions.csv'] as const;

/** Native file dialogs, supplied by the desktop shell; absent elsewhere. */
export interface Dialogs {
  openFiles(purpose: 'data' | 'workspace'): Promise<string[]>;
  saveFile(purpose: 'workspace'): Promise<string | null>;
}

export interface EngineOptions {
  dialogs?: Dialogs;
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
    const db = await Database.open(workspacePath);
    await ensureMetaSchema(db);
    return new Engine(db, options);
  }

  private dialogs(): Dialogs {
    if (!this.options.dialogs) {
      throw new EngineError('unsupported', 'Native dialogs exist only in the desktop app; use the file picker.');
    }
    return this.options.dialogs;
  }

  get database(): Database {
    return this.db;
  }

  private async switchTo(workspacePath: string | null) {
    const next = await Database.open(workspacePath);
    await ensureMetaSchema(next);
    this.jobs.cancelAll();
    this.db.close();
    this.db = next;
    return this.workspaceInfo();
  }

  private async workspaceInfo() {
    return { path: this.db.path, tables: await listTables(this.db) };
  }

  private readonly handlers: Handlers = {
    'workspace.info': () => this.workspaceInfo(),
    'workspace.open': ({ path }) => this.switchTo(path),
    'workspace.scratch': () => this.switchTo(null),
    'files.import': ({ paths, jobId }) => this.jobs.run(jobId, (job) => importFiles(this.db, paths, job)),
    'files.inspect': ({ path }) => inspectFile(this.db, path),
    'sample.open': ({ jobId }) =>
      this.jobs.run(jobId, (job) => importFiles(this.db, SAMPLE_FILES.map((file) => assetPath('sample', file)), job)),
    'tables.list': () => listTables(this.db),
    'tables.page': ({ table, offset, limit }) => readPage(this.db, table, offset, limit),
    'tables.drop': ({ table }) => dropTable(this.db, table),
    'dialog.openFiles': async ({ purpose }) => ({ paths: await this.dialogs().openFiles(purpose) }),
    'dialog.saveFile': async ({ purpose }) => ({ path: await this.dialogs().saveFile(purpose) }),
    'jobs.progress': async ({ jobId }) => this.jobs.progress(jobId),
    'jobs.cancel': async ({ jobId }) => ({ cancelled: this.jobs.cancel(jobId) }),
  };

  /** The boundary: untrusted method name and request in, a Result out. */
  readonly invokeUnknown = async (method: string, request: unknown): Promise<Result<unknown>> => {
    if (!isMethod(method)) return fail('unknown_method', `There is no method named ${JSON.stringify(method)}.`);
    const parsed = requestSchemas[method].safeParse(request ?? {});
    if (!parsed.success) {
      return fail('invalid_request', `Invalid request for ${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`, parsed.error.issues);
    }
    try {
      const handler = this.handlers[method] as (request: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (error) {
      return toFailure(error);
    }
  };

  readonly invoke: Invoke = (method, request) => this.invokeUnknown(method, request) as never;

  close(): void {
    this.jobs.cancelAll();
    this.db.close();
  }
}

function toFailure(error: unknown): Result<never> {
  if (error instanceof EngineError) return fail(error.code, error.message, error.details);
  const message = error instanceof Error ? error.message : String(error);
  if (/interrupt/i.test(message)) return fail('cancelled', 'Cancelled: nothing was changed.');
  return fail('internal', message);
}
