import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKey } from '@shared/domain/credit';
import { deTkg58Entschaedigung } from '@shared/policy/packs/de-tkg-58-entschaedigung';
import { Policy } from '@shared/policy/policy-schema';
import { DesktopClient, newRequestId, startHubFixture, type HubFixture } from './hub-fixture';

/*
 * Issue 13, Germany's TKG section 58 at the hub (hub migration 012 admits German accounts):
 * the consumer claims, but the days are counted from the fault report, so a claim registered
 * before the report is on record waits; when the report arrives (here from another desktop's
 * outbox, recorded there offline on the day the customer called) the hub writes the statutory
 * credit. The amounts are the pack's worked examples: the fault started on Sunday 3 March 2024,
 * was reported on Monday 4 March and fixed on day 6 (Sunday 10 March, noon): 2 x EUR 5 + 2 x
 * EUR 10 = EUR 30.00 on a EUR 40.00 plan, and 2 x EUR 8 + 2 x EUR 16 = EUR 48.00 on EUR 80.00.
 */

let fixture: HubFixture;
let alice: DesktopClient;
let bob: DesktopClient;
const OUTAGE = 60;
const TKG = deTkg58Entschaedigung.code;

async function germanAccount(accountNumber: string, monthlyMinor: number): Promise<{ id: number; lineId: number }> {
  const { rows } = await fixture.owner.query<{ id: number }>(
    `INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, country, monthly_charge_minor, postal_code)
     VALUES ($1, 'Greta Kunde', 'EUR', 'BE', 12, 'DE', $2, '10115') RETURNING id`,
    [accountNumber, monthlyMinor],
  );
  const id = rows[0]!.id;
  const line = await fixture.owner.query<{ id: number }>(
    `INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
     VALUES ($1, $2, $3, 'home_internet', $4, 'active') RETURNING id::int AS id`,
    [`DE-L-${accountNumber}`, id, `+4930${accountNumber.slice(-7)}`, monthlyMinor],
  );
  return { id, lineId: line.rows[0]!.id };
}

function claimPayload(accountNumber: string) {
  return { accountNumber, outageId: OUTAGE, policyCode: TKG, interactionRef: 'CALL-DE-1', claimId: newRequestId(), recordedAt: '2024-03-12T09:00:00.000Z', credits: [] };
}

function reportPayload(accountNumber: string, lineId: number) {
  return {
    clientRequestId: crypto.randomUUID(),
    accountNumber,
    outageId: OUTAGE,
    lineId,
    fromAt: '2024-03-03T20:00:00.000Z',
    toAt: null,
    failed: ['internet', 'fixed_voice'],
    note: 'Kein Internet und kein Festnetz seit Sonntagabend.',
    interactionRef: 'CALL-DE-0',
    reportId: newRequestId(),
    // Recorded on the desktop while it was offline, on the day the customer called.
    recordedAt: '2024-03-04T10:00:00.000Z',
  };
}

async function creditsOf(accountId: number) {
  const { rows } = await fixture.owner.query(
    `SELECT c.amount_minor::int AS amount, c.currency, c.idempotency_key AS key, c.source, c.status, cl.id AS "claimId"
     FROM credits c LEFT JOIN credit_claims cl ON cl.credit_id = c.id WHERE c.account_id = $1 ORDER BY c.created_at`,
    [accountId],
  );
  return rows;
}

beforeAll(async () => {
  fixture = await startHubFixture();
  alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
  bob = await DesktopClient.signIn(fixture, 'bob', fixture.desktops[1]!);
  await fixture.owner.query(
    `INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services)
     VALUES ($1, 'Berlin Mitte cable fault', '2024-03-03T20:00:00Z', '2024-03-10T12:00:00Z', '{BE}', 'equipment', '{home_internet,fixed_voice}')`,
    [OUTAGE],
  );
  const policy = Policy.parse(deTkg58Entschaedigung);
  await fixture.owner.query(
    `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id) INSERT INTO outage_policies (outage_id, policy_id) SELECT $4, id FROM p`,
    [policy.code, policy.version, JSON.stringify(policy), OUTAGE],
  );
});
afterAll(async () => {
  await fixture?.close();
});

describe('TKG section 58 at the hub: a claim waiting for the fault report', () => {
  it.each([
    ['EUR 40.00: 2 x EUR 5 + 2 x EUR 10', '491000000001', 4000, 3000],
    ['EUR 80.00: 2 x EUR 8 (10 %) + 2 x EUR 16 (20 %)', '491000000002', 8000, 4800],
  ])('on %s the report completes the claim and the hub pays the statutory credit once', async (_name, accountNumber, monthlyMinor, expected) => {
    const account = await germanAccount(accountNumber, monthlyMinor);
    // The claim first: nothing to count from yet, so the claim stands and nothing is paid.
    const claim = claimPayload(accountNumber);
    expect(await alice.one('claim.register', claim)).toMatchObject({ status: 'accepted', evidence: { kind: 'credit_claim', claim: { id: claim.claimId }, creditIds: [] } });
    expect(await creditsOf(account.id)).toEqual([]);

    // The report arrives from the other desktop's outbox: the claim is complete.
    const report = reportPayload(accountNumber, account.lineId);
    const answer = await bob.one('fault_report.record', report);
    expect(answer).toMatchObject({ status: 'accepted', evidence: { kind: 'fault_report', report: { id: report.reportId }, creditRequest: null } });
    const key = idempotencyKey({ accountId: account.id, outageId: OUTAGE, policyCode: TKG });
    expect(await creditsOf(account.id)).toEqual([{ amount: expected, currency: 'EUR', key, source: 'automatic', status: 'scheduled', claimId: claim.claimId }]);
    const { rows: changes } = await fixture.owner.query(`SELECT entity, data FROM change_log WHERE entity = 'credit' ORDER BY position DESC LIMIT 1`);
    expect(changes).toEqual([{ entity: 'credit', data: expect.objectContaining({ amountMinor: expected, currency: 'EUR', accountNumber, policyCode: TKG }) }]);

    // Another report of the same fault (a second call) pays nothing more.
    expect(await alice.one('fault_report.record', { ...reportPayload(accountNumber, account.lineId), recordedAt: '2024-03-05T08:00:00.000Z' })).toMatchObject({ status: 'accepted' });
    expect(await creditsOf(account.id)).toHaveLength(1);
  });

  it('keeps German accounts in EUR only where the schema allows the country (hub migration 012)', async () => {
    await expect(
      fixture.owner.query("INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, country) VALUES ('491000000099', 'X', 'EUR', 'BE', 1, 'FR')"),
    ).rejects.toThrow(/accounts_country_check/);
  });
});
