import * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { DesktopClient, startHubFixture, submitPayload, TEST_HUB_PASSWORD_COST, type HubFixture } from './hub-fixture';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});

/** Stronger than the seeded hashes (N = 1024), still cheap: the hub's "current" cost in this file. */
const TARGET = { N: 2048, r: 8, p: 1 };

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture({ passwordCost: TARGET, signInLimits: { perOperatorPerMinute: 1_000, perAddressPerMinute: 1_000 } });
});
afterAll(async () => {
  await fixture?.close();
});

function attempt(username: string, password: string) {
  return fixture.hub.inject({ method: 'POST', url: '/v1/sign-in', payload: { ...fixture.desktops[0]!, username, password }, remoteAddress: '10.0.0.9' });
}

async function storedHash(username: string): Promise<string> {
  return (await fixture.owner.query<{ h: string }>('SELECT password_hash AS h FROM operators WHERE username = $1', [username])).rows[0]!.h;
}

async function rehashEvents(username: string) {
  const { rows } = await fixture.owner.query<{ before: string; after: string }>(
    "SELECT before_json AS before, after_json AS after FROM audit_events WHERE action = 'auth.password_rehashed' AND target = $1",
    [`operator:${username}`],
  );
  return rows.map((row) => ({ before: JSON.parse(row.before) as unknown, after: JSON.parse(row.after) as unknown }));
}

describe('hub password rehash at sign-in', () => {
  it('rehashes a weaker stored hash once, at the next successful sign-in, records it, and the password still works', async () => {
    expect(await storedHash('alice')).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect((await attempt('alice', 'wrong-password')).statusCode).toBe(401);
    expect(await storedHash('alice')).toMatch(/^scrypt\$1024\$8\$1\$/);

    expect((await attempt('alice', 'alice-password-1')).statusCode).toBe(200);
    expect(await storedHash('alice')).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await rehashEvents('alice')).toEqual([{ before: TEST_HUB_PASSWORD_COST, after: TARGET }]);

    expect((await attempt('alice', 'alice-password-1')).statusCode).toBe(200);
    expect(await rehashEvents('alice')).toHaveLength(1);
    expect((await attempt('alice', 'not-it')).statusCode).toBe(401);
    expect(await verifyAuditChain(fixture.owner)).toMatchObject({ ok: true });
  });

  it('never rehashes for a locked operator, even with the right password', async () => {
    for (let index = 0; index < 5; index++) await attempt('sue', 'wrong-password');
    expect((await attempt('sue', 'sue-password-1')).json()).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
    expect(await storedHash('sue')).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await rehashEvents('sue')).toEqual([]);
  });
});

describe('hub answers for a locked operator and an unknown name', () => {
  it('answers five failures and the lockout of an unknown name exactly as for a real operator', async () => {
    const answers = async (username: string) => {
      const seen: Array<{ status: number; code: string; lockedUntil: boolean }> = [];
      for (let index = 0; index < 7; index++) {
        const response = await attempt(username, 'wrong-password');
        const error = response.json().error as { code: string; details?: { lockedUntil?: string } };
        seen.push({ status: response.statusCode, code: error.code, lockedUntil: typeof error.details?.lockedUntil === 'string' });
      }
      return seen;
    };
    const real = await answers('bob');
    const unknown = await answers('nobody-by-this-name');
    expect(real.map((a) => a.code)).toEqual([...Array(5).fill('BAD_CREDENTIALS'), 'OPERATOR_LOCKED', 'OPERATOR_LOCKED']);
    expect(unknown).toEqual(real);
  });

  it('spends one full-cost scrypt before every answer: unknown name, wrong password, locked operator', async () => {
    const scrypt = vi.mocked(crypto.scrypt);
    const costOf = async (username: string, password: string) => {
      scrypt.mockClear();
      await attempt(username, password);
      return scrypt.mock.calls.map((call) => ({ N: call[3].N, r: call[3].r, p: call[3].p }));
    };
    // bob is locked by the test before; sam is not.
    expect(await costOf('bob', 'bob-password-1')).toEqual([{ N: TEST_HUB_PASSWORD_COST.N, r: 8, p: 1 }]);
    expect(await costOf('sam', 'wrong-password')).toEqual([{ N: TEST_HUB_PASSWORD_COST.N, r: 8, p: 1 }]);
    // The decoy costs what a hash at the hub's cost does: what every stored hash becomes after its next sign-in.
    expect(await costOf('no-such-operator', 'whatever')).toEqual([TARGET]);
  });
});

