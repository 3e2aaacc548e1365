import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * Operators live at the hub: an admin on one enrolled desktop manages them there with the
 * Operators screen's own channels, and the other desktop sees the result, by sign-in at the
 * hub and by the change log. Two real desktops (SQLite) and a real hub (PostgreSQL).
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const TEMPORARY = 'Harbour-lantern-42';
const CHOSEN = 'Quiet-river-stone-2026';

let site: HubTestSite;
let dir: string;
let deskA: Backend;
let deskB: Backend;

function caller(desk: Backend) {
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> =>
    (await desk.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(desk: Backend, username: string, password = PASSWORD[username]!) {
  const call = caller(desk);
  await call('authSignOut', {});
  return call('authSignIn', { username, password });
}

function verifiersOf(desk: Backend): string[] {
  return desk.db.prepare('SELECT username FROM hub_offline_verifiers ORDER BY username').pluck().all() as string[];
}

function openDesk(template: string, name: string): Backend {
  copyFileSync(template, join(dir, `${name}.sqlite`));
  return createBackend({
    dbPath: join(dir, `${name}.sqlite`),
    isTrustedSender: () => true,
    passwordCost: TEST_PASSWORD_COST,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
    changesWaitMs: 50,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-operators-'));
  site = await startHubTestSite();
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true, passwordCost: TEST_PASSWORD_COST });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  deskA = openDesk(template, 'desk-a');
  deskB = openDesk(template, 'desk-b');
  for (const [desk, name] of [
    [deskA, 'Desk A'],
    [deskB, 'Desk B'],
  ] as const) {
    expect((await signIn(desk, 'ada')).ok).toBe(true);
    expect(await caller(desk)('hubEnrol', { code: await site.enrolmentCode(), name })).toMatchObject({ ok: true });
  }
  expect((await signIn(deskA, 'ada')).ok).toBe(true);
}, 120_000);

afterAll(async () => {
  deskA?.close();
  deskB?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('operators managed at the hub from an enrolled desktop', () => {
  let ninaId = 0;

  it("lists the hub's operators, with the hub's ids, in the channel's own shape", async () => {
    const listed = await caller(deskA)('operatorsList', {});
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const { rows } = await site.owner.query<{ id: number; username: string }>('SELECT id, username FROM operators ORDER BY username');
    expect(listed.value.operators.map((o) => [o.operatorId, o.username])).toEqual(rows.map((r) => [r.id, r.username]));
    expect(listed.value.siteDailyTotalMinor).toEqual({ USD: 20000, EUR: 20000 });
  });

  it('creates an operator at the hub who then signs in through the hub on another desktop and must choose a password first', async () => {
    const created = await caller(deskA)('operatorsCreate', { username: 'nina', displayName: 'Nina Vos', assignRole: 'agent', temporaryPassword: TEMPORARY });
    expect(created).toMatchObject({ ok: true, value: { username: 'nina', role: 'agent', active: true, mustChangePassword: true } });
    if (!created.ok) return;
    ninaId = created.value.operatorId;
    expect((await site.owner.query('SELECT id FROM operators WHERE username = $1', ['nina'])).rows[0].id).toBe(ninaId);
    // Nothing of hers is made on desk A: she exists at the hub.
    expect(deskA.db.prepare("SELECT count(*) FROM operators WHERE username = 'nina' AND password_hash <> '!hub'").pluck().get()).toBe(0);

    const onB = caller(deskB);
    const signedIn = await signIn(deskB, 'nina', TEMPORARY);
    expect(signedIn).toMatchObject({ ok: true, value: { username: 'nina', role: 'agent', mustChangePassword: true } });
    // A temporary password signs in nowhere offline.
    expect(verifiersOf(deskB)).not.toContain('nina');
    expect(await onB('searchAccounts', { query: 'muller' })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect((await deskB.hubSync!.syncNow()).pull).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await onB('operatorChangeOwnPassword', { currentPassword: TEMPORARY, newPassword: '123456789012' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { reason: 'too_common' } },
    });
    const changed = await onB('operatorChangeOwnPassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });
    expect(changed).toMatchObject({ ok: true, value: { username: 'nina', mustChangePassword: false } });
    expect((await onB('searchAccounts', { query: 'muller' })).ok).toBe(true);
    expect(verifiersOf(deskB)).toContain('nina');
    // The hub, which refused this session's sync before the change, takes it now.
    expect((await deskB.hubSync!.syncNow()).pull).toMatchObject({ ok: true });
    // The hub holds the new password: the temporary one is refused anywhere.
    expect(await signIn(deskA, 'nina', TEMPORARY)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
  });

  it("answers the hub's refusals as the standalone channels do", async () => {
    const onA = caller(deskA);
    expect(await onA('operatorsCreate', { username: 'nina', displayName: 'Nina Again', assignRole: 'agent', temporaryPassword: TEMPORARY })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { reason: 'username_taken' } },
    });
    const adaId = (await site.owner.query("SELECT id FROM operators WHERE username = 'ada'")).rows[0].id as number;
    expect(await onA('operatorsSetRole', { targetId: adaId, assignRole: 'agent' })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'last_admin' } } });
    expect(await onA('operatorsResetPassword', { targetId: adaId, temporaryPassword: TEMPORARY })).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { reason: 'own_account' } } });
    expect(await onA('operatorsSetActive', { targetId: 999_999, active: false })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("sets an agent's own daily limit at the hub", async () => {
    const set = await caller(deskA)('operatorsSetDailyLimit', { targetId: ninaId, currency: 'EUR', dailyTotalMinor: 4000 });
    expect(set).toMatchObject({ ok: true, value: { dailyLimits: { EUR: 4000 } } });
    expect((await site.owner.query('SELECT daily_total_minor AS minor FROM operator_daily_limits WHERE operator_id = $1', [ninaId])).rows).toEqual([{ minor: 4000 }]);
    // Desk B's cache takes it from the change log: its own override checks read the agent's limit there.
    await deskB.hubSync!.syncNow();
    const cached = deskB.db
      .prepare("SELECT l.currency, l.daily_total_minor AS minor FROM operator_daily_limits l JOIN operators o ON o.id = l.operator_id WHERE o.username = 'nina'")
      .all();
    expect(cached).toEqual([{ currency: 'EUR', minor: 4000 }]);
  });

  it("deactivates at the hub: her session on the other desktop ends, and that desktop's cache drops her offline sign-in", async () => {
    // Nina works on desk B, online; her verifier is there from the sign-in.
    expect((await signIn(deskB, 'nina', CHOSEN)).ok).toBe(true);
    expect(verifiersOf(deskB)).toContain('nina');
    const off = await caller(deskA)('operatorsSetActive', { targetId: ninaId, active: false });
    expect(off).toMatchObject({ ok: true, value: { username: 'nina', active: false } });

    // Desk B's next round with her token is refused: her session ends there too.
    await deskB.hubSync!.syncNow();
    expect(await caller(deskB)('authSession', {})).toEqual({ ok: true, value: null });
    expect(verifiersOf(deskB)).not.toContain('nina');

    // Another operator on desk B pulls the change log: the operator change is applied there.
    expect(await signIn(deskB, 'nina', CHOSEN)).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect((await signIn(deskB, 'alice')).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect(verifiersOf(deskB)).not.toContain('nina');
    const audited = await site.owner.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'operator.deactivated' AND target = 'operator:nina'");
    expect(audited.rows[0].n).toBe(1);
  });

  it("drops a deactivated operator's verifier on a desktop where she is not signed in, by the change log", async () => {
    const onA = caller(deskA);
    expect((await onA('operatorsSetActive', { targetId: ninaId, active: true })).ok).toBe(true);
    // Nina signs in on desk B and catches up with the log (her cursor reads the old deactivation
    // once, which drops a verifier: the safe side), signs in again (verifier kept), then Alice works there.
    expect((await signIn(deskB, 'nina', CHOSEN)).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect((await signIn(deskB, 'nina', CHOSEN)).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect((await signIn(deskB, 'alice')).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect(verifiersOf(deskB)).toContain('nina');
    expect((await onA('operatorsSetActive', { targetId: ninaId, active: false })).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect(verifiersOf(deskB)).not.toContain('nina');
    expect(await caller(deskB)('authSession', {})).toMatchObject({ ok: true, value: { username: 'alice' } });
  });

  it("drops the old password's verifier on other desktops when an operator changes her own, and keeps the new one where she changed it", async () => {
    expect((await caller(deskA)('operatorsSetActive', { targetId: ninaId, active: true })).ok).toBe(true);
    // Nina on desk A, caught up with the log, so her verifier there stays; then Ada is back at desk A.
    for (let pass = 0; pass < 2; pass++) {
      expect((await signIn(deskA, 'nina', CHOSEN)).ok).toBe(true);
      await deskA.hubSync!.syncNow();
    }
    expect((await signIn(deskA, 'nina', CHOSEN)).ok).toBe(true);
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    await deskA.hubSync!.syncNow();
    expect(verifiersOf(deskA)).toContain('nina');

    expect((await signIn(deskB, 'nina', CHOSEN)).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    const next = 'Copper-meadow-lamp-31';
    expect(await caller(deskB)('operatorChangeOwnPassword', { currentPassword: CHOSEN, newPassword: next })).toMatchObject({ ok: true });
    expect(verifiersOf(deskB)).toContain('nina');
    await deskA.hubSync!.syncNow();
    expect(verifiersOf(deskA)).not.toContain('nina');
  });

  it('refuses every operator channel with the needs-hub answer while the hub cannot be reached', async () => {
    await site.stop();
    try {
      const onA = caller(deskA);
      expect(await onA('operatorsList', {})).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } } });
      expect(await onA('operatorsSetActive', { targetId: ninaId, active: true })).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } } });
      expect(await onA('operatorChangeOwnPassword', { currentPassword: PASSWORD.ada!, newPassword: CHOSEN })).toMatchObject({
        ok: false,
        error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } },
      });
    } finally {
      await site.start();
    }
  });
});
