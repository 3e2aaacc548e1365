import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATTERN_THRESHOLDS } from '@shared/domain/override-patterns';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { fakeSealer } from '../support/fake-sealer';
import { startHubTestSite, type HubTestSite } from '../support/hub-test-site';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * Issue 15: on enrolled desktops the site's override limits (per currency) and the pattern-flag
 * thresholds are the hub's. An admin on desk A changes them with the limits screen's own
 * channels; the hub audits the change and desk B, by its change log, flags and limits by the
 * same; so too the site's time zone, which the hub's daily totals count in
 * (hub/test/site-settings.test.ts). Two real desktops (SQLite) and a real hub (PostgreSQL).
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));

let site: HubTestSite;
let dir: string;
let deskA: Backend;
let deskB: Backend;

function caller(desk: Backend) {
  return async <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> =>
    (await desk.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(desk: Backend, username: string) {
  const call = caller(desk);
  await call('authSignOut', {});
  return call('authSignIn', { username, password: PASSWORD[username]! });
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

async function hubAudit(action: string) {
  const { rows } = await site.owner.query<{ operator: string; before: unknown; after: unknown }>(
    `SELECT o.username AS operator, a.before_json::json AS before, a.after_json::json AS after
     FROM audit_events a JOIN operators o ON o.id = a.operator_id WHERE a.action = $1 ORDER BY a.seq`,
    [action],
  );
  return rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-site-settings-'));
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
}, 120_000);

afterAll(async () => {
  deskA?.close();
  deskB?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("the site's settings on enrolled desktops are the hub's", () => {
  it("a flag-threshold change by an admin on desk A is stored and audited at the hub and reaches desk B, where a supervisor sees it", async () => {
    // Desk B holds its own, older thresholds from before it was enrolled: the hub's replace them.
    deskB.db.prepare("INSERT OR REPLACE INTO override_pattern_settings (id, thresholds_json, updated_by, updated_at) VALUES (1, ?, NULL, '2026-01-01T00:00:00.000Z')").run(JSON.stringify({ ...DEFAULT_PATTERN_THRESHOLDS, nearCapMin: 9 }));
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    const next = { ...DEFAULT_PATTERN_THRESHOLDS, nearCapMin: 2, repeatWindowDays: 45 };
    expect(await caller(deskA)('overridesPatternsSet', next)).toEqual({ ok: true, value: next });
    const { rows } = await site.owner.query<{ thresholds: unknown }>('SELECT thresholds FROM pattern_settings WHERE id = 1');
    expect(rows).toEqual([{ thresholds: next }]);
    expect(await hubAudit('override_patterns.changed')).toEqual([{ operator: 'ada', before: DEFAULT_PATTERN_THRESHOLDS, after: next }]);
    // No local audit on desk A: the change is the hub's.
    expect(deskA.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'override_patterns.changed'").pluck().get()).toBe(0);

    expect((await signIn(deskB, 'sam')).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect(await caller(deskB)('overridesPatternsGet', {})).toEqual({ ok: true, value: next });
  });

  it('an agent or supervisor cannot change them at the hub, and an admin offline is refused with needs_hub, changing nothing', async () => {
    expect(await caller(deskB)('overridesPatternsSet', DEFAULT_PATTERN_THRESHOLDS)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect((await signIn(deskB, 'ada')).ok).toBe(true);
    await site.stop();
    try {
      expect(await caller(deskB)('overridesPatternsSet', DEFAULT_PATTERN_THRESHOLDS)).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } } });
      const limits = await caller(deskB)('overridesSettingsGet', {});
      if (!limits.ok) throw new Error('settings');
      expect(await caller(deskB)('overridesSettingsSet', limits.value)).toMatchObject({ ok: false, error: { code: 'HUB_UNAVAILABLE', details: { reason: 'needs_hub' } } });
    } finally {
      await site.start();
    }
    expect((await caller(deskB)('overridesPatternsGet', {})).ok && (await caller(deskB)('overridesPatternsGet', {}))).toMatchObject({ value: { nearCapMin: 2 } });
    expect((await site.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'override_patterns.changed'")).rows[0]!.n).toBe(1);
  });

  it("limits per currency set on desk A are the hub's rule and desk B's after a pull", async () => {
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    const before = await caller(deskA)('overridesSettingsGet', {});
    if (!before.ok) throw new Error('settings');
    const next = { ...before.value, perRequestCapMinor: { USD: 5_000, EUR: 3_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 12_000 } };
    expect(await caller(deskA)('overridesSettingsSet', next)).toEqual({ ok: true, value: next });
    const audited = await hubAudit('override_settings.changed');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ operator: 'ada', after: { perRequestCapMinor: { USD: 5_000, EUR: 3_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 12_000 } } });
    expect((await signIn(deskB, 'sam')).ok).toBe(true);
    await deskB.hubSync!.syncNow();
    expect(await caller(deskB)('overridesSettingsGet', {})).toMatchObject({
      ok: true,
      value: { perRequestCapMinor: { USD: 5_000, EUR: 3_000 }, agentDailyTotalMinor: { USD: 20_000, EUR: 12_000 } },
    });
  });

  it("the site time zone saved on desk A's limits screen is the hub's (its daily totals count in it) and desk B's, by the log and at sign-in", async () => {
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    const before = await caller(deskA)('overridesSettingsGet', {});
    if (!before.ok) throw new Error('settings');
    const hubZone = (await site.owner.query<{ zone: string }>('SELECT time_zone AS zone FROM site_settings')).rows[0]!.zone;
    expect(before.value.siteTimeZone).toBe(hubZone);
    const next = { ...before.value, siteTimeZone: 'Pacific/Auckland' };
    expect(await caller(deskA)('overridesSettingsSet', next)).toEqual({ ok: true, value: next });
    expect((await site.owner.query('SELECT time_zone FROM site_settings')).rows).toEqual([{ time_zone: 'Pacific/Auckland' }]);
    expect((await hubAudit('override_settings.changed')).at(-1)).toEqual({
      operator: 'ada',
      before: { ...next, siteTimeZone: hubZone },
      after: next,
    });

    // Desk B counted in a zone of its own: the hub's answer at sign-in replaces it.
    deskB.db.prepare("UPDATE override_settings SET site_time_zone = 'America/Chicago'").run();
    expect((await signIn(deskB, 'sam')).ok).toBe(true);
    expect(await caller(deskB)('overridesSettingsGet', {})).toMatchObject({ ok: true, value: { siteTimeZone: 'Pacific/Auckland' } });

    // An unknown zone is refused on the desktop by the shared rule, the hub unchanged.
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    expect(await caller(deskA)('overridesSettingsSet', { ...next, siteTimeZone: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await site.owner.query('SELECT time_zone FROM site_settings')).rows).toEqual([{ time_zone: 'Pacific/Auckland' }]);
  });

  it("desk B's cache takes the hub's time zone from the change log while signed in", async () => {
    expect((await signIn(deskB, 'sam')).ok).toBe(true);
    expect((await signIn(deskA, 'ada')).ok).toBe(true);
    const before = await caller(deskA)('overridesSettingsGet', {});
    if (!before.ok) throw new Error('settings');
    expect((await caller(deskA)('overridesSettingsSet', { ...before.value, siteTimeZone: 'Europe/Amsterdam' })).ok).toBe(true);
    expect(deskB.db.prepare('SELECT site_time_zone FROM override_settings').pluck().get()).toBe('Pacific/Auckland');
    await deskB.hubSync!.syncNow();
    expect(deskB.db.prepare('SELECT site_time_zone FROM override_settings').pluck().get()).toBe('Europe/Amsterdam');
  });
});
