// Least privilege on disk (main/engine/fileAccess.ts): a page of the
// browser-mode host reads only what was uploaded to it, writes nothing, opens
// only existing workspaces and creates none; the desktop window gets what its
// dialogs returned; uploads are bounded in size and do not outlive their host.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TOKEN_HEADER } from '../../shared/transport.js';
import { requestSchemas, METHODS } from '../../shared/contract.js';
import { Engine } from '../../main/engine/engine.js';
import type { IpcMain } from 'electron';
import { GrantedFiles } from '../../main/engine/fileAccess.js';
import { registerIpc } from '../../main/electron/ipc.js';
import { FILE_METHODS } from '../../main/engine/requestFiles.js';
import { startHost } from '../../main/host/server.js';
import { createUploadDir, sweepStaleUploads } from '../../main/host/uploads.js';
import { RENDERER_DIR, ROOT, startApp } from '../support/app.js';
import { tempDir, writeFile } from '../support/fixtures.js';

const SECRET = 'id,secret\n1,hunter2\n';
let app: Awaited<ReturnType<typeof startApp>>;
let outside: string;
let secret: string;
let workspace: string;

before(async () => {
  outside = tempDir('cw-file-access-');
  secret = writeFile(outside, 'secret.csv', SECRET);
  workspace = path.join(outside, 'existing.duckdb');
  (await Engine.open(workspace)).close();
  app = await startApp();
});
after(async () => {
  await app.close();
  fs.rmSync(outside, { recursive: true, force: true });
});

interface Answer {
  status: number;
  body: string;
}

function post(port: number, target: string, body: string | null, headers: Record<string, string | number> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: target, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (body === null) req.flushHeaders();
    else req.end(body);
  });
}

async function api(method: string, request: unknown) {
  const answer = await post(app.host.port, `/api/${method}`, JSON.stringify(request), { [TOKEN_HEADER]: app.host.token, 'content-type': 'application/json' });
  return JSON.parse(answer.body) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}

async function upload(name: string, content: string): Promise<string> {
  const answer = await post(app.host.port, `/upload?name=${encodeURIComponent(name)}`, content, { [TOKEN_HEADER]: app.host.token });
  return (JSON.parse(answer.body) as { value: { path: string } }).value.path;
}

test('the host reads no file that was not uploaded to it', async () => {
  const link = path.join(app.host.uploadDir, 'link.csv');
  fs.symlinkSync(secret, link);
  const attempts: [string, unknown][] = [
    ['files.inspect', { path: secret }],
    ['files.import', { paths: [secret] }],
    ['model.suggest', { path: secret }],
    ['model.import', { files: [{ path: secret }] }],
    ['files.inspect', { path: path.join(app.host.uploadDir, '..', path.relative(path.dirname(app.host.uploadDir), secret)) }],
    ['files.inspect', { path: link }],
    ['report.preview', { settings: {}, report: { logo: '/usr/share/pixmaps/debian-logo.png' } }],
  ];
  try {
    for (const [method, request] of attempts) {
      const answer = await api(method, request);
      assert.equal(answer.ok, false, `${method} ${JSON.stringify(request)}`);
      assert.equal(answer.error!.code, 'unauthorized', `${method}: ${answer.error!.message}`);
      assert.doesNotMatch(JSON.stringify(answer), /hunter2/);
    }
  } finally {
    fs.rmSync(link);
  }
  const tables = await api('tables.list', {});
  assert.deepEqual(tables.value, [], 'nothing was loaded');

  const uploaded = await upload('plans.csv', 'plan,mrr\nPro,10\n');
  const inspected = await api('files.inspect', { path: uploaded });
  assert.ok(inspected.ok, JSON.stringify(inspected));
});

test('the host writes no file: report.export with a path is refused and the file is unchanged', async () => {
  const target = writeFile(outside, 'precious.txt', 'keep me');
  for (const where of [target, path.join(outside, 'new-report.html')]) {
    const answer = await api('report.export', { settings: {}, report: {}, format: 'html', path: where });
    assert.equal(answer.error?.code, 'unauthorized', JSON.stringify(answer));
  }
  assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');
  assert.ok(!fs.existsSync(path.join(outside, 'new-report.html')));
});

