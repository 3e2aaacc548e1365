import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURRENT_SCRYPT_PARAMS } from '@shared/auth/password-hash-format';
import { createAuthService } from '../../electron/main/auth/auth-service';
import { findOperatorByUsername, insertOperator } from '../../electron/main/auth/operator-repo';
import { hashPasswordSync, parsePasswordHash, verifyPassword } from '../../electron/main/auth/password-hash';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const NOW = new Date('2024-02-22T09:00:00.000Z');
const PASSWORD = 'a-long-enough-password';
// Stronger than TEST_PASSWORD_COST and still cheap: the service's target cost in these tests.
const TARGET = { N: 4096, r: 8, p: 1 };

let db: Database.Database;

function storedHash(): string {
  return findOperatorByUsername(db, 'quinn')!.passwordHash;
}

function rehashEvents(): Array<{ action: string; before: unknown; after: unknown }> {
  const rows = db
    .prepare("SELECT action, before_json, after_json FROM audit_events WHERE action = 'auth.password_rehashed'")
    .all() as Array<{ action: string; before_json: string; after_json: string }>;
  return rows.map((row) => ({ action: row.action, before: JSON.parse(row.before_json), after: JSON.parse(row.after_json) }));
}

beforeEach(() => {
  db = openDatabase(':memory:');
  insertOperator(db, {
    username: 'quinn',
    displayName: 'Quinn Agent',
    role: 'agent',
    passwordHash: hashPasswordSync(PASSWORD, TEST_PASSWORD_COST),
    locale: 'en-US',
    timeZone: 'UTC',
    dailyOverrideLimitMinor: 5_000,
    createdAt: NOW.toISOString(),
  });
});

afterEach(() => db.close());

describe('rehash at sign-in', () => {
  it('hashes a weaker stored password again at the current cost, once, and the password still works', async () => {
    const auth = createAuthService(db, { clock: () => NOW, passwordCost: TARGET });
    const before = storedHash();
    expect((await auth.signIn('quinn', PASSWORD, NOW)).ok).toBe(true);
    const after = storedHash();
    expect(after).not.toBe(before);
    expect(parsePasswordHash(after)?.params).toEqual(TARGET);
    expect(await verifyPassword(PASSWORD, after)).toBe(true);
    expect(rehashEvents()).toEqual([
      { action: 'auth.password_rehashed', before: TEST_PASSWORD_COST, after: TARGET },
    ]);

    auth.signOut();
    expect((await auth.signIn('quinn', PASSWORD, NOW)).ok).toBe(true);
    expect(storedHash()).toBe(after);
    expect(rehashEvents()).toHaveLength(1);
  });

  it('never rehashes on a wrong password', async () => {
    const auth = createAuthService(db, { clock: () => NOW, passwordCost: TARGET });
    const before = storedHash();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await auth.signIn('quinn', `wrong-${attempt}`, NOW)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    }
    expect(storedHash()).toBe(before);
    expect(rehashEvents()).toHaveLength(0);
  });

  it('never rehashes a locked operator signing in with the right password', async () => {
    const auth = createAuthService(db, { clock: () => NOW, passwordCost: TARGET });
    const before = storedHash();
    for (let attempt = 0; attempt < 5; attempt += 1) await auth.signIn('quinn', 'wrong', NOW);
    expect(await auth.signIn('quinn', PASSWORD, NOW)).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
    expect(storedHash()).toBe(before);
    expect(rehashEvents()).toHaveLength(0);
  });

  it('keeps a hash that already costs as much as the target', async () => {
    const auth = createAuthService(db, { clock: () => NOW, passwordCost: TEST_PASSWORD_COST });
    const before = storedHash();
    expect((await auth.signIn('quinn', PASSWORD, NOW)).ok).toBe(true);
    expect(storedHash()).toBe(before);
    expect(rehashEvents()).toHaveLength(0);
  });

  it("rehashes to OWASP's N=2^16, r=8, p=2 when no cost is given", async () => {
    const auth = createAuthService(db, { clock: () => NOW });
    expect((await auth.signIn('quinn', PASSWORD, NOW)).ok).toBe(true);
    expect(parsePasswordHash(storedHash())?.params).toEqual(CURRENT_SCRYPT_PARAMS);
    expect(CURRENT_SCRYPT_PARAMS).toEqual({ N: 65536, r: 8, p: 2 });
  });

  it('records the sign-in and the rehash in one transaction: the sign-in event comes right before it', async () => {
    const auth = createAuthService(db, { clock: () => NOW, passwordCost: TARGET });
    await auth.signIn('quinn', PASSWORD, NOW);
    const actions = (db.prepare('SELECT action FROM audit_events ORDER BY id').pluck().all() as string[]).slice(-2);
    expect(actions).toEqual(['auth.signed_in', 'auth.password_rehashed']);
  });
});
