/**
 * The Content-Security-Policy of the app's page, the same for both hosts: the desktop shell's
 * app:// protocol and the browser preview. No inline script or style, no network but our own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