test('the host opens existing workspaces only: no new file, no other kind of file', async () => {
  const fresh = path.join(outside, 'sub', 'new.duckdb');
  fs.mkdirSync(path.dirname(fresh));
  const disguised = writeFile(outside, 'secret.duckdb', SECRET);
  // An uploaded workspace could hold views that read any file: not opened either.
  const uploaded = path.join(app.host.uploadDir, 'uploaded.duckdb');
  fs.copyFileSync(workspace, uploaded);
  for (const where of [fresh, disguised, secret, uploaded]) {
    const answer = await api('workspace.open', { path: where });
    assert.equal(answer.error?.code, 'unauthorized', `${where}: ${JSON.stringify(answer)}`);
  }
  assert.deepEqual(fs.readdirSync(path.dirname(fresh)), [], 'no workspace file was created');
  assert.equal(fs.readFileSync(disguised, 'utf8'), SECRET);
  const opened = await api('workspace.open', { path: workspace });
  assert.ok(opened.ok, JSON.stringify(opened));
  assert.ok((await api('workspace.scratch', {})).ok);
});

test('below the API, DuckDB itself reads no file outside the temporary folder, even from a view in an opened workspace', async () => {
  const outsideTmp = path.join(ROOT, 'package.json');
  await assert.rejects(app.engine.database.rows(`SELECT * FROM read_text('${outsideTmp}')`), /disabled by configuration/);
  // A workspace whose view reads a file (made with full access, as by another program).
  const crafted = path.join(outside, 'crafted.duckdb');
  const maker = await Engine.open(crafted);
  await maker.database.run(`CREATE VIEW leak AS SELECT content FROM read_text('${outsideTmp}')`);
  assert.equal((await maker.database.rows('SELECT count(*) AS n FROM leak'))[0]!.n, 1n, 'the view reads the file where nothing confines it');
  maker.close();
  const opened = await api('workspace.open', { path: crafted });
  assert.ok(opened.ok, JSON.stringify(opened));
  try {
    await assert.rejects(app.engine.database.rows('SELECT content FROM leak'), /disabled by configuration/);
  } finally {
    assert.ok((await api('workspace.scratch', {})).ok);
  }
});

test("the desktop window's dialogs grant what they return, and nothing else", async () => {
  const chosenWorkspace = path.join(outside, 'chosen.duckdb');
  const engine = await Engine.open(null, {
    dialogs: { openFiles: async () => [secret], saveFile: async () => chosenWorkspace },
  });
  const access = new GrantedFiles();
  try {
    assert.equal((await engine.invokeUnknown('files.inspect', { path: secret }, access)).ok, false);
    assert.equal((await engine.invokeUnknown('workspace.open', { path: chosenWorkspace }, access)).ok, false);
    assert.ok(!fs.existsSync(chosenWorkspace));
    assert.ok((await engine.invokeUnknown('dialog.openFiles', { purpose: 'data' }, access)).ok);
    const inspected = await engine.invokeUnknown('files.inspect', { path: secret }, access);
    assert.ok(inspected.ok, JSON.stringify(inspected));
    assert.ok((await engine.invokeUnknown('dialog.saveFile', { purpose: 'workspace' }, access)).ok);
    const created = await engine.invokeUnknown('workspace.open', { path: chosenWorkspace }, access);
    assert.ok(created.ok, JSON.stringify(created));
    // In-process callers (the command line) are not held to the window's grants.
    assert.ok((await engine.invokeUnknown('files.inspect', { path: writeFile(outside, 'cli.csv', 'a\n1\n') })).ok);
  } finally {
    engine.close();
  }
});

