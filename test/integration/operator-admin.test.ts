import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { setOperatorActive } from '../../electron/main/operators/operator-admin';
import { findOperatorByUsername } from '../../electron/main/auth/operator-repo';
import { verifyAuditChain } from '../../electron/main/audit/audit-log';
import { findOfflineVerifier, saveOfflineVerifier } from '../../electron/main/hub-sync/offline-verifier-repo';
import { TEST_PASSWORD_COST } from '../support/password-cost';

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORDS = { alice: 'agent-demo-2024', bob: 'agent-demo-2024', sam: 'supervisor-demo-2024', ada: 'admin-demo-2024' } as const;
const TEMPORARY = 'copper-kettle-meadow';

let dir: string;
let backend: Backend;
let nowMs = Date.parse('2024-03-04T15:00:00.000Z');

function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return backend.dispatch(channel, input, APP) as Promise<Result<ChannelOutput<C>>>;
}

async function signIn(username: string, password: string) {
  backend.auth.signOut();
  return call('authSignIn', { username, password });
}

async function signInDemo(name: keyof typeof PASSWORDS) {
  const result = await signIn(name, PASSWORDS[name]);
  expect(result.ok).toBe(true);
}

function idOf(username: string): number {
  return findOperatorByUsername(backend.db, username)!.id;
}

function auditActions(): string[] {
  return (backend.db.prepare("SELECT action FROM audit_events WHERE action LIKE 'operator.%' ORDER BY seq").pluck().all() as string[]);
}

async function createCarol() {
  await signInDemo('ada');
  const created = await call('operatorsCreate', { username: 'carol', displayName: 'Carol Chen', assignRole: 'agent', temporaryPassword: TEMPORARY });
  expect(created).toMatchObject({ ok: true, value: { username: 'carol', role: 'agent', active: true, mustChangePassword: true } });
  return created;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-operators-'));
  backend = createBackend({
    passwordCost: TEST_PASSWORD_COST,
    dbPath: join(dir, 'desk.sqlite'),
    seedDemo: true,
    clock: () => new Date(nowMs),
    isTrustedSender: () => true,
  });
});

afterEach(() => {
  expect(verifyAuditChain(backend.db).ok).toBe(true);
  backend.close();
  rmSync(dir, { recursive: true, force: true });
  nowMs += 60_000;
});

