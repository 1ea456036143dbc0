// Picks the transport: the Electron preload's bridge when present, else the
// browser-mode host that served this page (its token is in the page URL).
import type { Result } from '../../shared/result.js';
import { BRIDGE_NAME, type Invoke } from '../../shared/transport.js';
import { createHttpInvoke, uploadFile } from './http.js';

export interface Client {
  mode: 'desktop' | 'browser';
  invoke: Invoke;
  /** Browser mode only: sends a local file to the host and returns its path there. */
  upload?: (file: File, onProgress: (fraction: number) => void, signal?: AbortSignal) => Promise<Result<{ path: string }>>;
}

declare global {
  interface Window {
    [BRIDGE_NAME]?: { invoke: Invoke };
  }
}

export function createClient(): Client {
  const bridge = window[BRIDGE_NAME];
  if (bridge) return { mode: 'desktop', invoke: bridge.invoke };
  const token = new URL(window.location.href).searchParams.get('token') ?? '';
  const base = window.location.origin;
  return {
    mode: 'browser',
    invoke: createHttpInvoke(base, token),
    upload: (file, onProgress, signal) => uploadFile(base, token, file, onProgress, signal),
  };
}
