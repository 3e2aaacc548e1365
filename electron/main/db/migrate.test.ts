import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkMigrationOrder, migrate, readUserVersion } from './migrate';
import type { Migration } from './migration';
import { MigrationError } from './migration-error';
import { allMigrations } from './migrations/all-migrations';
import { openDatabase } from './open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-migrate-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function schemaOf(db: Database.Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name').all();
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const next = allMigrations.length + 1;

const addNotes: Migration = {
  version: next,
  name: 'add-notes',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT'),
};

describe('migrate', () => {
  it('brings a new database to the newest version and records it in user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, allMigrations)).toEqual(allMigrations.map((m) => m.version));
    expect(readUserVersion(db)).toBe(allMigrations.length);
    expect(migrate(db, allMigrations)).toEqual([]);
    db.close();
  });

  it('applies only the steps a database does not have yet', () => {
    const file = join(dir, 'app.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file, { migrations: [...allMigrations, addNotes] });
    expect(readUserVersion(db)).toBe(next);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'notes'").get()).toEqual({ name: 'notes' });
    db.close();
  });

  it('leaves the database exactly as it was when a migration fails halfway', () => {
    const file = join(dir, 'app.sqlite');
    const first = openDatabase(file);
    first.prepare(
      `INSERT INTO operators (username, display_name, role, password_hash, created_at)
       VALUES ('ann', 'Ann', 'admin', 'x', '2024-01-01T00:00:00.000Z')`,
    ).run();
    const schemaBefore = schemaOf(first);
    first.close();

    const failing: Migration = {
      version: next,
      name: 'half-done',
      up(db) {
        db.exec('CREATE TABLE partial (id INTEGER PRIMARY KEY) STRICT');
        db.exec("UPDATE operators SET display_name = 'changed'");
        db.exec('ALTER TABLE accounts ADD COLUMN flag INTEGER');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const error = thrown(() => openDatabase(file, { migrations: [...allMigrations, failing] }));
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('MIGRATION_FAILED');
    expect((error as MigrationError).message).toContain('half-done');

    const after = new Database(file, { readonly: true });
    expect(readUserVersion(after)).toBe(allMigrations.length);
    expect(schemaOf(after)).toEqual(schemaBefore);
    expect(after.prepare('SELECT display_name FROM operators').all()).toEqual([{ display_name: 'Ann' }]);
    after.close();
  });

  it('refuses a database from a newer version of the app and names both versions', () => {
    const file = join(dir, 'app.sqlite');
    const newer = openDatabase(file, { migrations: [...allMigrations, addNotes] });
    newer.close();
    const error = thrown(() => openDatabase(file));
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('DB_FROM_NEWER_VERSION');
    expect((error as MigrationError).message).toContain(`version ${next}`);
    expect((error as MigrationError).message).toContain(`up to ${allMigrations.length}`);
    const check = new Database(file, { readonly: true });
    expect(readUserVersion(check)).toBe(next);
    check.close();
  });

  it('refuses a migration list with a gap, a repeat or the wrong order', () => {
    const [first] = allMigrations as [Migration];
    const gap = { ...addNotes, version: 3 };
    for (const list of [[{ ...addNotes, version: 2 }], [first, first], [{ ...addNotes, version: 2 }, first], [first, gap]]) {
      const error = thrown(() => checkMigrationOrder(list));
      expect((error as MigrationError).code).toBe('MIGRATIONS_OUT_OF_ORDER');
    }
  });
});
