// Lint, and the layering rules of the architecture (as VS Code enforces its own):
//   shared/   pure TypeScript: imports neither main/, renderer/, Node nor Electron
//   renderer/ never imports main/, Node, DuckDB or Electron
//   main/     only main/electron/ imports electron; nothing in main/ imports renderer/
// and inside main/, one direction (README, "How it is built"):
//   runtime/                           imports no other folder of main/
//   ingest/ metrics/ reports/ scenarios/ model/ console/ reconcile/   the runtime and each other, never engine/ or a transport
//   engine/   (the contract's dispatcher) everything above, never a transport
//   cli/ host/ electron/   (the transports) the dispatcher
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const mainFolder = { group: ['**/main/**', 'main/**'], message: 'Only main/ itself may import main/.' };
const rendererFolder = { group: ['**/renderer/**', 'renderer/**'], message: 'The renderer is imported by nobody.' };
const electron = { group: ['electron', 'electron/**'], message: 'Only main/electron/ may import electron.' };
const node = { group: ['node:*'], message: 'This layer runs outside Node.' };
const duckdb = { group: ['@duckdb/*'], message: 'DuckDB lives in the engine (main/).' };

const features = {
  group: ['**/ingest/**', '**/metrics/**', '**/reports/**', '**/scenarios/**', '**/model/**', '**/console/**', '**/reconcile/**'],
  message: 'The runtime (main/runtime/) imports no feature: features build on it.',
};
const dispatcher = { group: ['**/engine/**'], message: 'Only the transports (cli/, host/, electron/) import the dispatcher (main/engine/).' };
const transports = { group: ['**/cli/**', '**/host/**', '**/electron/**'], message: 'Nothing below the transports imports them.' };

const layer = (files, ...patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  layer(['shared/**/*.ts'], mainFolder, rendererFolder, electron, node, duckdb),
  layer(['renderer/**/*.{ts,tsx}'], mainFolder, electron, node, duckdb),
  layer(['main/**/*.ts'], rendererFolder, electron),
  layer(['main/runtime/**/*.ts'], rendererFolder, electron, features, dispatcher, transports),
  layer(['main/{ingest,metrics,reports,scenarios,model,console,reconcile}/**/*.ts'], rendererFolder, electron, dispatcher, transports),
  layer(['main/engine/**/*.ts'], rendererFolder, electron, transports),
  {
    // Every caller of the engine goes through the one typed contract (`invoke`).
    files: ['main/{cli,host,electron}/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='database']", message: 'Call the engine through invoke(); engine.database is for tests and benchmarks.' },
      ],
    },
  },
  layer(['main/electron/**/*.ts'], rendererFolder),
);
