// What the sandboxed preload really exposes: the built dist/electron/preload.cjs
// runs in a VM with a stub 'electron' that records every bridge and IPC call.
// It must expose one key (BRIDGE_NAME) holding only `invoke`, refuse unknown
// method names without touching IPC, and forward nothing but known menu commands.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { METHODS } from '../../shared/contract.js';
import { MENU_CHANNEL, MENU_COMMANDS, MENU_EVENT } from '../../shared/menu.js';
import { BRIDGE_NAME } from '../../shared/transport.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PRELOAD = path.join(ROOT, 'dist', 'electron', 'preload.cjs');
const PRELOAD_SOURCES = ['main/electron/preload.ts', 'shared/menu.ts', 'shared/transport.ts', 'shared/result.ts'];

/** Builds the preload when it is missing or older than its sources. */
async function ensurePreload(): Promise<void> {
  const built = fs.existsSync(PRELOAD) ? fs.statSync(PRELOAD).mtimeMs : 0;
  const newest = Math.max(...PRELOAD_SOURCES.map((file) => fs.statSync(path.join(ROOT, file)).mtimeMs));
  if (built >= newest) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    // The full build can fail for reasons of other layers: build the preload alone,
    // with the same options as scripts/build.mjs.
    const { build } = await import('esbuild');
    await build({
      logLevel: 'warning',
      absWorkingDir: ROOT,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      sourcemap: true,
      entryPoints: ['main/electron/preload.ts'],
      outfile: PRELOAD,
      external: ['electron'],
    });
  }
}

interface Loaded {
  exposed: Array<[string, Record<string, unknown>]>;
  required: string[];
  ipcInvokes: Array<[string, unknown]>;
  ipcListeners: Map<string, Array<(...args: unknown[]) => void>>;
  dispatched: Array<{ type: string; detail: unknown }>;
  forbidden: string[];
}

/** Runs the preload bundle as Electron would: CommonJS, only 'electron' to require. */
function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: [], required: [], ipcInvokes: [], ipcListeners: new Map(), dispatched: [], forbidden: [] };
  const refuse = (name: string) => () => {
    loaded.forbidden.push(name);
    throw new Error(`${name} must not be used by the preload`);
  };
  const ipcRenderer = {
    invoke: (channel: string, request: unknown) => {
      loaded.ipcInvokes.push([channel, request]);
      return Promise.resolve({ ok: true, value: { channel } });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      loaded.ipcListeners.set(channel, [...(loaded.ipcListeners.get(channel) ?? []), listener]);
      return ipcRenderer;
    },
    send: refuse('ipcRenderer.send'),
    sendSync: refuse('ipcRenderer.sendSync'),
    sendToHost: refuse('ipcRenderer.sendToHost'),
    postMessage: refuse('ipcRenderer.postMessage'),
    once: refuse('ipcRenderer.once'),
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => loaded.exposed.push([key, api]),
      exposeInIsolatedWorld: refuse('contextBridge.exposeInIsolatedWorld'),
    },
    ipcRenderer,
    webFrame: new Proxy({}, { get: refuse('webFrame') }),
    webUtils: new Proxy({}, { get: refuse('webUtils') }),
  };
  const require = (name: string) => {
    loaded.required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  class CustomEvent {
    constructor(
      readonly type: string,
      readonly init: { detail?: unknown } = {},
    ) {}
    get detail() {
      return this.init.detail;
    }
  }
  const window = {
    dispatchEvent: (event: CustomEvent) => {
      loaded.dispatched.push({ type: event.type, detail: event.detail });
      return true;
    },
  };
  const context = vm.createContext({ window, CustomEvent, console });
  const code = fs.readFileSync(PRELOAD, 'utf8');
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, context, {
    filename: PRELOAD,
  }) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, require, module, PRELOAD, path.dirname(PRELOAD));
  return loaded;
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

before(ensurePreload);

test('the preload exposes exactly one key, BRIDGE_NAME, holding only invoke', () => {
  const loaded = loadPreload();
  assert.equal(loaded.exposed.length, 1);
  const [key, api] = loaded.exposed[0]!;
  assert.equal(key, BRIDGE_NAME);
  assert.deepEqual(Object.keys(api), ['invoke']);
  assert.equal(typeof api.invoke, 'function');
  assert.deepEqual(loaded.forbidden, []);
});

test('the preload requires nothing but electron (a sandboxed preload cannot)', () => {
  const loaded = loadPreload();
  assert.deepEqual([...new Set(loaded.required)], ['electron']);
  const code = fs.readFileSync(PRELOAD, 'utf8');
  const requires = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(requires)], ['electron']);
  assert.doesNotMatch(code, /\bprocess\.|\beval\(|new Function\(/);
});

test('invoke refuses unknown method names without touching IPC', async () => {
  const loaded = loadPreload();
  const invoke = loaded.exposed[0]![1].invoke as (method: unknown, request?: unknown) => Promise<unknown>;
  const hostile: unknown[] = [
    'shell.openExternal',
    'fs.readFile',
    'menu',
    'cw:tables.list',
    'tables.list ',
    'TABLES.LIST',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    42,
    null,
    undefined,
    { toString: () => 'tables.list' },
    ['tables.list'],
  ];
  for (const method of hostile) {
    const answer = plain(await invoke(method, {})) as { ok: boolean; error?: { code: string } };
    assert.equal(answer.ok, false, String(method));
    assert.equal(answer.error?.code, 'unknown_method', String(method));
  }
  assert.deepEqual(loaded.ipcInvokes, []);
});

test('invoke forwards every contract method on cw:<method>, and only those', async () => {
  const loaded = loadPreload();
  const invoke = loaded.exposed[0]![1].invoke as (method: unknown, request?: unknown) => Promise<unknown>;
  for (const method of METHODS) {
    assert.deepEqual(plain(await invoke(method, { probe: method })), { ok: true, value: { channel: `cw:${method}` } });
  }
  assert.deepEqual(
    loaded.ipcInvokes.map(([channel, request]) => [channel, plain(request)]),
    METHODS.map((method) => [`cw:${method}`, { probe: method }]),
  );
});

test('menu messages: known commands become a DOM event, anything else dispatches nothing', () => {
  const loaded = loadPreload();
  assert.deepEqual([...loaded.ipcListeners.keys()], [MENU_CHANNEL]);
  const listeners = loaded.ipcListeners.get(MENU_CHANNEL)!;
  assert.equal(listeners.length, 1);
  const deliver = (value: unknown) => listeners[0]!({ sender: null }, value);

  for (const value of ['rm -rf /', 'open-files ', 'OPEN-FILES', '', null, undefined, 42, { command: 'open-files' }, ['open-files']]) {
    deliver(value);
  }
  assert.deepEqual(loaded.dispatched, []);

  for (const command of MENU_COMMANDS) deliver(command);
  assert.deepEqual(
    loaded.dispatched,
    MENU_COMMANDS.map((command) => ({ type: MENU_EVENT, detail: command })),
  );
  assert.deepEqual(loaded.ipcInvokes, []);
});
