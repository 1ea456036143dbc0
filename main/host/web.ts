// `npm run web`: the app in a browser, served from this machine only.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine.js';
import { appRoot } from '../engine/paths.js';
import { startHost } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, workspace: { type: 'string' } },
  allowPositionals: false,
});

const engine = await Engine.open(values.workspace ? path.resolve(values.workspace) : null);
const host = await startHost({
  engine,
  staticDir: path.join(appRoot(), 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
});
console.log(`Churn Workbench running at ${host.url}`);

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  await host.close();
  engine.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
