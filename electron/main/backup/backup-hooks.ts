import type Database from 'better-sqlite3';
import { takeBackupSync } from './take-backup';

/**
 * The openDatabase hook that copies the database before pending migrations run. A failed
 * migration rolls back on its own; this copy covers one that succeeds but turns out wrong.
 * A new, empty file (version 0) has nothing worth keeping.
 */
export function backupBeforeMigrate(
  dir: string,
  clock: () => Date,
  nativeBinding?: string,
): (db: Database.Database, fromVersion: number) => void {
  return (db, fromVersion) => {
    if (fromVersion > 0) takeBackupSync(db, { dir, now: clock(), reason: 'pre-migration', ...(nativeBinding ? { nativeBinding } : {}) });
  };
}
