// The Content-Security-Policy of the renderer, the same in Electron (app://)
// and browser mode (loopback host): only the app's own scripts, no eval, no
// remote anything. Inline styles are allowed because chart libraries inject them.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
