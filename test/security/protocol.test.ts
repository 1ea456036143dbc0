// app:// is the renderer's only origin: which URLs count as the app's own, and
// which files an app:// request may read (nothing outside dist/renderer).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import {
  APP_ORIGIN,
  appResponseHeaders,
  isAllowedRequestUrl,
  isTrustedUrl,
  resolveAppAsset,
} from '../../main/electron/security.js';
import { createAppProtocolHandler } from '../../main/electron/window.js';

let base: string;
let root: string;

before(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-protocol-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log("app")');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'woff2');
  fs.writeFileSync(path.join(root, 'my file.css'), 'body{}');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'SECRET');
  fs.mkdirSync(path.join(base, 'renderer-evil'));
  fs.writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'SECRET');
});
after(() => fs.rmSync(base, { recursive: true, force: true }));

test('APP_ORIGIN is app://churn-workbench', () => {
  assert.equal(APP_ORIGIN, 'app://churn-workbench');
});

test('isTrustedUrl accepts only the app origin', () => {
  for (const url of [
    'app://churn-workbench/',
    'app://churn-workbench/index.html',
    'app://churn-workbench/app.js?v=1#top',
    'app://churn-workbench/assets/font.woff2',
  ]) {
    assert.equal(isTrustedUrl(url), true, url);
  }
  for (const url of [
    'app://churn-workbench.evil.com/index.html',
    'app://evil/index.html',
    'app://evil@churn-workbench/index.html',
    'app://churn-workbench:evil@x/',
    'app://churn-workbench:8080/index.html',
    'appx://churn-workbench/index.html',
    'http://churn-workbench/index.html',
    'https://churn-workbench/index.html',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://churn-workbench/1234',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'churn-workbench/index.html',
    '/index.html',
  ]) {
    assert.equal(isTrustedUrl(url), false, url);
  }
  for (const value of [null, undefined, 42, {}, ['app://churn-workbench/']]) {
    assert.equal(isTrustedUrl(value), false, String(value));
  }
});

test('resolveAppAsset maps app:// paths to files inside the root', () => {
  const cases: Array<[string, string]> = [
    ['app://churn-workbench', 'index.html'],
    ['app://churn-workbench/', 'index.html'],
    ['app://churn-workbench/index.html', 'index.html'],
    ['app://churn-workbench/app.js?v=1#x', 'app.js'],
    ['app://churn-workbench/assets/font.woff2', path.join('assets', 'font.woff2')],
    ['app://churn-workbench/my%20file.css', 'my file.css'],
  ];
  for (const [url, relative] of cases) {
    assert.equal(resolveAppAsset(root, url), path.join(root, relative), url);
  }
  // A relative root is resolved first.
  assert.equal(path.isAbsolute(resolveAppAsset('dist/renderer', 'app://churn-workbench/app.js')!), true);
});

test('resolveAppAsset refuses traversal, encoded tricks, absolute paths and other hosts', () => {
  const hostile = [
    'app://churn-workbench/../secret.txt',
    'app://churn-workbench/assets/../../secret.txt',
    'app://churn-workbench/%2e%2e/secret.txt',
    'app://churn-workbench/%2E%2E/%2e%2E/etc/passwd',
    'app://churn-workbench/.%2e/secret.txt',
    'app://churn-workbench/%2e%2e%2fsecret.txt',
    'app://churn-workbench/..%2Fsecret.txt',
    'app://churn-workbench/..%5csecret.txt',
    'app://churn-workbench/..\\secret.txt',
    'app://churn-workbench/assets%2f..%2f..%2fsecret.txt',
    'app://churn-workbench/./index.html',
    'app://churn-workbench//etc/passwd',
    'app://churn-workbench/%2fetc%2fpasswd',
    'app://churn-workbench/C:/Windows/win.ini',
    'app://churn-workbench/C%3a%5cWindows%5cwin.ini',
    'app://churn-workbench/index.html%00.js',
    'app://churn-workbench/%E0%A4%A',
    'app://churn-workbench/../renderer-evil/x.js',
    'app://churn-workbench/assets/',
    'app://evil/index.html',
    'app://churn-workbench.evil/index.html',
    'app://x@churn-workbench/index.html',
    'app://churn-workbench:1234/index.html',
    'http://churn-workbench/index.html',
    'file:///etc/passwd',
    '/etc/passwd',
    path.join(base, 'secret.txt'),
    '',
    'not a url',
  ];
  for (const url of hostile) {
    assert.equal(resolveAppAsset(root, url), null, url);
  }
  // Double encoding is decoded once only: a literal "%2e%2e" folder name, inside the root.
  assert.equal(
    resolveAppAsset(root, 'app://churn-workbench/%252e%252e/secret.txt'),
    path.join(root, '%2e%2e', 'secret.txt'),
  );
});

test('every app:// response carries the CSP and no-sniff', () => {
  const headers = appResponseHeaders('/x/index.html');
  assert.equal(headers['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
  assert.equal(headers['X-Content-Type-Options'], 'nosniff');
  assert.match(headers['Content-Type']!, /^text\/html/);
  assert.match(appResponseHeaders('/x/app.js')['Content-Type']!, /^text\/javascript/);
  assert.equal(appResponseHeaders('/x/blob.bin')['Content-Type'], 'application/octet-stream');
  assert.equal(appResponseHeaders(null)['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
});

test('the protocol handler serves the root only, always with the CSP', async () => {
  const handle = createAppProtocolHandler(root);

  const page = await handle(new Request('app://churn-workbench/index.html'));
  assert.equal(page.status, 200);
  assert.equal(await page.text(), '<!doctype html><title>ok</title>');
  assert.equal(page.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.match(page.headers.get('content-type')!, /^text\/html/);

  const script = await handle(new Request('app://churn-workbench/app.js'));
  assert.equal(script.status, 200);
  assert.match(script.headers.get('content-type')!, /^text\/javascript/);

  const head = await handle(new Request('app://churn-workbench/app.js', { method: 'HEAD' }));
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');

  for (const url of [
    'app://churn-workbench/missing.js',
    'app://churn-workbench/assets',
    'app://churn-workbench/%2e%2e/secret.txt',
    'app://churn-workbench/..%2fsecret.txt',
    'app://churn-workbench/../renderer-evil/x.js',
    'app://other/index.html',
  ]) {
    const response = await handle(new Request(url));
    assert.equal(response.status, 404, url);
    assert.equal(response.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
    assert.doesNotMatch(await response.text(), /SECRET/, url);
  }

  const post = await handle(new Request('app://churn-workbench/index.html', { method: 'POST', body: 'x' }));
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
});

test('the session lets renderers load only app://, data: and blob: URLs', () => {
  for (const url of ['app://churn-workbench/app.js', 'data:image/png;base64,AAAA', 'blob:app://churn-workbench/1-2-3']) {
    assert.equal(isAllowedRequestUrl(url), true, url);
  }
  for (const url of [
    'https://example.com/x.js',
    'http://127.0.0.1:1234/',
    'ws://127.0.0.1:1234/',
    'file:///etc/passwd',
    'app://evil/x.js',
    'ftp://example.com/',
  ]) {
    assert.equal(isAllowedRequestUrl(url), false, url);
  }
});
