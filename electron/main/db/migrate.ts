import type Database from 'better-sqlite3';
import type { Migration } from './migration';
import { MigrationError } from './migration-error';

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Refuses a list with gaps, repeats or disorder: each version must be the previous plus one. */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        'MIGRATIONS_OUT_OF_ORDER',
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}.`,
      );
    }
  });
}

/**
 * Brings the database to the newest version in `migrations`. Each step runs with its
 * user_version bump in one transaction, so a failure leaves the database at the last
 * version that completed, exactly as it was. Returns the versions applied.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[]): number[] {
  checkMigrationOrder(migrations);
  const known = migrations.length;
  const current = readUserVersion(db);
  if (current > known) {
    throw new MigrationError(
      'DB_FROM_NEWER_VERSION',
      `The database is at schema version ${current}, but this version of the app knows schema versions up to ${known}. ` +
        'Update the app; the database was left untouched.',
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    // IMMEDIATE takes the write lock first, so two processes cannot both run the same step.
    const step = db.transaction(() => {
      // Another process may have applied this step between our read and our lock.
      if (readUserVersion(db) >= migration.version) return;
      migration.up(db);
      if (migration.rebuildsReferencedTable) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`the rebuild breaks ${broken.length} foreign key(s)`);
      }
      db.pragma(`user_version = ${migration.version}`);
    });
    const keysWereOn = migration.rebuildsReferencedTable === true && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
    if (keysWereOn) db.pragma('foreign_keys = OFF');
    try {
      step.immediate();
    } catch (error) {
      throw new MigrationError(
        'MIGRATION_FAILED',
        `Migration ${migration.version} (${migration.name}) failed and was rolled back: ${String((error as Error)?.message ?? error)}`,
        { cause: error },
      );
    } finally {
      if (keysWereOn) db.pragma('foreign_keys = ON');
    }
    applied.push(migration.version);
  }
  return applied;
}
