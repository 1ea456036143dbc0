// The import's reader process: the one place a file the user chose is parsed
// (probe, decompression, transcoding, workbook sheets, DuckDB's CSV, JSON and
// Parquet readers). It runs apart from the engine (isolated.ts starts it, one
// per read), so a native crash or a runaway read on hostile bytes ends this
// process only: the engine reports that the file could not be read, and the
// workspace, the host and the app carry on. What it read it writes as Parquet
// into its private folder; the engine's DuckDB loads that (a file we wrote).
import path from 'node:path';
import { DuckDBInstance, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../../shared/result.js';
import { CONNECTION_SETUP } from '../../runtime/resources.js';
import { openSource, type Source } from '../sources/index.js';
import { plainEngineMessage } from '../sources/errors.js';
import { BEAT_MS, DATA_FILE, REJECTS_FILE, type ReaderMessage, type ReadRequest, type SourceFacts } from './protocol.js';

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

function firstRequest(): Promise<ReadRequest> {
  return new Promise((resolve) => {
    if (parentPort) parentPort.on('message', (event) => resolve(event.data as ReadRequest));
    else process.once('message', (message) => resolve(message as ReadRequest));
  });
}

/**
 * CW_TEST_READER_FAULT (tests only, test/integration/reader-isolation.test.ts):
 * makes this process fail the way a hostile file could make a native reader
 * fail — 'crash' (SIGSEGV), 'hang' (waits forever, idle), 'memory' (grows
 * without end) — so the engine's handling of each is tested for real.
 */
async function injectedFault(): Promise<void> {
  const fault = process.env.CW_TEST_READER_FAULT;
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

/** Reads the file as `request.mode` asks; returns whether rejects were written. */
async function read(conn: DuckDBConnection, source: Source, request: ReadRequest): Promise<{ rejects: boolean }> {
  const out = (name: string) => quotedString(path.join(request.folder, name));
  // Row order is the file's (preserve_insertion_order): line numbers are counted from it.
  const copy = (select: string, name: string) => conn.run(`COPY (${select}) TO ${out(name)} (FORMAT parquet, COMPRESSION uncompressed)`);
  switch (request.mode) {
    case 'stage': {
      const rejectsTable = 'cw_misshapen';
      await copy(`SELECT * FROM ${source.relation({ allVarchar: true, rejectsTable })}`, DATA_FILE);
      const rejects = await tableExists(conn, rejectsTable);
      if (rejects) await copy(`SELECT * FROM ${rejectsTable}`, REJECTS_FILE);
      return { rejects };
    }
    case 'preview':
      await copy(`SELECT * FROM ${source.relation({ allVarchar: true })} LIMIT ${request.sampleRows ?? 500}`, DATA_FILE);
      return { rejects: false };
  }
}

async function main(): Promise<void> {
  // An engine that is gone (killed, or quit mid-read) wants no answer: the reader ends with it.
  if (!parentPort) process.once('disconnect', () => process.exit(0));
  const request = await firstRequest();
  let conn: DuckDBConnection | null = null;
  let step: string | null = null;
  const beat = setInterval(() => {
    const { user, system } = process.cpuUsage();
    const percentage = conn?.progress.percentage ?? -1;
    void send({ type: 'beat', cpuMicros: user + system, rss: process.memoryUsage.rss(), step, percent: percentage >= 0 ? percentage : null });
  }, BEAT_MS);
  const code = 'import_failed';
  let source: Source | null = null;
  try {
    await injectedFault();
    const instance = await DuckDBInstance.create(':memory:', {
      threads: String(request.threads),
      memory_limit: `${request.memoryMiB}MiB`,
      temp_directory: path.join(request.folder, 'spill'),
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
    });
    conn = await instance.connect();
    await conn.run(CONNECTION_SETUP);
    source = await openSource(request.path, {
      connection: conn,
      tempDir: request.folder,
      ...(request.encoding ? { encoding: request.encoding } : {}),
      ...(request.sheet ? { sheet: request.sheet } : {}),
      onProgress: (p) => {
        step = `${p.phase === 'xlsx' ? 'reading the sheet' : 'converting to UTF-8'}: ${Math.round((100 * p.bytesDone) / Math.max(1, p.bytesTotal))}%`;
      },
    });
    let result;
    try {
      result = await read(conn, source, request);
    } catch (error) {
      throw source.explain(error, code);
    }
    clearInterval(beat);
    await send({ type: 'done', source: facts(source), ...result });
  } catch (error) {
    clearInterval(beat);
    const known = error instanceof EngineError;
    const message = known ? error.message : `${request.path}: ${plainEngineMessage((error as Error)?.message ?? String(error))}`;
    await send({ type: 'error', code: known ? error.code : code, message, details: known ? (error.details ?? null) : { file: request.path } });
  }
  // Converted copies live in the folder, which the engine removes with the rest. Electron's
  // utility process is ended by the engine once the answer arrived (postMessage has no callback).
  if (!parentPort) process.exit(0);
}

void main();
