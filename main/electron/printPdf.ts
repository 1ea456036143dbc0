// Report PDFs in the desktop app: Electron's printToPDF in a hidden window on
// its own session, which loads nothing but the report itself.
import type { BrowserWindow as BrowserWindowType, Session } from 'electron';
import { pdfFromWebContents } from '../reports/pdf.js';

export function createReportPrinter(BrowserWindow: typeof BrowserWindowType, printSession: Session) {
  printSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !/^(data:|file:\/\/.*churn-workbench-report-)/.test(details.url) }),
  );
  return async function printReportPdf(html: string): Promise<Uint8Array> {
    const win = new BrowserWindow({
      show: false,
      width: 794,
      height: 1123,
      webPreferences: { session: printSession, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
    try {
      return await pdfFromWebContents(html, win.webContents);
    } finally {
      win.destroy();
    }
  };
}
