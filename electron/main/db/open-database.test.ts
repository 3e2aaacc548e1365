import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allMigrations } from './migrations/all-migrations';
import { openDatabase } from './open-database';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-open-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function pragmas(db: Database.Database) {
  return {
    journalMode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreignKeys: db.pragma('foreign_keys', { simple: true }),
    busyTimeout: db.pragma('busy_timeout', { simple: true }),
  };
}

describe('openDatabase', () => {
  it('opens with WAL, synchronous FULL, foreign keys and a busy timeout, on first and later opens', () => {
    const file = join(dir, 'app.sqlite');
    const expected = { journalMode: 'wal', synchronous: 2, foreignKeys: 1, busyTimeout: 5000 };
    const first = openDatabase(file);
    expect(pragmas(first)).toEqual(expected);
    first.close();
    // A plain reopen of a WAL file comes back with synchronous NORMAL (1); ours must not.
    const plain = new Database(file);
    expect(plain.pragma('synchronous', { simple: true })).toBe(1);
    plain.close();
    const again = openDatabase(file);
    expect(pragmas(again)).toEqual(expected);
    again.close();
  });

  it('creates the file readable and writable by its owner only', () => {
    const file = join(dir, 'app.sqlite');
    openDatabase(file).close();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('runs the migrations so the schema is current', () => {
    const db = openDatabase(join(dir, 'app.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.length);
    db.close();
  });

  it('opens read-only without writing when the schema is current', () => {
    const file = join(dir, 'app.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file, { readonly: true });
    expect(() => db.prepare("INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('a','a','agent','x','t')").run()).toThrow(/readonly/);
    db.close();
  });

  it('refuses to open an out-of-date file read-only, since it cannot migrate it', () => {
    const file = join(dir, 'app.sqlite');
    new Database(file).close();
    expect(() => openDatabase(file, { readonly: true })).toThrow(expect.objectContaining({ code: 'DB_NEEDS_MIGRATION' }));
  });

  it('enforces foreign keys and the STRICT types and checks of the schema', () => {
    const db = openDatabase(':memory:');
    expect(() =>
      db.prepare("INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status) VALUES ('L1', 999, '+12125550147', 'wireless_voice', 100, 'active')").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO credit_policies (code, version, rules_json) VALUES ('x', 'one', '{}')").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db.prepare("INSERT INTO operators (username, display_name, role, password_hash, created_at) VALUES ('a', 'A', 'root', 'x', 't')").run(),
    ).toThrow(/CHECK constraint/);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO audit_events (id, at, action, target, prev_hash, hash) VALUES ('01J', 't', 'a', 'x', ?, 'h')").run('0'.repeat(64));
    expect(() => db.prepare("UPDATE audit_events SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    db.close();
  });
});
