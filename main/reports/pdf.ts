// The report as a PDF: the HTML document laid out on A4 pages by its own
// script (cover, contents with page numbers, running header and footer,
// charts as vector SVG), then printed by a Chromium — the one installed on
// the machine, driven by playwright-core (the command line, browser mode), or
// the desktop app's own through webContents.printToPDF (pdfFromWebContents).
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../shared/result.js';

/** Turns a report's HTML into PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

const TIMEOUT_MS = 180_000;

/** Where a Chromium or Chrome usually is, per platform; CHROMIUM_PATH first. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const fromEnv = [env.CHROMIUM_PATH, env.CHROME_PATH].filter((p): p is string => !!p);
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((p): p is string => !!p);
    return [
      ...fromEnv,
      ...roots.flatMap((root) => [
        path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join(root, 'Chromium', 'Application', 'chrome.exe'),
        path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      ]),
    ];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/usr/bin/microsoft-edge'];
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  return chromiumCandidates(env).find((candidate) => fs.existsSync(candidate)) ?? null;
}

export const NO_CHROMIUM_MESSAGE =
  'PDF export needs a Chromium or Google Chrome installed on this machine, and none was found ' +
  '(looked in CHROMIUM_PATH and the usual places). Install one — on Debian or Ubuntu: sudo apt-get install chromium — ' +
  'or set CHROMIUM_PATH to its executable. The HTML report prints to PDF from any browser too.';

/** The HTML printed to PDF by the machine's Chromium (headless, offline: it may load nothing but the document itself). */
export async function chromiumPdf(html: string, executablePath: string | null = findChromium()): Promise<Uint8Array> {
  if (!executablePath) throw new EngineError('unsupported', NO_CHROMIUM_MESSAGE);
  let playwright: typeof import('playwright-core');
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new EngineError('unsupported', 'PDF export needs the playwright-core package, which is missing from this installation: run npm ci.');
  }
  const browser = await playwright.chromium
    .launch({
      executablePath,
      headless: true,
      timeout: TIMEOUT_MS,
      args: [
        // Chromium refuses its sandbox to root (CI, containers).
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-extensions',
      ],
    })
    .catch((error: Error) => {
      throw new EngineError('unsupported', `Chromium at ${executablePath} did not start: ${error.message.split('\n')[0]}`);
    });
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.route(/^(?!data:|about:)/, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => (window as unknown as { cwReport: { preparePrint(): Promise<number> } }).cwReport.preparePrint());
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}

/** What pdfFromWebContents needs of an Electron WebContents (structurally, so this file imports no electron). */
export interface PrintableWebContents {
  loadURL(url: string): Promise<void>;
  executeJavaScript(code: string, userGesture?: boolean): Promise<unknown>;
  printToPDF(options: {
    printBackground?: boolean;
    preferCSSPageSize?: boolean;
    generateDocumentOutline?: boolean;
    generateTaggedPDF?: boolean;
    margins?: { top?: number; bottom?: number; left?: number; right?: number };
  }): Promise<Uint8Array>;
}

/**
 * The desktop app's PDF: the report loaded into a hidden window's WebContents
 * from `url`, where the print window's own session serves its HTML from memory
 * (main/electron/printPdf.ts: no file:// and no temporary file), laid out, then
 * printToPDF.
 */
export async function pdfFromWebContents(url: string, contents: PrintableWebContents): Promise<Uint8Array> {
  await contents.loadURL(url);
  await contents.executeJavaScript('window.cwReport.preparePrint()', true);
  const pdf = await contents.printToPDF({
    printBackground: true,
    preferCSSPageSize: true,
    generateDocumentOutline: true,
    generateTaggedPDF: true,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  });
  return new Uint8Array(pdf);
}
