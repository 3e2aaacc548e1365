import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { startBackend, type AppBackend } from '../../electron/main/app/start-backend';
import { accessProblemFromError, type AccessProbeFs } from '../../electron/main/recovery/database-access';
import type { SenderInfo } from '../../electron/main/window/sender-info';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP: SenderInfo = { url: 'app://desk/index.html', isAppTopFrame: true };
const clock = () => new Date('2024-03-04T15:00:00.000Z');

/**
 * How this machine can make a path refuse writes: chmod for an ordinary user; as root, whom
 * chmod does not stop, the immutable attribute (chattr +i), which stops root too. Where neither
 * works the tests below still run, through an injected refusing file system at the same seam.
 */
type Lock = 'chmod' | 'chattr' | 'injected';

function refuses(path: string): boolean {
  const probe = join(path, 'probe');
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return false;
  } catch {
    return true;
  }
}

function detectLock(): Lock {
  const base = mkdtempSync(join(tmpdir(), 'ocd-ro-detect-'));
  const folder = join(base, 'f');
  mkdirSync(folder);
  try {
    chmodSync(folder, 0o555);
    if (refuses(folder)) return 'chmod';
    chmodSync(folder, 0o755);
    try {
      execFileSync('chattr', ['+i', folder], { stdio: 'ignore' });
      const locked = refuses(folder);
      execFileSync('chattr', ['-i', folder], { stdio: 'ignore' });
      if (locked) return 'chattr';
    } catch {
      // No chattr, or a file system without the attribute.
    }
    return 'injected';
  } finally {
    chmodSync(folder, 0o755);
    rmSync(base, { recursive: true, force: true });
  }
}

const LOCK = detectLock();
let dir: string;
let locked: string[];
let app: AppBackend | null;

function lock(path: string, isFolder: boolean): void {
  if (LOCK === 'chmod') chmodSync(path, isFolder ? 0o555 : 0o444);
  if (LOCK === 'chattr') execFileSync('chattr', ['+i', path]);
  locked.push(path);
}

function unlock(path: string): void {
  if (LOCK === 'chmod') chmodSync(path, 0o755);
  if (LOCK === 'chattr') execFileSync('chattr', ['-i', path]);
}

/** For LOCK === 'injected' only: node:fs, except that writes under `path` fail as a read-only folder or file would. */
function refusingFs(path: string): AccessProbeFs {
  const refuse = (target: string, flags: string) => {
    if (target.startsWith(path) && flags !== 'r') {
      throw Object.assign(new Error(`EACCES: permission denied, open '${target}'`), { code: 'EACCES', path: target });
    }
  };
  return {
    mkdirSync: (target, options) => mkdirSync(target, options),
    openSync: (target, flags, mode) => {
      refuse(target, flags);
      return openSync(target, flags, mode);
    },
    closeSync,
    unlinkSync,
    existsSync,
  };
}

function start(dbPath: string, lockedPath: string): AppBackend {
  app = startBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath,
    backupDir: join(dir, 'backups'),
    isTrustedSender: (sender) => sender.isAppTopFrame,
    clock,
    ...(LOCK === 'injected' ? { accessProbeFs: refusingFs(lockedPath) } : {}),
  });
  return app;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-ro-'));
  locked = [];
  app = null;
});

afterEach(() => {
  app?.close();
  for (const path of locked.reverse()) unlock(path);
  rmSync(dir, { recursive: true, force: true });
});

describe(`a read-only database folder or file (made read-only by ${LOCK})`, () => {
  it('starts on the explanation screen, coded DATABASE_FOLDER_READ_ONLY, when the folder refuses new files', async () => {
    const folder = join(dir, 'profile');
    mkdirSync(folder);
    lock(folder, true);
    const started = start(join(folder, 'desk.sqlite'), folder);
    expect(started.mode).toBe('recovery');
    expect(await started.dispatch('recoveryStatus', {}, APP)).toEqual({
      ok: true,
      value: {
        mode: 'recovery',
        cause: 'DATABASE_FOLDER_READ_ONLY',
        blockedPath: folder,
        problems: [expect.stringMatching(/^(EACCES|EPERM|EROFS): /)],
        latestBackupAt: null,
      },
    });
    // Restoring would write the database too: refused, and nothing else answers.
    expect(await started.dispatch('recoveryRestoreLatest', {}, APP)).toEqual({ ok: false, error: { code: 'CONFLICT' } });
    expect(await started.dispatch('authSession', {}, APP)).toEqual({ ok: false, error: { code: 'RECOVERY_MODE' } });
    expect(existsSync(join(folder, 'desk.sqlite'))).toBe(false);
  });

  it('says so for an existing database in a folder made read-only, instead of calling it damaged', async () => {
    const folder = join(dir, 'profile');
    mkdirSync(folder);
    const dbPath = join(folder, 'desk.sqlite');
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false, clock }).close();
    lock(folder, true);
    const started = start(dbPath, folder);
    expect(await started.dispatch('recoveryStatus', {}, APP)).toMatchObject({ ok: true, value: { cause: 'DATABASE_FOLDER_READ_ONLY', blockedPath: folder } });
  });

  it('starts on the explanation screen, coded DATABASE_FILE_READ_ONLY, when only the database file is read-only', async () => {
    const dbPath = join(dir, 'desk.sqlite');
    createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false, clock }).close();
    lock(dbPath, false);
    const started = start(dbPath, dbPath);
    expect(await started.dispatch('recoveryStatus', {}, APP)).toMatchObject({
      ok: true,
      value: { mode: 'recovery', cause: 'DATABASE_FILE_READ_ONLY', blockedPath: dbPath },
    });
  });

  it('starts normally again once the folder is writable', async () => {
    const folder = join(dir, 'profile');
    mkdirSync(folder);
    lock(folder, true);
    start(join(folder, 'desk.sqlite'), folder).close();
    unlock(folder);
    locked = [];
    app = startBackend({ passwordCost: TEST_PASSWORD_COST, dbPath: join(folder, 'desk.sqlite'), isTrustedSender: () => true, clock });
    expect(app.mode).toBe('normal');
  });

  it('reads SQLite refusing to write a read-only database as the same coded problem', () => {
    const error = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    expect(accessProblemFromError(error, '/data/desk.sqlite')).toEqual({
      code: 'DATABASE_FILE_READ_ONLY',
      path: '/data/desk.sqlite',
      detail: 'SQLITE_READONLY: attempt to write a readonly database',
    });
    expect(accessProblemFromError(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }), '/data/desk.sqlite')).toBeNull();
  });
});
