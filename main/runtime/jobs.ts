// Long work (imports, heavy queries) runs as a job: on its own connection, so
// `interrupt` cancels only that job, with progress read from DuckDB while it runs.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobProgress } from '../../shared/contract.js';
import { boundedMessage, EngineError } from '../../shared/result.js';
import type { Database } from './database.js';

interface Job {
  state: JobProgress['state'];
  percent: number | null;
  message: string;
  connection: DuckDBConnection | null;
  cancelRequested: boolean;
  /** Aborted on cancel: ends work outside DuckDB (a reader process). */
  abort: AbortController;
}

/** What a job's work can tell the user while it runs. */
export interface JobContext {
  connection: DuckDBConnection;
  /** Sets the step shown beside the progress, e.g. "Reading customers.csv". */
  step(message: string): void;
  /** Work done outside DuckDB's queries (a reader process), in percent: shown until a query of the job's reports its own. */
  percent(value: number): void;
  throwIfCancelled(): void;
  /** Aborted when the job is cancelled. */
  signal: AbortSignal;
}

const POLL_MS = 100;
/** Finished jobs are remembered this long so a last progress poll still sees them. */
const KEEP_FINISHED_MS = 60_000;

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private anonymous = 0;
  /** Ids cancelled before their job started. */
  private readonly cancelledEarly = new Set<string>();

  constructor(private readonly database: () => Database) {}

  async run<T>(jobId: string | undefined, work: (context: JobContext) => Promise<T>): Promise<T> {
    const id = jobId ?? `job-${++this.anonymous}`;
    if (this.jobs.get(id)?.state === 'running') {
      throw new EngineError('invalid_request', `A job with id ${id} is already running.`);
    }
    // Known (and cancellable) before its connection opens: a Cancel pressed at once is not lost.
    const job: Job = { state: 'running', percent: null, message: '', connection: null, cancelRequested: this.cancelledEarly.delete(id), abort: new AbortController() };
    if (job.cancelRequested) job.abort.abort();
    this.jobs.set(id, job);
    let connection: DuckDBConnection;
    try {
      connection = await this.database().connect();
    } catch (error) {
      job.state = 'failed';
      throw error;
    }
    job.connection = connection;
    const timer = setInterval(() => {
      // An interrupt that lands between two queries of a job is lost when the next one
      // starts: repeat it until the work stops.
      if (job.cancelRequested) connection.interrupt();
      const { percentage } = connection.progress;
      // DuckDB reports -1 when a query has no estimate (or none runs right now).
      if (percentage >= 0) job.percent = Math.min(100, percentage);
    }, POLL_MS);
    const context: JobContext = {
      connection,
      step: (message) => {
        job.message = message;
      },
      percent: (value) => {
        job.percent = Math.min(100, value);
      },
      throwIfCancelled: () => {
        if (job.cancelRequested) throw new EngineError('cancelled', 'Cancelled: nothing was changed.');
      },
      signal: job.abort.signal,
    };
    try {
      context.throwIfCancelled();
      const value = await work(context);
      job.state = 'done';
      job.percent = 100;
      return value;
    } catch (error) {
      if (job.cancelRequested) {
        job.state = 'cancelled';
        throw new EngineError('cancelled', 'Cancelled: nothing was changed.');
      }
      job.state = 'failed';
      // Shown beside the progress: as bounded as the error the call answers with.
      job.message = boundedMessage((error as Error).message);
      // DuckDB also raises "Interrupted" when one of its own worker threads failed
      // (Executor::PushError sets the connection's interrupt flag): with no cancel
      // asked for, that is an engine fault, never a cancel.
      if (!(error instanceof EngineError) && /interrupt/i.test(job.message)) {
        throw new EngineError('internal', `The database engine stopped this work on its own (no cancel was asked for): ${job.message}. Nothing was changed: run it again, and if it stops again, report this message.`);
      }
      throw error;
    } finally {
      clearInterval(timer);
      job.connection = null;
      connection.closeSync();
      setTimeout(() => this.jobs.delete(id), KEEP_FINISHED_MS).unref();
    }
  }

  progress(jobId: string): JobProgress {
    const job = this.jobs.get(jobId);
    if (!job) return { jobId, state: 'unknown', percent: null, message: '' };
    return { jobId, state: job.state, percent: job.percent, message: job.message };
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) {
      // The Cancel may overtake the request that starts the job (two HTTP connections):
      // remembered for a while, the job then stops as it starts.
      this.cancelledEarly.add(jobId);
      setTimeout(() => this.cancelledEarly.delete(jobId), KEEP_FINISHED_MS).unref();
      return false;
    }
    if (job.state !== 'running') return false;
    job.cancelRequested = true;
    job.connection?.interrupt();
    job.abort.abort();
    return true;
  }

  /** How many jobs are running now. */
  running(): number {
    let count = 0;
    for (const job of this.jobs.values()) if (job.state === 'running') count += 1;
    return count;
  }

  cancelAll(): void {
    for (const id of this.jobs.keys()) this.cancel(id);
  }
}
