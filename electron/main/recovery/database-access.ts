import * as fs from 'node:fs';
import { dirname, join } from 'node:path';

/** Why the database cannot be opened for writing; shown on the start screen with what to do. */
export type DatabaseAccessCode = 'DATABASE_FOLDER_READ_ONLY' | 'DATABASE_FILE_READ_ONLY';

export interface DatabaseAccessProblem {
  readonly code: DatabaseAccessCode;
  /** The folder or file that refused the write. */
  readonly path: string;
  /** The operating system's answer, verbatim, for the service desk. */
  readonly detail: string;
}

/** The file-system calls the probe makes; a test injects a refusing one where chmod cannot refuse (root). */
export interface AccessProbeFs {
  mkdirSync(path: string, options: { recursive: true; mode: number }): unknown;
  openSync(path: string, flags: string, mode?: number): number;
  closeSync(fd: number): void;
  unlinkSync(path: string): void;
  existsSync(path: string): boolean;
}

const REFUSALS = new Set(['EACCES', 'EPERM', 'EROFS']);

function refusal(error: unknown): string | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && REFUSALS.has(code) ? `${code}: ${(error as Error).message}` : null;
}

/**
 * Tries, before anything opens the database, the writes SQLite will need: creating a file in
 * the database's folder (its -wal and -shm files live there) and opening the database file and
 * any -wal and -shm files for writing. Real attempts rather than access(), which root passes.
 * Returns the first refusal as a coded problem; any other error is not about permissions and
 * is left to the normal start path.
 */
export function probeDatabaseAccess(dbPath: string, probeFs: AccessProbeFs = fs): DatabaseAccessProblem | null {
  const folder = dirname(dbPath);
  try {
    probeFs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const probe = join(folder, `.ocd-write-check-${process.pid}`);
    probeFs.closeSync(probeFs.openSync(probe, 'wx', 0o600));
    probeFs.unlinkSync(probe);
  } catch (error) {
    const detail = refusal(error);
    if (detail) return { code: 'DATABASE_FOLDER_READ_ONLY', path: folder, detail };
    throw error;
  }
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) {
    if (!probeFs.existsSync(file)) continue;
    try {
      probeFs.closeSync(probeFs.openSync(file, 'r+'));
    } catch (error) {
      const detail = refusal(error);
      if (detail) return { code: 'DATABASE_FILE_READ_ONLY', path: file, detail };
      throw error;
    }
  }
  return null;
}

/**
 * The same classification for an error SQLite raised while opening or migrating: a read-only
 * database (SQLITE_READONLY*) or a refused file. Null for anything else.
 */
export function accessProblemFromError(error: unknown, dbPath: string): DatabaseAccessProblem | null {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) return { code: 'DATABASE_FILE_READ_ONLY', path: dbPath, detail: `${code}: ${message}` };
  const detail = refusal(error);
  if (!detail) return null;
  const path = (error as { path?: unknown }).path;
  const onFile = typeof path === 'string' && path !== dirname(dbPath);
  return { code: onFile ? 'DATABASE_FILE_READ_ONLY' : 'DATABASE_FOLDER_READ_ONLY', path: typeof path === 'string' ? path : dirname(dbPath), detail };
}
