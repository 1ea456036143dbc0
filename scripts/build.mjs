// Builds every runtime's bundle with esbuild: the Node engine entry points
// (browser-mode host, CLI, Electron main), the sandboxed preload (CommonJS,
// as Electron requires for sandboxed preloads) and the renderer.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

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
const READER_BUNDLE = {
  plugins: [bundleDuckdbApi, requirePackages],
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
};

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

await Promise.all([
  // Split: what a command imports lazily (main/cli/main.ts) is a chunk of its own, loaded when it runs.
  build({
    ...node,
    entryPoints: { 'host/web': 'main/host/web.ts', cli: 'main/cli/main.ts' },
    outdir: out,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // ingest-reader: the process each import parses its file in (main/ingest/reader/child.ts),
  // one file with @duckdb/node-api's JavaScript inside (READER_BUNDLE).
  build({ ...node, ...READER_BUNDLE, entryPoints: { 'ingest-reader': 'main/ingest/reader/child.ts' }, outdir: out }),
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
