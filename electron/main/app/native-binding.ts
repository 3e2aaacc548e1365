import { join } from 'node:path';

/**
 * Where scripts/electron-native.mjs puts better-sqlite3 built for Electron's ABI, kept apart
 * from node_modules/better-sqlite3/build, which stays the Node build that the tests load.
 */
export function electronNativeBindingPath(projectRoot: string, electronVersion: string): string {
  return join(projectRoot, '.cache', 'electron-native', electronVersion, 'better_sqlite3.node');
}
