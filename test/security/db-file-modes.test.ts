import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

let dir: string;
let savedUmask: number;

function modeOf(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

function modes(file: string): Record<string, string> {
  return { db: modeOf(file), wal: modeOf(`${file}-wal`), shm: modeOf(`${file}-shm`) };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-modes-'));
  // The loosest umask: the app must not rely on the operator's umask to keep the file private.
  savedUmask = process.umask(0);
});

afterEach(() => {
  process.umask(savedUmask);
  rmSync(dir, { recursive: true, force: true });
});

describe('database file permissions', () => {
  it('creates the database and its -wal and -shm files readable and writable by the owner only', () => {
    const file = join(dir, 'desk.sqlite');
    const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath: file, seedDemo: true, isTrustedSender: () => false });
    try {
      backend.db.prepare("SELECT count(*) FROM sqlite_master").get();
      expect(modes(file)).toEqual({ db: '600', wal: '600', shm: '600' });
    } finally {
      backend.close();
    }
  });

  it('tightens a database and WAL files left world-readable by an older build', () => {
    const file = join(dir, 'old.sqlite');
    openDatabase(file).close();
    for (const suffix of ['', '-wal', '-shm']) writeFileSync(`${file}${suffix}`, '', { flag: 'a', mode: 0o644 });
    for (const suffix of ['', '-wal', '-shm']) {
      chmodSync(`${file}${suffix}`, 0o644);
    }
    expect(modeOf(file)).toBe('644');
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE IF NOT EXISTS t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
      expect(modes(file)).toEqual({ db: '600', wal: '600', shm: '600' });
    } finally {
      db.close();
    }
  });
});
