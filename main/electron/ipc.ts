// The Electron IPC adapter: one `ipcMain.handle` per contract method, nothing
// else. Each call must come from a frame on the app's own origin; then the
// engine validates the request and answers with a Result (it never throws).
// The window touches only files its user chose in the app's dialogs (`access`,
// main/engine/fileAccess.ts). Only TYPES come from 'electron': main.ts passes in
// the real ipcMain.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHODS, type Method } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/result.js';
import type { FileAccess } from '../engine/fileAccess.js';
import { IPC_CHANNEL_PREFIX, isTrustedUrl } from './security.js';

export interface InvokeTarget {
  invokeUnknown(method: string, request: unknown, access?: FileAccess): Promise<Result<unknown>>;
}

export const channelFor = (method: Method): string => IPC_CHANNEL_PREFIX + method;

/** True when the message comes from a live frame showing app://churn-workbench/… */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  try {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && isTrustedUrl(frame.url);
  } catch {
    // A frame that navigated away or was destroyed cannot be trusted.
    return false;
  }
}

/** Registers the handlers; returns a function that removes them again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, engine: InvokeTarget, access?: FileAccess): () => void {
  const channels = METHODS.map((method) => {
    const channel = channelFor(method);
    ipcMain.handle(channel, async (event, request: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return fail('unauthorized', 'This call did not come from the Churn Workbench window.');
      }
      try {
        return await engine.invokeUnknown(method, request, access);
      } catch (error) {
        return fail('internal', error instanceof Error ? error.message : String(error));
      }
    });
    return channel;
  });
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
