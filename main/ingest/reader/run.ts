// The engine's side of the reader process (child.ts), without DuckDB: takes
// the workspace's warm reader or starts one (warm.ts) for each read, enforces
// its limits — memory, time without progress, overall time — and returns its
// answer and the folder it wrote in. isolated.ts turns that into a Source
// over the Parquet; files.inspect (ingest/inspect.ts) needs only the answer,
// so the command line's inspect answers without loading DuckDB itself.
// If the reader dies (a native crash on hostile bytes) or is stopped at a
// limit, the read fails with "<file> could not be read: the reader stopped
// (…)" and nothing else is touched. Cancelling the job ends the reader; only
// a reader that answered (data or a clean error) reads again.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError, type ErrorCode } from '../../../shared/result.js';
import { BEAT_MS, type ReaderMessage, type ReadMode, type ReadRequest } from './protocol.js';
import { readersOf, type ReaderHost } from './warm.js';

const MiB = 1024 * 1024;
/** How long the reader process may take to start (load DuckDB) before it beats. */
const STARTUP_MS = 60_000;

export interface ReaderLimits {
  /** DuckDB's memory_limit in the reader (it spills to its folder beyond). */
  duckdbMiB: number;
  /** The reader's whole resident memory: beyond it, it is stopped. */
  memoryBytes: number;
  /** Stopped when it neither used the CPU nor moved on for this long (a read that idles forever). */
  stallMs: number;
  /** Stopped when still reading after this long, whatever it does. */
  maxMs: number;
  /** A reader that answered waits this long for the next read, then ends (0: it ends at once). */
  idleMs: number;
}

/**
 * The limits: a quarter of the machine's memory for DuckDB (512 MiB to 8 GiB),
 * twice that plus 2 GiB for the process; one minute without progress; an hour
 * in all; kept warm for a minute. CW_READER_MEMORY_MB, CW_READER_STALL_SECONDS
 * and CW_READER_IDLE_SECONDS override the memory, stall and idle bounds (a
 * machine with unusual needs, the tests and the benchmark).
 */
export function readerLimits(): ReaderLimits {
  const total = os.totalmem();
  const memoryBytes = Number(process.env.CW_READER_MEMORY_MB) * MiB || Math.min(total * 0.7, Math.min(8192, Math.max(512, total / 4 / MiB)) * 2 * MiB + 2048 * MiB);
  return {
    duckdbMiB: Math.floor(Math.min(8192, Math.max(256, total / 4 / MiB), memoryBytes / 2 / MiB)),
    memoryBytes,
    stallMs: (Number(process.env.CW_READER_STALL_SECONDS) || 60) * 1000,
    maxMs: 60 * 60 * 1000,
    idleMs: Number(process.env.CW_READER_IDLE_SECONDS ?? 60) * 1000 || 0,
  };
}

/** The reader's entry: dist/ingest-reader.cjs when built (entry.ts), a bundle of child.ts made on first use when running from source. */
export async function readerEntry(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const source = path.join(here, 'child.ts');
  if (fs.existsSync(source)) return sourceBundle(source);
  // Bundled code runs from dist/, dist/host/, dist/electron/ or dist/chunks/.
  for (const dir of [here, path.dirname(here)]) {
    const built = path.join(dir, 'ingest-reader.cjs');
    if (fs.existsSync(built)) return built;
  }
  throw new EngineError('internal', `The file reader (ingest-reader.cjs) is missing beside ${here}: build the app again (npm run build).`);
}

let bundled: Promise<string> | null = null;

/** What a dev bundle was made from: every input file's modification time and size, when it was made. */
interface BundleManifest {
  bundle: string;
  inputs: Record<string, [mtimeMs: number, size: number]>;
}

const stamp = (file: string): [number, number] | null => {
  try {
    const stat = fs.statSync(file);
    return [stat.mtimeMs, stat.size];
  } catch {
    return null;
  }
};

/** The bundle a manifest names, if it is there and none of its inputs changed since it was made (a stat per input, ~1 ms). */
function unchangedBundle(manifestFile: string, root: string): string | null {
  let manifest: BundleManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BundleManifest;
  } catch {
    return null;
  }
  if (!fs.existsSync(manifest.bundle)) return null;
  for (const [input, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
    const now = stamp(path.resolve(root, input));
    if (!now || now[0] !== mtimeMs || now[1] !== size) return null;
  }
  return manifest.bundle;
}

