// The engine's contract over the browser-mode host: POST /api/<method>.
// Results come back as the JSON envelope, or as Arrow bytes for table data.
import type { Method, Request, Response } from '../../shared/contract.js';
import { fail, isAppError, type Result } from '../../shared/result.js';
import { ARROW_MIME, TOKEN_HEADER, type Invoke } from '../../shared/transport.js';
import { parseWithBytes } from '../../shared/binaryJson.js';

export function createHttpInvoke(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): Invoke {
  return async <M extends Method>(method: M, request: Request<M>): Promise<Result<Response<M>>> => {
    let response: globalThis.Response;
    try {
      response = await fetchImpl(new URL(`/api/${method}`, baseUrl), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request),
      });
    } catch (error) {
      return fail('internal', `Churn Workbench's local engine is not reachable (${(error as Error).message}). Is it still running?`);
    }
    if ((response.headers.get('content-type') ?? '').startsWith(ARROW_MIME)) {
      return { ok: true, value: new Uint8Array(await response.arrayBuffer()) as Response<M> };
    }
    const body = (await response.text().then(parseWithBytes).catch(() => null)) as Result<Response<M>> | null;
    if (body && typeof body === 'object' && 'ok' in body && (body.ok || isAppError(body.error))) return body;
    return fail('internal', `Unexpected answer from the local engine (HTTP ${response.status}).`);
  };
}

/**
 * Streams a dropped or picked file to the host, which writes it to a temporary
 * file (never held whole in memory) and answers with that file's path.
 */
export function uploadFile(
  baseUrl: string,
  token: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Result<{ path: string }>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', new URL(`/upload?name=${encodeURIComponent(file.name)}`, baseUrl));
    xhr.setRequestHeader(TOKEN_HEADER, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText) as Result<{ path: string }>);
      } catch {
        resolve(fail('internal', `Upload of ${file.name} failed (HTTP ${xhr.status}).`));
      }
    };
    xhr.onerror = () => resolve(fail('internal', `Upload of ${file.name} failed: the local engine is not reachable.`));
    xhr.onabort = () => resolve(fail('cancelled', `Upload of ${file.name} was cancelled.`));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
