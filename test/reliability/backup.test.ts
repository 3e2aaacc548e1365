import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { listBackups } from '../../electron/main/backup/backup-files';
import { scheduleBackups, type Timers } from '../../electron/main/backup/backup-schedule';
import { restoreBackup } from '../../electron/main/backup/restore-backup';
import { BackupError, takeBackup, takeBackupSync, verifyBackupFile } from '../../electron/main/backup/take-backup';
import { openDatabase } from '../../electron/main/db/open-database';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';
import { integrityCheck } from '../../electron/main/recovery/db-health-repo';
import { runTs } from './child-process';
import { TEST_PASSWORD_COST } from '../support/password-cost';

let dir: string;
let dbPath: string;
let backupDir: string;
const at = (minute: number) => new Date(Date.UTC(2024, 2, 4, 15, minute, 0));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-backup-'));
  dbPath = join(dir, 'desk.sqlite');
  backupDir = join(dir, 'backups');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function rowsIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('takes a verified, owner-only, self-contained copy through the backup API', async () => {
    const db = openDatabase(dbPath);
    db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3)');
    const file = await takeBackup(db, { dir: backupDir, now: at(0) });
    db.close();
    expect(listBackups(backupDir)).toEqual([{ path: file.path, name: file.name, takenAt: '2024-03-04T15:00:00.000Z', reason: 'scheduled' }]);
    expect((statSync(file.path).mode & 0o777).toString(8)).toBe('600');
    expect(existsSync(`${file.path}-wal`)).toBe(false);
    expect(rowsIn(file.path)).toBe(3);
    expect(verifyBackupFile(file.path)).toEqual({ ok: true, problems: [] });
  });

  it('keeps only the newest backups, up to the bound', async () => {
    const db = openDatabase(dbPath);
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    for (let minute = 0; minute < 13; minute += 1) {
      db.prepare('INSERT INTO t VALUES (?)').run(minute);
      await takeBackup(db, { dir: backupDir, now: at(minute), keep: 10 });
    }
    db.close();
    const kept = listBackups(backupDir);
    expect(kept).toHaveLength(10);
    expect(kept[0]!.takenAt).toBe('2024-03-04T15:12:00.000Z');
    expect(kept[9]!.takenAt).toBe('2024-03-04T15:03:00.000Z');
    expect(rowsIn(kept[0]!.path)).toBe(13);
  });

  it('refuses to restore a damaged backup and leaves the database alone', () => {
    const db = openDatabase(dbPath);
    db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
    const file = takeBackupSync(db, { dir: backupDir, now: at(0) });
    db.close();
    const bytes = readFileSync(file.path);
    bytes.fill(0x5a, 4096, 2 * 4096); // the whole second page, a b-tree root, header included
    writeFileSync(file.path, bytes);
    const report = verifyBackupFile(file.path);
    expect(report.ok).toBe(false);
    expect(() => restoreBackup(dbPath, file.path, { now: at(1) })).toThrow(BackupError);
    expect(rowsIn(dbPath)).toBe(1);
  });

  it('runs on the injected schedule, never overlapping, and stops', async () => {
    const db = openDatabase(dbPath);
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    let tick: (() => void) | null = null;
    const timers: Timers = {
      setInterval: (callback, ms) => {
        expect(ms).toBe(60_000);
        tick = callback;
        return 1;
      },
      clearInterval: () => {
        tick = null;
      },
    };
    let minute = 0;
    const taken: string[] = [];
    const schedule = scheduleBackups({ db, dir: backupDir, intervalMs: 60_000, clock: () => at(minute++), timers, onBackup: (f) => taken.push(f.takenAt) });
    const first = schedule.runNow();
    expect(schedule.runNow()).toBe(first);
    await first;
    tick!();
    await schedule.runNow();
    schedule.stop();
    expect(tick).toBeNull();
    expect(await schedule.runNow()).toBeNull();
    db.close();
    expect(taken).toEqual(['2024-03-04T15:00:00.000Z', '2024-03-04T15:01:00.000Z']);
    expect(listBackups(backupDir)).toHaveLength(2);
  });

  it('backs up before a migration: the copy is at the old schema version', () => {
    openDatabase(dbPath, { migrations: allMigrations.slice(0, 1) }).close();
    const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, backupDir, isTrustedSender: () => false, clock: () => at(30) });
    backend.close();
    const [backup, ...others] = listBackups(backupDir);
    expect(others).toEqual([]);
    expect(backup!.reason).toBe('pre-migration');
    const copy = new Database(backup!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    copy.close();
    // A database already at the newest version is not copied again on every start.
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, backupDir, isTrustedSender: () => false, clock: () => at(31) }).close();
    expect(listBackups(backupDir)).toHaveLength(1);
  });

  it('restores a backup taken while another process was writing: whole transactions only, nothing torn', async () => {
    openDatabase(dbPath).close();
    const writer = runTs(resolve(__dirname, 'fixtures/steady-writer.ts'), [dbPath, '1']);
    try {
      await writer.waitForAcks(50);
      const db = openDatabase(dbPath);
      const ackedBefore = writer.acks.length;
      const file = await takeBackup(db, { dir: backupDir, now: at(0) });
      const ackedAfter = writer.acks.length;
      db.close();
      await writer.waitForAcks(ackedAfter + 20);
      writer.child.kill('SIGKILL');
      await writer.exited;

      restoreBackup(dbPath, file.path, { now: at(1) });
      const restored = openDatabase(dbPath);
      try {
        expect(integrityCheck(restored).ok).toBe(true);
        const rows = restored.prepare('SELECT n, count(*) AS parts FROM writer_log GROUP BY n ORDER BY n').all() as { n: number; parts: number }[];
        // A prefix of the writer's history: 1..k with both halves of every pair.
        expect(rows.every((row, index) => row.n === index + 1 && row.parts === 2)).toBe(true);
        expect(rows.length).toBeGreaterThanOrEqual(ackedBefore);
        expect(rows.length).toBeLessThanOrEqual(ackedAfter + 1);
        // Writes after the backup are gone from the restored file, as a restore means.
        expect(rows.length).toBeLessThan(writer.acks.length);
      } finally {
        restored.close();
      }
      expect(listBackups(backupDir)).toHaveLength(1);
      expect(readdirReplaced(dir)).toHaveLength(1);
    } finally {
      writer.child.kill('SIGKILL');
    }
  }, 30_000);
});

function readdirReplaced(folder: string): string[] {
  return readdirSync(folder).filter((name) => /^desk\.sqlite\.replaced-\d{8}T\d{9}Z$/.test(name));
}
