import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { resolveAppFile } from './resolve-app-file';

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function notFound(): Response {
  return new Response('Not found', {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The app:// protocol handler's body: a file from the renderer build, or 404. */
export async function serveAppFile(
  requestUrl: string,
  rootDir: string,
  read: (path: string) => Promise<Uint8Array> = readFile,
): Promise<Response> {
  const file = resolveAppFile(requestUrl, rootDir);
  if (file.kind === 'refused') return notFound();
  let body: Uint8Array;
  try {
    body = await read(file.path);
  } catch {
    return notFound();
  }
  return new Response(body, {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' },
  });
}
