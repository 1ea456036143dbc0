// The Electron main process: lifecycle and glue only. The engine does all the
// work; this file gives it native dialogs, serves the renderer on app://, wires
// IPC, the menu and the .duckdb file association, and closes the engine on quit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/menu.js';
import { Engine, type Dialogs } from '../engine/engine.js';
import { utilityProcessLauncher } from './readerProcess.js';
import { GrantedFiles } from '../engine/fileAccess.js';
import { appRoot } from '../runtime/paths.js';
import { registerIpc } from './ipc.js';
import { createReportPrinter } from './printPdf.js';
import { menuTemplate } from './menu.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, isTrustedUrl } from './security.js';
import { createAppProtocolHandler, createMainWindow, guardAllWebContents, hardenSession } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url)); // dist/electron
const PRELOAD_PATH = path.join(here, 'preload.cjs');
const RENDERER_ROOT = path.join(here, '..', 'renderer');
const WORKSPACE_EXTENSION = '.duckdb';
const DATA_EXTENSIONS = ['csv', 'tsv', 'txt', 'gz', 'parquet', 'json', 'ndjson', 'xlsx'];

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

let engine: Engine | null = null;
let mainWindow: BrowserWindow | null = null;
let pendingWorkspace: string | null = workspaceFromArgv(process.argv, process.cwd());

if (!app.requestSingleInstanceLock()) {
  // Another instance is running: it receives our argv through 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  if (process.platform === 'win32') app.setAppUserModelId('com.churnworkbench.app');

  // macOS file association: may fire before 'ready' (the app launched by a double-click).
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    if (engine) void openWorkspace(filePath);
    else pendingWorkspace = filePath;
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const workspace = workspaceFromArgv(argv, workingDirectory);
    if (workspace && engine) void openWorkspace(workspace);
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    } else if (engine) {
      openWindow();
    }
  });

  guardAllWebContents(app);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (engine && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('will-quit', () => {
    engine?.close();
    engine = null;
  });

  app.whenReady().then(ready).catch(fatal);
}

async function ready(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT));
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        appName: app.getName(),
        isMac: process.platform === 'darwin',
        isPackaged: app.isPackaged,
        send: sendMenuCommand,
        showAbout,
      }),
    ),
  );

  const initial = pendingWorkspace;
  pendingWorkspace = null;
  engine = await openEngine(initial);
  // The window reads and writes only what its user picks in the dialogs below (and workspaces).
  registerIpc(ipcMain, engine, new GrantedFiles());
  openWindow();
  // A file handed over while the engine was opening.
  if (pendingWorkspace) {
    const next: string = pendingWorkspace;
    pendingWorkspace = null;
    await openWorkspace(next);
  }
}

function openWindow(): void {
  const icon = path.join(appRoot(), 'assets', 'icons', 'icon.png');
  mainWindow = createMainWindow(BrowserWindow, {
    preloadPath: PRELOAD_PATH,
    devTools: !app.isPackaged,
    ...(fs.existsSync(icon) ? { icon } : {}),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/** Opens the engine on a workspace, or on a scratch one when that fails. */
async function openEngine(workspace: string | null): Promise<Engine> {
  if (workspace) {
    try {
      return await Engine.open(workspace, { dialogs, printPdf: reportPrinter(), launchProcess: utilityProcessLauncher });
    } catch (error) {
      dialog.showErrorBox('Cannot open the workspace', `${workspace}\n\n${message(error)}\n\nA scratch workspace is open instead.`);
    }
  }
  return Engine.open(null, { dialogs, printPdf: reportPrinter(), launchProcess: utilityProcessLauncher });
}

/** A workspace from the file association once the app runs: switch, then reload the UI. */
async function openWorkspace(filePath: string): Promise<void> {
  if (!engine) return;
  const result = await engine.invokeUnknown('workspace.open', { path: filePath });
  if (!result.ok) {
    dialog.showErrorBox('Cannot open the workspace', `${filePath}\n\n${result.error.message}`);
    return;
  }
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
}

const dialogs: Dialogs = {
  async openFiles(purpose) {
    const options: OpenDialogOptions =
      purpose === 'data'
        ? {
            title: 'Open data files',
            properties: ['openFile', 'multiSelections'],
            filters: [{ name: 'Data files', extensions: DATA_EXTENSIONS }],
          }
        : {
            title: 'Open workspace',
            properties: ['openFile'],
            filters: [{ name: 'Churn Workbench workspace', extensions: ['duckdb'] }],
          };
    const parent = dialogParent();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  async saveFile() {
    const options: SaveDialogOptions = {
      title: 'Save workspace as',
      defaultPath: path.join(app.getPath('documents'), `Churn workspace${WORKSPACE_EXTENSION}`),
      filters: [{ name: 'Churn Workbench workspace', extensions: ['duckdb'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const parent = dialogParent();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    if (result.canceled || !result.filePath) return null;
    return result.filePath.toLowerCase().endsWith(WORKSPACE_EXTENSION)
      ? result.filePath
      : result.filePath + WORKSPACE_EXTENSION;
  },
};

function dialogParent(): BrowserWindow | null {
  const focused = BrowserWindow.getFocusedWindow();
  if (focused) return focused;
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

function sendMenuCommand(command: MenuCommand): void {
  const target = dialogParent();
  if (!target) return;
  const contents = target.webContents;
  if (isTrustedUrl(contents.getURL())) contents.send(MENU_CHANNEL, command);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: `About ${app.getName()}`,
    message: `${app.getName()} ${app.getVersion()}`,
    detail:
      'Offline churn analysis on an embedded DuckDB.\n\n' +
      `Electron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
    buttons: ['OK'],
  };
  const parent = dialogParent();
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}

/** The first existing *.duckdb argument: a file opened through the association. */
function workspaceFromArgv(argv: readonly string[], cwd: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-') || !arg.toLowerCase().endsWith(WORKSPACE_EXTENSION)) continue;
    const candidate = path.resolve(cwd, arg);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not a file we can open: ignore it
    }
  }
  return null;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fatal(error: unknown): void {
  console.error(error);
  dialog.showErrorBox('Churn Workbench could not start', message(error));
  app.exit(1);
}

/** The report printer, made once the app is ready (it needs a session). */
let printer: ReturnType<typeof createReportPrinter> | null = null;
function reportPrinter() {
  printer ??= createReportPrinter(BrowserWindow, session.fromPartition('churn-report-print'));
  return printer;
}
