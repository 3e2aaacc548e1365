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
    expect(response.json()).toEqual(next);
    expect(await auditOf('override_settings.changed')).toEqual([{ operator: 'ada', target: 'override_settings:site', before: DEFAULTS, after: next }]);
    expect(await changesOf('override_settings')).toEqual([{ audience: 'all', data: next }]);
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