describe('the hub site time zone', () => {
  it('is a setting of its own (site_settings), UTC until an admin sets it, and refuses a zone PostgreSQL does not know', async () => {
    expect((await fixture.owner.query('SELECT time_zone FROM site_settings')).rows).toEqual([{ time_zone: 'UTC' }]);
    await expect(fixture.owner.query("UPDATE site_settings SET time_zone = 'Mars/Olympus_Mons'")).rejects.toThrow(/time zone/);
    // The hub's role changes the zone alone (an admin's route, site-settings.ts), never the row's id.
    await expect(fixture.pool.query('UPDATE site_settings SET id = 2')).rejects.toThrow(/permission denied/);
    await expect(fixture.pool.query('DELETE FROM site_settings')).rejects.toThrow(/permission denied/);
  });
});

describe('the per-agent daily total at the hub', () => {
  it("counts per currency, over the business day of the hub's site time zone", async () => {
    await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
      SELECT '2871000000' || n, 'Holder ' || n, CASE WHEN n = 29 THEN 'EUR' ELSE 'USD' END, 'north', 12 FROM generate_series(20, 29) AS n`);
    await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 9000');
    await fixture.owner.query("UPDATE site_settings SET time_zone = 'America/Chicago'");
    try {
      // 23:00 UTC on 10 March is 18:00 in Chicago (CDT, UTC-5, since 8 March).
      fixture.clock.advance(Date.parse('2026-03-10T23:00:00.000Z') - fixture.clock.now().getTime());
      const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
      const carol = await DesktopClient.signIn(fixture, 'alice', one);
      const boss = await DesktopClient.signIn(fixture, 'sam', two);
      const approve = async (accountNumber: string) => {
        const filed = await carol.one('override.submit', submitPayload(accountNumber, 1, 5000));
        expect(filed, JSON.stringify(filed)).toMatchObject({ status: 'accepted' });
        const id = (filed.request as { id: string }).id;
        expect(await boss.one('override.decide', { requestId: id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ status: 'accepted' });
      };
      await approve('287100000020');
      // 5000 EUR leave the 5000 USD alone: each currency has its own total.
      await approve('287100000029');
      // 02:00 UTC on 11 March is 21:00 on 10 March in Chicago: still the same business day.
      fixture.clock.advance(3 * 60 * 60 * 1000);
      expect(await carol.one('override.submit', submitPayload('287100000021', 1, 5000))).toMatchObject({
        status: 'refused',
        reason: 'over_daily_total',
      });
      // Counted in UTC, 11 March has just begun and nothing was approved on it yet.
      await fixture.owner.query("UPDATE site_settings SET time_zone = 'UTC'");
      expect(await carol.one('override.submit', submitPayload('287100000022', 1, 5000))).toMatchObject({ status: 'accepted' });
    } finally {
      await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 20000');
      await fixture.owner.query("UPDATE site_settings SET time_zone = 'UTC'");
    }
  });
});

describe("the hub's audit head at sign-in, for the desktop that witnesses it", () => {
  it('answers its newest event, and the event at the seq the desktop saw last (null when there is none)', async () => {
    const head = (await fixture.owner.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0]!;
    const signIn = (knownAuditSeq?: number) =>
      fixture.hub.inject({
        method: 'POST',
        url: '/v1/sign-in',
        payload: { ...fixture.desktops[1]!, username: 'ada', password: 'ada-password-1', ...(knownAuditSeq ? { knownAuditSeq } : {}) },
      });
    const first = (await signIn()).json() as { audit: unknown };
    // ada's first sign-in rehashed her password: one event more than before it.
    const newest = (await fixture.owner.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0]!;
    expect(first.audit).toEqual({ head: newest, known: null });
    expect(((await signIn(head.seq)).json() as { audit: unknown }).audit).toEqual({ head: newest, known: head });
    expect(((await signIn(newest.seq + 1000)).json() as { audit: unknown }).audit).toEqual({ head: newest, known: null });
  });
});
