// Browser mode: the engine's contract over HTTP on 127.0.0.1 only.
//   GET  /?token=…           the renderer (static files need no token: they hold no data)
//   POST /api/<method>       JSON request → Result envelope (JSON), or Arrow bytes
//   POST /upload?name=…      a file's bytes, streamed to a temporary file → { path }
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { AddressInfo } from 'node:net';
import { fail, ok, type Result } from '../../shared/result.js';
import { ARROW_MIME, TOKEN_HEADER } from '../../shared/transport.js';
import { stringifyWithBytes } from '../../shared/binaryJson.js';
import type { Engine } from '../engine/engine.js';
import { isLoopbackRequest, newToken, tokenMatches } from './guard.js';
import { SECURITY_HEADERS, serveStatic } from './static.js';

export interface HostOptions {
  engine: Engine;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  token?: string;
}

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

/** Keeps the user's file name (for table names and messages) but nothing path-like. */
function safeUploadName(name: string | null): string {
  const base = path.basename(name ?? 'upload').replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 200);
  return base === '' || base.startsWith('.') ? `upload${base}` : base;
}

export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'churn-workbench-uploads-'));
  let port = 0;

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse) {
    let body: unknown;
    try {
      body = await readJson(req);
    } catch (error) {
      sendJson(res, 400, fail('invalid_request', `The request body is not valid JSON: ${(error as Error).message}`));
      return;
    }
    const result = await options.engine.invokeUnknown(method, body);
    if (result.ok && result.value instanceof Uint8Array) {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': ARROW_MIME });
      res.end(result.value);
      return;
    }
    sendJson(res, 200, result);
  }

  async function handleUpload(url: URL, req: IncomingMessage, res: ServerResponse) {
    const dir = fs.mkdtempSync(path.join(uploadDir, `${crypto.randomBytes(4).toString('hex')}-`));
    const target = path.join(dir, safeUploadName(url.searchParams.get('name')));
    try {
      await pipeline(req, fs.createWriteStream(target));
      sendJson(res, 200, ok({ path: target }));
    } catch (error) {
      fs.rmSync(dir, { recursive: true, force: true });
      sendJson(res, 400, fail('import_failed', `The upload did not complete: ${(error as Error).message}`));
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
    server.once('error', reject);
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
