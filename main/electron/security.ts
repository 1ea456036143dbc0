// The pure security decisions of the desktop shell: which web preferences a
// window gets, which URLs are the app's own, and which file an app:// request
// may read. Only TYPES come from 'electron', so the security tests import this
// module under plain Node.
import path from 'node:path';
import type { CustomScheme, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'churn-workbench';
export const APP_ORIGIN = 'app://churn-workbench';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Prefix of every IPC channel; the preload keeps its own copy (it must not import zod). */
export const IPC_CHANNEL_PREFIX = 'cw:';

/**
 * `app://` is registered before the app is ready: standard (real origins and
 * relative URLs), secure (a secure context, like https) and fetch-able. It does
 * NOT bypass CSP, and it is not CORS-enabled or service-worker capable.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * Every renderer runs isolated and sandboxed with no Node. The preload path is
 * added by the caller (it depends on where the bundle lives).
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences);

/** The full preferences of the app window. DevTools only in development. */
export function webPreferences(preload: string, options: { devTools: boolean }): WebPreferences {
  return { ...WEB_PREFERENCES, preload, devTools: options.devTools };
}

/** True only for URLs of the app's own origin, app://churn-workbench/… */
export function isTrustedUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.pathname === '' || parsed.pathname.startsWith('/'))
  );
}

/**
 * The file an app:// request may read, as an absolute path inside `rootDir`, or
 * null. The path is checked as written, before URL normalisation could hide a
 * `..`: dot segments (plain or percent-encoded), encoded slashes or
 * backslashes, NUL, drive letters, empty segments and other hosts are refused.
 */
export function resolveAppAsset(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || !isTrustedUrl(requestUrl)) return null;
  // isTrustedUrl guarantees "app://churn-workbench" with no user or port.
  const hostStart = requestUrl.indexOf('://') + 3;
  if (requestUrl.slice(hostStart, hostStart + APP_HOST.length) !== APP_HOST) return null;
  const afterHost = requestUrl.slice(hostStart + APP_HOST.length);
  const rawPath = afterHost.split(/[?#]/, 1)[0] ?? '';
  if (rawPath !== '' && !rawPath.startsWith('/')) return null;

  const segments: string[] = [];
  const raw = rawPath === '' || rawPath === '/' ? ['index.html'] : rawPath.slice(1).split('/');
  for (const encoded of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '' || segment === '.' || segment === '..') return null;
    if (/[/\\:\0]/.test(segment)) return null;
    // Source maps are never served, even when a debugging build wrote them (scripts/build.mjs).
    if (segment.toLowerCase().endsWith('.map')) return null;
    segments.push(segment);
  }

  const root = path.resolve(rootDir);
  const relative = segments.join('/');
  if (path.isAbsolute(relative)) return null;
  const full = path.resolve(root, relative);
  if (!full.startsWith(root + path.sep)) return null;
  return full;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every app:// response: the CSP always, and no MIME sniffing. */
export function appResponseHeaders(filePath: string | null): Record<string, string> {
  return {
    'Content-Type': filePath ? contentTypeFor(filePath) : 'text/plain; charset=utf-8',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

/**
 * The hidden PDF window's page: app://churn-workbench-report/<random id>.html,
 * served from memory by that window's own session while it prints (printPdf.ts).
 * Another host than the app's, so it is never taken for the app's own pages.
 */
export const REPORT_PRINT_HOST = 'churn-workbench-report';

export function reportPrintUrl(id: string): string {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`A print id is a UUID, not ${JSON.stringify(id)}.`);
  return `${APP_SCHEME}://${REPORT_PRINT_HOST}/${id}.html`;
}

/** The print window may load the report being printed (its exact URL) and the data: URLs inside it; nothing else. */
export function isAllowedPrintRequest(url: string, printing: { has(url: string): boolean }): boolean {
  return printing.has(url) || /^data:/i.test(url);
}

/** URL schemes a renderer may load at all; everything else is cancelled. */
export function isAllowedRequestUrl(url: string): boolean {
  if (isTrustedUrl(url)) return true;
  return /^(data|blob|devtools):/i.test(url);
}
