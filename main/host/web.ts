// `npm run web`: the app in a browser, served from this machine only.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine.js';
import { appRoot } from '../runtime/paths.js';
import { startHost } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string' }, workspace: { type: 'string' }, 'max-upload-mb': { type: 'string' } },
  allowPositionals: false,
});

const maxUploadMb = values['max-upload-mb'] === undefined ? null : Number(values['max-upload-mb']);
if (maxUploadMb !== null && !(maxUploadMb > 0)) {
  console.error(`--max-upload-mb takes a number of megabytes above 0, not "${values['max-upload-mb']}".`);
  process.exit(2);
}

const engine = await Engine.open(values.workspace ? path.resolve(values.workspace) : null);
const host = await startHost({
  engine,
  staticDir: path.join(appRoot(), 'dist', 'renderer'),
  port: values.port ? Number(values.port) : 0,
  ...(maxUploadMb !== null ? { maxUploadBytes: maxUploadMb * 1024 ** 2 } : {}),
});
// However the process ends short of a crash, the uploads go with it (a crash's are swept at the next start).
process.on('exit', () => fs.rmSync(host.uploadDir, { recursive: true, force: true }));
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
