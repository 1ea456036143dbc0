// The sandboxed preload (bundled to CommonJS). It exposes exactly one function,
// `invoke(method, request)`, under BRIDGE_NAME, and only for contract methods;
// no ipcRenderer, no generic send, no Node. Native menu commands reach the
// renderer as a DOM event on window, so they need nothing on the bridge.
//
// It must not import shared/contract.ts at run time (that pulls in zod, which a
// sandboxed preload cannot require), so it keeps its own list of method names;
// the type check below fails the build if the list and the contract diverge.
import { contextBridge, ipcRenderer } from 'electron';
import type { Method } from '../../shared/contract.js';
import { isMenuCommand, MENU_CHANNEL, MENU_EVENT } from '../../shared/menu.js';
import { fail } from '../../shared/result.js';
import { BRIDGE_NAME } from '../../shared/transport.js';

const CHANNEL_PREFIX = 'cw:';

const METHOD_NAMES = [
  'workspace.info',
  'workspace.open',
  'workspace.scratch',
  'files.import',
  'files.inspect',
  'sample.open',
  'tables.list',
  'tables.page',
  'tables.drop',
  'dialog.openFiles',
  'dialog.saveFile',
  'jobs.progress',
  'jobs.cancel',
] as const satisfies readonly Method[];

// Compile-time guard: every contract method is in METHOD_NAMES.
type Unlisted = Exclude<Method, (typeof METHOD_NAMES)[number]>;
const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyMethodListed;

const allowed: ReadonlySet<string> = new Set<string>(METHOD_NAMES);

function invoke(method: unknown, request: unknown): Promise<unknown> {
  if (typeof method !== 'string' || !allowed.has(method)) {
    return Promise.resolve(fail('unknown_method', `There is no method named ${JSON.stringify(String(method))}.`));
  }
  return ipcRenderer.invoke(CHANNEL_PREFIX + method, request);
}

contextBridge.exposeInMainWorld(BRIDGE_NAME, { invoke });

ipcRenderer.on(MENU_CHANNEL, (_event, command: unknown) => {
  if (!isMenuCommand(command)) return;
  window.dispatchEvent(new CustomEvent(MENU_EVENT, { detail: command }));
});
