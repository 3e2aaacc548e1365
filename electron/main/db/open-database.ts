import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import type { Migration } from './migration';
import { MigrationError } from './migration-error';
import { allMigrations } from './migrations/all-migrations';
import { registerSqlFunctions } from './sql-functions';

/** How long a connection waits for another's write lock before SQLITE_BUSY (write-contention.ts shortens it for main during worker jobs). */
export const MAIN_BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  /** Path to a better-sqlite3 `.node` build, e.g. the Electron-ABI one the app ships. */
  readonly nativeBinding?: string;
  /** Opens without writing: no pragmas that write, no migrations (the schema must be current). */
  readonly readonly?: boolean;
  /** For tests of the migration runner; the app always uses every migration it knows. */
  readonly migrations?: readonly Migration[];
  /** Runs before any pending migration is applied (the app takes a verified backup here). */
  readonly beforeMigrate?: (db: Database.Database, fromVersion: number, toVersion: number) => void;
}

/** The binding each open connection was made with, for the worker threads that open a second one. */
const bindings = new WeakMap<Database.Database, string | undefined>();

/**
 * How to open another connection to the same file as `db` (a worker thread's): its path, and the
 * better-sqlite3 build it was opened with. Null for an in-memory database, which no other
 * connection can see.
 */
export function connectionSpec(db: Database.Database): { readonly file: string; readonly nativeBinding?: string } | null {
  if (db.memory || db.name === '' || db.name === ':memory:') return null;
  const nativeBinding = bindings.get(db);
  return { file: db.name, ...(nativeBinding ? { nativeBinding } : {}) };
}

/** SQLite's numeric value for synchronous=FULL. */
const SYNCHRONOUS_FULL = 2;

function createPrivateFile(file: string): void {
  if (file === ':memory:' || file === '') return;
  try {
    // The cache holds customer data: readable by its owner only.
    if (!existsSync(file)) closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A file from an older build or copied in with a loose mode is tightened too; SQLite gives
  // new -wal and -shm files the main file's mode, and existing ones are fixed here.
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

function assertPragma(db: Database.Database, name: string, expected: string | number): void {
  const actual = db.pragma(name, { simple: true });
  const same = typeof expected === 'string' ? String(actual).toLowerCase() === expected : actual === expected;
  if (!same) {
    throw new MigrationError('PRAGMA_NOT_APPLIED', `PRAGMA ${name} is ${String(actual)}; expected ${String(expected)}.`);
  }
}

/**
 * Opens the app's SQLite file with the durability settings every connection needs, checks
 * that they took effect, and brings the schema up to date. better-sqlite3 reopens a WAL
 * database with synchronous=NORMAL, which can lose the last commits on power loss, so FULL
 * is set and verified on every open.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const readonly = options.readonly === true;
  if (!readonly) createPrivateFile(file);
  const db = new Database(file, {
    readonly,
    fileMustExist: readonly,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${MAIN_BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    if (!readonly && file !== ':memory:' && file !== '') {
      db.pragma('journal_mode = WAL');
      assertPragma(db, 'journal_mode', 'wal');
    }
    assertPragma(db, 'synchronous', SYNCHRONOUS_FULL);
    assertPragma(db, 'foreign_keys', 1);
    assertPragma(db, 'busy_timeout', MAIN_BUSY_TIMEOUT_MS);
    registerSqlFunctions(db);
    bindings.set(db, options.nativeBinding);
    const migrations = options.migrations ?? allMigrations;
    if (readonly) {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version !== migrations.length) {
        throw new MigrationError(
          version > migrations.length ? 'DB_FROM_NEWER_VERSION' : 'DB_NEEDS_MIGRATION',
          `The database is at schema version ${version}; this version of the app needs ${migrations.length} and cannot migrate a read-only file.`,
        );
      }
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (options.beforeMigrate && version < migrations.length) options.beforeMigrate(db, version, migrations.length);
      migrate(db, migrations);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
