// Who may talk to the browser-mode host: only pages served by this host on the
// loopback address (Host and Origin checked, against DNS rebinding and
// cross-site requests), carrying this launch's random token.
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Host and Origin (when sent) must name this host on loopback. */
export function isLoopbackRequest(req: IncomingMessage, port: number): boolean {
  const allowed = loopbackHosts(port);
  if (!req.headers.host || !allowed.has(req.headers.host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' && allowed.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

export function tokenMatches(expected: string, given: string | string[] | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
