/**
 * The app's Content-Security-Policy, sent as a header with every app:// response (and by
 * the end-to-end harness). renderer/index.html repeats it in a meta tag so that the page
 * is locked down even if it is ever loaded another way. Keep the two in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
