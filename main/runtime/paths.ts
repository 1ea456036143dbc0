// Where the app's own files are, whether run from source (tsx), from the
// bundles in dist/, or from a packaged Electron app.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | null = null;

/** The folder holding the app's package.json. */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'churn-workbench') {
      cachedRoot = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Churn Workbench installation folder.');
    dir = parent;
  }
}

/**
 * A bundled asset as a real file path. DuckDB reads files itself, so inside a
 * packaged app it must read the copy electron-builder unpacked from the asar.
 */
export function assetPath(...parts: string[]): string {
  return path.join(appRoot(), 'assets', ...parts).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}
