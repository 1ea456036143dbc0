// The sandboxed preload (bundled to CommonJS). It exposes exactly one function,
// `invoke(method, request)`, under BRIDGE_NAME, and only for contract methods;
// no ipcRenderer, no generic send, no Node. Native menu commands reach the
// renderer as a DOM event on window, so they need nothing on the bridge.
//
// It must not import shared/contract.ts at run time (that pulls in zod, which a
// sandboxed preload cannot require): the method names come from the
// dependency-free shared/methods.ts, which the contract is checked against.
import { contextBridge, ipcRenderer } from 'electron';
import { isMenuCommand, MENU_CHANNEL, MENU_EVENT } from '../../shared/menu.js';
import { fail } from '../../shared/result.js';
import { BRIDGE_NAME } from '../../shared/transport.js';
import { METHOD_NAMES } from '../../shared/methods.js';

const CHANNEL_PREFIX = 'cw:';

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
