#!/usr/bin/env node
// The CLI runs the engine bundle built by `npm run build` (run on `npm install`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('Churn Workbench is not built yet: run `npm run build` in its folder first.\n');
  process.exit(1);
}
await import(bundle.href);
