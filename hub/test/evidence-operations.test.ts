import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { att202402MakeItRightV2 } from '@shared/policy/packs/att-2024-02-make-it-right';
import { verizon202601OutageCredit } from '@shared/policy/packs/verizon-2026-01-outage-credit';
import { Policy } from '@shared/policy/policy-schema';
import { idempotencyKey } from '@shared/domain/credit';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { DesktopClient, newRequestId, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

/*
 * Issue 13: `fault_report.record` and `claim.register` at the hub, on a real PostgreSQL.
 * Outage 30 is Verizon's January 2026 outage with its on-request $20 credit (claim window 60
 * days after the day it ended: up to 2026-03-16) and AT&T's automatic pack beside it; the
 * fixture's clock is 2026-03-10.
 */

let fixture: HubFixture;
let alice: DesktopClient;
let bob: DesktopClient;
let ada: DesktopClient;
const OUTAGE = 30;
const DANA = '287100000001';
let danaLine = 0;

beforeAll(async () => {
  fixture = await startHubFixture();
  const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
  alice = await DesktopClient.signIn(fixture, 'alice', one);
  bob = await DesktopClient.signIn(fixture, 'bob', two);
  ada = await DesktopClient.signIn(fixture, 'ada', two);
  const { owner } = fixture;
  await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
    SELECT '2871000000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(20, 29) AS n`);
  await owner.query("UPDATE accounts SET segment = 'business' WHERE account_number = '287100000025'");
  await owner.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
    SELECT 'L' || id, id, '+1512555' || lpad(id::text, 4, '0'), 'wireless_voice', 6500, 'active' FROM accounts`);
  danaLine = (await owner.query<{ id: number }>(`SELECT l.id::int AS id FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number = $1`, [DANA])).rows[0]!.id;
  await owner.query(`INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services, towers_affected)
    VALUES (${OUTAGE}, 'Verizon wireless outage', '2026-01-14T17:00:00Z', '2026-01-15T03:00:00Z', '{north}', 'network_change', '{wireless_voice}', 40)`);
  for (const input of [verizon202601OutageCredit, att202402MakeItRightV2]) {
    const policy = Policy.parse(input);
    await owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO outage_policies (outage_id, policy_id) SELECT ${OUTAGE}, id FROM p`,
      [policy.code, policy.version, JSON.stringify(policy)],
    );
  }
});
afterAll(async () => {
  await fixture?.close();
});

async function counts() {
  const { rows } = await fixture.owner.query<{ claims: number; reports: number; credits: number; changes: number; audit: number }>(`SELECT
    (SELECT count(*)::int FROM credit_claims) AS claims, (SELECT count(*)::int FROM fault_reports) AS reports,
    (SELECT count(*)::int FROM credits) AS credits, (SELECT count(*)::int FROM change_log) AS changes,
    (SELECT count(*)::int FROM audit_events) AS audit`);
  return rows[0]!;
}

function claimPayload(accountNumber: string, overrides: Record<string, unknown> = {}) {
  return {
    accountNumber,
    outageId: OUTAGE,
    policyCode: verizon202601OutageCredit.code,
    interactionRef: 'CALL-7',
    claimId: newRequestId(),
    recordedAt: fixture.clock.now().toISOString(),
    credits: [],
    ...overrides,
  };
}

function reportPayload(overrides: Record<string, unknown> = {}) {
  return {
    clientRequestId: crypto.randomUUID(),
    accountNumber: DANA,
    outageId: OUTAGE,
    lineId: danaLine,
    fromAt: '2026-01-14T17:30:00.000Z',
    toAt: '2026-01-15T02:00:00.000Z',
    failed: ['calls', 'data'],
    note: 'Customer says no calls or data all evening long.',
    interactionRef: 'CALL-8',
    reportId: newRequestId(),
    recordedAt: fixture.clock.now().toISOString(),
    ...overrides,
  };
}

