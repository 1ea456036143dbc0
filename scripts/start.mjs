// `npm start` (after the build): runs the desktop app when Electron's binary is
// installed, tries once to fetch it when it is not, and otherwise starts the
// same app in browser mode (the loopback host), saying so in one sentence.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const INSTALL_TIMEOUT_MS = 60_000;

/**
 * The Electron executable, or null. `require('electron')` itself starts a
 * download (loudly, without a time limit) when the binary is missing, so it is
 * only called once path.txt says where the binary is and that file exists.
 */
function electronBinary() {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative && path.join(packageDir, 'dist', relative);
  if (!candidate || !fs.existsSync(candidate)) return null;
  try {
    const resolved = require('electron');
    return typeof resolved === 'string' && fs.existsSync(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

/** One quiet attempt to download the binary with Electron's own installer. */
function tryInstallElectron() {
  let installer;
  try {
    installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  } catch {
    return;
  }
  if (!fs.existsSync(installer)) return;
  spawnSync(process.execPath, [installer], {
    cwd: root,
    stdio: 'ignore',
    timeout: INSTALL_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
}

/** Runs a child with inherited stdio, forwards SIGINT/SIGTERM, exits with its code. */
function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    console.error(`Could not start ${path.basename(command)}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1);
    process.removeListener('SIGINT', forward);
    process.removeListener('SIGTERM', forward);
  });
}

function signalNumber(signal) {
  return { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal];
}

let electron = electronBinary();
if (!electron && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  tryInstallElectron();
  electron = electronBinary();
}

if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // it would make Electron a plain Node
  run(electron, [root], env);
} else {
  console.error(
    "Electron's desktop binary is not installed and cannot be downloaded on this machine (offline?), so Churn Workbench starts in browser mode instead.",
  );
  const host = path.join(root, 'dist', 'host', 'web.js');
  if (!fs.existsSync(host)) {
    console.error(`The browser-mode host ${path.relative(root, host)} is missing: run "npm run build" first.`);
    process.exit(1);
  }
  run(process.execPath, [host], process.env);
}
