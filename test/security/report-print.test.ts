// The desktop app's PDF printing (main/electron/printPdf.ts), on fakes of
// Electron's session and window: the report is loaded from app://, served from
// memory at a URL made for that one print, never from file:// or a temporary
// file; the print session lets through that URL and data: only, and serves
// nothing once the print is done.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import type { BrowserWindow, Session } from 'electron';
import { createReportPrinter } from '../../main/electron/printPdf.js';
import { isAllowedPrintRequest, reportPrintUrl } from '../../main/electron/security.js';

type Handler = (request: Request) => Promise<Response>;
type Filter = (details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void;

function fakeSession() {
  const state: { handlers: Map<string, Handler>; filter: Filter | null; permission: ((...args: unknown[]) => void) | null } = {
    handlers: new Map(),
    filter: null,
    permission: null,
  };
  const session = {
    setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => (state.permission = handler),
    setPermissionCheckHandler: () => {},
    protocol: { handle: (scheme: string, handler: Handler) => state.handlers.set(scheme, handler) },
    webRequest: { onBeforeRequest: (filter: Filter) => (state.filter = filter) },
  };
  const cancelled = (url: string) => {
    let answer: boolean | null = null;
    state.filter!({ url }, ({ cancel }) => (answer = cancel));
    return answer;
  };
  return { session: session as unknown as Session, state, cancelled };
}

const OTHER_URLS = [
  'file:///tmp/churn-workbench-report-x/report.html',
  'file:///etc/passwd',
  'app://churn-workbench/index.html',
  'app://churn-workbench-report/00000000-0000-0000-0000-000000000000.html',
  'https://example.com/x.js',
  'http://127.0.0.1:8080/',
  'blob:app://churn-workbench/1',
];

test('the report is printed from its own app:// URL, served from memory, and nothing else loads', async () => {
  const { session, state, cancelled } = fakeSession();
  const html = '<!doctype html><title>Report</title><p>Numbers</p>';
  const seen: { url: string; served: string; status404: number; cancelledOwn: boolean | null; cancelledData: boolean | null; cancelledOthers: (boolean | null)[] }[] = [];
  const windows: Record<string, unknown>[] = [];
  class FakeWindow {
    destroyed = false;
    constructor(options: Record<string, unknown>) {
      windows.push(options);
    }
    webContents = {
      loadURL: async (url: string) => {
        const handler = state.handlers.get('app')!;
        const served = await (await handler(new Request(url))).text();
        const wrong = await handler(new Request(url.replace(/[0-9a-f]{8}-/, '00000000-')));
        seen.push({
          url,
          served,
          status404: wrong.status,
          cancelledOwn: cancelled(url),
          cancelledData: cancelled('data:font/woff2;base64,AAAA'),
          cancelledOthers: OTHER_URLS.map(cancelled),
        });
      },
      executeJavaScript: async () => 1,
      printToPDF: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    };
    destroy() {
      this.destroyed = true;
    }
  }
  const tmpBefore = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('churn-workbench-report-'));
  const print = createReportPrinter(FakeWindow as unknown as typeof BrowserWindow, session);
  const pdf = await print(html);

  assert.deepEqual([...pdf], [0x25, 0x50, 0x44, 0x46]);
  assert.equal(seen.length, 1);
  const [load] = seen;
  assert.match(load!.url, /^app:\/\/churn-workbench-report\/[0-9a-f-]{36}\.html$/);
  assert.equal(load!.served, html);
  assert.equal(load!.status404, 404, 'another id is not served');
  assert.equal(load!.cancelledOwn, false);
  assert.equal(load!.cancelledData, false);
  assert.deepEqual(load!.cancelledOthers, OTHER_URLS.map(() => true), 'file://, the app, other prints, the network, blob: all cancelled');
  const prefs = windows[0]!.webPreferences as Record<string, unknown>;
  assert.equal(prefs.session, session);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(windows[0]!.show, false);

  // Once printed, the report's URL is neither served nor allowed.
  assert.equal((await state.handlers.get('app')!(new Request(load!.url))).status, 404);
  assert.equal(cancelled(load!.url), true);
  const tmpAfter = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('churn-workbench-report-'));
  assert.deepEqual(tmpAfter, tmpBefore, 'no temporary report file');
  let denied: boolean | null = null;
  state.permission!(null, 'media', (allowed: boolean) => (denied = !allowed));
  assert.equal(denied, true, 'every permission refused');
});

test('print URLs are made from UUIDs only, and the allow-list is exact', () => {
  const id = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';
  const url = reportPrintUrl(id);
  assert.equal(url, `app://churn-workbench-report/${id}.html`);
  assert.throws(() => reportPrintUrl('../index'));
  const printing = new Set([url]);
  assert.equal(isAllowedPrintRequest(url, printing), true);
  for (const near of [`${url}?x`, `${url}#a`, url.toUpperCase(), url.replace('.html', '.htm'), `${url}/..`]) {
    assert.equal(isAllowedPrintRequest(near, printing), false, near);
  }
});
