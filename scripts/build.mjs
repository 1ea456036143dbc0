// Builds every runtime's bundle with esbuild: the Node engine entry points
// (browser-mode host, CLI, Electron main), the sandboxed preload (CommonJS,
// as Electron requires for sandboxed preloads) and the renderer.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const quiet = { logLevel: 'warning', absWorkingDir: root };
// No source maps unless asked for (CW_SOURCEMAPS=1, for debugging): they would hand
// the renderer's whole source to whoever can load its scripts, and they would ship
// in the desktop package. Maps of an earlier build are removed.
const sourcemap = process.env.CW_SOURCEMAPS === '1';
if (!sourcemap && fs.existsSync(out)) {
  for (const file of fs.readdirSync(out, { recursive: true })) {
    if (String(file).endsWith('.map')) fs.rmSync(path.join(out, String(file)));
  }
}
// Chunk names carry a content hash: those of earlier builds would pile up (and ship).
fs.rmSync(path.join(out, 'chunks'), { recursive: true, force: true });
// The reader bundled on the fly when the engine runs from source (main/ingest/reader/isolated.ts): never shipped.
fs.rmSync(path.join(out, 'dev'), { recursive: true, force: true });

// CommonJS packages imported from ES modules go through Node's export lexer,
// file by file: for @duckdb/node-api's many files that is most of the CLI's
// start beyond a plain require. The bundles load them with require instead,
// through a module that re-exports what the package exports.
const REQUIRED_PACKAGES = ['@duckdb/node-api', 'iconv-lite', 'zod'];
const requireFromRoot = createRequire(path.join(root, 'package.json'));
const requirePackages = {
  name: 'require-commonjs-packages',
  setup(b) {
    const filter = new RegExp(`^(${REQUIRED_PACKAGES.map((name) => name.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'required' }));
    b.onLoad({ filter: /.*/, namespace: 'required' }, (args) => {
      const names = Object.keys(requireFromRoot(args.path)).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default' && key !== '__esModule');
      return {
        contents: [
          "import { createRequire } from 'node:module';",
          `const m = createRequire(import.meta.url)(${JSON.stringify(args.path)});`,
          'export default m;',
          // Aliased: a package may export names that are reserved words (zod's null).
          ...names.map((name, i) => `const e${i} = m[${JSON.stringify(name)}];\nexport { e${i} as ${name} };`),
        ].join('\n'),
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/**
 * The reader process (main/ingest/reader/child.ts) starts for a read that
 * waits on it (the command line's inspect waits for nothing else): in it,
 * @duckdb/node-api's JavaScript is bundled, not required — its hundred-odd
 * files took half the reader's start beyond Node's own, and as one file they
 * load in about a third of the time. The native binding (@duckdb/node-bindings)
 * stays a package, required through the banner's require. The same in
 * main/ingest/reader/run.ts, which bundles the reader when running from source.
 */
const bundleDuckdbApi = {
  name: 'bundle-duckdb-node-api',
  setup(b) {
    b.onResolve({ filter: /^@duckdb\/node-api$/ }, () => ({ path: requireFromRoot.resolve('@duckdb/node-api') }));
  },
};
/**
 * The reader's code is CommonJS (the sources' import.meta.url made from the
 * file's path), run by its entry (main/ingest/reader/entry.ts) with a V8 code
 * cache: Node 20 takes none for an ES module.
 */
const READER_BUNDLE = {
  plugins: [bundleDuckdbApi, requirePackages],
  format: 'cjs',
  define: { 'import.meta.url': '__cw_import_meta_url' },
  banner: { js: 'var __cw_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
};
/** How the engine starts the reader (READER_EXEC_ARGV, main/ingest/reader/warm.ts): V8 takes a code cache only under the flags that made it. */
const READER_EXEC_ARGV = ['--max-old-space-size=2048'];

const node = {
  ...quiet,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  plugins: [requirePackages],
  sourcemap,
};

/**
 * The reader process (main/ingest/reader/child.ts), where each import parses
 * its file: its code in one file with @duckdb/node-api's JavaScript inside
 * (READER_BUNDLE), ingest-reader-code.cjs, and its entry, ingest-reader.cjs
 * (main/ingest/reader/entry.ts), which runs it with the code cache made by
 * makeReaderCodeCache, named by the code's hash.
 */
async function buildReader() {
  for (const file of fs.existsSync(out) ? fs.readdirSync(out) : []) {
    // Caches of earlier builds' code, and the reader as an ES module (before the cache).
    if (/^ingest-reader-code-[0-9a-f]+\.cache$/.test(file) || file === 'ingest-reader.js') fs.rmSync(path.join(out, file));
  }
  // Minified (names kept): half the text for the reader to read as it starts (270 KB, not 550).
  const code = await build({ ...node, ...READER_BUNDLE, minify: true, keepNames: true, entryPoints: { 'ingest-reader-code': 'main/ingest/reader/child.ts' }, outExtension: { '.js': '.cjs' }, outdir: out, write: false });
  fs.mkdirSync(out, { recursive: true });
  for (const file of code.outputFiles) fs.writeFileSync(file.path, file.contents);
  const js = code.outputFiles.find((file) => file.path.endsWith('.cjs'));
  const cache = `ingest-reader-code-${createHash('sha256').update(js.contents).digest('hex').slice(0, 16)}.cache`;
  await build({
    ...node,
    plugins: [],
    format: 'cjs',
    entryPoints: { 'ingest-reader': 'main/ingest/reader/entry.ts' },
    outExtension: { '.js': '.cjs' },
    outdir: out,
    define: { READER_CODE: JSON.stringify(path.basename(js.path)), READER_CODE_CACHE: JSON.stringify(cache) },
  });
  return cache;
}

/**
 * The reader's code cache: an inspection of a small CSV, run by the reader as
 * the engine starts it, after which it writes what V8 compiled. Without it
 * (the reader could not run here) the reader compiles its code as it starts.
 */
async function makeReaderCodeCache(cache) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-build-'));
  try {
    const csv = path.join(dir, 'sample.csv');
    fs.writeFileSync(csv, 'id,name,amount,day\n1,a,1.5,2024-01-31\n2,b,2,2024-02-29\n');
    const { NODE_EXTRA_CA_CERTS: _certificates, ...env } = process.env;
    const child = fork(path.join(out, 'ingest-reader.cjs'), ['--write-code-cache'], { execArgv: READER_EXEC_ARGV, env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const answer = await new Promise((resolve) => {
      child.on('message', (message) => message.type !== 'beat' && resolve(message));
      child.once('exit', () => resolve(null));
      child.send({ path: csv, mode: 'inspect', folder: dir, memoryMiB: 256, threads: 1 });
    });
    if (child.connected) child.disconnect();
    await exited;
    if (answer?.type !== 'done' || !fs.existsSync(path.join(out, cache))) {
      console.warn(`The reader's code cache was not made (${answer ? JSON.stringify(answer).slice(0, 300) : 'the reader ended without answering'}): it will compile its code as it starts.`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [, readerCache] = await Promise.all([
  // Split: what a command imports lazily (main/cli/main.ts) is a chunk of its own, loaded when it runs.
  build({
    ...node,
    entryPoints: { 'host/web': 'main/host/web.ts', cli: 'main/cli/main.ts' },
    outdir: out,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // ingest-reader: the process each import parses its file in (buildReader, below).
  buildReader(),
  fs.existsSync(path.join(root, 'main/electron/main.ts')) &&
    build({ ...node, entryPoints: { 'electron/main': 'main/electron/main.ts' }, outdir: out, external: ['electron'] }),
  fs.existsSync(path.join(root, 'main/electron/preload.ts')) &&
    build({
      ...node,
      entryPoints: ['main/electron/preload.ts'],
      outfile: path.join(out, 'electron/preload.cjs'),
      format: 'cjs',
      external: ['electron'],
    }),
  build({
    ...quiet,
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'esm',
    entryPoints: { app: 'renderer/main.tsx' },
    outdir: path.join(out, 'renderer'),
    jsx: 'automatic',
    minify: true,
    sourcemap,
    loader: { '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
]);
fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(out, 'renderer/index.html'));
await makeReaderCodeCache(readerCache);
