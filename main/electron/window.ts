// The app window and its hardening. Only TYPES come from 'electron': main.ts
// hands in the BrowserWindow class, the session and the app, so the wiring can
// be exercised with fakes under plain Node. The decisions live in security.ts.
import fs from 'node:fs/promises';
import type { App, BrowserWindow, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import {
  APP_ENTRY_URL,
  appResponseHeaders,
  isAllowedRequestUrl,
  isTrustedUrl,
  resolveAppAsset,
  webPreferences,
} from './security.js';

export interface WindowOptions {
  preloadPath: string;
  devTools: boolean;
  icon?: string;
}

/** Creates the main window on app://churn-workbench/index.html. */
export function createMainWindow(BrowserWindowClass: typeof BrowserWindow, options: WindowOptions): BrowserWindow {
  const win = new BrowserWindowClass({
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Churn Workbench',
    backgroundColor: '#f7f7f5',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: webPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

const hardened = new WeakSet<WebContents>();

/**
 * Navigation stays on app://churn-workbench; no pop-ups, no <webview>. Applied
 * to the main window and, through `guardAllWebContents`, to any other contents.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The report preview is a sandboxed srcdoc iframe: its one navigation is to about:srcdoc.
    if (!event.isMainFrame && event.url === 'about:srcdoc') return;
    if (!isTrustedUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Every web contents ever created gets the same guard, whoever created it. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * Session-wide rules: every permission refused (requests and checks), the CSP
 * added to every response, and requests to anything but the app's own origin
 * (and data:/blob:) cancelled: the app is offline and loads nothing remote.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    if (/^devtools:/i.test(details.url)) return callback({});
    const responseHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
}

/**
 * The app:// handler: serves files under `rootDir` (dist/renderer), GET and
 * HEAD only, each response carrying the CSP. Anything else is a 404/405.
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: appResponseHeaders(null) });
    }
    const file = resolveAppAsset(rootDir, request.url);
    if (!file) return notFound();
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await fs.readFile(file);
      return new Response(body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return notFound();
    }
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: appResponseHeaders(null) });
}
