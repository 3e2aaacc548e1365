import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OPERATOR_LOCK_MS, SESSION_IDLE_LOCK_MS } from '../../electron/main/auth/auth-policy';
import { createAuthService, type AuthService } from '../../electron/main/auth/auth-service';
import { DEMO_OPERATORS, ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { findOperatorByUsername } from '../../electron/main/auth/operator-repo';
import { openDatabase } from '../../electron/main/db/open-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const START = new Date('2024-02-22T08:45:00.000Z');
const alice = DEMO_OPERATORS.find((operator) => operator.username === 'alice')!;

let dir: string;
let db: Database.Database;
let nowMs: number;
let auth: AuthService;

function at(offsetMs: number): Date {
  return new Date(START.getTime() + offsetMs);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-auth-'));
  db = openDatabase(join(dir, 'desk.sqlite'));
  ensureDemoOperators(db, START, TEST_PASSWORD_COST);
  nowMs = START.getTime();
  auth = createAuthService(db, { clock: () => new Date(nowMs), passwordCost: TEST_PASSWORD_COST });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo operators', () => {
  it('creates alice, bob, sam and ada with their roles, Chicago time and hashed passwords', () => {
    for (const demo of DEMO_OPERATORS) {
      const row = findOperatorByUsername(db, demo.username)!;
      expect(row).toMatchObject({ displayName: demo.displayName, role: demo.role, locale: 'en-US', timeZone: 'America/Chicago' });
      expect(row.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/); // TEST_PASSWORD_COST, passed as the backend's cost
      expect(row.passwordHash).not.toContain(demo.password);
    }
    expect(DEMO_OPERATORS.map((o) => [o.username, o.role])).toEqual([
      ['alice', 'agent'],
      ['bob', 'agent'],
      ['sam', 'supervisor'],
      ['ada', 'admin'],
    ]);
  });

  it('leaves existing operators alone when run again', () => {
    const before = findOperatorByUsername(db, 'alice')!.passwordHash;
    ensureDemoOperators(db, at(1000), TEST_PASSWORD_COST);
    expect(findOperatorByUsername(db, 'alice')!.passwordHash).toBe(before);
    expect(db.prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: DEMO_OPERATORS.length });
  });
});

describe('sign-in', () => {
  it('signs in with the right password and reports the session with its idle-lock time', async () => {
    const result = await auth.signIn('alice', alice.password, START);
    expect(result).toEqual({
      ok: true,
      value: {
        operatorId: expect.any(Number),
        username: 'alice',
        displayName: 'Alice Agent',
        role: 'agent',
        locale: 'en-US',
        timeZone: 'America/Chicago',
        idleLockAt: at(SESSION_IDLE_LOCK_MS).toISOString(),
        mustChangePassword: false,
      },
    });
    expect(auth.sessionInfo(START)?.username).toBe('alice');
    expect(auth.current(START)).toMatchObject({ username: 'alice', role: 'agent' });
  });

  it('refuses a wrong password with BAD_CREDENTIALS and leaves nobody signed in', async () => {
    expect(await auth.signIn('alice', 'wrong-password', START)).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(auth.sessionInfo(START)).toBeNull();
    expect(auth.authorize(START)).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
  });

  it('answers an unknown username exactly like a wrong password', async () => {
    const unknown = await auth.signIn('mallory', 'agent-demo-2024', START);
    const wrong = await auth.signIn('bob', 'not-his-password', START);
    expect(unknown).toEqual(wrong);
    expect(unknown).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
  });

  it('answers five failures for an unknown username exactly as for a real one, lockout included', async () => {
    const answers = async (username: string) => {
      const seen = [];
      for (let attempt = 1; attempt <= 7; attempt += 1) seen.push(await auth.signIn(username, `wrong-${attempt}`, at(attempt * 1000)));
      seen.push(await auth.signIn(username, `wrong-late`, at(5000 + OPERATOR_LOCK_MS)));
      return seen;
    };
    const real = await answers('alice');
    expect(real[4]).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
    expect(await answers('mallory')).toEqual(real);
  });

  it('locks the operator for 15 minutes on the fifth consecutive failure, even against the right password', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await auth.signIn('alice', `wrong-${attempt}`, at(attempt * 1000))).toMatchObject({
        ok: false,
        error: { code: 'BAD_CREDENTIALS' },
      });
    }
    const lockedUntil = at(5000 + OPERATOR_LOCK_MS).toISOString();
    expect(await auth.signIn('alice', 'wrong-5', at(5000))).toEqual({
      ok: false,
      error: { code: 'OPERATOR_LOCKED', details: { lockedUntil } },
    });
    expect(await auth.signIn('alice', alice.password, at(6000))).toEqual({
      ok: false,
      error: { code: 'OPERATOR_LOCKED', details: { lockedUntil } },
    });
    expect(await auth.signIn('alice', alice.password, at(5000 + OPERATOR_LOCK_MS - 1))).toMatchObject({
      ok: false,
      error: { code: 'OPERATOR_LOCKED' },
    });
    expect(auth.sessionInfo(at(6000))).toBeNull();
  });

  it('unlocks the operator once the 15 minutes have passed', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) await auth.signIn('alice', 'wrong', START);
    const result = await auth.signIn('alice', alice.password, at(OPERATOR_LOCK_MS));
    expect(result.ok).toBe(true);
  });

  it('does not lock another operator when one is locked', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) await auth.signIn('alice', 'wrong', START);
    expect((await auth.signIn('bob', alice.password, START)).ok).toBe(true);
  });

  it('resets the failure count after a successful sign-in', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) await auth.signIn('alice', 'wrong', START);
    expect((await auth.signIn('alice', alice.password, START)).ok).toBe(true);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await auth.signIn('alice', 'wrong', START)).toMatchObject({ error: { code: 'BAD_CREDENTIALS' } });
    }
    expect(findOperatorByUsername(db, 'alice')).toMatchObject({ failedAttempts: 4, lockedUntil: null });
  });

  it('keeps counting failures across service instances, because the count lives in the database', async () => {
    for (let attempt = 1; attempt <= 4; attempt += 1) await auth.signIn('alice', 'wrong', START);
    const restarted = createAuthService(db, { clock: () => START, passwordCost: TEST_PASSWORD_COST });
    expect(await restarted.signIn('alice', 'wrong', START)).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
  });
});

