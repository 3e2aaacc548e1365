import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardFigures } from '@shared/ipc/dashboard-channels';
import { bearer, DesktopClient, signIn, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

/*
 * GET /v1/dashboard on a real PostgreSQL: the supervisor's and admin's figures from the hub's
 * own tables, after requests filed and decided through the hub's operations. Only supervisors
 * and admins; the query string is strict; the answer is the strict shared schema.
 */

const HOUR_MS = 3_600_000;
let fixture: HubFixture;
let alice: DesktopClient;
let bob: DesktopClient;
let sam: DesktopClient;

beforeAll(async () => {
  fixture = await startHubFixture();
  const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
  alice = await DesktopClient.signIn(fixture, 'alice', one);
  bob = await DesktopClient.signIn(fixture, 'bob', two);
  sam = await DesktopClient.signIn(fixture, 'sam', two);
  await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
    SELECT '2871000000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(10, 14) AS n`);
});
afterAll(async () => {
  await fixture?.close();
});

async function dashboard(token: string, query = '') {
  return fixture.hub.inject({ method: 'GET', url: `/v1/dashboard${query}`, headers: bearer(token) });
}

describe('GET /v1/dashboard', () => {
  it('counts the requests filed and decided at the hub: queue, exposure, approvals today against the limit, overrides, credits', async () => {
    const empty = await dashboard(sam.token);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ pending: { count: 0, oldestCreatedAt: null }, exposure: [], credits: [], approvalsToday: [] });

    // Two hours ago Alice files two; Sam approves one of them an hour later. Bob files one now.
    fixture.clock.advance(-2 * HOUR_MS);
    const filedAt = fixture.clock.now().toISOString();
    const first = await alice.one('override.submit', submitPayload('287100000010', 1, 1_500));
    const second = await alice.one('override.submit', submitPayload('287100000011', 1, 700, { reasonCode: 'extended_outage' }));
    expect([first.status, second.status]).toEqual(['accepted', 'accepted']);
    fixture.clock.advance(HOUR_MS);
    const request = first.request as { id: string; version: number };
    expect(await sam.one('override.decide', { requestId: request.id, version: request.version, decision: 'approve', note: 'Fair.' })).toMatchObject({
      status: 'accepted',
    });
    fixture.clock.advance(HOUR_MS);
    expect((await bob.one('override.submit', submitPayload('287100000012', 1, 400))).status).toBe('accepted');

    const response = await dashboard(sam.token);
    expect(response.statusCode).toBe(200);
    const figures = DashboardFigures.parse(response.json());
    expect(figures.generatedAt).toBe(fixture.clock.now().toISOString());
    expect(figures.siteTimeZone).toBe('UTC');
    expect(figures.pending).toEqual({ count: 2, oldestCreatedAt: filedAt, expiringSoonCount: 0, expiringSoon: [] });
    expect(figures.queueAge).toEqual([
      { bucket: 'under1h', count: 1 },
      { bucket: 'under4h', count: 1 },
      { bucket: 'under24h', count: 0 },
      { bucket: 'under3d', count: 0 },
      { bucket: 'older', count: 0 },
    ]);
    expect(figures.exposure).toEqual([{ currency: 'USD', count: 2, amountMinor: 1_100 }]);
    // The fixture's display names are the usernames in capitals; the site's daily total is $200.00.
    expect(figures.approvalsToday).toEqual([{ agent: 'ALICE', currency: 'USD', count: 1, amountMinor: 1_500, limitMinor: 20_000 }]);
    expect(figures.overridesByAgent).toEqual([
      { agent: 'ALICE', currency: 'USD', count: 2, amountMinor: 2_200 },
      { agent: 'BOB', currency: 'USD', count: 1, amountMinor: 400 },
    ]);
    expect(figures.overridesByReason).toEqual([
      { reason: 'service_recovery', currency: 'USD', count: 2, amountMinor: 1_900 },
      { reason: 'extended_outage', currency: 'USD', count: 1, amountMinor: 700 },
    ]);
    expect(figures.overridesPerDay.reduce((sum, row) => sum + row.count, 0)).toBe(3);
    // The approved request's credit, scheduled, in its outage and region.
    expect(figures.credits).toEqual([{ outageId: 1, outage: 'North fibre cut', region: 'north', status: 'scheduled', currency: 'USD', count: 1, amountMinor: 1_500 }]);

    // An agent's own limit in a currency replaces the site's for that agent.
    await fixture.owner.query(
      "INSERT INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at) VALUES ((SELECT id FROM operators WHERE username = 'alice'), 'USD', 9000, (SELECT id FROM operators WHERE username = 'ada'), now())",
    );
    expect((await dashboard(sam.token)).json().approvalsToday).toEqual([{ agent: 'ALICE', currency: 'USD', count: 1, amountMinor: 1_500, limitMinor: 9_000 }]);
  });

  it('answers an admin too, refuses an agent and an unknown query field, and changes nothing', async () => {
    const ada = await signIn(fixture, 'ada');
    expect((await dashboard(ada.token)).statusCode).toBe(200);
    const agent = await dashboard(alice.token);
    expect(agent.statusCode).toBe(403);
    expect(agent.json().error.code).toBe('FORBIDDEN_ROLE');
    const before = (await fixture.owner.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n;
    const odd = await dashboard(sam.token, '?since=1');
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error.code).toBe('INVALID_INPUT');
    expect((await fixture.owner.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBe(before);
  });

  it('leaves a request whose expiry has come out of the queue without writing to it', async () => {
    fixture.clock.advance(8 * 24 * HOUR_MS);
    // Sessions do not last a week: Sam signs in again.
    const figures = (await dashboard((await signIn(fixture, 'sam')).token)).json();
    expect(figures.pending.count).toBe(0);
    expect(figures.exposure).toEqual([]);
    const { rows } = await fixture.owner.query("SELECT count(*)::int AS n FROM override_requests WHERE status = 'pending'");
    expect(rows[0].n).toBe(2);
  });
});
