// The desktop package's Electron fuses, read from electron-builder.yml the way
// `npm run dist` reads it (electron-builder's own loader and schema check, so a
// misspelt fuse fails here rather than being ignored at packaging time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { ROOT } from '../support/app.js';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  electronFuses?: Record<string, boolean>;
  /** Normalised by the loader into one set of patterns. */
  files?: { filter: string[] }[];
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger, log } = require('builder-util') as { DebugLogger: new () => unknown; log: { stream: NodeJS.WritableStream } };
// electron-builder logs "• loaded configuration" to stdout, the channel the test
// runner reads its child's results from: once, a chunk of it split a result and the
// run failed with "Unable to deserialize cloned data". Here its log goes nowhere.
log.stream = new Writable({ write: (_chunk, _encoding, done) => done() });

async function builderConfig(): Promise<BuilderConfig> {
  const config = await getConfig(ROOT, path.join(ROOT, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger());
  return config;
}

test('the package flips the fuses that turn the app binary into something else', async () => {
  const { electronFuses } = await builderConfig();
  assert.ok(electronFuses, 'electron-builder.yml sets electronFuses');
  assert.equal(electronFuses.runAsNode, false, 'ELECTRON_RUN_AS_NODE ignored');
  assert.equal(electronFuses.enableNodeOptionsEnvironmentVariable, false, 'NODE_OPTIONS ignored');
  assert.equal(electronFuses.enableNodeCliInspectArguments, false, '--inspect ignored');
  assert.equal(electronFuses.enableEmbeddedAsarIntegrityValidation, true, 'app.asar integrity checked');
  assert.equal(electronFuses.onlyLoadAppFromAsar, true, 'app code only from app.asar');
  assert.equal(electronFuses.grantFileProtocolExtraPrivileges, false, 'file:// has no extra privileges');
});

test('the package ships no source maps', async () => {
  const { files } = await builderConfig();
  assert.ok(files?.some((set) => set.filter.includes('!dist/**/*.map')), JSON.stringify(files));
});
