// The browser-mode host: loopback only, a per-launch token, no DNS rebinding,
// no cross-site calls, nothing served from outside the renderer folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { TOKEN_HEADER } from '../../shared/transport.js';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { ROOT, ensureBuilt, startApp } from '../support/app.js';

let app: Awaited<ReturnType<typeof startApp>>;

before(async () => {
  app = await startApp();
});
after(async () => app.close());

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: app.host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${app.host.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (headers: Record<string, string>) =>
  request({ method: 'POST', path: '/api/workspace.info', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

test('the API answers with the right token', async () => {
  const answer = await api({ [TOKEN_HEADER]: app.host.token });
  assert.equal(answer.status, 200);
  assert.deepEqual(JSON.parse(answer.body), { ok: true, value: { path: null, tables: [] } });
});

test('requests without the token, or with a wrong one, get 401', async () => {
  assert.equal((await api({})).status, 401);
  assert.equal((await api({ [TOKEN_HEADER]: 'guess' })).status, 401);
  assert.equal((await api({ [TOKEN_HEADER]: `${app.host.token}x` })).status, 401);
  const upload = await request({ method: 'POST', path: '/upload?name=x.csv', body: 'a,b\n1,2\n' });
  assert.equal(upload.status, 401);
  assert.equal(JSON.parse((await api({})).body).error.code, 'unauthorized');
});

test('the page itself needs the token; its scripts and styles do not hold data', async () => {
  assert.equal((await request({ path: '/' })).status, 401);
  assert.equal((await request({ path: '/?token=wrong' })).status, 401);
  const page = await request({ path: `/?token=${app.host.token}` });
  assert.equal(page.status, 200);
  assert.match(page.body, /<div id="root">/);
  assert.equal(page.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
});

test('a Host that is not the loopback address is refused (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${app.host.port}`, `192.168.1.10:${app.host.port}`, '127.0.0.1:1']) {
    const answer = await api({ host, [TOKEN_HEADER]: app.host.token });
    assert.equal(answer.status, 403, host);
  }
});

test('an Origin other than this host is refused (cross-site requests)', async () => {
  for (const origin of ['https://evil.example', `http://127.0.0.1:${app.host.port + 1}`, 'null', `https://127.0.0.1:${app.host.port}`]) {
    const answer = await api({ origin, [TOKEN_HEADER]: app.host.token });
    assert.equal(answer.status, 403, origin);
  }
  const same = await api({ origin: `http://127.0.0.1:${app.host.port}`, [TOKEN_HEADER]: app.host.token });
  assert.equal(same.status, 200);
});

test('nothing outside the renderer folder is served', async () => {
  for (const p of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..\\..\\package.json', '/%00']) {
    const answer = await request({ path: p });
    assert.ok(answer.status === 404 || answer.status === 400, `${p} → ${answer.status}`);
    assert.doesNotMatch(answer.body, /"churn-workbench"/);
  }
});

test('bad JSON and unknown methods are errors as data', async () => {
  const bad = await request({ method: 'POST', path: '/api/tables.list', headers: { [TOKEN_HEADER]: app.host.token }, body: '{nope' });
  assert.equal(bad.status, 400);
  assert.equal(JSON.parse(bad.body).error.code, 'invalid_request');
  const unknown = await request({ method: 'POST', path: '/api/engine.shutdown', headers: { [TOKEN_HEADER]: app.host.token }, body: '{}' });
  assert.equal(JSON.parse(unknown.body).error.code, 'unknown_method');
});

test('an upload is streamed to a temporary file and can then be imported', async () => {
  const upload = await request({
    method: 'POST',
    path: `/upload?name=${encodeURIComponent('../../客户 list.csv')}`,
    headers: { [TOKEN_HEADER]: app.host.token },
    body: 'id,mrr\n1,10\n2,20\n',
  });
  const { value } = JSON.parse(upload.body) as { value: { path: string } };
  assert.ok(value.path.startsWith(app.host.uploadDir + path.sep), value.path);
  assert.equal(path.basename(value.path), '客户 list.csv');
  const imported = await app.engine.invoke('files.import', { paths: [value.path] });
  assert.ok(imported.ok);
  assert.equal(imported.value[0]!.rowCount, 2);
});

test('`npm run web` listens on 127.0.0.1 only and prints exactly one line with a fresh token', async () => {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'host', 'web.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const match = /^Churn Workbench running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{24,})$/.exec(line);
  assert.ok(match, line);
  assert.notEqual(match[2], app.host.token);
  const port = Number(match[1]);
  // Not reachable on any other address of this machine.
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((address) => address && !address.address.startsWith('127.'))
    .map((address) => address!.address);
  for (const address of ['::1', ...others]) {
    const reachable = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: address, port, path: '/', timeout: 2000 }, () => resolve(true));
      req.on('error', () => resolve(false));
      req.on('timeout', () => req.destroy());
    });
    assert.equal(reachable, false, `reachable on ${address}`);
  }
  // One line, nothing more.
  const more: string[] = [];
  lines.on('line', (extra) => more.push(extra));
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(more, []);
  const ownedBy = (pid: number) =>
    fs
      .readdirSync(os.tmpdir())
      .filter((name) => name.startsWith('churn-workbench-uploads-'))
      .filter((name) => {
        try {
          return Number(fs.readFileSync(path.join(os.tmpdir(), name, 'owner.pid'), 'utf8')) === pid;
        } catch {
          return false;
        }
      });
  assert.equal(ownedBy(child.pid!).length, 1, 'the host made its upload folder');
  child.kill('SIGTERM');
  await once(child, 'exit');
  assert.deepEqual(ownedBy(child.pid!), [], 'and removed it when it stopped');
});

test('a NUL in a parameter over HTTP is an invalid_request; a raw NUL byte in the body is not JSON', async () => {
  const call = (body: string) =>
    request({ method: 'POST', path: '/api/customers.search', headers: { [TOKEN_HEADER]: app.host.token, 'content-type': 'application/json' }, body });
  const escaped = await call(JSON.stringify({ query: "x\0' OR 1=1 --", offset: 0, limit: 5 }));
  assert.equal(JSON.parse(escaped.body).error.code, 'invalid_request');
  assert.match(JSON.parse(escaped.body).error.message, /query: text may not contain NUL/);
  const raw = await call('{"query":"x\0y","offset":0,"limit":5}');
  assert.equal(raw.status, 400);
  assert.equal(JSON.parse(raw.body).error.code, 'invalid_request');
  assert.doesNotMatch(escaped.body + raw.body, /Parser Error/);
});
