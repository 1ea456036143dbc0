// Browser mode: the engine's contract over HTTP on 127.0.0.1 only.
//   GET  /?token=…           the renderer (static files need no token: they hold no data)
//   POST /api/<method>       JSON request → Result envelope (JSON), or Arrow bytes
//   POST /upload?name=…      a file's bytes, streamed to a temporary file → { path }
// The API touches only files uploaded here (main/engine/fileAccess.ts): the
// token gives a page this app, not the machine's files.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { fail, ok, type Result } from '../../shared/result.js';
import { ARROW_MIME, TOKEN_HEADER } from '../../shared/transport.js';
import { stringifyWithBytes } from '../../shared/binaryJson.js';
import type { Engine } from '../engine/engine.js';
import { GrantedFiles } from '../engine/fileAccess.js';
import { assetPath } from '../runtime/paths.js';
import { isLoopbackRequest, newToken, tokenMatches } from './guard.js';
import { SECURITY_HEADERS, serveStatic } from './static.js';
import { createUploadDir, safeUploadName, sweepStaleUploads } from './uploads.js';

export interface HostOptions {
  engine: Engine;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
  /** The largest upload accepted, in bytes; default DEFAULT_MAX_UPLOAD_BYTES. */
  maxUploadBytes?: number;
}

/** 2 GiB: far above any export a churn analysis starts from, far below filling a disk by accident. */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export interface Host {
  url: string;
  port: number;
  token: string;
  uploadDir: string;
  close(): Promise<void>;
}

const MAX_JSON_BYTES = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(stringifyWithBytes(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw new Error('request body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

class UploadTooLarge extends Error {}

/** Passes bytes through until there are more than `max`, then fails the stream. */
function sizeLimit(max: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > max ? new UploadTooLarge() : null, chunk);
    },
  });
}

/** The folders DuckDB may touch in browser mode (each as written and with links resolved). */
function confinedTo(): string[] {
  const folders = [os.tmpdir(), assetPath('sample')];
  return [...new Set(folders.flatMap((folder) => [folder, fs.realpathSync.native(folder)]))];
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString('en-US')} MB`;

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  sweepStaleUploads();
  const uploadDir = createUploadDir();
  const access = new GrantedFiles([uploadDir]);
  // Below the API's checks, DuckDB itself: no SQL, view or macro can read a file outside the
  // temporary folder (uploads, converted copies, spill files, exports on their way to a download)
  // and the bundled sample.
  await options.engine.confineFiles(confinedTo());
  let port = 0;

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      sendJson(res, 400, fail('invalid_request', `The request body is not valid JSON: ${(error as Error).message}`));
      return;
    }
    const result = await options.engine.invokeUnknown(method, body, access);
    if (result.ok && result.value instanceof Uint8Array) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': ARROW_MIME });
      res.end(result.value);
      return;
    }
    sendJson(res, 200, result);
  }

  async function handleUpload(url: URL, req: IncomingMessage, res: ServerResponse) {
    const name = safeUploadName(url.searchParams.get('name'));
    const tooLarge = () => {
      res.setHeader('Connection', 'close');
      sendJson(res, 413, fail('invalid_request', `${name} is larger than the ${megabytes(maxUploadBytes)} an upload may be (npm run web -- --max-upload-mb to raise it).`));
    };
    // The declared size refuses before a byte is stored; the count below holds a chunked body to the limit too.
    // (The answer closes the connection, so the unread rest of the body is never read.)
    if (Number(req.headers['content-length'] ?? 0) > maxUploadBytes) return tooLarge();
    const dir = fs.mkdtempSync(path.join(uploadDir, `${crypto.randomBytes(4).toString('hex')}-`));
    const target = path.join(dir, name);
    // req is piped rather than part of the pipeline: a failed pipeline would destroy it, and
    // with it the socket the 413 answer has to go out on.
    const limiter = sizeLimit(maxUploadBytes);
    req.on('close', () => {
      if (!req.complete) limiter.destroy(new Error('the connection closed before the whole file arrived'));
    });
    req.pipe(limiter);
    try {
      await pipeline(limiter, fs.createWriteStream(target, { flags: 'wx', mode: 0o600 }));
      sendJson(res, 200, ok({ path: target }));
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (error instanceof UploadTooLarge) tooLarge();
      else sendJson(res, 400, fail('import_failed', `The upload did not complete: ${(error as Error).message}`));
    }
  }

  const server = http.createServer((req, res) => {
    if (!isLoopbackRequest(req, port)) {
      sendJson(res, 403, fail('unauthorized', 'Only pages on this machine (127.0.0.1) may use Churn Workbench.'));
      req.resume();
      return;
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    if (req.method === 'POST' && (isApi || url.pathname === '/upload')) {
      if (!tokenMatches(token, req.headers[TOKEN_HEADER])) {
        sendJson(res, 401, fail('unauthorized', 'Missing or wrong token: open the address printed when Churn Workbench started.'));
        req.resume();
        return;
      }
      const work = isApi ? handleApi(url.pathname.slice('/api/'.length), req, res) : handleUpload(url, req, res);
      work.catch((error) => sendJson(res, 500, fail('internal', (error as Error).message)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, fail('invalid_request', `${req.method} is not allowed here.`));
      return;
    }
    if ((url.pathname === '/' || url.pathname === '/index.html') && !tokenMatches(token, url.searchParams.get('token'))) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Churn Workbench: open the address printed in the terminal (it carries this launch\'s token).');
      return;
    }
    serveStatic(options.staticDir, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      fs.rmSync(uploadDir, { recursive: true, force: true });
      reject(error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    uploadDir,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        fs.rmSync(uploadDir, { recursive: true, force: true });
      }),
  };
}