describe('claim.register', () => {
  it('registers the claim under the desktop id and writes the credit once, under the policy key and the desktop credit id', async () => {
    const desktopCreditId = newRequestId();
    const payload = claimPayload('287100000020', {});
    // The desktop says which credit it wrote for which key; the hub computes the key itself.
    const { rows: acct } = await fixture.owner.query<{ id: number }>("SELECT id FROM accounts WHERE account_number = '287100000020'");
    const expectedKey = idempotencyKey({ accountId: acct[0]!.id, outageId: OUTAGE, policyCode: verizon202601OutageCredit.code });
    const before = await counts();
    const answer = await alice.one('claim.register', { ...payload, credits: [{ id: desktopCreditId, idempotencyKey: expectedKey }] });
    expect(answer).toMatchObject({ status: 'accepted', replayed: false, position: expect.any(Number), evidence: { kind: 'credit_claim', claim: { id: payload.claimId, recordedBy: 'alice', policyCode: verizon202601OutageCredit.code } } });
    const creditIds = (answer.evidence as { creditIds: string[] }).creditIds;
    expect(creditIds).toHaveLength(1);
    const { rows: credits } = await fixture.owner.query(
      `SELECT c.id, c.amount_minor AS amount, c.idempotency_key AS key, c.source, c.status FROM credits c JOIN accounts a ON a.id = c.account_id WHERE a.account_number = '287100000020'`,
    );
    // Under the policy's key, and the desktop's id for it (the desktop wrote that key).
    expect(credits).toEqual([{ id: desktopCreditId, amount: 2000, key: expectedKey, source: 'automatic', status: 'scheduled' }]);
    expect(creditIds).toEqual([desktopCreditId]);
    const { rows: claim } = await fixture.owner.query('SELECT credit_id FROM credit_claims WHERE id = $1', [payload.claimId]);
    expect(claim).toEqual([{ credit_id: creditIds[0] }]);
    const after = await counts();
    expect(after).toMatchObject({ claims: before.claims + 1, credits: before.credits + 1, changes: before.changes + 2, audit: before.audit + 2 });
    const { rows: changes } = await fixture.owner.query(`SELECT entity, entity_id, audience, data FROM change_log ORDER BY position DESC LIMIT 2`);
    expect(changes.reverse()).toEqual([
      { entity: 'credit', entity_id: creditIds[0], audience: 'all', data: expect.objectContaining({ amountMinor: 2000, idempotencyKey: credits[0].key, policyId: expect.any(Number), accountNumber: '287100000020' }) },
      { entity: 'credit_claim', entity_id: payload.claimId, audience: 'all', data: expect.objectContaining({ id: payload.claimId, creditId: creditIds[0], accountNumber: '287100000020' }) },
    ]);
    expect(await verifyAuditChain(fixture.pool)).toMatchObject({ ok: true });
  });

  it('answers a resent (desktop, seq) with the stored answer, replayed, and applies nothing', async () => {
    const [envelope] = alice.envelopes([{ op: 'claim.register', payload: claimPayload('287100000021') }]);
    const first = (await alice.send([envelope])).json();
    expect(first.answers[0]).toMatchObject({ status: 'accepted', replayed: false });
    const before = await counts();
    const again = (await alice.send([envelope])).json();
    expect(again.answers).toEqual([{ ...first.answers[0], replayed: true }]);
    expect(await counts()).toEqual(before);
  });

  it('a second claim of the same case from another desktop gets the claim that stands, and no second credit', async () => {
    const first = await alice.one('claim.register', claimPayload('287100000022'));
    const before = await counts();
    const second = await bob.one('claim.register', claimPayload('287100000022'));
    expect(second).toMatchObject({ status: 'accepted', evidence: { kind: 'credit_claim', claim: { id: (first.evidence as { claim: { id: string } }).claim.id, recordedBy: 'alice' }, creditIds: [] } });
    const after = await counts();
    expect({ claims: after.claims, credits: after.credits, changes: after.changes }).toEqual({ claims: before.claims, credits: before.credits, changes: before.changes });
  });

  it('refuses with the rules reasons, codes and nothing applied but the refusal audit event', async () => {
    const cases: Array<[DesktopClient, Record<string, unknown>, Record<string, unknown>]> = [
      [ada, claimPayload('287100000023'), { code: 'FORBIDDEN_ROLE', reason: 'wrong_role' }],
      [alice, claimPayload('287199999999'), { code: 'NOT_FOUND', reason: 'not_found', details: { what: 'account' } }],
      [alice, claimPayload('287100000023', { outageId: 999 }), { code: 'NOT_FOUND', reason: 'not_found', details: { what: 'outage' } }],
      [alice, claimPayload('287100000023', { policyCode: 'no-such-policy' }), { code: 'NOT_FOUND', reason: 'not_found', details: { what: 'policy' } }],
      [alice, claimPayload('287100000023', { policyCode: att202402MakeItRightV2.code }), { code: 'CONFLICT', reason: 'not_on_request' }],
      // A business account: the pack covers consumers only, whatever is claimed.
      [alice, claimPayload('287100000025'), { code: 'CONFLICT', reason: 'claim_not_eligible', details: { failedRules: expect.stringContaining('segment') } }],
    ];
    for (const [client, payload, expected] of cases) {
      const before = await counts();
      const answer = await client.one('claim.register', payload);
      expect(answer, JSON.stringify(payload)).toMatchObject({ status: 'refused', replayed: false, ...expected });
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    }
    const { rows } = await fixture.owner.query("SELECT after_json FROM audit_events WHERE action = 'operation.refused' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(rows[0]!.after_json)).toMatchObject({ op: 'claim.register', reason: 'claim_not_eligible' });
  });

});

describe('fault_report.record', () => {
  it('records the report under the desktop id, audits it and publishes it to every desktop', async () => {
    const payload = reportPayload();
    const before = await counts();
    const answer = await bob.one('fault_report.record', payload);
    expect(answer).toMatchObject({
      status: 'accepted',
      replayed: false,
      evidence: { kind: 'fault_report', report: { id: payload.reportId, lineId: danaLine, failed: ['calls', 'data'], recordedBy: 'bob', reportedAt: payload.recordedAt } },
    });
    expect(await counts()).toMatchObject({ reports: before.reports + 1, changes: before.changes + 1, audit: before.audit + 1 });
    const { rows } = await fixture.owner.query(`SELECT entity, audience, data FROM change_log ORDER BY position DESC LIMIT 1`);
    expect(rows[0]).toEqual({ entity: 'fault_report', audience: 'all', data: expect.objectContaining({ id: payload.reportId, accountNumber: DANA, clientRequestId: payload.clientRequestId }) });
  });

  it('replays a resent (desktop, seq); the same draft again is the same report; a changed draft is refused', async () => {
    const payload = reportPayload();
    const [envelope] = bob.envelopes([{ op: 'fault_report.record', payload }]);
    const first = (await bob.send([envelope])).json();
    const before = await counts();
    expect((await bob.send([envelope])).json().answers).toEqual([{ ...first.answers[0], replayed: true }]);
    expect(await counts()).toEqual(before);
    // The same draft filed again (a retry in a new operation): answered with the report, nothing new.
    expect(await bob.one('fault_report.record', payload)).toMatchObject({ status: 'accepted', evidence: { report: { id: payload.reportId } } });
    const reused = await bob.one('fault_report.record', { ...payload, note: 'A different story about the same draft id.' });
    expect(reused).toMatchObject({ status: 'refused', code: 'CONFLICT', reason: 'client_request_reused', details: { reportId: payload.reportId } });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('refuses what the shared rules refuse', async () => {
    const { rows } = await fixture.owner.query<{ id: number }>("SELECT l.id::int AS id FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number = '287100000002'");
    const cases: Array<[DesktopClient, Record<string, unknown>, Record<string, unknown>]> = [
      [ada, reportPayload(), { code: 'FORBIDDEN_ROLE', reason: 'wrong_role' }],
      [bob, reportPayload({ outageId: 999 }), { code: 'NOT_FOUND', reason: 'not_found' }],
      [bob, reportPayload({ lineId: rows[0]!.id }), { code: 'CONFLICT', reason: 'line_not_on_account' }],
      [bob, reportPayload({ toAt: '2026-01-14T17:00:00.000Z' }), { code: 'CONFLICT', reason: 'ends_before_it_starts' }],
      [bob, reportPayload({ fromAt: '2026-01-14T10:00:00.000Z' }), { code: 'CONFLICT', reason: 'before_the_outage' }],
      [bob, reportPayload({ toAt: '2026-04-01T00:00:00.000Z' }), { code: 'CONFLICT', reason: 'in_the_future' }],
    ];
    for (const [client, payload, expected] of cases) {
      const before = await counts();
      expect(await client.one('fault_report.record', payload), JSON.stringify(payload)).toMatchObject({ status: 'refused', ...expected });
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    }
  });
});

describe('the claim window', () => {
  it('refuses a claim after the window closed (2026-03-16), even on a desktop whose clock says it was made later', async () => {
    fixture.clock.advance(7 * 86_400_000);
    // Sessions last less than a week: sign in again at the later time.
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    const before = await counts();
    const answer = await alice.one('claim.register', claimPayload('287100000024'));
    expect(answer).toMatchObject({ status: 'refused', code: 'CONFLICT', reason: 'claim_window_closed', details: { windowEndsOn: '2026-03-16' } });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
    // Made on the call before the window closed, pushed after: in time.
    const late = await alice.one('claim.register', claimPayload('287100000024', { recordedAt: '2026-03-15T10:00:00.000Z' }));
    expect(late).toMatchObject({ status: 'accepted', evidence: { claim: { claimedAt: '2026-03-15T10:00:00.000Z' } } });
    fixture.clock.advance(-7 * 86_400_000);
  });
});

describe('compensation in kind: the consent record travels in override.submit and the hub keeps it', () => {
  const inKind = (at: string) => ({ description: 'An extra 10 GB data bundle for a month', consent: { method: 'verbal_on_call', at } });

  beforeAll(async () => {
    // A policy of outage 1 that allows compensation in kind (as the Dutch law does, with consent).
    const policy = Policy.parse({ ...verizon202601OutageCredit, code: 'test-in-kind', effective: {}, delivery: { ...verizon202601OutageCredit.delivery, inKind: { allowed: true, requiresExplicitConsent: true } } });
    await fixture.owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO outage_policies (outage_id, policy_id) SELECT 1, id FROM p`,
      [policy.code, policy.version, JSON.stringify(policy)],
    );
  });

  it('files the request with what is given and the consent, shows both in the request view and the audit event', async () => {
    const consentAt = new Date(fixture.clock.now().getTime() - 60_000).toISOString();
    const payload = submitPayload('287100000026', 1, 1500, { kind: 'in_kind', inKind: inKind(consentAt) });
    const answer = await alice.one('override.submit', payload);
    expect(answer).toMatchObject({
      status: 'accepted',
      request: { id: payload.requestId, kind: 'in_kind', inKind: { description: 'An extra 10 GB data bundle for a month', consentMethod: 'verbal_on_call', consentAt, recordedBy: 'alice' } },
    });
    const { rows } = await fixture.owner.query('SELECT kind, in_kind_description AS d, consent_method AS m FROM override_requests WHERE id = $1', [payload.requestId]);
    expect(rows).toEqual([{ kind: 'in_kind', d: 'An extra 10 GB data bundle for a month', m: 'verbal_on_call' }]);
    const { rows: changes } = await fixture.owner.query("SELECT data FROM change_log WHERE entity = 'override_request' AND entity_id = $1", [payload.requestId]);
    expect(changes[0]!.data).toMatchObject({ inKind: { consentMethod: 'verbal_on_call', consentAt } });
    const { rows: audit } = await fixture.owner.query("SELECT after_json FROM audit_events WHERE action = 'override.submitted' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ kind: 'in_kind', inKind: { consentMethod: 'verbal_on_call' } });
  });

  it('refuses in kind where no policy of the outage allows it, and consent given after filing', async () => {
    const past = new Date(fixture.clock.now().getTime() - 60_000).toISOString();
    const future = new Date(fixture.clock.now().getTime() + 3_600_000).toISOString();
    expect(await alice.one('override.submit', submitPayload('287100000003', 2, 1500, { kind: 'in_kind', inKind: inKind(past) }))).toMatchObject({ status: 'refused', reason: 'in_kind_not_allowed' });
    expect(await alice.one('override.submit', submitPayload('287100000027', 1, 1500, { kind: 'in_kind', inKind: inKind(future) }))).toMatchObject({ status: 'refused', reason: 'consent_in_future' });
  });
});

describe('a credit resting only on the customer report: the hub files the supervisor request', () => {
  const ATT_OUTAGE = 31;

  beforeAll(async () => {
    await fixture.owner.query(`INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services, towers_affected)
      VALUES (${ATT_OUTAGE}, 'Nationwide wireless outage', '2024-02-22T08:45:00Z', '2024-02-22T20:10:00Z', '{}', 'network_change', '{wireless_voice}', 12)`);
    const { rows } = await fixture.owner.query<{ id: number }>("SELECT id FROM credit_policies WHERE code = $1", [att202402MakeItRightV2.code]);
    await fixture.owner.query('INSERT INTO outage_policies (outage_id, policy_id) VALUES ($1, $2)', [ATT_OUTAGE, rows[0]!.id]);
  });

  it('files a report_credit request with the report; a supervisor approves it and the credit is the policy credit', async () => {
    const accountNumber = '287100000028';
    const { rows: acct } = await fixture.owner.query<{ id: number; line: number }>(
      'SELECT a.id, l.id::int AS line FROM accounts a JOIN lines l ON l.account_id = a.id WHERE a.account_number = $1',
      [accountNumber],
    );
    const payload = reportPayload({ accountNumber, outageId: ATT_OUTAGE, lineId: acct[0]!.line, fromAt: '2024-02-22T09:00:00.000Z', toAt: '2024-02-22T18:00:00.000Z' });
    const answer = await alice.one('fault_report.record', payload);
    expect(answer).toMatchObject({
      status: 'accepted',
      evidence: {
        kind: 'fault_report',
        requestNotFiled: null,
        creditRequest: { kind: 'report_credit', status: 'pending', requestedBy: 'alice', accountNumber, faultReport: { id: payload.reportId, policyCode: att202402MakeItRightV2.code } },
      },
    });
    const request = (answer.evidence as { creditRequest: { id: string; amountMinor: number; version: number } }).creditRequest;
    expect(request.amountMinor).toBeGreaterThan(0);
    // The report's change comes before the request's: a desktop has the report when the request arrives.
    const { rows: order } = await fixture.owner.query("SELECT entity FROM change_log WHERE entity_id IN ($1, $2) ORDER BY position", [payload.reportId, request.id]);
    expect(order.map((r) => r.entity)).toEqual(['fault_report', 'override_request']);

    const sam = await DesktopClient.signIn(fixture, 'sam', fixture.desktops[1]!);
    const decided = await sam.one('override.decide', { requestId: request.id, version: request.version, decision: 'approve', note: 'Report checked with the customer on the call.' });
    expect(decided).toMatchObject({ status: 'accepted', request: { status: 'approved', creditId: expect.any(String) } });
    const { rows: credits } = await fixture.owner.query('SELECT amount_minor AS amount, idempotency_key AS key, source FROM credits WHERE account_id = $1 AND outage_id = $2', [acct[0]!.id, ATT_OUTAGE]);
    expect(credits).toEqual([{ amount: request.amountMinor, key: idempotencyKey({ accountId: acct[0]!.id, outageId: ATT_OUTAGE, policyCode: att202402MakeItRightV2.code }), source: 'override' }]);
  });
});
