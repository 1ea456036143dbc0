// The reader process's entry when built (dist/ingest-reader.cjs, a CommonJS
// bundle of this file): runs the reader's code (dist/ingest-reader-code.cjs:
// child.ts with @duckdb/node-api's JavaScript) with the V8 code cache the
// build made for it, by running an inspection with it (scripts/build.mjs).
// Without the cache, compiling that half a megabyte of JavaScript, and the
// functions an inspection runs, was a fifth of the reader's start beyond
// Node's own, on the critical path of the command line's inspect.
//
// V8 takes a cache only from the same V8 with the same flags (the reader's
// execArgv, READER_EXEC_ARGV in warm.ts), and otherwise compiles as without
// one; it checks the source's length, not its text, so the cache is named by
// the hash of the code it was made from (READER_CODE_CACHE, set by the build).
// Electron's V8 is not the one that made it: there the code is compiled.
//
// Arguments (the build's and the tests', never the engine's):
//   --write-code-cache   writes the cache as the process exits, after its reads
//   --code-cache-status  prints whether V8 takes the cache (accepted, rejected or none) and ends
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

declare const READER_CODE: string;
declare const READER_CODE_CACHE: string;

const code = path.join(__dirname, READER_CODE);
const cacheFile = path.join(__dirname, READER_CODE_CACHE);
const mode = process.argv[2];

let cachedData: Buffer | undefined;
if (!process.versions.electron && mode !== '--write-code-cache') {
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // Not made (a build that could not run the reader): compiled as it runs.
  }
}
// Wrapped as Node wraps a CommonJS module, and given what it would give it.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(code, 'utf8')}\n})`, {
  filename: code,
  cachedData,
  // Node 20.12 and later (the code imports nothing dynamically; engines allow Node 20.0).
  importModuleDynamically: (vm.constants as typeof vm.constants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});

if (mode === '--code-cache-status') {
  process.stdout.write(`${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'}\n`);
} else {
  if (mode === '--write-code-cache') {
    // At exit: with every function the reads ran compiled, and in the cache.
    process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  }
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(code), module, code, path.dirname(code));
}