test('the desktop window’s IPC carries its grants: what a dialog returned, and nothing else', async () => {
  const handlers = new Map<string, (event: unknown, request: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>();
  const ipc = { handle: (channel: string, handler: never) => handlers.set(channel, handler), removeHandler: () => {} };
  const engine = await Engine.open(null, { dialogs: { openFiles: async () => [secret], saveFile: async () => null } });
  const unregister = registerIpc(ipc as unknown as IpcMain, engine, new GrantedFiles());
  const window = { senderFrame: { url: 'app://churn-workbench/index.html' } };
  const call = (method: string, request: unknown) => handlers.get(`cw:${method}`)!(window, request);
  try {
    assert.equal((await call('files.inspect', { path: secret })).error?.code, 'unauthorized');
    assert.ok((await call('dialog.openFiles', { purpose: 'data' })).ok);
    assert.ok((await call('files.inspect', { path: secret })).ok, 'the file the dialog returned');
    assert.equal((await call('files.inspect', { path: workspace })).error?.code, 'unauthorized', 'but no other');
  } finally {
    unregister();
    engine.close();
  }
  // The shell wires exactly that: its window's calls carry a GrantedFiles of their own.
  assert.match(fs.readFileSync(path.join(ROOT, 'main', 'electron', 'main.ts'), 'utf8'), /registerIpc\(ipcMain, engine, new GrantedFiles\(\)\)/);
});

/** The names of the request's fields, at any depth of its schema. */
function fieldNames(schema: unknown, into = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return into;
  if (def.type === 'object') {
    for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
      into.add(key);
      fieldNames(value, into);
    }
  }
  for (const inner of [def.innerType, def.element, def.valueType, def.in, def.out]) if (inner) fieldNames(inner, into);
  for (const option of (def.options as unknown[] | undefined) ?? []) fieldNames(option, into);
  return into;
}

test('every contract method whose request names a file is held to the caller’s file access', () => {
  const named = METHODS.filter((method) => [...fieldNames(requestSchemas[method])].some((field) => /^(path|paths|files|logo|file)$/i.test(field)));
  assert.ok(named.includes('files.import') && named.includes('report.export'), named.join(', '));
  assert.deepEqual(named.filter((method) => !FILE_METHODS.includes(method)), []);
});

test('an upload larger than the limit is refused, by its declared size or as it streams, leaving nothing', async () => {
  const engine = await Engine.open(null);
  const host = await startHost({ engine, staticDir: RENDERER_DIR, maxUploadBytes: 1000 });
  try {
    const headers = { [TOKEN_HEADER]: host.token };
    const declared = await post(host.port, '/upload?name=big.csv', null, { ...headers, 'content-length': 3 * 1024 ** 3 });
    assert.equal(declared.status, 413);
    assert.match(JSON.parse(declared.body).error.message, /big\.csv is larger than/);
    const streamed = await post(host.port, '/upload?name=big.csv', 'x'.repeat(5000), { ...headers, 'transfer-encoding': 'chunked' });
    assert.equal(streamed.status, 413, streamed.body);
    assert.deepEqual(fs.readdirSync(host.uploadDir), ['owner.pid'], 'no upload was kept');
    const small = await post(host.port, '/upload?name=small.csv', 'a\n1\n', headers);
    assert.equal(small.status, 200, small.body);
  } finally {
    await host.close();
    engine.close();
  }
  assert.ok(!fs.existsSync(host.uploadDir), 'closing the host removes its uploads');
});

test('upload folders of hosts that are gone are removed at the next start; live ones are kept', () => {
  const tmp = tempDir('cw-sweep-');
  try {
    const dead = createUploadDir(tmp);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    fs.writeFileSync(path.join(dead, 'owner.pid'), gone);
    writeFile(dead, 'left-over.csv', SECRET);
    const live = createUploadDir(tmp);
    const unowned = fs.mkdtempSync(path.join(tmp, 'churn-workbench-uploads-'));
    const oldUnowned = fs.mkdtempSync(path.join(tmp, 'churn-workbench-uploads-'));
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    fs.utimesSync(oldUnowned, dayAgo, dayAgo);
    const unrelated = fs.mkdtempSync(path.join(tmp, 'something-else-'));
    assert.deepEqual(sweepStaleUploads(tmp).sort(), [dead, oldUnowned].sort());
    for (const kept of [live, unowned, unrelated]) assert.ok(fs.existsSync(kept), kept);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