describe('operators managed by an admin', () => {
  it('lists the operators with their roles and the site daily total, without credentials', async () => {
    await signInDemo('ada');
    const list = await call('operatorsList', {});
    expect(list.ok && list.value.operators.map((o) => `${o.username}:${o.role}:${o.active}`)).toEqual(
      expect.arrayContaining(['alice:agent:true', 'bob:agent:true', 'sam:supervisor:true', 'ada:admin:true']),
    );
    expect(list.ok && list.value.siteDailyTotalMinor).toEqual({ USD: 20_000, EUR: 20_000 });
    expect(JSON.stringify(list)).not.toContain('scrypt$');
  });

  it('makes a new operator choose their own password at the first sign-in, and refuses everything else until then', async () => {
    await createCarol();
    const first = await signIn('carol', TEMPORARY);
    expect(first).toMatchObject({ ok: true, value: { username: 'carol', mustChangePassword: true } });
    expect(await call('searchAccounts', { query: 'muller' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    const changed = await call('operatorChangeOwnPassword', { currentPassword: TEMPORARY, newPassword: 'harbour-lantern-violet' });
    expect(changed).toMatchObject({ ok: true, value: { mustChangePassword: false } });
    expect((await call('searchAccounts', { query: 'muller' })).ok).toBe(true);
    expect((await signIn('carol', TEMPORARY)).ok).toBe(false);
    expect(await signIn('carol', 'harbour-lantern-violet')).toMatchObject({ ok: true, value: { mustChangePassword: false } });
  });

  it('refuses a common password, a short one and one with the username, when an admin sets it and when the operator does', async () => {
    await signInDemo('ada');
    for (const [temporaryPassword, reason] of [
      ['password1234', 'too_common'],
      ['Welcome2024!', 'too_common'],
      ['short-pw', 'too_short'],
      ['carol-is-my-name', 'contains_username'],
    ] as const) {
      expect(await call('operatorsCreate', { username: 'carol', displayName: 'Carol Chen', assignRole: 'agent', temporaryPassword })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', details: { reason } },
      });
    }
    expect(await call('operatorsResetPassword', { targetId: idOf('bob'), temporaryPassword: 'qwertyuiop123' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { reason: 'too_common' } },
    });
    await signInDemo('alice');
    expect(await call('operatorChangeOwnPassword', { currentPassword: PASSWORDS.alice, newPassword: 'iloveyou1234' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { reason: 'too_common' } },
    });
    expect(await call('operatorChangeOwnPassword', { currentPassword: 'not-it-at-all', newPassword: 'harbour-lantern-violet' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    expect(auditActions()).not.toContain('operator.created');
  });

  it('ends the session of an operator an admin deactivates at once, drops their offline verifier and refuses their sign-in', async () => {
    saveOfflineVerifier(backend.db, { username: 'bob', sealedVerifier: Buffer.from('x'), sealedWith: 'none', signedInAt: new Date(nowMs).toISOString() });
    await signInDemo('bob');
    expect((await call('searchAccounts', { query: 'muller' })).ok).toBe(true);
    // Ada, at another desk on the same site, deactivates Bob while he is signed in here.
    const ada = { operatorId: idOf('ada'), username: 'ada', role: 'admin' as const };
    expect(setOperatorActive(backend.db, ada, new Date(nowMs), idOf('bob'), false)).toMatchObject({ ok: true, value: { active: false } });
    expect(await call('searchAccounts', { query: 'muller' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await call('authSession', {})).toEqual({ ok: true, value: null });
    expect(findOfflineVerifier(backend.db, 'bob')).toBeUndefined();
    expect(await signIn('bob', PASSWORDS.bob)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    // Reactivated, he signs in again.
    await signInDemo('ada');
    expect(await call('operatorsSetActive', { targetId: idOf('bob'), active: true })).toMatchObject({ ok: true, value: { active: true } });
    expect((await signIn('bob', PASSWORDS.bob)).ok).toBe(true);
  });

  it("ends a signed-in operator's session when an admin resets their password, and makes them choose a new one", async () => {
    await signInDemo('alice');
    const ada = { operatorId: idOf('ada'), username: 'ada', role: 'admin' as const };
    const { resetOperatorPassword } = await import('../../electron/main/operators/operator-admin');
    expect((await resetOperatorPassword(backend.db, ada, new Date(nowMs), idOf('alice'), TEMPORARY, TEST_PASSWORD_COST)).ok).toBe(true);
    expect(await call('searchAccounts', { query: 'muller' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect((await signIn('alice', PASSWORDS.alice)).ok).toBe(false);
    expect(await signIn('alice', TEMPORARY)).toMatchObject({ ok: true, value: { mustChangePassword: true } });
  });

  it('never lets the last active admin go: not by deactivation, nor by a role change', async () => {
    await signInDemo('ada');
    expect(await call('operatorsSetActive', { targetId: idOf('ada'), active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'last_admin' } } });
    expect(await call('operatorsSetRole', { targetId: idOf('ada'), assignRole: 'agent' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'last_admin' } } });
    // Another admin: now Ada still cannot change her own role or deactivate herself.
    expect((await call('operatorsSetRole', { targetId: idOf('sam'), assignRole: 'admin' })).ok).toBe(true);
    expect(await call('operatorsSetRole', { targetId: idOf('ada'), assignRole: 'agent' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'own_account' } } });
    expect(await call('operatorsSetActive', { targetId: idOf('ada'), active: false })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'own_account' } } });
    // Sam, an admin now, may take Ada's role: she is not the last one.
    await signInDemo('sam');
    expect(await call('operatorsSetRole', { targetId: idOf('ada'), assignRole: 'supervisor' })).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    // Sam is the last admin: Ada (a supervisor now) is no admin to act; Sam cannot leave the role.
    expect(await call('operatorsSetRole', { targetId: idOf('sam'), assignRole: 'agent' })).toMatchObject({ ok: false, error: { details: { reason: 'last_admin' } } });
  });

  it("ends the session of an operator whose role changes, so they never act with the old role", async () => {
    await signInDemo('sam');
    const ada = { operatorId: idOf('ada'), username: 'ada', role: 'admin' as const };
    const { setOperatorRole } = await import('../../electron/main/operators/operator-admin');
    expect(setOperatorRole(backend.db, ada, new Date(nowMs), idOf('sam'), 'agent').ok).toBe(true);
    expect(await call('overridesQueue', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await signIn('sam', PASSWORDS.sam)).toMatchObject({ ok: true, value: { role: 'agent' } });
  });

  it('sets and removes an agent’s own daily limit per currency', async () => {
    await signInDemo('ada');
    expect(await call('operatorsSetDailyLimit', { targetId: idOf('alice'), currency: 'USD', dailyTotalMinor: 7_500 })).toMatchObject({
      ok: true,
      value: { dailyLimits: { USD: 7_500 } },
    });
    const list = await call('operatorsList', {});
    expect(list.ok && list.value.operators.find((o) => o.username === 'alice')?.dailyLimits).toEqual({ USD: 7_500 });
    expect(await call('operatorsSetDailyLimit', { targetId: idOf('alice'), currency: 'USD', dailyTotalMinor: null })).toMatchObject({ ok: true, value: { dailyLimits: {} } });
  });

  it('refuses every management channel to agents and supervisors', async () => {
    for (const who of ['alice', 'sam'] as const) {
      await signInDemo(who);
      expect(await call('operatorsList', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
      expect(await call('operatorsSetActive', { targetId: idOf('ada'), active: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    }
  });

  it('audits every change with who made it and what changed, never a password or its hash', async () => {
    await createCarol();
    const carol = idOf('carol');
    await call('operatorsSetRole', { targetId: carol, assignRole: 'supervisor' });
    await call('operatorsSetDailyLimit', { targetId: carol, currency: 'EUR', dailyTotalMinor: 9_000 });
    await call('operatorsResetPassword', { targetId: carol, temporaryPassword: 'pebble-orchard-signal' });
    await call('operatorsSetActive', { targetId: carol, active: false });
    await call('operatorsSetActive', { targetId: carol, active: true });
    await signIn('carol', 'pebble-orchard-signal');
    await call('operatorChangeOwnPassword', { currentPassword: 'pebble-orchard-signal', newPassword: 'harbour-lantern-violet' });
    expect(auditActions()).toEqual([
      'operator.created',
      'operator.role_changed',
      'operator.daily_limit_changed',
      'operator.password_reset',
      'operator.deactivated',
      'operator.reactivated',
      'operator.password_changed',
    ]);
    const rows = backend.db
      .prepare("SELECT operator_id AS operatorId, target, before_json AS beforeJson, after_json AS afterJson FROM audit_events WHERE action LIKE 'operator.%' ORDER BY seq")
      .all() as { operatorId: number; target: string; beforeJson: string | null; afterJson: string | null }[];
    expect(rows.every((r) => r.target === 'operator:carol')).toBe(true);
    expect(rows.slice(0, 6).every((r) => r.operatorId === idOf('ada'))).toBe(true);
    expect(rows[1]).toMatchObject({ beforeJson: '{"role":"agent"}', afterJson: '{"role":"supervisor"}' });
    expect(rows[2]).toMatchObject({ beforeJson: '{"currency":"EUR","dailyTotalMinor":null}', afterJson: '{"currency":"EUR","dailyTotalMinor":9000}' });
    const text = JSON.stringify(rows);
    for (const secret of [TEMPORARY, 'pebble-orchard-signal', 'harbour-lantern-violet', 'scrypt$']) expect(text).not.toContain(secret);
  });

  it('refuses a username that is taken, whatever else is right', async () => {
    await signInDemo('ada');
    expect(await call('operatorsCreate', { username: 'bob', displayName: 'Bob Two', assignRole: 'agent', temporaryPassword: TEMPORARY })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'username_taken' } },
    });
  });
});
