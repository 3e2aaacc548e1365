import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/main/app/create-backend';
import { launchSettings } from '../../electron/main/app/launch-settings';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { insertOperator } from '../../electron/main/auth/operator-repo';
import { hashPasswordSync } from '../../electron/main/auth/password-hash';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const NOW = new Date('2024-03-04T15:00:00.000Z');
let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-demo-seed-'));
  dbPath = join(dir, 'desk.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function usernames(): string[] {
  const backend = createBackend({ passwordCost: TEST_PASSWORD_COST, dbPath, seedDemo: true, isTrustedSender: () => false, clock: () => NOW });
  try {
    return (backend.db.prepare('SELECT username FROM operators ORDER BY username').pluck().all() as string[]);
  } finally {
    backend.close();
  }
}

describe('demo data goes only where nobody works', () => {
  it('fills an empty database with the demo data set and the demo operators', () => {
    expect(usernames()).toEqual(DEMO_OPERATORS.map((o) => o.username).sort());
  });

  it('gives a database with an operator of its own no demo sign-ins, and no demo accounts', () => {
    const db = openDatabase(dbPath);
    insertOperator(db, {
      username: 'kim', displayName: 'Kim Admin', role: 'admin', passwordHash: hashPasswordSync('a-real-password-9'),
      locale: 'en-US', timeZone: 'UTC', dailyOverrideLimitMinor: 0, createdAt: NOW.toISOString(),
    });
    db.close();
    expect(usernames()).toEqual(['kim']);
    const check = openDatabase(dbPath);
    expect(check.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    check.close();
  });

  it('adds no operator when a demo operator was removed from a used database', () => {
    usernames();
    const db = openDatabase(dbPath);
    db.prepare("DELETE FROM operators WHERE username = 'ada'").run();
    db.close();
    expect(usernames()).not.toContain('ada');
  });
});

describe('development switches', () => {
  it('are ignored by a packaged build, whatever the environment says', () => {
    expect(launchSettings(true, { OCD_SEED_DEMO: '1', OCD_USER_DATA_DIR: '/tmp/elsewhere' })).toEqual({ seedDemo: false, userDataDir: undefined });
  });

  it('start a development run on the demo data, in the profile folder it names', () => {
    expect(launchSettings(false, { OCD_USER_DATA_DIR: '/tmp/profile' })).toEqual({ seedDemo: true, userDataDir: '/tmp/profile' });
    expect(launchSettings(false, {})).toEqual({ seedDemo: true, userDataDir: undefined });
  });
});
