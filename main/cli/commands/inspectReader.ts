// The reader process of `inspect`, started as early as the command line can:
// it loads Node and DuckDB while this process loads the rest (the options, the
// contract's schemas). One per run: main.ts starts it, inspect.ts reads with it.
import fs from 'node:fs';
import path from 'node:path';
import { prestartReader } from '../../ingest/reader/run.js';
import type { ReaderHost } from '../../ingest/reader/warm.js';
import { removeLeftovers } from '../../runtime/leftovers.js';
import { defaultResources } from '../../runtime/resources.js';

export interface InspectReader {
  /** What the reader needs of a workspace, as a scratch Database gives it. */
  host: ReaderHost;
  /** Ends the reader and removes this process's temp folder. */
  close(): void;
}

let started: InspectReader | null = null;

export function inspectReader(): InspectReader {
  if (started) return started;
  const resources = defaultResources();
  const closing: Array<() => void> = [];
  const host: ReaderHost = { resources, confinedTo: null, onClose: (listener) => closing.push(listener) };
  // What runs killed mid-read left, as Database.open sweeps it: once the reader is on its way
  // (a temp folder of many entries takes a while, which the reader's start need not wait for).
  void prestartReader(host).then(() => removeLeftovers(path.dirname(resources.tempDirectory)));
  started = {
    host,
    close: () => {
      // The folder first: removing it after the reader is killed waits until that process is gone
      // (some 5 ms). By now the reader has answered, or was stopped and killed, and writes nothing.
      fs.rmSync(resources.tempDirectory, { recursive: true, force: true });
      for (const listener of closing.splice(0)) listener();
    },
  };
  return started;
}
