// Security regressions of the Electron shell that can be checked without the
// Electron binary: the window's web preferences, the CSP, the hardening wiring
// (exercised on fakes, and checked in the source) and the IPC adapter.
import { REPORT_SCRIPT_HASHES } from '../../shared/reports.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, BrowserWindow, IpcMain, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { METHODS } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  WEB_PREFERENCES,
  webPreferences,
} from '../../main/electron/security.js';
import { createMainWindow, guardAllWebContents, hardenSession, hardenWebContents } from '../../main/electron/window.js';
import { isTrustedSender, registerIpc } from '../../main/electron/ipc.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

// ---------------------------------------------------------------- preferences

test('WEB_PREFERENCES: isolated, sandboxed, no Node, web security on', () => {
  assert.equal(WEB_PREFERENCES.contextIsolation, true);
  assert.equal(WEB_PREFERENCES.sandbox, true);
  assert.equal(WEB_PREFERENCES.nodeIntegration, false);
  assert.equal(WEB_PREFERENCES.nodeIntegrationInWorker, false);
  assert.equal(WEB_PREFERENCES.nodeIntegrationInSubFrames, false);
  assert.equal(WEB_PREFERENCES.webSecurity, true);
  assert.equal(WEB_PREFERENCES.allowRunningInsecureContent, false);
  assert.equal(WEB_PREFERENCES.experimentalFeatures, false);
  assert.equal(WEB_PREFERENCES.webviewTag, false);
  assert.equal(WEB_PREFERENCES.spellcheck, false);
  assert.equal(Object.isFrozen(WEB_PREFERENCES), true);
  assert.equal('preload' in WEB_PREFERENCES, false, 'the preload path is added by the caller');
  for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'plugins', 'enableRemoteModule']) {
    assert.equal(risky in WEB_PREFERENCES, false, risky);
  }

  const prefs = webPreferences('/app/dist/electron/preload.cjs', { devTools: false });
  assert.deepEqual(prefs, { ...WEB_PREFERENCES, preload: '/app/dist/electron/preload.cjs', devTools: false });
});

test('the app:// scheme is standard and secure but does not bypass CSP', () => {
  assert.equal(APP_SCHEME_PRIVILEGES.scheme, 'app');
  const privileges = APP_SCHEME_PRIVILEGES.privileges ?? {};
  assert.equal(privileges.standard, true);
  assert.equal(privileges.secure, true);
  assert.equal(privileges.supportFetchAPI, true);
  assert.notEqual(privileges.bypassCSP, true);
  assert.notEqual(privileges.corsEnabled, true);
  assert.notEqual(privileges.allowServiceWorkers, true);
});

test('CSP: nothing but the app itself, and no eval', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|wasm-unsafe-eval|\*/);
  assert.deepEqual(directives.get('default-src'), ["'none'"]);
  // Scripts: the app's own files, and exactly the report preview's two inline scripts by hash.
  assert.deepEqual(directives.get('script-src'), ["'self'", ...REPORT_SCRIPT_HASHES.map((hash) => `'${hash}'`)]);
  assert.deepEqual(directives.get('connect-src'), ["'self'"]);
  assert.deepEqual(directives.get('object-src'), ["'none'"]);
  assert.deepEqual(directives.get('base-uri'), ["'none'"]);
  assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
  assert.equal(directives.has('frame-src'), false, 'frames fall back to default-src none');
  for (const [name, values] of directives) {
    for (const value of values) {
      assert.doesNotMatch(value, /^(https?:|wss?:|file:|http)/, `${name} allows ${value}`);
    }
  }
});

// ---------------------------------------------------------------- fakes

type Listener = (...args: unknown[]) => unknown;

class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener) {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

class FakeContents extends FakeEmitter {
  windowOpenHandler: Listener | null = null;
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
}

function fakeEvent(url: string) {
  const event = { url, prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

const asContents = (fake: FakeContents) => fake as unknown as WebContents;

// ---------------------------------------------------------------- window wiring

test('hardenWebContents: navigation, redirects, pop-ups and <webview> are refused', () => {
  const contents = new FakeContents();
  hardenWebContents(asContents(contents));
  hardenWebContents(asContents(contents)); // idempotent
  for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']) {
    assert.equal(contents.listeners.get(name)?.length, 1, name);
  }

  for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:9/', 'app://evil/', 'javascript:alert(1)']) {
      const event = fakeEvent(url);
      contents.emit(name, event, url);
      assert.equal(event.prevented, true, `${name} ${url}`);
    }
    const ok = fakeEvent('app://churn-workbench/index.html');
    contents.emit(name, ok, ok.url);
    assert.equal(ok.prevented, false, name);
  }

  assert.deepEqual(contents.windowOpenHandler?.({ url: 'app://churn-workbench/index.html' }), { action: 'deny' });
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'https://example.com/' }), { action: 'deny' });

  const webview = fakeEvent('app://churn-workbench/');
  contents.emit('will-attach-webview', webview, {}, {});
  assert.equal(webview.prevented, true);
});

