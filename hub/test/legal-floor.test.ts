import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKey } from '@shared/domain/credit';
import { att202402MakeItRightV2 } from '@shared/policy/packs/att-2024-02-make-it-right';
import { nlTelecommunicatiewetOutageV2 } from '@shared/policy/packs/nl-telecommunicatiewet-outage';
import { Policy } from '@shared/policy/policy-schema';
import { DesktopClient, submitPayload, type HubFixture, startHubFixture } from './hub-fixture';

/*
 * Issue 13: the legal floor is re-checked at the hub. Outage 40 is a Dutch outage with the
 * Telecommunicatiewet (a statute, v2 of the pack) attached; Jan is a Dutch postpaid account
 * on EUR 46.50 a month, so 26 hours give him EUR 3.10 by law (the pack's worked example).
 * The hub computes that amount from its own rows with the desktop's shared rules
 * (shared/policy/legal-floor.ts) and refuses an override below it with the desktop's code.
 * Outage 41 has only a carrier policy: no floor there.
 */

let fixture: HubFixture;
let alice: DesktopClient;
let sam: DesktopClient;
const JAN = '312000000005';
/** The property's own account: no credit history (a reversed credit under the key changes the decision). */
const PIET = '312000000006';
let pietId = 0;
const STATUTE_OUTAGE = 40;
const CARRIER_OUTAGE = 41;
const START = '2026-02-01T06:00:00.000Z';
let janId = 0;

const endsAfter = (hours: number) => new Date(Date.parse(START) + hours * 3_600_000).toISOString();

async function setOutageHours(outageId: number, hours: number) {
  await fixture.owner.query('UPDATE outages SET ends_at = $2, revision = revision + 1 WHERE id = $1', [outageId, endsAfter(hours)]);
}

async function attach(outageId: number, input: unknown) {
  const policy = Policy.parse(input);
  await fixture.owner.query(
    `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) ON CONFLICT (code, version) DO UPDATE SET code = EXCLUDED.code RETURNING id)
     INSERT INTO outage_policies (outage_id, policy_id) SELECT $4, id FROM p`,
    [policy.code, policy.version, JSON.stringify(policy), outageId],
  );
}

