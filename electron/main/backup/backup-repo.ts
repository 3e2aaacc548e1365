import type Database from 'better-sqlite3';

/**
 * A consistent copy in one synchronous statement, used where the async backup API cannot run:
 * inside openDatabase, just before a migration, when nothing else may touch the file yet.
 */
export function vacuumInto(db: Database.Database, destination: string): void {
  db.prepare('VACUUM INTO ?').run(destination);
}
