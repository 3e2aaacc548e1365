import { protocol } from 'electron';
import { APP_SCHEME } from './is-trusted-sender';
import { serveAppFile } from './serve-app-file';

/** Must run before app 'ready': a standard, secure scheme gets a real origin and 'self' in the CSP. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer folder at app://desk/; returns a function that stops serving. */
export function serveRendererFolder(rootDir: string): () => void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(request.url, rootDir));
  return () => protocol.unhandle(APP_SCHEME);
}
