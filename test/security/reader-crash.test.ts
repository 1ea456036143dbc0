// Browser mode survives hostile uploads (issue 12): the file behind
// model.suggest, files.inspect and files.import is parsed in a reader
// process, so JSON nested 10,000 deep —
// which once took the host down with SIGSEGV inside DuckDB — and a reader
// that really crashes (SIGSEGV, made by the reader's CW_TEST_READER_FAULT)
// each give a clean error over HTTP, and the host answers the next request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { TOKEN_HEADER } from '../../shared/transport.js';
import { ROOT, ensureBuilt } from '../support/app.js';

interface Host {
  child: ChildProcess;
  port: number;
  token: string;
}

/** `npm run web` as a process of its own: a crash of it would show as its exit. */
async function startHost(env: Record<string, string> = {}): Promise<Host> {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'host', 'web.js')], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)$/.exec(line);
  assert.ok(match, line);
  return { child, port: Number(match[1]), token: match[2]! };
}

function post(host: Host, url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: 'POST', path: url, headers: { host: `127.0.0.1:${host.port}`, [TOKEN_HEADER]: host.token, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function suggestUpload(host: Host, name: string, content: string) {
  const upload = JSON.parse((await post(host, `/upload?name=${name}`, content)).body) as { ok: boolean; value: { path: string } };
  assert.ok(upload.ok, JSON.stringify(upload));
  const answer = await post(host, '/api/model.suggest', JSON.stringify({ path: upload.value.path }));
  return { path: upload.value.path, answer: JSON.parse(answer.body) as { ok: boolean; error?: { code: string; message: string } } };
}

async function assertAlive(host: Host) {
  assert.equal(host.child.exitCode, null, 'the host still runs');
  assert.equal(host.child.signalCode, null, 'the host still runs');
  const info = JSON.parse((await post(host, '/api/workspace.info', '{}')).body);
  assert.deepEqual(info, { ok: true, value: { path: null, tables: [] } });
}

async function stop(host: Host) {
  host.child.kill('SIGTERM');
  await once(host.child, 'exit');
}

const DEEP = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;

test('model.suggest on an uploaded JSON nested 10,000 deep: a clean error over HTTP, and the host answers the next request', async () => {
  const host = await startHost();
  try {
    const { path: file, answer } = await suggestUpload(host, 'deep.json', DEEP);
    assert.equal(answer.ok, false);
    assert.match(answer.error!.message, /, line 1, column \d+: the JSON is nested more than \d+ levels deep/);
    assert.ok(answer.error!.message.startsWith(file), answer.error!.message);
    await assertAlive(host);
  } finally {
    await stop(host);
  }
});

test('a reader that crashes with SIGSEGV under model.suggest leaves the host running', async () => {
  const host = await startHost({ CW_TEST_READER_FAULT: 'crash' });
  try {
    for (const [name, content] of [['deep.json', DEEP], ['customers.csv', 'customer_id,amount,start_date\nC1,10,2024-01-01\n']] as const) {
      const { path: file, answer } = await suggestUpload(host, name, content);
      assert.equal(answer.ok, false);
      assert.equal(answer.error!.message.startsWith(`${file} could not be read: the reader stopped (it crashed: SIGSEGV)`), true, answer.error!.message);
      await assertAlive(host);
    }
  } finally {
    await stop(host);
  }
});

async function upload(host: Host, name: string, content: string): Promise<string> {
  const answer = JSON.parse((await post(host, `/upload?name=${name}`, content)).body) as { ok: boolean; value: { path: string } };
  assert.ok(answer.ok, JSON.stringify(answer));
  return answer.value.path;
}

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };

test('files.inspect and files.import of an uploaded file whose reader crashes: a clean error over HTTP, nothing loaded, and the host answers', async () => {
  const host = await startHost({ CW_TEST_READER_FAULT: 'crash' });
  try {
    for (const [name, content] of [['deep.json', DEEP], ['customers.csv', 'customer_id,amount,start_date\nC1,10,2024-01-01\n']] as const) {
      const file = await upload(host, name, content);
      const inspected = JSON.parse((await post(host, '/api/files.inspect', JSON.stringify({ path: file }))).body) as Answer;
      const imported = JSON.parse((await post(host, '/api/files.import', JSON.stringify({ paths: [file] }))).body) as Answer;
      for (const answer of [inspected, imported]) {
        assert.equal(answer.ok, false, JSON.stringify(answer).slice(0, 300));
        assert.ok(answer.error!.message.startsWith(`${file} could not be read: the reader stopped (it crashed: SIGSEGV)`), answer.error!.message);
      }
      await assertAlive(host);
    }
  } finally {
    await stop(host);
  }
});

test('files.inspect and files.import of an uploaded JSON nested 10,000 deep: refused with its place, and the host answers', async () => {
  const host = await startHost();
  try {
    const file = await upload(host, 'deep.json', DEEP);
    const inspected = JSON.parse((await post(host, '/api/files.inspect', JSON.stringify({ path: file }))).body) as Answer;
    const imported = JSON.parse((await post(host, '/api/files.import', JSON.stringify({ paths: [file] }))).body) as Answer;
    for (const answer of [inspected, imported]) {
      assert.equal(answer.ok, false, JSON.stringify(answer).slice(0, 300));
      assert.match(answer.error!.message, /, line 1, column \d+: the JSON is nested more than \d+ levels deep/);
    }
    await assertAlive(host);
    // A good upload still loads, through the same warm reader.
    const good = await upload(host, 'customers.csv', 'customer_id,amount,start_date\nC1,10,2024-01-01\nC2,20,2024-02-01\n');
    const imported2 = JSON.parse((await post(host, '/api/files.import', JSON.stringify({ paths: [good] }))).body) as Answer;
    assert.ok(imported2.ok, JSON.stringify(imported2).slice(0, 300));
    assert.equal((imported2.value as { rowCount: number }[])[0]!.rowCount, 2);
  } finally {
    await stop(host);
  }
});

test('a reader outlives no host: killed mid-read, the host takes its idle reader with it', async () => {
  const host = await startHost({ CW_TEST_READER_FAULT: 'hang' });
  const pending = suggestUpload(host, 'customers.csv', 'customer_id,amount,start_date\nC1,10,2024-01-01\n').catch(() => null);
  const readers = () => {
    try {
      return execFileSync('pgrep', ['-P', String(host.child.pid), '-f', 'ingest-reader'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
    } catch {
      return []; // pgrep exits 1 when nothing matches
    }
  };
  const running = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 120_000;
  while (readers().length === 0) {
    assert.ok(Date.now() < deadline, 'the reader started');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const [reader] = readers();
  host.child.kill('SIGKILL');
  await once(host.child, 'exit');
  await pending;
  while (running(reader!)) {
    assert.ok(Date.now() < deadline, 'the reader ended with its host');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});
