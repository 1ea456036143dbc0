// The reader processes of one workspace: started when a read needs one, and
// the last one kept warm for the next read, since starting Node and loading
// DuckDB costs more than reading a small file. At most one waits idle; it
// holds nothing of a read (each read has its own DuckDB and folder), ends
// when the workspace closes or after a while idle, and never keeps Node
// running. A reader that crashed, was stopped at a limit or was cancelled is
// never given another read: isolated.ts gives it back as unfit and it ends.
import { launchProcess, type ChildProcessLike } from '../../runtime/childProcess.js';
import type { ReaderMessage, ReadRequest } from './protocol.js';

/**
 * The Node options of a reader process: its JavaScript heap's bound. The
 * build makes the reader's code cache under the same ones (scripts/build.mjs,
 * which V8 requires to take it; test/integration/reader-code-cache.test.ts).
 */
export const READER_EXEC_ARGV = ['--max-old-space-size=2048'];

/** What the reader processes need of a workspace (a Database, or the command line's inspect without one). */
export interface ReaderHost {
  /** The reader's folders go inside (swept at the next start if the process dies). */
  readonly resources: { readonly tempDirectory: string };
  /** The folders DuckDB may touch (browser mode), which the reader's DuckDB gets too; null: anywhere. */
  readonly confinedTo: readonly string[] | null;
  /** Its readers end when it closes. */
  onClose(listener: () => void): void;
}

/** What one read listens to while it has the reader. */
export interface ReadListener {
  message(message: ReaderMessage): void;
  /** The process ended while this read had it: its exit code, or the signal that ended it. */
  exit(code: number | null, signal: string | null): void;
}

/** A started reader process; one read at a time talks to it. */
export class ReaderProcess {
  private listener: ReadListener | null = null;
  private ended = false;

  constructor(
    private readonly child: ChildProcessLike,
    onEnd: (reader: ReaderProcess) => void,
  ) {
    child.onMessage((message) => this.listener?.message(message as ReaderMessage));
    child.onExit((code, signal) => {
      this.ended = true;
      onEnd(this);
      this.listener?.exit(code, signal);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** Starts a read: the process holds Node until the read lets go of it. */
  read(request: ReadRequest, listener: ReadListener): void {
    this.listener = listener;
    this.child.holdParent(true);
    this.child.send(request);
  }

  /** The read is over: nothing more it says reaches that read. */
  letGo(): void {
    this.listener = null;
    this.child.holdParent(false);
  }

  /** Ends the process; a read that still has it hears of the exit. */
  kill(): void {
    this.ended = true;
    this.child.kill();
  }
}

class Readers {
  private idle: { reader: ReaderProcess; timer: NodeJS.Timeout } | null = null;
  private readonly busy = new Set<ReaderProcess>();
  private closed = false;

  take(entry: string): ReaderProcess {
    const warm = this.idle;
    this.idle = null;
    if (warm) clearTimeout(warm.timer);
    const reader = warm?.reader.alive ? warm.reader : this.launch(entry);
    this.busy.add(reader);
    return reader;
  }

  /**
   * Starts a reader before a read asks for it (an import's start, the command
   * line's inspect), unless one waits already: it waits as a warm one does, so
   * the read skips the start (Node and DuckDB loading). None when readers are
   * not kept warm (`idleMs` 0).
   */
  prestart(entry: string, idleMs: number): void {
    if (this.closed || this.idle || idleMs <= 0) return;
    const reader = this.launch(entry);
    reader.letGo();
    this.wait(reader, idleMs);
  }

  private launch(entry: string): ReaderProcess {
    return new ReaderProcess(launchProcess(entry, READER_EXEC_ARGV), (gone) => this.forget(gone));
  }

  /** The read is over; a `fit` reader waits for the next read for `idleMs` (none if 0), unless one already waits. */
  giveBack(reader: ReaderProcess, fit: boolean, idleMs: number): void {
    this.busy.delete(reader);
    reader.letGo();
    if (!fit || !reader.alive || this.closed || this.idle || idleMs <= 0) {
      reader.kill();
      return;
    }
    this.wait(reader, idleMs);
  }

  private wait(reader: ReaderProcess, idleMs: number): void {
    const timer = setTimeout(() => this.forget(reader, true), idleMs);
    timer.unref();
    this.idle = { reader, timer };
  }

  private forget(reader: ReaderProcess, kill = false): void {
    if (this.idle?.reader === reader) {
      clearTimeout(this.idle.timer);
      this.idle = null;
    }
    if (kill) reader.kill();
  }

  /** The workspace closes: every reader ends (a read still running fails as stopped). */
  close(): void {
    this.closed = true;
    if (this.idle) this.forget(this.idle.reader, true);
    for (const reader of this.busy) reader.kill();
  }

  pids(): { idle: number | null; busy: number[] } {
    return { idle: this.idle?.reader.pid ?? null, busy: [...this.busy].map((reader) => reader.pid ?? -1) };
  }
}

const byHost = new WeakMap<ReaderHost, Readers>();

/** The reader processes of `host`'s workspace, ended when it closes. */
export function readersOf(host: ReaderHost): Readers {
  let readers = byHost.get(host);
  if (!readers) {
    const made = new Readers();
    host.onClose(() => made.close());
    byHost.set(host, made);
    readers = made;
  }
  return readers;
}

/** Tests: the process ids of the workspace's reader waiting idle and of those reading now. */
export function readerPids(host: ReaderHost): { idle: number | null; busy: number[] } {
  return byHost.get(host)?.pids() ?? { idle: null, busy: [] };
}