async function requestsOf(accountId: number): Promise<number> {
  return (await fixture.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM override_requests WHERE account_id = $1', [accountId])).rows[0]!.n;
}
const janRequests = () => requestsOf(janId);

beforeAll(async () => {
  fixture = await startHubFixture();
  alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
  sam = await DesktopClient.signIn(fixture, 'sam', fixture.desktops[1]!);
  const { owner } = fixture;
  janId = (
    await owner.query<{ id: number }>(
      `INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, country, monthly_charge_minor, preferred_language)
       VALUES ($1, 'Jan de Vries', 'EUR', 'NH', 15, 'NL', 4650, 'nl') RETURNING id`,
      [JAN],
    )
  ).rows[0]!.id;
  pietId = (
    await owner.query<{ id: number }>(
      `INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, country, monthly_charge_minor, preferred_language)
       VALUES ($1, 'Piet Jansen', 'EUR', 'NH', 15, 'NL', 4650, 'nl') RETURNING id`,
      [PIET],
    )
  ).rows[0]!.id;
  await owner.query(
    `INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services) VALUES
       ($1, 'Randstad fibre cut', $3, $4, '{NH}', 'equipment', '{home_internet}'),
       ($2, 'Randstad mast repair', $3, $4, '{NH}', 'equipment', '{home_internet}')`,
    [STATUTE_OUTAGE, CARRIER_OUTAGE, START, endsAfter(26)],
  );
  await attach(STATUTE_OUTAGE, nlTelecommunicatiewetOutageV2);
  await attach(CARRIER_OUTAGE, att202402MakeItRightV2);
});
afterAll(async () => {
  await fixture?.close();
});
beforeEach(async () => {
  await fixture.owner.query("UPDATE override_requests SET status = 'withdrawn', version = version + 1 WHERE status = 'pending'");
  await fixture.owner.query("UPDATE credits SET status = 'reversed' WHERE status <> 'reversed'");
  await setOutageHours(STATUTE_OUTAGE, 26);
});

describe('the legal floor at the hub', () => {
  it('refuses a goodwill credit below what the law gives, with the amount, and files nothing; at or above it is filed', async () => {
    const before = await janRequests();
    expect(await alice.one('override.submit', submitPayload(JAN, STATUTE_OUTAGE, 200))).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      reason: 'below_legal_amount',
      details: { legalFloorMinor: 310 },
    });
    expect(await janRequests()).toBe(before);
    expect(await alice.one('override.submit', submitPayload(JAN, STATUTE_OUTAGE, 310))).toMatchObject({ status: 'accepted', request: { status: 'pending' } });
  });

  it('has no floor where only a carrier policy is attached', async () => {
    expect(await alice.one('override.submit', submitPayload(JAN, CARRIER_OUTAGE, 200))).toMatchObject({ status: 'accepted' });
  });

  it('refuses the approval of a request the law has overtaken: the outage was revised to 50 h (3/30 = EUR 4.65)', async () => {
    const filed = await alice.one('override.submit', submitPayload(JAN, STATUTE_OUTAGE, 400));
    expect(filed).toMatchObject({ status: 'accepted' });
    await setOutageHours(STATUTE_OUTAGE, 50);
    const requestId = (filed.request as { id: string }).id;
    expect(await sam.one('override.decide', { requestId, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      reason: 'below_legal_amount',
      details: { legalFloorMinor: 465 },
    });
    const { rows } = await fixture.owner.query('SELECT status, credit_id FROM override_requests WHERE id = $1', [requestId]);
    expect(rows).toEqual([{ status: 'pending', credit_id: null }]);
    // A rejection is not held to the floor.
    expect(await sam.one('override.decide', { requestId, version: 1, decision: 'reject', note: 'the law pays more' })).toMatchObject({ status: 'accepted', request: { status: 'rejected' } });
  });

  it('refuses to reverse the statutory credit once paid (already credited: the floor is what was paid)', async () => {
    const policyId = (await fixture.owner.query<{ id: number }>("SELECT id FROM credit_policies WHERE code = 'nl-telecommunicatiewet-outage'")).rows[0]!.id;
    const key = idempotencyKey({ accountId: janId, outageId: STATUTE_OUTAGE, policyCode: 'nl-telecommunicatiewet-outage' });
    await fixture.owner.query(
      `INSERT INTO credits (id, account_id, outage_id, policy_code, policy_id, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
       VALUES ('NL-JAN-1', $1, $2, 'nl-telecommunicatiewet-outage', $3, 310, 'EUR', 'automatic', 'scheduled', '2026-02-05', '2026-02-15', $4, now())
       ON CONFLICT (id) DO UPDATE SET status = 'scheduled'`,
      [janId, STATUTE_OUTAGE, policyId, key],
    );
    expect(await alice.one('override.submit', submitPayload(JAN, STATUTE_OUTAGE, 310, { kind: 'reverse', reasonCode: 'duplicate_correction' }))).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      reason: 'below_legal_amount',
      details: { legalFloorMinor: 310 },
    });
  });
});

/**
 * The law's amount, worked out here from the Telecommunicatiewet's text rather than by the
 * engine: longer than 12 hours; each started 24 hours counts once; 1/30 of the monthly fee
 * per period, half-up, at least EUR 1.00 where anything is due; prepaid EUR 0.50 per period with no minimum.
 */
function dutchLegalAmount(monthlyMinor: number, hours: number, prepaid: boolean): number {
  if (hours <= 12) return 0;
  const periods = Math.ceil(hours / 24);
  if (prepaid) return 50 * periods;
  const share = Math.floor((2 * monthlyMinor * periods + 30) / 60);
  // The minimum tops up an amount that is due; a share that rounds to nothing stays nothing (compute-amount.ts).
  return share === 0 ? 0 : Math.max(100, share);
}

describe('the legal floor at the hub, over the input space', () => {
  it('refuses exactly the goodwill amounts below the law amount, with that amount, whatever the fee, length and payment type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 15_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5000 }),
        async (monthlyMinor, hours, prepaid, amountMinor) => {
          await fixture.owner.query("UPDATE override_requests SET status = 'withdrawn', version = version + 1 WHERE status = 'pending'");
          await fixture.owner.query('UPDATE accounts SET monthly_charge_minor = $2, payment_type = $3 WHERE id = $1', [pietId, monthlyMinor, prepaid ? 'prepaid' : 'postpaid']);
          await setOutageHours(STATUTE_OUTAGE, hours);
          const floor = dutchLegalAmount(monthlyMinor, hours, prepaid);
          const before = await requestsOf(pietId);
          const answer = await alice.one('override.submit', submitPayload(PIET, STATUTE_OUTAGE, amountMinor));
          if (amountMinor < floor) {
            expect(answer).toMatchObject({ status: 'refused', code: 'CONFLICT', reason: 'below_legal_amount', details: { legalFloorMinor: floor } });
            expect(await requestsOf(pietId)).toBe(before);
          } else {
            expect(answer).toMatchObject({ status: 'accepted' });
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
