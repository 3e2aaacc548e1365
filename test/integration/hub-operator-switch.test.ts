import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * A shared desktop: when an agent signs in after a supervisor (or another agent), the override
 * requests the hub would not show that agent leave the cache, except one still in the outbox;
 * the supervisor's view comes back whole at their next sign-in, by asking the hub for exactly
 * those requests (not by pulling the log from the start).
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desk: Backend;
let other: Backend;
/** Alice's request filed while the hub was away (the third test). */
let waiting: string;

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(backend: Backend, username: string): Promise<void> {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username}: ${JSON.stringify(answer)}`);
  await backend.hubSync!.syncNow();
}

async function file(backend: Backend, accountNumber: string): Promise<string> {
  const answer = await call(backend, 'overridesSubmit', {
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId: 1,
    kind: 'goodwill',
    amountMinor: 500,
    reasonCode: 'excluded_segment_goodwill',
    justification: 'Customer lost service for a full day.',
    interactionRef: 'CALL-5',
  });
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  await backend.hubSync!.syncNow();
  return answer.value.id;
}

/** Who filed each request this desktop's cache holds. */
function cachedRequesters(): string[] {
  return (desk.db.prepare('SELECT o.username FROM override_requests r JOIN operators o ON o.id = r.requested_by ORDER BY o.username').pluck().all() as string[]);
}

function backend(name: string, template: string): Backend {
  const file = join(dir, `${name}.sqlite`);
  copyFileSync(template, file);
  return createBackend({
    dbPath: file,
    isTrustedSender: () => true,
    passwordCost: TEST_PASSWORD_COST,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-switch-'));
  site = await startHubTestSite();
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true, passwordCost: TEST_PASSWORD_COST });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  desk = backend('shared', template);
  other = backend('other', template);
  for (const [each, name] of [[desk, 'Shared desk'], [other, 'Other desk']] as const) {
    await signIn(each, 'ada');
    expect(await call(each, 'hubEnrol', { code: await site.enrolmentCode(), name })).toMatchObject({ ok: true });
  }
  // Bob files on another desktop, Alice on this one.
  await signIn(other, 'bob');
  await file(other, demoAccounts.okaforLogistics.accountNumber);
  await signIn(desk, 'alice');
  await file(desk, demoAccounts.carlosPena.accountNumber);
}, 120_000);

afterAll(async () => {
  desk?.close();
  other?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('operator switch on a shared desktop', () => {
  it('a supervisor’s sign-in brings every request into the cache', async () => {
    await signIn(desk, 'sam');
    expect(cachedRequesters()).toEqual(['alice', 'bob']);
  });

  it('the next agent’s sign-in removes the requests only the supervisor could see, and keeps her own', async () => {
    await signIn(desk, 'alice');
    expect(cachedRequesters()).toEqual(['alice']);
    const mine = await call(desk, 'overridesMine', {});
    expect(mine.ok && mine.value.map((request) => request.accountNumber)).toEqual([demoAccounts.carlosPena.accountNumber]);
  });

  it('another agent after her sees only his own, yet her request still waiting for the hub stays until it is sent', async () => {
    await site.stop();
    waiting = await file(desk, demoAccounts.zoeNguyen.accountNumber);
    await site.start();
    await signIn(desk, 'bob');
    // Alice's synced request went; the one still in the outbox (filed by her, sent under her token) stays.
    expect(desk.db.prepare('SELECT r.id FROM override_requests r JOIN operators o ON o.id = r.requested_by WHERE o.username = ?').pluck().all('alice')).toEqual([waiting]);
    expect(cachedRequesters()).toEqual(['alice', 'bob']);
    const mine = await call(desk, 'overridesMine', {});
    expect(mine.ok && mine.value.map((request) => request.accountNumber)).toEqual([demoAccounts.okaforLogistics.accountNumber]);
  });

  it('the supervisor signing in again asks the hub for just the removed requests, so his queue is whole again', async () => {
    await signIn(desk, 'alice');
    const cursor = () => desk.db.prepare('SELECT change_cursor FROM hub_cursors WHERE username = ?').pluck().get('sam') as number | undefined;
    const refills = () => desk.db.prepare('SELECT request_id FROM hub_request_refills WHERE username = ? ORDER BY request_id').pluck().all('sam');
    // Sam keeps his place in the log and is owed the two requests that left the cache since his
    // last pull: Alice's synced one (for Bob's sign-in) and Bob's (for Alice's). Not the one
    // that waited in the outbox, which never left.
    const removed = (await site.owner.query<{ id: string }>('SELECT id FROM override_requests WHERE id != $1 ORDER BY id', [waiting])).rows.map((row) => row.id);
    expect(removed).toHaveLength(2);
    const kept = cursor();
    expect(kept).toBeGreaterThan(0);
    expect(refills()).toEqual(removed);
    await signIn(desk, 'sam');
    expect(refills()).toEqual([]);
    expect(cursor()).toBeGreaterThanOrEqual(kept!);
    expect(cachedRequesters()).toEqual(['alice', 'alice', 'bob']);
    const queue = await call(desk, 'overridesQueue', {});
    expect(queue.ok && queue.value.map((item) => item.request.requestedBy).sort()).toEqual(['alice', 'alice', 'bob']);
  });
});
