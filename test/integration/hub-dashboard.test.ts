import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { readHubDashboard } from '../../hub/src/dashboard/dashboard-repo';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * The supervisor's home on a desktop enrolled at a real hub (PostgreSQL): the figures are the
 * hub's, what the site has, not what this desktop's cache holds; when the hub goes away they
 * are the cache's, and the answer says so (`source: 'cache'`); back again, the hub's.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let desk: Backend;

async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await desk.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(username: string) {
  await call('authSignOut', {});
  const answer = await call('authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

async function summary() {
  const answer = await call('dashboardSummary', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-dashboard-'));
  site = await startHubTestSite();
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true, passwordCost: TEST_PASSWORD_COST });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  copyFileSync(template, join(dir, 'desk.sqlite'));
  desk = createBackend({
    dbPath: join(dir, 'desk.sqlite'),
    isTrustedSender: () => true,
    passwordCost: TEST_PASSWORD_COST,
    hub: { mode: 'hub', url: site.url(), ca: null, source: 'test' },
    hubSealer: fakeSealer,
    hubPullIntervalMs: 0,
    changesWaitMs: 50,
  });
  await signIn('ada');
  expect(await call('hubEnrol', { code: await site.enrolmentCode(), name: 'Desk A' })).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  desk?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the dashboard of an enrolled desktop', () => {
  it('shows the hub’s figures, falls back to this desktop’s copy, labelled, while the hub is away, and the hub’s again after', async () => {
    await signIn('alice');
    const filed = await call('overridesSubmit', {
      clientRequestId: crypto.randomUUID(),
      accountNumber: demoAccounts.carlosPena.accountNumber,
      outageId: 1,
      kind: 'goodwill',
      amountMinor: 1_250,
      reasonCode: 'service_recovery',
      justification: 'Customer waited two hours on the line for nothing.',
      interactionRef: 'CALL-15',
    });
    expect(filed.ok).toBe(true);
    await desk.hubSync!.syncNow();

    await signIn('sam');
    const fromHub = await summary();
    expect(fromHub.source).toBe('hub');
    expect(fromHub.pending.count).toBe(1);
    expect(fromHub.exposure).toEqual([{ currency: 'USD', count: 1, amountMinor: 1_250 }]);
    // Exactly what the hub computes from its own tables at that moment (the clock aside).
    const { source: _source, generatedAt, ...figures } = fromHub;
    const { generatedAt: _hubAt, ...atHub } = await readHubDashboard(site.pool, new Date(generatedAt));
    expect(figures).toEqual(atHub);

    // A request the site has and this desktop has not heard of (written at the hub, no change logged):
    // the hub's figures count it, the cache's cannot.
    await site.owner.query(
      `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref,
         requested_by, client_request_id, status, created_at)
       SELECT 'HUB-ONLY-1', a.id, 2, 'goodwill', 800, 'EUR', 'other', 'j', 'CALL-2', o.id, gen_random_uuid(), 'pending', now()
       FROM accounts a, operators o WHERE a.account_number = $1 AND o.username = 'bob'`,
      [demoAccounts.mariaMuller.accountNumber],
    );
    const siteWide = await summary();
    expect(siteWide.source).toBe('hub');
    expect(siteWide.pending.count).toBe(2);
    expect(siteWide.exposure).toEqual([
      { currency: 'EUR', count: 1, amountMinor: 800 },
      { currency: 'USD', count: 1, amountMinor: 1_250 },
    ]);

    await site.stop();
    const fromCache = await summary();
    expect(fromCache.source).toBe('cache');
    expect(fromCache.pending.count).toBe(1);
    expect(fromCache.exposure).toEqual([{ currency: 'USD', count: 1, amountMinor: 1_250 }]);

    await site.start();
    await desk.hubSync!.syncNow();
    const again = await summary();
    expect(again.source).toBe('hub');
    expect(again.pending.count).toBe(2);
  }, 60_000);

  it('refuses an agent before anything is asked of the hub', async () => {
    await signIn('alice');
    expect(await call('dashboardSummary', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  });
});