/**
 * Running from source (tests, tsx): child.ts bundled with esbuild, as
 * scripts/build.mjs bundles it, into dist/dev/ (named by its content, so
 * concurrent runs share it; removed by every build, never shipped). Each
 * reader started through tsx instead would transform its modules again:
 * twice the CPU of a bundle, in every read. A manifest beside it lists its
 * inputs (this file among them) with their times and sizes: while none
 * changed, a new process takes the bundle without running esbuild, which
 * took ~130 ms of every process's first read (in every test process, and in
 * the benchmark's timed import).
 */
function sourceBundle(source: string): Promise<string> {
  const root = path.resolve(path.dirname(source), '..', '..', '..');
  const dir = path.join(root, 'dist', 'dev');
  const manifestFile = path.join(dir, 'ingest-reader.manifest.json');
  const make = async () => {
    const kept = unchangedBundle(manifestFile, root);
    if (kept) return kept;
    const { build } = await import('esbuild');
    const started = Date.now();
    const nodeApi = createRequire(path.join(root, 'package.json')).resolve('@duckdb/node-api');
    const result = await build({
      entryPoints: [source],
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      packages: 'external',
      // @duckdb/node-api's JavaScript inside, its native binding required (scripts/build.mjs, READER_BUNDLE).
      plugins: [{ name: 'bundle-duckdb-node-api', setup: (b) => void b.onResolve({ filter: /^@duckdb\/node-api$/ }, () => ({ path: nodeApi })) }],
      banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const file = path.join(dir, `ingest-reader-${crypto.createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    const writeAtomically = (target: string, content: string | Uint8Array) => {
      const partial = `${target}.${process.pid}.tmp`;
      fs.writeFileSync(partial, content);
      fs.renameSync(partial, target);
    };
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(file)) writeAtomically(file, code);
    const inputs: BundleManifest['inputs'] = {};
    for (const input of [...Object.keys(result.metafile.inputs), path.relative(root, fileURLToPath(import.meta.url))]) {
      const now = stamp(path.resolve(root, input));
      // Changed while esbuild ran (or gone): the bundle may hold the old text, so no manifest vouches for it.
      if (!now || now[0] >= started) return file;
      inputs[input] = now;
    }
    writeAtomically(manifestFile, JSON.stringify({ bundle: file, inputs } satisfies BundleManifest));
    return file;
  };
  const made = bundled ?? (bundled = make());
  // A build meanwhile removes dist/dev: made again.
  return made.then((file) => (fs.existsSync(file) ? file : (bundled = make())));
}

export interface ReadOptions {
  mode: ReadMode;
  encoding?: string;
  sheet?: string;
  /** 'preview': how many rows. */
  sampleRows?: number;
  signal?: AbortSignal;
  /** What the reader is doing, e.g. "converting to UTF-8: 40%" or "42%". */
  onStep?: (step: string) => void;
  /** How far its DuckDB is through the read, in percent, as it moves. */
  onPercent?: (percent: number) => void;
}


export type Answer = Extract<ReaderMessage, { type: 'done' }>;

function stoppedMessage(file: string, why: string): string {
  return `${file} could not be read: the reader stopped (${why}). The file may be damaged, or not the kind of file its name says; nothing was changed.`;
}

/** Runs the reader on `file` and waits for its answer, within the limits. */
async function runReader(host: ReaderHost, file: string, request: ReadRequest, limits: ReaderLimits, code: ErrorCode, options: ReadOptions): Promise<Answer> {
  const entry = await readerEntry();
  if (options.signal?.aborted) throw new EngineError('cancelled', 'Cancelled: nothing was changed.');
  const readers = readersOf(host);
  const reader = readers.take(entry);
  return new Promise<Answer>((resolve, reject) => {
    const started = Date.now();
    let lastMove = started;
    let cpu = 0;
    let shown = '';
    let settled = false;
    /** `fit`: it answered, and holds less than half its memory bound, so it may read again. */
    const finish = (outcome: () => void, fit = false) => {
      if (settled) return;
      settled = true;
      clearInterval(watchdog);
      options.signal?.removeEventListener('abort', onAbort);
      readers.giveBack(reader, fit, limits.idleMs);
      outcome();
    };
    const stop = (why: string, details: Record<string, unknown>) =>
      finish(() => reject(new EngineError(code, stoppedMessage(file, why), { file, stopped: true, ...details })));
    const onAbort = () => finish(() => reject(new EngineError('cancelled', 'Cancelled: nothing was changed.')));
    options.signal?.addEventListener('abort', onAbort);
    let beating = false;
    const watchdog = setInterval(() => {
      const now = Date.now();
      // Until its first beat the process is starting (loading DuckDB), which on a busy machine takes a while.
      const stallMs = beating ? limits.stallMs : Math.max(limits.stallMs, STARTUP_MS);
      if (now - started > limits.maxMs) stop(`still reading after ${Math.round(limits.maxMs / 60_000)} minutes`, { limit: 'time' });
      else if (now - lastMove > stallMs) stop(`no progress for ${Math.round(stallMs / 1000)} seconds`, { limit: 'stall' });
    }, Math.min(1000, limits.stallMs / 4));
    reader.read(request, {
      message: (message) => {
        if (message.type === 'beat') {
          beating = true;
          // Moving: it used a tenth of a core since the last beat, or its step or percentage changed.
          const step = message.step ?? (message.percent === null ? '' : `${Math.floor(message.percent)}%`);
          if (message.cpuMicros - cpu >= BEAT_MS * 100 || step !== shown) lastMove = Date.now();
          cpu = message.cpuMicros;
          if (step !== shown && step) options.onStep?.(step);
          if (message.percent !== null) options.onPercent?.(message.percent);
          shown = step;
          if (message.rss > limits.memoryBytes) stop(`it needed more than ${Math.round(limits.memoryBytes / MiB).toLocaleString('en-US')} MB of memory`, { limit: 'memory' });
        } else if (message.type === 'done') {
          finish(() => resolve(message), message.rss < limits.memoryBytes / 2);
        } else if (message.type === 'error') {
          finish(() => reject(new EngineError(message.code, message.message, message.details ?? undefined)), message.rss < limits.memoryBytes / 2);
        }
      },
      exit: (exitCode, signal) => {
        stop(signal ? `it crashed: ${signal}` : `it ended with exit code ${exitCode} before answering`, { signal, exitCode });
      },
    });
  });
}

/** Starts `host`'s next reader now, ahead of the read that will take it (Readers.prestart); settles once it is started (or not). */
export function prestartReader(host: ReaderHost): Promise<void> {
  // Taken now: a host closed before the entry is found starts none (Readers.close).
  const readers = readersOf(host);
  return readerEntry().then(
    (entry) => readers.prestart(entry, readerLimits().idleMs),
    // The read itself reports a missing reader.
    () => {},
  );
}

/** What one read left: the reader's answer, and its folder (the Parquet it wrote), removed by cleanup(). */
export interface Read {
  answer: Answer;
  folder: string;
  cleanup(): void;
}

/** Reads `filePath` in a reader process as `options.mode` says, in a folder of the host's temp folder. */
export async function readInReader(host: ReaderHost, filePath: string, options: ReadOptions): Promise<Read> {
  const file = path.resolve(filePath);
  const limits = readerLimits();
  // The engine's temp folder (swept at the next start if the engine dies): the reader's folder goes inside.
  const tempDir = host.resources.tempDirectory;
  fs.mkdirSync(tempDir, { recursive: true });
  const folder = fs.mkdtempSync(path.join(tempDir, 'reader-'));
  const cleanup = () => fs.rmSync(folder, { recursive: true, force: true });
  try {
    const request: ReadRequest = {
      path: file,
      mode: options.mode,
      folder,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.sheet ? { sheet: options.sheet } : {}),
      ...(options.sampleRows ? { sampleRows: options.sampleRows } : {}),
      memoryMiB: limits.duckdbMiB,
      threads: Math.max(1, os.cpus().length),
      ...(host.confinedTo ? { allowedDirectories: [...host.confinedTo] } : {}),
      ...(process.env.CW_TEST_READER_FAULT ? { fault: process.env.CW_TEST_READER_FAULT } : {}),
    };
    return { answer: await runReader(host, file, request, limits, 'import_failed', options), folder, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}
