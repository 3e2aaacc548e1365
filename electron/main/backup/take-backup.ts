import { chmodSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { integrityCheck, type HealthReport } from '../recovery/db-health-repo';
import { DEFAULT_BACKUPS_KEPT, newBackupPath, pruneBackups, type BackupFile, type BackupReason } from './backup-files';
import { vacuumInto } from './backup-repo';

export interface BackupOptions {
  readonly dir: string;
  readonly now: Date;
  readonly reason?: BackupReason;
  /** How many verified backups to keep after this one; older ones are deleted. */
  readonly keep?: number;
  readonly nativeBinding?: string;
}

export class BackupError extends Error {
  constructor(
    message: string,
    readonly report?: HealthReport,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

function open(path: string, nativeBinding: string | undefined): Database.Database {
  return new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

/**
 * Makes a copy self-contained (rollback journal, so no -wal or -shm travels with it) and runs
 * integrity_check on it. A backup that fails is worse than none: it would be restored in trust.
 */
export function verifyBackupFile(path: string, nativeBinding?: string): HealthReport {
  let copy: Database.Database | null = null;
  try {
    copy = open(path, nativeBinding);
    copy.pragma('journal_mode = DELETE');
    return integrityCheck(copy);
  } catch (error) {
    // SQLITE_CORRUPT, SQLITE_NOTADB and friends: the file is no backup.
    return { ok: false, problems: [String((error as Error)?.message ?? error)] };
  } finally {
    copy?.close();
  }
}

function finish(partial: string, options: BackupOptions, reason: BackupReason, final: string): BackupFile {
  chmodSync(partial, 0o600);
  const report = verifyBackupFile(partial, options.nativeBinding);
  if (!report.ok) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup copy failed integrity_check: ${report.problems.join('; ')}`, report);
  }
  // Only a verified copy gets a backup name, so listBackups() never offers a half-written one.
  renameSync(partial, final);
  pruneBackups(options.dir, options.keep ?? DEFAULT_BACKUPS_KEPT);
  return { path: final, name: final.slice(options.dir.length + 1), takenAt: options.now.toISOString(), reason };
}

function prepare(options: BackupOptions, fallback: BackupReason) {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const reason = options.reason ?? fallback;
  const final = newBackupPath(options.dir, options.now, reason);
  const partial = `${final}.partial`;
  rmSync(partial, { force: true });
  return { reason, final, partial };
}

/**
 * Online backup through SQLite's backup API (better-sqlite3 steps it between event-loop turns,
 * so IPC calls keep being served), then verified and rotated.
 */
export async function takeBackup(db: Database.Database, options: BackupOptions): Promise<BackupFile> {
  const { reason, final, partial } = prepare(options, 'scheduled');
  try {
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return finish(partial, options, reason, final);
}

/**
 * The synchronous variant for the moment before a migration, inside openDatabase, where no
 * event loop turn may pass: VACUUM INTO writes a consistent copy in one statement.
 */
export function takeBackupSync(db: Database.Database, options: BackupOptions): BackupFile {
  const { reason, final, partial } = prepare(options, 'pre-migration');
  try {
    vacuumInto(db, partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return finish(partial, options, reason, final);
}
