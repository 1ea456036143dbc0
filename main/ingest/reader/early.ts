// The first read's DuckDB, opened as the reader process starts. child.ts
// imports this module before @duckdb/node-api, so the opening (on DuckDB's
// own thread) runs while node-api's half a megabyte of JavaScript, the
// reader's own modules and the first request are still loading: some 10 ms
// of a small file's inspection (the command line's inspect waits for it).
// What is known before a request is what every read's DuckDB has (below);
// the read then sets its threads, memory limit and spill folder (child.ts).
// Opened through the native binding, as node-api's DuckDBInstance.create
// does (which is not loaded yet); the read wraps it in a DuckDBInstance.
import bindings, { type Database } from '@duckdb/node-bindings';

/** Every read's DuckDB has these; one thread until the read sets its own. */
export const COMMON_OPTIONS: Record<string, string> = {
  threads: '1',
  autoinstall_known_extensions: 'false',
  // parquet, json and icu are built in; loading them needs no network.
  autoload_known_extensions: 'true',
};

function open(): Promise<Database | null> {
  const config = bindings.create_config();
  // As node-api's createConfig names its databases.
  bindings.set_config(config, 'duckdb_api', 'node-neo-api');
  for (const [name, value] of Object.entries(COMMON_OPTIONS)) bindings.set_config(config, name, value);
  // A failure here is the read's to meet again, opening its DuckDB itself.
  return bindings.open(':memory:', config).catch(() => null);
}

let early: Promise<Database | null> | null = open();

/** A read's own settings of its DuckDB (threads, memory_limit, temp_directory). */
export type ReadSettings = Record<'threads' | 'memory_limit' | 'temp_directory', string>;

/** The SET statements giving the early DuckDB a read's settings, as if opened with them. */
export function settingsSql(settings: ReadSettings): string {
  const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return `SET threads = ${Number(settings.threads)}; SET memory_limit = ${literal(settings.memory_limit)}; SET temp_directory = ${literal(settings.temp_directory)};`;
}

/** The DuckDB opened as the process started, once (the first read's); null after, or if it failed. */
export function takeEarlyDatabase(): Promise<Database | null> {
  const taken = early ?? Promise.resolve(null);
  early = null;
  return taken;
}
