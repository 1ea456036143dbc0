// How much of the machine DuckDB may use. Large data must spill to disk
// rather than fail, and the app is offline, so nothing is ever auto-installed.
import os from 'node:os';
import path from 'node:path';

export interface ResourceSettings {
  threads: number;
  memoryLimit: string;
  tempDirectory: string;
}

export function defaultResources(): ResourceSettings {
  // Leave a third of the memory to the OS, Electron and the renderer.
  const memoryMiB = Math.max(512, Math.floor((os.totalmem() / 1024 / 1024) * 0.6));
  // DuckDB creates the folder when it first spills and removes it when the database closes;
  // made here in advance, it was left behind after every run.
  const tempDirectory = path.join(os.tmpdir(), `churn-workbench-${process.pid}`);
  return { threads: Math.max(1, os.cpus().length), memoryLimit: `${memoryMiB}MiB`, tempDirectory };
}

/** Options passed to DuckDBInstance.create: applied before any query runs. */
export function instanceOptions(resources: ResourceSettings): Record<string, string> {
  return {
    threads: String(resources.threads),
    memory_limit: resources.memoryLimit,
    temp_directory: resources.tempDirectory,
    autoinstall_known_extensions: 'false',
    // parquet, json and icu are built in; loading them needs no network.
    autoload_known_extensions: 'true',
  };
}

/**
 * Per-connection settings. Query progress is only tracked while the progress
 * bar is on; the engine reads it and never prints it.
 */
export const CONNECTION_SETUP = 'SET enable_progress_bar = true; SET enable_progress_bar_print = false;';
