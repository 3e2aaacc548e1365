import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { BackupError, verifyBackupFile } from './take-backup';

function fsyncPath(path: string, flags: string): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface RestoreResult {
  /** Where the replaced database (and its -wal, -shm) were moved, for later inspection. */
  readonly setAside: string | null;
}

/**
 * Replaces the database at dbPath with a verified backup. Every connection to dbPath must be
 * closed first. The replaced file and its WAL are moved aside, never deleted, and the old WAL
 * is moved before the new file lands: SQLite would otherwise replay it onto the restored copy.
 */
export function restoreBackup(dbPath: string, backupPath: string, options: { now: Date; nativeBinding?: string }): RestoreResult {
  const report = verifyBackupFile(backupPath, options.nativeBinding);
  if (!report.ok) throw new BackupError(`The backup failed integrity_check: ${report.problems.join('; ')}`, report);
  const staging = `${dbPath}.restoring`;
  copyFileSync(backupPath, staging);
  chmodSync(staging, 0o600);
  fsyncPath(staging, 'r+');

  let setAside: string | null = null;
  if (existsSync(dbPath)) {
    setAside = `${dbPath}.replaced-${options.now.toISOString().replace(/[-:.]/g, '')}`;
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, setAside + suffix);
    }
  } else {
    for (const suffix of ['-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  }
  renameSync(staging, dbPath);
  fsyncPath(dirname(dbPath), 'r');
  return { setAside };
}
