import { join } from 'node:path';

const DATABASE_FILE_NAME = 'outage-credit-desk.sqlite';

/** Paths inside the electron-vite build: out/main (this bundle), out/preload, out/renderer. */
export function builtAppPaths(mainBundleDir: string) {
  return {
    preload: join(mainBundleDir, '..', 'preload', 'index.cjs'),
    renderer: join(mainBundleDir, '..', 'renderer'),
  };
}

export function databasePath(userDataDir: string): string {
  return join(userDataDir, DATABASE_FILE_NAME);
}
