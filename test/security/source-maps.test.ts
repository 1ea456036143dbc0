// No source maps in what is built, served or packaged (scripts/build.mjs writes
// them only with CW_SOURCEMAPS=1, and then neither server hands them out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { startHost } from '../../main/host/server.js';
import { resolveAppAsset } from '../../main/electron/security.js';
import { ensureBuilt, RENDERER_DIR, ROOT } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

test('the build writes no source maps and no links to any', () => {
  ensureBuilt();
  const files = fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true }).map(String);
  assert.deepEqual(files.filter((file) => file.endsWith('.map')), []);
  for (const file of files.filter((f) => /\.(js|cjs|css)$/.test(f))) {
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8'), /[#@] sourceMappingURL=/, file);
  }
  assert.ok(fs.existsSync(path.join(RENDERER_DIR, 'app.js')));
});

function get(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: target, headers: { host: `127.0.0.1:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

test('a source map left in the renderer folder is served by neither the host nor app://', async () => {
  const dir = tempDir('cw-maps-');
  writeFile(dir, 'index.html', '<!doctype html><div id="root"></div>');
  writeFile(dir, 'app.js', 'console.log(1);\n//# sourceMappingURL=app.js.map\n');
  writeFile(dir, 'app.js.map', '{"version":3,"sources":["secret.ts"]}');
  const engine = await Engine.open(null);
  const host = await startHost({ engine, staticDir: dir });
  try {
    assert.equal(await get(host.port, '/app.js'), 200);
    for (const map of ['/app.js.map', '/APP.JS.MAP', '/app.js%2Emap']) assert.equal(await get(host.port, map), 404, map);
  } finally {
    await host.close();
    engine.close();
  }
  assert.equal(resolveAppAsset(dir, 'app://churn-workbench/app.js'), path.join(path.resolve(dir), 'app.js'));
  for (const map of ['app://churn-workbench/app.js.map', 'app://churn-workbench/app.js%2Emap', 'app://churn-workbench/App.Js.Map']) {
    assert.equal(resolveAppAsset(dir, map), null, map);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
