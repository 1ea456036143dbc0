// The Content-Security-Policy of the renderer, the same in Electron (app://)
// and browser mode (loopback host): only the app's own scripts, no eval, no
// remote anything. Inline styles are allowed because chart libraries inject them.
import { REPORT_SCRIPT_SOURCES } from './reports.js';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // The report preview (a srcdoc iframe) runs exactly the report's two inline scripts, by hash.
  `script-src 'self' ${REPORT_SCRIPT_SOURCES}`,
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