test('guardAllWebContents hardens every web contents ever created', () => {
  const app = new FakeEmitter();
  guardAllWebContents(app as unknown as App);
  const other = new FakeContents();
  app.emit('web-contents-created', {}, other);
  const event = fakeEvent('https://example.com/');
  other.emit('will-navigate', event, event.url);
  assert.equal(event.prevented, true);
  assert.deepEqual(other.windowOpenHandler?.({ url: 'https://example.com/' }), { action: 'deny' });
});

test('hardenSession: permissions refused, CSP on every response, remote requests cancelled', () => {
  const handlers: Record<string, Listener> = {};
  const ses = {
    setPermissionRequestHandler: (h: Listener) => void (handlers.request = h),
    setPermissionCheckHandler: (h: Listener) => void (handlers.check = h),
    webRequest: {
      onBeforeRequest: (h: Listener) => void (handlers.before = h),
      onHeadersReceived: (h: Listener) => void (handlers.headers = h),
    },
    on: () => ses,
  };
  hardenSession(ses as unknown as Session);

  for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
    let granted: boolean | null = null;
    handlers.request!({}, permission, (value: boolean) => (granted = value), {});
    assert.equal(granted, false, permission);
    assert.equal(handlers.check!({}, permission, 'app://churn-workbench', {}), false, permission);
  }

  let answer: { responseHeaders?: Record<string, string[]> } = {};
  handlers.headers!(
    { url: 'app://churn-workbench/index.html', responseHeaders: { 'content-security-policy': ["script-src *"], 'X-Other': ['1'] } },
    (value: typeof answer) => (answer = value),
  );
  const csp = Object.entries(answer.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() === 'content-security-policy');
  assert.deepEqual(csp, [['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
  assert.deepEqual(answer.responseHeaders?.['X-Other'], ['1']);

  const cancelled = (url: string) => {
    let value: { cancel?: boolean } = {};
    handlers.before!({ url }, (v: typeof value) => (value = v));
    return value.cancel;
  };
  assert.equal(cancelled('app://churn-workbench/app.js'), false);
  assert.equal(cancelled('data:image/png;base64,AAAA'), false);
  assert.equal(cancelled('https://example.com/track.js'), true);
  assert.equal(cancelled('file:///etc/passwd'), true);
});

test('createMainWindow: hardened preferences, hardened contents, loads app://churn-workbench', () => {
  const created: Array<{ options: Record<string, unknown>; loaded: string[]; contents: FakeContents }> = [];
  class FakeWindow extends FakeEmitter {
    readonly webContents = new FakeContents();
    readonly loaded: string[] = [];
    constructor(readonly options: Record<string, unknown>) {
      super();
      created.push({ options, loaded: this.loaded, contents: this.webContents });
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show() {}
  }
  createMainWindow(FakeWindow as unknown as typeof BrowserWindow, { preloadPath: '/p/preload.cjs', devTools: false });
  assert.equal(created.length, 1);
  const [win] = created;
  assert.deepEqual(win!.options.webPreferences, { ...WEB_PREFERENCES, preload: '/p/preload.cjs', devTools: false });
  assert.deepEqual(win!.loaded, [APP_ENTRY_URL]);
  assert.equal(APP_ENTRY_URL, 'app://churn-workbench/index.html');
  assert.deepEqual(win!.contents.windowOpenHandler?.({ url: 'https://x/' }), { action: 'deny' });
  const event = fakeEvent('https://example.com/');
  win!.contents.emit('will-navigate', event, event.url);
  assert.equal(event.prevented, true);
});

test('security.ts, window.ts, ipc.ts and menu.ts import only types from electron', () => {
  for (const file of ['security.ts', 'window.ts', 'ipc.ts', 'menu.ts']) {
    const text = source(`main/electron/${file}`);
    assert.match(text, /^import type [^;]*from 'electron';/m, file);
    assert.doesNotMatch(text, /^import (?!type )[^;]*from 'electron'/m, file);
    assert.doesNotMatch(text, /require\(|import\(/, file);
  }
});

test('window.ts and main.ts wire every guard (source check)', () => {
  const window = source('main/electron/window.ts');
  assert.match(window, /'will-navigate'/);
  assert.match(window, /'will-redirect'/);
  assert.match(window, /'will-attach-webview', \(event\) => event\.preventDefault\(\)/);
  assert.match(window, /setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
  assert.match(window, /setPermissionRequestHandler\(\([^)]*\) => callback\(false\)\)/);
  assert.match(window, /setPermissionCheckHandler\(\(\) => false\)/);
  assert.match(window, /onHeadersReceived/);
  assert.match(window, /'web-contents-created'/);

  const main = source('main/electron/main.ts');
  const privileged = main.indexOf('protocol.registerSchemesAsPrivileged(');
  const ready = main.indexOf('app.whenReady()');
  assert.ok(privileged > 0 && ready > 0 && privileged < ready, 'scheme registered before ready');
  assert.match(main, /app\.requestSingleInstanceLock\(\)/);
  assert.match(main, /app\.enableSandbox\(\)/);
  assert.match(main, /guardAllWebContents\(app\)/);
  assert.match(main, /hardenSession\(session\.defaultSession\)/);
  assert.match(main, /protocol\.handle\(APP_SCHEME, createAppProtocolHandler\(/);
  assert.match(main, /devTools: !app\.isPackaged/);
  assert.match(main, /engine\?\.close\(\)/);
  // No IPC besides the adapter, no shell.openExternal, no remote content.
  assert.doesNotMatch(main, /ipcMain\.(on|handle|once)\(/);
  assert.doesNotMatch(main + window, /openExternal|nodeIntegration: true|contextIsolation: false|sandbox: false|webSecurity: false/);
  assert.doesNotMatch(main + window, /loadURL\((?!APP_ENTRY_URL)/);
});

// ---------------------------------------------------------------- IPC adapter

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const registrations: string[] = [];
  const ipc = {
    handle(channel: string, listener: Listener) {
      registrations.push(channel);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
  return { ipc: ipc as unknown as IpcMain, handlers, registrations };
}

function fakeEngine() {
  const calls: Array<[string, unknown]> = [];
  return {
    calls,
    invokeUnknown: async (method: string, request: unknown): Promise<Result<unknown>> => {
      calls.push([method, request]);
      return { ok: true, value: { echoed: method } };
    },
  };
}

const trustedFrame = { senderFrame: { url: 'app://churn-workbench/index.html' } };

test('IPC: exactly one channel per contract method, nothing else', () => {
  const { ipc, handlers, registrations } = fakeIpcMain();
  const unregister = registerIpc(ipc, fakeEngine());
  assert.deepEqual(registrations, METHODS.map((method) => `cw:${method}`));
  assert.equal(new Set(registrations).size, METHODS.length);
  unregister();
  assert.equal(handlers.size, 0);

  const ipcSource = source('main/electron/ipc.ts');
  assert.equal(ipcSource.match(/ipcMain\.handle\(/g)?.length, 1, 'one handle call, inside the loop over METHODS');
  assert.match(ipcSource, /METHODS\.map\(/);
  assert.doesNotMatch(ipcSource, /ipcMain\.on\(|ipcMain\.once\(/);
  assert.match(ipcSource, /isTrustedSender\(event\)/);
});

test('IPC: calls from foreign, missing or dead frames are unauthorized and never reach the engine', async () => {
  const { ipc, handlers } = fakeIpcMain();
  const engine = fakeEngine();
  registerIpc(ipc, engine);
  const handler = handlers.get('cw:tables.list')!;
  const dead = {
    get senderFrame(): never {
      throw new Error('Render frame was disposed');
    },
  };
  for (const event of [
    { senderFrame: null },
    {},
    { senderFrame: { url: 'https://evil.example/' } },
    { senderFrame: { url: 'file:///tmp/x.html' } },
    { senderFrame: { url: 'app://evil/index.html' } },
    { senderFrame: { url: 'about:blank' } },
    dead,
  ]) {
    const answer = (await handler(event, {})) as Result<unknown>;
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'unauthorized');
  }
  assert.equal(engine.calls.length, 0);
  assert.equal(isTrustedSender(dead as never), false);
});

test('IPC: trusted calls reach the engine with their own method name and request', async () => {
  const { ipc, handlers } = fakeIpcMain();
  const engine = fakeEngine();
  registerIpc(ipc, engine);
  for (const method of METHODS) {
    const answer = await handlers.get(`cw:${method}`)!(trustedFrame, { probe: method });
    assert.deepEqual(answer, { ok: true, value: { echoed: method } });
  }
  assert.deepEqual(
    engine.calls,
    METHODS.map((method) => [method, { probe: method }]),
  );

  const throwing = fakeIpcMain();
  registerIpc(throwing.ipc, {
    invokeUnknown: async () => {
      throw new Error('boom');
    },
  });
  const answer = (await throwing.handlers.get('cw:tables.list')!(trustedFrame, {})) as Result<unknown>;
  assert.equal(!answer.ok && answer.error.code, 'internal');
});
