// The set-up every end-to-end test file shares: the app in browser mode on a
// real engine (this process) and Debian's Chromium, started once per file and
// stopped after it; where screenshots go; which requests left the machine.
import { after, before } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startApp } from './app.js';

export const ARTEFACTS = path.join(process.cwd(), 'test-results');

/**
 * How long a page step may wait: the app's first load alone took ~28 s on a
 * 2-core machine under full load, past Playwright's 30 s default.
 */
export const PAGE_WAIT_MS = 120_000;

export type App = Awaited<ReturnType<typeof startApp>>;

export interface E2E {
  readonly app: App;
  readonly browser: Browser;
}

export interface E2EOptions {
  /** A workspace file to open instead of a scratch workspace. */
  workspace?: string;
  /** What the file's tests need in the app before they start (e.g. the sample opened). */
  prepare?: (app: App) => Promise<void>;
}

/** Registers the file's before/after hooks; the app and browser are there once `before` has run. */
export function startE2E(options: E2EOptions = {}): E2E {
  let app: App | undefined;
  let browser: Browser | undefined;
  before(async () => {
    fs.mkdirSync(ARTEFACTS, { recursive: true });
    app = await startApp(options.workspace ?? null);
    browser = await launchChromium();
    await options.prepare?.(app);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the app starts in before()');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('Chromium starts in before()');
      return browser;
    },
  };
}

/** Requests that went anywhere but the loopback host (blob:, data: and about: stay in the page). */
export function offMachine(requests: string[], port: number): string[] {
  return requests.filter((url) => !url.startsWith(`http://127.0.0.1:${port}/`) && !/^(blob|data|about):/.test(url));
}
