// The import's reader process: the one place a file the user chose is parsed
// (probe, decompression, transcoding, workbook sheets, DuckDB's CSV, JSON and
// Parquet readers). It runs apart from the engine (isolated.ts gives it one
// read at a time; warm.ts keeps it for the next), so a native crash or a runaway read on hostile bytes ends this
// process only: the engine reports that the file could not be read, and the
// workspace, the host and the app carry on. What it read it writes as Parquet
// into its private folder; the engine's DuckDB loads that (a file we wrote).
// First: it starts opening DuckDB before the rest loads.
import { COMMON_OPTIONS, settingsSql, takeEarlyDatabase, type ReadSettings } from './early.js';
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../../shared/result.js';
import { CONNECTION_SETUP } from '../../runtime/resources.js';
import { openSource, type RelationOptions, type Source } from '../sources/index.js';
import { plainEngineMessage } from '../sources/errors.js';
import { MAX_LINE_BYTES } from '../sources/limits.js';
import { checkedRead } from '../checkedRead.js';
import { verifyParquetSource } from '../sources/parquetIntegrity.js';
import { BEAT_MS, DATA_FILE, REJECTS_FILE, type ReaderMessage, type ReadRequest, type SourceFacts, type TableFacts } from './protocol.js';

/** Electron's utility process talks through parentPort; a Node child through process.send. */
interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: ReaderMessage): Promise<void> {
  if (parentPort) {
    parentPort.postMessage(message);
    return Promise.resolve();
  }
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

/** The requests, one at a time: the engine sends the next only once this one's answer arrived. */
function requests(): () => Promise<ReadRequest> {
  const waiting: ReadRequest[] = [];
  let wake: ((request: ReadRequest) => void) | null = null;
  const arrive = (request: ReadRequest) => {
    const next = wake;
    wake = null;
    if (next) next(request);
    else waiting.push(request);
  };
  if (parentPort) parentPort.on('message', (event) => arrive(event.data as ReadRequest));
  else process.on('message', (message) => arrive(message as ReadRequest));
  return () => (waiting.length > 0 ? Promise.resolve(waiting.shift()!) : new Promise((resolve) => (wake = resolve)));
}

/**
 * CW_TEST_READER_FAULT (tests only, test/integration/reader-isolation.test.ts),
 * as the engine had it when it sent the read: makes this process fail the way
 * a hostile file could make a native reader fail — 'crash' (SIGSEGV), 'hang'
 * (waits forever, idle), 'memory' (grows without end) — so the engine's
 * handling of each is tested for real, in the reader kept warm too.
 */
async function injectedFault(fault: string | undefined): Promise<void> {
  if (fault === 'crash') process.kill(process.pid, 'SIGSEGV');
  if (fault === 'hang') await new Promise(() => setInterval(() => {}, 60_000));
  if (fault === 'memory') {
    const hoard: Buffer[] = [];
    for (;;) {
      hoard.push(Buffer.alloc(32 * 1024 * 1024, 1));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** What the parent needs to rebuild the Source: every fact, none of the functions or the converted copy's path. */
const facts = ({ readPath: _readPath, relation: _relation, explain: _explain, cleanup: _cleanup, ...rest }: Source): SourceFacts => rest;

async function tableExists(conn: DuckDBConnection, name: string): Promise<boolean> {
  const reader = await conn.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${quotedString(name)}`);
  return Number((reader.getRowObjectsJS()[0] as { n: bigint }).n) > 0;
}

const INSPECT_REJECTS = 'cw_inspect_rejects';

/**
 * An inspection's read of `relation` on `conn`: the count and the columns'
 * types in one statement (one sniffing of the file, not two as with a
 * DESCRIBE): typeof is a constant once bound, so no column is read or cast
 * for it, as for count(*) alone. Its columns are named after the relation's.
 * No row: no value to take the types from, and DESCRIBE gives them.
 */
async function inspectRead(conn: DuckDBConnection, relation: string): Promise<{ result: TableFacts; rows: number }> {
  const counted = await conn.runAndReadAll(`SELECT count(*), any_value(typeof(COLUMNS(*))) FROM ${relation}`);
  const [count, ...types] = counted.getRowsJS()[0]!;
  const rows = Number(count);
  const columns =
    rows > 0
      ? counted.columnNames().slice(1).map((name, i) => ({ name, type: String(types[i]) }))
      : (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  return { result: { rows, columns }, rows };
}

/** An inspection's read of the relation its header suggested, started on a connection of its own while DuckDB sniffed the file. */
interface StartedRead {
  relation: string;
  connection: Promise<DuckDBConnection>;
  outcome: Promise<{ result: TableFacts; rows: number }>;
}

/** Reads the file as `request.mode` asks; returns whether rejects were written, and what a table read found. */
async function read(conn: DuckDBConnection, source: Source, request: ReadRequest, started: StartedRead | null): Promise<{ rejects: boolean; table: TableFacts | null }> {
  const out = (name: string) => quotedString(path.join(request.folder, name));
  // Row order is the file's (preserve_insertion_order): line numbers are counted from it.
  // Uncompressed, without Bloom filters: the engine reads every row of it once, locally.
  const copy = async (select: string, name: string) => {
    const copied = await conn.runAndReadAll(`COPY (${select}) TO ${out(name)} (FORMAT parquet, COMPRESSION uncompressed, WRITE_BLOOM_FILTER false)`);
    return Number((copied.getRowObjectsJS()[0] as { Count: bigint }).Count);
  };
  const describe = async (relation: string) =>
    (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  switch (request.mode) {
    case 'stage': {
      const rejectsTable = 'cw_misshapen';
      await verifyParquetSource(conn, source);
      await copy(`SELECT * FROM ${source.relation({ allVarchar: true, rejectsTable })}`, DATA_FILE);
      // DuckDB makes the rejects table for every read that stores rejects, empty when no line was kept out: none to hand over then.
      const rejects = (await tableExists(conn, rejectsTable)) && (await copy(`SELECT * FROM ${rejectsTable}`, REJECTS_FILE)) > 0;
      return { rejects, table: null };
    }
    case 'preview':
      await copy(`SELECT * FROM ${source.relation({ allVarchar: true })} LIMIT ${request.sampleRows ?? 500}`, DATA_FILE);
      return { rejects: false, table: null };
    case 'table': {
      await verifyParquetSource(conn, source);
      const table = await checkedRead(conn, source, 'cw_table_rejects', 'import_failed', async (relation) => {
        const rows = await copy(`SELECT * FROM ${relation}`, DATA_FILE);
        return { result: { rows, columns: await describe(`read_parquet(${out(DATA_FILE)})`) }, rows };
      });
      return { rejects: false, table };
    }
    case 'inspect': {
      // The read started as DuckDB sniffed is this read where its relation is the source's (the
      // same statement, on a connection that had read nothing before): it goes on there.
      const ahead = started?.relation === source.relation({ allVarchar: false, rejectsTable: INSPECT_REJECTS }) ? started : null;
      // Another reading: the one started is stopped (a large file's count would run twice).
      if (started && !ahead) (await started.connection).interrupt();
      const on = ahead ? await ahead.connection : conn;
      const table = await checkedRead(on, source, INSPECT_REJECTS, 'unsupported_file', (relation) => inspectRead(on, relation), ahead?.outcome);
      return { rejects: false, table };
    }
  }
}

/**
 * DuckDB reads delimited text in ranges of at least this many bytes per
 * thread: a quarter of its buffer, which is 16 lines of max_line_size
 * (CSVIterator::BytesPerThread; 8,000,000 bytes in older versions). A smaller
 * file is read by one thread however many there are.
 */
const CSV_BYTES_PER_THREAD = (16 * MAX_LINE_BYTES) / 4;

/**
 * The threads of a read's DuckDB: the request's, but one to inspect a file
 * DuckDB would read with one thread anyway. Its sniffing and count are then
 * done where they are asked, not handed to a second thread and back (inspect
 * of a 580 KB CSV under load: its DuckDB work 204 -> 148 ms, medians of 9).
 */
function threadsFor(request: ReadRequest): number {
  if (request.mode !== 'inspect') return request.threads;
  try {
    return fs.statSync(request.path).size < CSV_BYTES_PER_THREAD ? 1 : request.threads;
  } catch {
    // The probe says what is wrong with the file.
    return request.threads;
  }
}

/** One read, from its request to its answer, in a DuckDB of its own (closed before the next read: it starts clean). */
async function serve(request: ReadRequest): Promise<void> {
  // Set as DuckDB starts (below, while the file is probed).
  const duck: { instance: DuckDBInstance | null; conn: DuckDBConnection | null; side: DuckDBConnection | null } = { instance: null, conn: null, side: null };
  /** An inspection's read started while DuckDB sniffs (set by openSource's guess). */
  let started: StartedRead | null = null;
  let step: string | null = null;
  /** Settles once DuckDB has started, or failed to. */
  let opened: Promise<unknown> = Promise.resolve();
  const beat = setInterval(() => {
    const { user, system } = process.cpuUsage();
    // An inspection may read on a second connection (started as DuckDB sniffs).
    const percentage = Math.max(duck.conn?.progress.percentage ?? -1, duck.side?.progress.percentage ?? -1);
    void send({ type: 'beat', cpuMicros: user + system, rss: process.memoryUsage.rss(), step, percent: percentage >= 0 ? percentage : null });
  }, BEAT_MS);
  const code = 'import_failed';
  let answer: ReaderMessage;
  try {
    await injectedFault(request.fault);
    const connect = async () => {
      const made = await duck.instance!.connect();
      await made.run(CONNECTION_SETUP);
      return made;
    };
    // DuckDB starts (on its own threads) while the file is probed here.
    const opening = (async () => {
      const settings: ReadSettings = { threads: String(threadsFor(request)), memory_limit: `${request.memoryMiB}MiB`, temp_directory: path.join(request.folder, 'spill') };
      // The process's first read takes the DuckDB opened as it started (early.ts), and sets its own settings before anything runs.
      const early = await takeEarlyDatabase();
      duck.instance = early ? new DuckDBInstance(early) : await DuckDBInstance.create(':memory:', { ...COMMON_OPTIONS, ...settings });
      const made = await connect();
      duck.conn = made;
      if (early) await made.run(settingsSql(settings));
      if (request.allowedDirectories) {
        // The engine's own confinement (browser mode), this folder included: DuckDB reads and writes nothing else.
        const list = [...request.allowedDirectories, request.folder].map((dir) => quotedString(dir.endsWith(path.sep) ? dir : dir + path.sep)).join(', ');
        await made.run(`SET allowed_directories = [${list}]; SET enable_external_access = false`);
      }
      return made;
    })();
    // A probe that fails first leaves it to the finally below.
    opened = opening.catch(() => null);
    // An inspection of delimited text starts reading what the header suggests while DuckDB sniffs
    // (some 10 ms of a small file's 40 of DuckDB work): the same read, where the sniffing agrees.
    const guessed = (relation: (options: RelationOptions) => string) => {
      const connection = opening.then(async () => (duck.side = await connect()));
      const typed = relation({ allVarchar: false, rejectsTable: INSPECT_REJECTS });
      const outcome = connection.then((side) => inspectRead(side, typed));
      // Its failure is the read's to report, where it is the read; else nobody's.
      outcome.catch(() => {});
      started = { relation: typed, connection, outcome };
    };
    const source = await openSource(request.path, {
      connection: opening,
      ...(request.mode === 'inspect' ? { onGuessedRelation: guessed } : {}),
      tempDir: request.folder,
      ...(request.encoding ? { encoding: request.encoding } : {}),
      ...(request.sheet ? { sheet: request.sheet } : {}),
      onProgress: (p) => {
        step = `${p.phase === 'xlsx' ? 'reading the sheet' : 'converting to UTF-8'}: ${Math.round((100 * p.bytesDone) / Math.max(1, p.bytesTotal))}%`;
      },
    });
    const ready = await opening;
    let result;
    try {
      result = await read(ready, source, request, started);
    } catch (error) {
      throw source.explain(error, code);
    }
    answer = { type: 'done', source: facts(source), ...result, rss: 0 };
  } catch (error) {
    const known = error instanceof EngineError;
    const message = known ? error.message : `${request.path}: ${plainEngineMessage((error as Error)?.message ?? String(error))}`;
    answer = { type: 'error', code: known ? error.code : code, message, details: known ? (error.details ?? null) : { file: request.path }, rss: 0 };
  } finally {
    clearInterval(beat);
    await opened;
    // A read started and not taken (the sniffing disagreed, or the file was refused) ends before DuckDB closes.
    await (started as StartedRead | null)?.outcome.catch(() => null);
  }
  const close = () => {
    duck.side?.closeSync();
    duck.conn?.closeSync();
    duck.instance?.closeSync();
  };
  // Converted copies live in the folder, which the engine removes with the rest.
  // An inspection's answer goes before its DuckDB closes (some 4 ms): it wrote nothing, and the
  // command line's inspect waits for nothing else. Any other read's answer waits for the close.
  if (request.mode === 'inspect') {
    await send({ ...answer, rss: process.memoryUsage.rss() });
    close();
  } else {
    close();
    await send({ ...answer, rss: process.memoryUsage.rss() });
  }
}

async function main(): Promise<void> {
  // An engine that is gone (killed, or quit mid-read) wants no answer: the reader ends with it.
  if (!parentPort) process.once('disconnect', () => process.exit(0));
  const next = requests();
  for (;;) await serve(await next());
}

void main();
