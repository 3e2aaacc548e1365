import { extname, posix, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './is-trusted-sender';

/** The only file types the renderer build contains; anything else is not served. */
const APP_FILE_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export type AppFile =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'refused' };

/**
 * Maps an app://desk/... URL to a file inside rootDir. Refuses other hosts, encoded
 * separators or NUL, anything that would leave rootDir, and unknown file types.
 */
export function resolveAppFile(requestUrl: string, rootDir: string): AppFile {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused' };
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refused' };
  const segments = pathname.split('/');
  if (segments.includes('..')) return { kind: 'refused' };
  const relative = posix.normalize(pathname === '/' ? '/index.html' : pathname).replace(/^\/+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  if (!file.startsWith(root + sep)) return { kind: 'refused' };
  const contentType = APP_FILE_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { kind: 'refused' };
  return { kind: 'file', path: file, contentType };
}
