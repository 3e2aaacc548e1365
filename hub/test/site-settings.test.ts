import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { bearer, DesktopClient, signIn, startHubFixture, submitPayload, type HubFixture, type OperatorName } from './hub-fixture';

/*
 * Issue 15: the site's override limits per currency and the pattern-flag thresholds at the hub,
 * changed by an admin, audited, logged for every desktop and used by the hub's own rules.
 */

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture({ signInLimits: { perOperatorPerMinute: 10_000, perAddressPerMinute: 10_000 } });
  await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day) VALUES
    ('287100000009', 'Greta Holder', 'EUR', 'north', 12)`);
});
afterAll(async () => {
  await fixture?.close();
});

async function tokenOf(who: OperatorName): Promise<string> {
  return (await signIn(fixture, who)).token;
}

function post(token: string, url: string, payload: unknown) {
  return fixture.hub.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
}

async function auditOf(action: string): Promise<Array<{ operator: string; target: string; before: unknown; after: unknown }>> {
  const { rows } = await fixture.owner.query<{ operator: string; target: string; before: unknown; after: unknown }>(
    `SELECT o.username AS operator, a.target, a.before_json::json AS before, a.after_json::json AS after
     FROM audit_events a JOIN operators o ON o.id = a.operator_id WHERE a.action = $1 ORDER BY a.seq`,
    [action],
  );
  return rows;
}

async function changesOf(entity: string): Promise<Array<{ audience: string; data: Record<string, unknown> }>> {
  const { rows } = await fixture.owner.query<{ audience: string; data: Record<string, unknown> }>(
    'SELECT audience, data FROM change_log WHERE entity = $1 ORDER BY position',
    [entity],
  );
  return rows;
}

const DEFAULTS = { perRequestCapMinor: { USD: 5_000, EUR: 5_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 20_000 }, expiryDays: 7 };

describe('site limits per currency at the hub', () => {
  it('migrates the single amount into each currency, and gives it at sign-in', async () => {
    expect((await signIn(fixture, 'alice')).overrideSettings).toEqual(DEFAULTS);
  });

  it('refuses a change to agents and supervisors (FORBIDDEN_ROLE) and a daily total below its cap (INVALID_INPUT), changing nothing', async () => {
    for (const who of ['alice', 'sam'] as const) {
      const response = await post(await tokenOf(who), '/v1/admin/override-settings', DEFAULTS);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN_ROLE');
      const flags = await post(await tokenOf(who), '/v1/admin/pattern-thresholds', DEFAULT_PATTERN_THRESHOLDS);
      expect(flags.json().error.code).toBe('FORBIDDEN_ROLE');
    }
    const below = await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...DEFAULTS, agentDailyTotalMinor: { USD: 20_000, EUR: 4_000 } });
    expect(below.statusCode).toBe(400);
    expect(below.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { reason: 'daily_below_cap', currencies: 'EUR' } });
    const missing = await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...DEFAULTS, perRequestCapMinor: { USD: 5_000 } });
    expect(missing.json().error.code).toBe('INVALID_INPUT');
    expect(await auditOf('override_settings.changed')).toEqual([]);
    expect(await changesOf('override_settings')).toEqual([]);
    expect((await signIn(fixture, 'alice')).overrideSettings).toEqual(DEFAULTS);
  });

  it("an admin's change is audited with before and after, logged for every desktop, and each currency's cap is the hub's rule", async () => {
    const next = { perRequestCapMinor: { USD: 5_000, EUR: 2_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 9_000 }, expiryDays: 5 };
    const response = await post(await tokenOf('ada'), '/v1/admin/override-settings', next);
    expect(response.statusCode).toBe(200);
    // Without a zone the site's stays (UTC), and the answer, audit and log entry name it.
    const stored = { ...next, siteTimeZone: 'UTC' };
    expect(response.json()).toEqual(stored);
    expect(await auditOf('override_settings.changed')).toEqual([
      { operator: 'ada', target: 'override_settings:site', before: { ...DEFAULTS, siteTimeZone: 'UTC' }, after: stored },
    ]);
    expect(await changesOf('override_settings')).toEqual([{ audience: 'all', data: stored }]);
    expect((await signIn(fixture, 'sam')).overrideSettings).toEqual(next);
    expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });

    // The hub's submit checks a EUR request against the EUR cap, a USD one against the USD cap.
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    expect(await alice.one('override.submit', submitPayload('287100000009', 1, 2_500))).toMatchObject({
      status: 'refused',
      reason: 'over_request_cap',
      details: { perRequestCapMinor: 2_000 },
    });
    expect(await alice.one('override.submit', submitPayload('287100000001', 1, 2_500))).toMatchObject({ status: 'accepted' });
    expect(await alice.one('override.submit', submitPayload('287100000009', 1, 2_000))).toMatchObject({ status: 'accepted' });
  });
});

describe("the site's time zone at the hub", () => {
  const limits = () => ({ perRequestCapMinor: { USD: 5_000, EUR: 5_000 }, agentDailyTotalMinor: { USD: 9_000, EUR: 20_000 }, expiryDays: 7 });

  it('is refused to a supervisor, and refused as INVALID_INPUT when not an IANA zone, changing nothing', async () => {
    const sam = await post(await tokenOf('sam'), '/v1/admin/override-settings', { ...limits(), siteTimeZone: 'America/Chicago' });
    expect(sam.json().error.code).toBe('FORBIDDEN_ROLE');
    for (const zone of ['Mars/Olympus_Mons', '', 'x'.repeat(65), 5]) {
      const bad = await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...limits(), siteTimeZone: zone });
      expect(bad.statusCode, String(zone)).toBe(400);
      expect(bad.json().error.code).toBe('INVALID_INPUT');
    }
    const extra = await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...limits(), siteTimeZone: 'UTC', timeZone: 'UTC' });
    expect(extra.json().error.code).toBe('INVALID_INPUT');
    expect((await fixture.owner.query('SELECT time_zone FROM site_settings')).rows).toEqual([{ time_zone: 'UTC' }]);
    expect(await auditOf('override_settings.changed')).toHaveLength(1);
  });

  it("an admin's change is audited with before and after, logged for every desktop, given at sign-in, and the daily total counts by it", async () => {
    const before = (await changesOf('override_settings')).at(-1)!.data;
    const response = await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...limits(), siteTimeZone: 'America/Chicago' });
    expect(response.statusCode).toBe(200);
    const after = { ...limits(), siteTimeZone: 'America/Chicago' };
    expect(response.json()).toEqual(after);
    expect((await auditOf('override_settings.changed')).at(-1)).toEqual({ operator: 'ada', target: 'override_settings:site', before, after });
    expect((await changesOf('override_settings')).at(-1)).toEqual({ audience: 'all', data: after });
    expect((await fixture.owner.query('SELECT time_zone FROM site_settings')).rows).toEqual([{ time_zone: 'America/Chicago' }]);
    expect((await signIn(fixture, 'sam')).siteTimeZone).toBe('America/Chicago');
    expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });

    await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
      SELECT '2871000000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(40, 43) AS n`);
    // 23:00 UTC on 10 March is 18:00 in Chicago (CDT, UTC-5).
    fixture.clock.advance(Date.parse('2026-03-10T23:00:00.000Z') - fixture.clock.now().getTime());
    const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
    const bob = await DesktopClient.signIn(fixture, 'bob', one);
    const boss = await DesktopClient.signIn(fixture, 'sam', two);
    const filed = await bob.one('override.submit', submitPayload('287100000040', 1, 5_000));
    expect(filed, JSON.stringify(filed)).toMatchObject({ status: 'accepted' });
    expect(await boss.one('override.decide', { requestId: (filed.request as { id: string }).id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ status: 'accepted' });
    // 02:00 UTC on 11 March is 21:00 on 10 March in Chicago: the same business day, 5,000 + 5,000 > 9,000.
    fixture.clock.advance(3 * 60 * 60 * 1000);
    expect(await bob.one('override.submit', submitPayload('287100000041', 1, 5_000))).toMatchObject({ status: 'refused', reason: 'over_daily_total' });
    // Back to UTC by the same route: 11 March has begun there, nothing approved on it yet.
    expect((await post(await tokenOf('ada'), '/v1/admin/override-settings', { ...limits(), siteTimeZone: 'UTC' })).statusCode).toBe(200);
    expect(await bob.one('override.submit', submitPayload('287100000042', 1, 5_000))).toMatchObject({ status: 'accepted' });
  });
});

describe('pattern-flag thresholds at the hub', () => {
  it('are the defaults until an admin sets them; a change is audited and logged for every desktop', async () => {
    expect((await signIn(fixture, 'sam')).patternThresholds).toEqual(DEFAULT_PATTERN_THRESHOLDS);
    const next = { ...DEFAULT_PATTERN_THRESHOLDS, nearCapMin: 2, rateFactor: 2.5 };
    const response = await post(await tokenOf('ada'), '/v1/admin/pattern-thresholds', next);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(next);
    expect(await auditOf('override_patterns.changed')).toEqual([
      { operator: 'ada', target: 'override_patterns:site', before: DEFAULT_PATTERN_THRESHOLDS, after: next },
    ]);
    expect(await changesOf('pattern_thresholds')).toEqual([{ audience: 'all', data: next }]);
    expect((await signIn(fixture, 'alice')).patternThresholds).toEqual(next);
    const invalid = await post(await tokenOf('ada'), '/v1/admin/pattern-thresholds', { ...next, rateFactor: 0.5 });
    expect(invalid.json().error.code).toBe('INVALID_INPUT');
    expect(await changesOf('pattern_thresholds')).toHaveLength(1);
  });
});
