// A real engine behind the real browser-mode host, in this process.
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Engine } from '../../main/engine/engine.js';
import { appRoot } from '../../main/runtime/paths.js';
import { startHost, type Host } from '../../main/host/server.js';

export const ROOT = appRoot();
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** The renderer bundle must exist for anything served to a browser. */
export function ensureBuilt(): void {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'app.js'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  }
}

export async function startApp(workspace: string | null = null): Promise<{ engine: Engine; host: Host; close(): Promise<void> }> {
  ensureBuilt();
  const engine = await Engine.open(workspace);
  const host = await startHost({ engine, staticDir: RENDERER_DIR });
  return {
    engine,
    host,
    close: async () => {
      await host.close();
      engine.close();
    },
  };
}
