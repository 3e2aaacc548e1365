import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { OFFLINE_SIGN_IN_WINDOW_MS } from '../../electron/main/hub-sync/offline-sign-in';
import { appendChange } from '../../hub/src/changes/change-log-repo';
import { inTransaction } from '../../hub/src/db/transaction';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';
import { sameInEveryCurrency } from '@shared/domain/override';

/*
 * Offline sign-in on an enrolled desktop, against a real hub that the test stops and starts:
 * a verifier cached at each sign-in through the hub (sealed, never the password), 12 hours,
 * dropped when the operator is deactivated; offline, filing works and approvals and limit
 * changes are refused as needing the hub; the operator is signed in at the hub once it is back.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desk: Backend;
let nowMs = Date.now();

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desk.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(username: string, password = PASSWORD[username]!) {
  await call('authSignOut', {});
  return call('authSignIn', { username, password });
}

function verifiers(): { username: string; sealed: Buffer; sealedWith: string }[] {
  return desk.db.prepare('SELECT username, sealed_verifier AS sealed, sealed_with AS sealedWith FROM hub_offline_verifiers ORDER BY username').all() as never;
}

async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 8_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function goodwill(accountNumber: string): ChannelInput<'overridesSubmit'> {
  return {
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId: 1,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'excluded_segment_goodwill',
    justification: 'Customer lost service for a full day.',
    interactionRef: 'CALL-9',
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-offline-'));
  site = await startHubTestSite();
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true, passwordCost: TEST_PASSWORD_COST });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  copyFileSync(template, join(dir, 'desk.sqlite'));
  desk = createBackend({
    dbPath: join(dir, 'desk.sqlite'),
    isTrustedSender: () => true,
    clock: () => new Date(nowMs),
    passwordCost: TEST_PASSWORD_COST,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
    changesWaitMs: 50,
  });
  expect((await signIn('ada')).ok).toBe(true);
  expect(await call('hubEnrol', { code: await site.enrolmentCode(), name: 'Desk O' })).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  desk?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('offline sign-in against a cached verifier', () => {
  it('keeps a sealed slow hash of the password at each sign-in through the hub, never the password', async () => {
    expect(verifiers()).toEqual([]);
    expect((await signIn('alice')).ok).toBe(true);
    expect((await signIn('sam')).ok).toBe(true);
    expect((await signIn('ada')).ok).toBe(true);
    const rows = verifiers();
    expect(rows.map((row) => [row.username, row.sealedWith])).toEqual([
      ['ada', 'safe_storage'],
      ['alice', 'safe_storage'],
      ['sam', 'safe_storage'],
    ]);
    const opened = fakeSealer.open(rows[1]!.sealed);
    expect(opened).toMatch(/^scrypt\$/);
    expect(rows[1]!.sealed.toString()).not.toContain('scrypt$');
    expect(opened).not.toContain(PASSWORD.alice);
  });

  it('signs an operator in offline while the hub is down, and the desktop says it is offline', async () => {
    await site.stop();
    const alice = await signIn('alice');
    expect(alice).toMatchObject({ ok: true, value: { username: 'alice', role: 'agent' } });
    expect(await call('changesNext', { afterVersion: null })).toMatchObject({ ok: true, value: { hub: 'offline' } });
    expect(await call('hubStatus', {})).toMatchObject({ ok: true, value: { online: false } });
    const audited = desk.db.prepare("SELECT json_extract(after_json, '$.via') FROM audit_events WHERE action = 'auth.signed_in' ORDER BY seq DESC LIMIT 1").pluck().get();
    expect(audited).toBe('hub_offline');
  });

  it('refuses a wrong password offline, and an operator who never signed in here, with the reason', async () => {
    expect(await signIn('alice', 'not-her-password')).toMatchObject({ ok: false, error: { code: 'BAD_CREDENTIALS' } });
    expect(await signIn('bob')).toEqual({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'no_offline_sign_in' } } });
  });

  it('offline: an agent searches and files a request; a supervisor’s approval and an admin’s limit change are refused as needing the hub', async () => {
    expect((await signIn('alice')).ok).toBe(true);
    expect(await call('searchAccounts', { query: demoAccounts.carlosPena.accountNumber })).toMatchObject({ ok: true });
    const filed = await call('overridesSubmit', goodwill(demoAccounts.carlosPena.accountNumber));
    expect(filed).toMatchObject({ ok: true, value: { status: 'pending', syncState: 'pending_sync' } });

    expect((await signIn('sam')).ok).toBe(true);
    const request = filed.ok ? filed.value : null;
    expect(await call('overridesDecide', { requestId: request!.id, version: request!.version, decision: 'approve', note: 'ok' })).toEqual({
      ok: false,
      error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } },
    });
    expect((await signIn('ada')).ok).toBe(true);
    expect(await call('overridesSettingsSet', { perRequestCapMinor: sameInEveryCurrency(6000), agentDailyTotalMinor: sameInEveryCurrency(20000), expiryDays: 7, siteTimeZone: 'UTC' })).toEqual({
      ok: false,
      error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } },
    });
    expect(desk.db.prepare("SELECT count(*) FROM hub_outbox WHERE state = 'pending'").pluck().get()).toBe(1);
  });

  it('once the hub answers, the operator signed in offline is signed in there and the outbox drains', async () => {
    expect((await signIn('alice')).ok).toBe(true);
    await site.start();
    await waitFor(() => desk.hubSync!.state().online);
    await waitFor(() => desk.db.prepare("SELECT count(*) FROM hub_outbox WHERE state = 'pending'").pluck().get() === 0);
    const { rows } = await site.owner.query<{ status: string }>(
      "SELECT r.status FROM override_requests r JOIN accounts a ON a.id = r.account_id WHERE a.account_number = $1",
      [demoAccounts.carlosPena.accountNumber],
    );
    expect(rows).toEqual([{ status: 'pending' }]);
    expect(await call('changesNext', { afterVersion: null })).toMatchObject({ ok: true, value: { hub: 'online' } });
  });

  it('expires a verifier 12 hours after the sign-in that stored it', async () => {
    expect((await signIn('sam')).ok).toBe(true);
    await site.stop();
    nowMs += OFFLINE_SIGN_IN_WINDOW_MS - 60_000;
    expect((await signIn('sam')).ok).toBe(true);
    nowMs += 60_000;
    expect(await signIn('sam')).toEqual({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'no_offline_sign_in' } } });
    expect(verifiers().map((row) => row.username)).not.toContain('sam');
    await site.start();
    nowMs = Date.now();
  });

  it('drops the verifier of an operator deactivated at the hub at the next sync', async () => {
    expect((await signIn('alice')).ok).toBe(true);
    expect((await signIn('sam')).ok).toBe(true);
    expect(verifiers().map((row) => row.username)).toContain('alice');
    await inTransaction(site.owner, async (tx) => {
      const { rows } = await tx.query<{ id: number; display_name: string }>("UPDATE operators SET active = false WHERE username = 'alice' RETURNING id, display_name");
      await appendChange(tx, {
        entity: 'operator',
        entityId: String(rows[0]!.id),
        audience: { kind: 'all' },
        data: { operatorId: rows[0]!.id, username: 'alice', displayName: rows[0]!.display_name, role: 'agent', active: false },
      });
    });
    await desk.hubSync!.syncNow();
    expect(verifiers().map((row) => row.username)).not.toContain('alice');
    await site.stop();
    expect(await signIn('alice')).toEqual({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'no_offline_sign_in' } } });
    await site.start();
  });
});
