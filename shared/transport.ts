// The seam every caller of the engine goes through: the renderer (over IPC or
// HTTP), the CLI and the tests (in process) all hold an `Invoke`.
import type { Method, Request, Response } from './contract.js';
import type { Result } from './result.js';

export type Invoke = <M extends Method>(method: M, request: Request<M>) => Promise<Result<Response<M>>>;

/** Name of the single function the Electron preload exposes on `window`. */
export const BRIDGE_NAME = 'churnWorkbench';

/** HTTP: header that carries the per-launch token in browser mode. */
export const TOKEN_HEADER = 'x-churn-token';
export const ARROW_MIME = 'application/vnd.apache.arrow.stream';
