// Report PDFs in the desktop app: Electron's printToPDF in a hidden window on
// its own session, which loads nothing but the report itself. The report's
// HTML is served from memory by that session's app:// handler at a URL made
// for this one print (no file://, no temporary file, nothing another page of
// the app could load), and the session cancels every other request but the
// report's own data: URLs.
import crypto from 'node:crypto';
import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import { pdfFromWebContents } from '../reports/pdf.js';
import { APP_SCHEME, isAllowedPrintRequest, reportPrintUrl } from './security.js';

const HTML_HEADERS = { 'Content-Type': 'text/html; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' };

export function createReportPrinter(BrowserWindow: typeof BrowserWindowType, printSession: Session) {
  /** URL → HTML of the reports being printed right now. */
  const printing = new Map<string, string>();
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);
  printSession.protocol.handle(APP_SCHEME, async (request) => {
    const html = request.method === 'GET' ? printing.get(request.url) : undefined;
    return html === undefined
      ? new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
      : new Response(html, { status: 200, headers: HTML_HEADERS });
  });
  printSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedPrintRequest(details.url, printing) }));

  return async function printReportPdf(html: string): Promise<Uint8Array> {
    const url = reportPrintUrl(crypto.randomUUID());
    printing.set(url, html);
    const win = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: { session: printSession, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
    try {
      return await pdfFromWebContents(url, win.webContents);
    } finally {
      printing.delete(url);
      win.destroy();
    }
  };
}
