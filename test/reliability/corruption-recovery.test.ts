import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { takeBackup } from '../../electron/main/backup/take-backup';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { startBackend } from '../../electron/main/app/start-backend';
import { checkDatabaseAtStart } from '../../electron/main/recovery/start-check';
import { appOrigins, isTrustedSender } from '../../electron/main/window/is-trusted-sender';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };
const origins = appOrigins();
const trusted = (sender: SenderInfo) => isTrustedSender(sender, origins);
const clock = () => new Date('2024-03-04T15:00:00.000Z');

let dir: string;
let dbPath: string;
let backupDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-corrupt-'));
  dbPath = join(dir, 'desk.sqlite');
  backupDir = join(dir, 'backups');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function accountCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Overwrites the b-tree page that holds the root of `table` with garbage, header and all. */
function damageTablePage(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, (rootpage - 1) * pageSize);
  closeSync(fd);
}

async function seededWithBackup(): Promise<void> {
  const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: trusted, clock, backupDir });
  await takeBackup(backend.db, { dir: backupDir, now: clock() });
  backend.close();
}

describe('start-up check and recovery mode', () => {
  it('passes a healthy database and a file that does not exist yet', async () => {
    expect(checkDatabaseAtStart(dbPath)).toEqual({ ok: true, problems: [] });
    await seededWithBackup();
    expect(checkDatabaseAtStart(dbPath)).toEqual({ ok: true, problems: [] });
    const app = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock, backupDir });
    expect(app.mode).toBe('normal');
    expect(await app.dispatch('recoveryStatus', {}, APP)).toEqual({ ok: true, value: { mode: 'normal', cause: null, blockedPath: null, problems: [], latestBackupAt: null } });
    expect(await app.dispatch('recoveryRestoreLatest', {}, APP)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    app.close();
  });

  it('starts a damaged database in read-only recovery mode that serves only the recovery channels and never writes', async () => {
    await seededWithBackup();
    damageTablePage(dbPath, 'accounts');
    const before = sha(dbPath);

    const app = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock, backupDir });
    expect(app.mode).toBe('recovery');
    const status = await app.dispatch('recoveryStatus', {}, APP);
    expect(status).toMatchObject({ ok: true, value: { mode: 'recovery', cause: 'DATABASE_DAMAGED', blockedPath: null, latestBackupAt: '2024-03-04T15:00:00.000Z' } });
    expect(status.ok && (status.value as { problems: string[] }).problems.length).toBeGreaterThan(0);
    for (const [channel, input] of [
      ['authSignIn', { username: 'ada', password: 'admin-demo-2024' }],
      ['authSession', {}],
      ['searchAccounts', { query: 'muller' }],
    ] as const) {
      expect(await app.dispatch(channel, input, APP)).toMatchObject({ ok: false, error: { code: 'RECOVERY_MODE' } });
    }
    // The same sender and input checks as ever.
    expect(await app.dispatch('recoveryRestoreLatest', {}, { url: 'app://desk.evil/', isAppTopFrame: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await app.dispatch('recoveryRestoreLatest', { force: true }, APP)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    app.close();
    expect(sha(dbPath)).toBe(before);
  });

  it('restores the latest verified backup, sets the damaged file aside, and the next start is normal', async () => {
    await seededWithBackup();
    const accounts = accountCount(dbPath);
    damageTablePage(dbPath, 'accounts');
    const onRestored = vi.fn();
    const app = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock, backupDir, onRestored });
    expect(await app.dispatch('recoveryRestoreLatest', {}, APP)).toEqual({
      ok: true,
      value: { restoredBackupAt: '2024-03-04T15:00:00.000Z', restartRequired: true },
    });
    expect(onRestored).toHaveBeenCalledTimes(1);
    expect(await app.dispatch('recoveryRestoreLatest', {}, APP)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    app.close();

    const restarted = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock, backupDir });
    expect(restarted.mode).toBe('normal');
    expect(await restarted.dispatch('authSignIn', { username: 'ada', password: 'admin-demo-2024' }, APP)).toMatchObject({ ok: true });
    restarted.close();
    expect(accountCount(dbPath)).toBe(accounts);
  });

  it('says NOT_FOUND when there is no backup, and leaves the damaged file as it is', async () => {
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: trusted, clock }).close();
    damageTablePage(dbPath, 'accounts');
    const before = sha(dbPath);
    const app = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock, backupDir });
    expect(await app.dispatch('recoveryStatus', {}, APP)).toMatchObject({ ok: true, value: { mode: 'recovery', latestBackupAt: null } });
    expect(await app.dispatch('recoveryRestoreLatest', {}, APP)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    app.close();
    expect(sha(dbPath)).toBe(before);
  });

  it('treats a file whose header is not a database at all as damaged', () => {
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, isTrustedSender: trusted, clock }).close();
    const fd = openSync(dbPath, 'r+');
    writeSync(fd, Buffer.from('this is not an sqlite file at all'), 0, 33, 0);
    closeSync(fd);
    const report = checkDatabaseAtStart(dbPath);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/SQLITE_NOTADB/);
  });
});