describe('idle lock and sign-out', () => {
  it('locks a session with no authorized call for 15 minutes', async () => {
    await auth.signIn('sam', 'supervisor-demo-2024', START);
    expect(auth.authorize(at(SESSION_IDLE_LOCK_MS - 1))).toMatchObject({ ok: true, actor: { username: 'sam' } });
    // The call above counted as activity, so the lock moves with it.
    expect(auth.authorize(at(2 * SESSION_IDLE_LOCK_MS - 2))).toMatchObject({ ok: true });
    expect(auth.authorize(at(3 * SESSION_IDLE_LOCK_MS - 2))).toEqual({ ok: false, code: 'SESSION_LOCKED' });
    expect(auth.current(at(3 * SESSION_IDLE_LOCK_MS - 2))).toBeNull();
    expect(auth.sessionInfo(at(3 * SESSION_IDLE_LOCK_MS - 2))).toBeNull();
  });

  it('does not count session checks as activity', async () => {
    await auth.signIn('sam', 'supervisor-demo-2024', START);
    expect(auth.sessionInfo(at(SESSION_IDLE_LOCK_MS - 1))).not.toBeNull();
    expect(auth.current(at(SESSION_IDLE_LOCK_MS - 1))).not.toBeNull();
    expect(auth.authorize(at(SESSION_IDLE_LOCK_MS))).toEqual({ ok: false, code: 'SESSION_LOCKED' });
  });

  it('unlocks an idle-locked session when the operator signs in again', async () => {
    await auth.signIn('sam', 'supervisor-demo-2024', START);
    const later = at(SESSION_IDLE_LOCK_MS + 60_000);
    expect(auth.authorize(later)).toEqual({ ok: false, code: 'SESSION_LOCKED' });
    expect((await auth.signIn('sam', 'supervisor-demo-2024', later)).ok).toBe(true);
    expect(auth.authorize(later)).toMatchObject({ ok: true, actor: { username: 'sam', role: 'supervisor' } });
  });

  it('keeps an idle-locked session locked when the clock is set back', async () => {
    await auth.signIn('sam', 'supervisor-demo-2024', START);
    expect(auth.authorize(at(SESSION_IDLE_LOCK_MS))).toEqual({ ok: false, code: 'SESSION_LOCKED' });
    expect(auth.authorize(START)).toEqual({ ok: false, code: 'SESSION_LOCKED' });
    expect(auth.sessionInfo(START)).toBeNull();
  });

  it('locks a session idle for 15 minutes even when the system clock was set back meanwhile', async () => {
    let monotonicMs = 0;
    const clocked = createAuthService(db, { clock: () => START, monotonic: () => monotonicMs, passwordCost: TEST_PASSWORD_COST });
    await clocked.signIn('sam', 'supervisor-demo-2024', START);
    monotonicMs = SESSION_IDLE_LOCK_MS - 1;
    expect(clocked.authorize(START)).toMatchObject({ ok: true });
    monotonicMs += SESSION_IDLE_LOCK_MS;
    expect(clocked.authorize(START)).toEqual({ ok: false, code: 'SESSION_LOCKED' });
  });

  it('keeps the locked session locked when a sign-in attempt fails', async () => {
    await auth.signIn('sam', 'supervisor-demo-2024', START);
    const later = at(SESSION_IDLE_LOCK_MS);
    await auth.signIn('sam', 'wrong', later);
    expect(auth.authorize(later)).toEqual({ ok: false, code: 'SESSION_LOCKED' });
  });

  it('forgets the operator on sign-out', async () => {
    await auth.signIn('ada', 'admin-demo-2024', START);
    auth.signOut();
    expect(auth.authorize(START)).toEqual({ ok: false, code: 'NOT_SIGNED_IN' });
    expect(auth.sessionInfo(START)).toBeNull();
  });
});
