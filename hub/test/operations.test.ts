import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { DesktopClient, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
let alice: DesktopClient;
let bob: DesktopClient;
let sam: DesktopClient;
let samAtAlices: DesktopClient;
let ada: DesktopClient;

const DAY_MS = 86_400_000;

beforeAll(async () => {
  fixture = await startHubFixture();
  const [one, two] = fixture.desktops as [typeof fixture.desktops[0], typeof fixture.desktops[0]];
  alice = await DesktopClient.signIn(fixture, 'alice', one);
  bob = await DesktopClient.signIn(fixture, 'bob', two);
  sam = await DesktopClient.signIn(fixture, 'sam', two);
  samAtAlices = await DesktopClient.signIn(fixture, 'sam', one);
  ada = await DesktopClient.signIn(fixture, 'ada', two);
  // Fresh accounts for tests that pay: a credit's key stays taken even after it is reversed.
  await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
    SELECT '2871000000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(10, 19) AS n`);
});
afterAll(async () => {
  await fixture?.close();
});

async function count(table: string): Promise<number> {
  return (await fixture.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
}

async function resetRequests() {
  // Each test starts from an account and outage without open requests or credits of its own.
  await fixture.owner.query("UPDATE override_requests SET status = 'withdrawn', version = version + 1 WHERE status = 'pending'");
  await fixture.owner.query("UPDATE credits SET status = 'reversed'");
  await fixture.owner.query("UPDATE override_requests SET status = 'rejected' WHERE status = 'approved'");
}

describe('override.submit', () => {
  it('files the request for the operator of the token, stores the answer and moves the desktop on', async () => {
    const payload = submitPayload('287100000001', 1, 2500);
    const { answers, lastAppliedSeq } = await alice.push({ op: 'override.submit', payload });
    expect(answers).toEqual([
      expect.objectContaining({ status: 'accepted', replayed: false, position: expect.any(Number), request: expect.objectContaining({ id: payload.requestId, requestedBy: 'alice', status: 'pending', amountMinor: 2500, holderName: 'Dana Holder', version: 1 }) }),
    ]);
    expect(lastAppliedSeq).toBe(answers[0]!.seq);
    const stored = await fixture.owner.query('SELECT o.username FROM override_requests r JOIN operators o ON o.id = r.requested_by WHERE r.id = $1', [payload.requestId]);
    expect(stored.rows).toEqual([{ username: 'alice' }]);
    const answer = await fixture.owner.query('SELECT status, answer FROM operations WHERE desktop_id = $1 AND seq = $2', [alice.desktop.desktopId, answers[0]!.seq]);
    expect(answer.rows[0]).toMatchObject({ status: 'accepted', answer: { status: 'accepted', request: { id: payload.requestId } } });
  });

  it('answers a resent (desktop, seq) with the stored answer, replayed, and applies nothing', async () => {
    await resetRequests();
    const [envelope] = alice.envelopes([{ op: 'override.submit', payload: submitPayload('287100000002', 1, 1000) }]);
    const first = (await alice.send([envelope])).json();
    const before = { requests: await count('override_requests'), changes: await count('change_log'), audit: await count('audit_events') };
    const again = (await alice.send([envelope])).json();
    expect(again.answers).toEqual([{ ...first.answers[0], replayed: true }]);
    // Even a different payload under a used seq is answered from the store, not applied.
    const tampered = (await alice.send([{ ...envelope, payload: submitPayload('287100000001', 1, 999) }])).json();
    expect(tampered.answers[0]).toMatchObject({ status: 'accepted', replayed: true, request: { id: envelope!.payload.requestId } });
    expect({ requests: await count('override_requests'), changes: await count('change_log'), audit: await count('audit_events') }).toEqual(before);
  });

  it('answers out_of_order for a gap, stores nothing, and leaves the rest of the push unanswered', async () => {
    await resetRequests();
    const [next, after] = alice.envelopes([
      { op: 'override.submit', payload: submitPayload('287100000001', 1, 1000) },
      { op: 'override.submit', payload: submitPayload('287100000002', 1, 1000) },
    ]);
    const skipped = { ...after!, seq: after!.seq + 5 };
    const before = await count('operations');
    const response = (await alice.send([skipped, next])).json();
    expect(response.answers).toEqual([{ seq: skipped.seq, status: 'out_of_order', expectedSeq: next!.seq }]);
    expect(await count('operations')).toBe(before);
    const resent = (await alice.send([next, after])).json();
    expect(resent.answers.map((answer: { status: string }) => answer.status)).toEqual(['accepted', 'accepted']);
    expect(resent.lastAppliedSeq).toBe(after!.seq);
  });

  it('refuses with the shared rules: cap, open request, account not affected, unknown account, wrong role', async () => {
    await resetRequests();
    expect(await alice.one('override.submit', submitPayload('287100000001', 1, 6000))).toMatchObject({
      status: 'refused',
      code: 'CONFLICT',
      reason: 'over_request_cap',
      details: { perRequestCapMinor: 5000 },
    });
    const open = await alice.one('override.submit', submitPayload('287100000001', 1, 1000));
    expect(await bob.one('override.submit', submitPayload('287100000001', 1, 1200))).toMatchObject({
      status: 'refused',
      reason: 'open_request_exists',
      details: { requestId: (open.request as { id: string }).id },
    });
    expect(await alice.one('override.submit', submitPayload('287100000003', 1, 1000))).toMatchObject({ status: 'refused', reason: 'account_not_affected' });
    expect(await alice.one('override.submit', submitPayload('287199999999', 1, 1000))).toMatchObject({ status: 'refused', code: 'NOT_FOUND', reason: 'not_found' });
    expect(await ada.one('override.submit', submitPayload('287100000002', 1, 1000))).toMatchObject({ status: 'refused', code: 'FORBIDDEN_ROLE', reason: 'wrong_role' });
  });

  it('uses up the seq of a refusal, audits it in the chain, and replays it as refused', async () => {
    await resetRequests();
    const [envelope] = alice.envelopes([{ op: 'override.submit', payload: submitPayload('287100000001', 1, 7000) }]);
    const first = (await alice.send([envelope])).json();
    expect(first).toMatchObject({ answers: [{ status: 'refused', replayed: false, reason: 'over_request_cap' }], lastAppliedSeq: envelope!.seq });
    const audit = await fixture.owner.query("SELECT after_json FROM audit_events WHERE action = 'operation.refused' ORDER BY seq DESC LIMIT 1");
    expect(JSON.parse(audit.rows[0].after_json)).toMatchObject({ op: 'override.submit', seq: envelope!.seq, reason: 'over_request_cap' });
    expect((await alice.send([envelope])).json().answers[0]).toMatchObject({ status: 'refused', replayed: true, reason: 'over_request_cap' });
  });

  it('refuses a push that speaks for another desktop, and a payload naming an operator', async () => {
    const [envelope] = alice.envelopes([{ op: 'override.submit', payload: submitPayload('287100000002', 1, 1000) }]);
    const foreign = await alice.send([{ ...envelope, desktopId: bob.desktop.desktopId }]);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual({ error: { code: 'DESKTOP_MISMATCH' } });
    const named = await alice.send([{ ...envelope, payload: { ...envelope!.payload, requestedBy: 'sam' } }]);
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('INVALID_INPUT');
    const asOperator = await alice.send([{ ...envelope, operatorId: 3 }]);
    expect(asOperator.json().error.code).toBe('INVALID_INPUT');
    // None of them used the seq up.
    expect((await alice.send([envelope])).json().answers[0]).toMatchObject({ seq: envelope!.seq, status: 'accepted', replayed: false });
  });
});

describe('override.decide', () => {
  it("approves another desktop's request: credit scheduled with its bill date under the policy's key", async () => {
    await resetRequests();
    const filed = await alice.one('override.submit', submitPayload('287100000002', 1, 3000));
    const request = filed.request as { id: string; version: number };
    const decided = await sam.one('override.decide', { requestId: request.id, version: request.version, decision: 'approve', note: 'Fair.' });
    expect(decided).toMatchObject({ status: 'accepted', request: { status: 'approved', decidedBy: 'sam', creditStatus: 'scheduled', billDate: '2026-03-20', version: 2 } });
    const credit = await fixture.owner.query('SELECT c.amount_minor, c.source, c.idempotency_key, c.override_request_id FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = $1', [
      (decided.request as { creditId: string }).creditId,
    ]);
    expect(credit.rows).toEqual([{ amount_minor: 3000, source: 'override', idempotency_key: expect.stringMatching(/\|outage:1\|policy:sla-basic$/), override_request_id: request.id }]);
  });

  it('refuses an agent deciding, a supervisor deciding their own request, a stale version and a decided request', async () => {
    await resetRequests();
    const filed = (await alice.one('override.submit', submitPayload('287100000001', 1, 1000))).request as { id: string; version: number };
    expect(await bob.one('override.decide', { requestId: filed.id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role' });
    expect(await sam.one('override.decide', { requestId: filed.id, version: 7, decision: 'approve', note: 'ok' })).toMatchObject({ reason: 'stale_version' });
    expect(await sam.one('override.decide', { requestId: filed.id, version: 1, decision: 'reject', note: 'No.' })).toMatchObject({ status: 'accepted', request: { status: 'rejected' } });
    expect(await sam.one('override.decide', { requestId: filed.id, version: 2, decision: 'approve', note: 'ok' })).toMatchObject({ reason: 'not_pending' });

    const own = (await sam.one('override.submit', submitPayload('287100000002', 1, 1000))).request as { id: string };
    // Four eyes on every desktop: Sam on Alice's desktop is still Sam.
    expect(await samAtAlices.one('override.decide', { requestId: own.id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ code: 'FORBIDDEN_ROLE', reason: 'own_request' });
  });

  it('refuses goodwill where a credit exists (never pays twice), and counts the daily total over every desktop', async () => {
    await resetRequests();
    const filed = await alice.one('override.submit', submitPayload('287100000012', 1, 4000));
    expect(filed, JSON.stringify(filed)).toMatchObject({ status: 'accepted' });
    const first = filed.request as { id: string };
    expect(await sam.one('override.decide', { requestId: first.id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ status: 'accepted' });
    expect(await bob.one('override.submit', submitPayload('287100000012', 1, 1000))).toMatchObject({ status: 'refused', reason: 'already_credited' });

    await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 9000');
    try {
      // Both filed while Alice has 4000 approved today: each fits under 9000 on its own.
      const second = (await alice.one('override.submit', submitPayload('287100000010', 1, 4500))).request as { id: string };
      const third = (await alice.one('override.submit', submitPayload('287100000011', 1, 1000))).request as { id: string };
      expect(await sam.one('override.decide', { requestId: second.id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({ status: 'accepted' });
      // 8500 approved: the next 1000 would pass 9000, whichever desktop decides it.
      expect(await samAtAlices.one('override.decide', { requestId: third.id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({
        status: 'refused',
        reason: 'over_daily_total',
        details: { agentDailyTotalMinor: 9000 },
      });
      expect(await alice.one('override.submit', submitPayload('287100000013', 1, 1000))).toMatchObject({ status: 'refused', reason: 'over_daily_total' });
    } finally {
      await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 20000');
    }
  });

  it('expires a request whose time is up before deciding it, and keeps the expiry although the decision is refused', async () => {
    await resetRequests();
    const filed = (await alice.one('override.submit', submitPayload('287100000002', 1, 1000))).request as { id: string };
    fixture.clock.advance(7 * DAY_MS);
    try {
      const samLater = await DesktopClient.signIn(fixture, 'sam', sam.desktop);
      expect(await samLater.one('override.decide', { requestId: filed.id, version: 1, decision: 'approve', note: 'late' })).toMatchObject({ status: 'refused', reason: 'expired' });
      const stored = await fixture.owner.query('SELECT status FROM override_requests WHERE id = $1', [filed.id]);
      expect(stored.rows).toEqual([{ status: 'expired' }]);
      const events = await fixture.owner.query("SELECT action FROM audit_events WHERE target = $1 ORDER BY seq", [`override_request:${filed.id}`]);
      expect(events.rows.map((row) => row.action)).toEqual(['override.submitted', 'override.expired', 'operation.refused']);
    } finally {
      fixture.clock.advance(-7 * DAY_MS);
    }
  });
});

describe('override.withdraw', () => {
  it('lets the requester withdraw from any desktop, and tells anyone else the request does not exist', async () => {
    await resetRequests();
    const filed = (await alice.one('override.submit', submitPayload('287100000002', 1, 1000))).request as { id: string };
    expect(await bob.one('override.withdraw', { requestId: filed.id, version: 1 })).toMatchObject({ status: 'refused', code: 'NOT_FOUND', reason: 'not_own_request' });
    const aliceElsewhere = await DesktopClient.signIn(fixture, 'alice', bob.desktop);
    expect(await aliceElsewhere.one('override.withdraw', { requestId: filed.id, version: 1 })).toMatchObject({ status: 'accepted', request: { status: 'withdrawn', version: 2 } });
  });
});

describe('the audit chain', () => {
  it('chains every event, and the hub role can neither change nor delete one', async () => {
    expect(await verifyAuditChain(fixture.pool)).toEqual({ ok: true, events: await count('audit_events') });
    const actions = await fixture.owner.query('SELECT DISTINCT action FROM audit_events');
    expect(actions.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['override.submitted', 'override.approved', 'override.rejected', 'override.withdrawn', 'override.expired', 'credit.created', 'operation.refused']),
    );
    await expect(fixture.pool.query("UPDATE audit_events SET action = 'x' WHERE seq = 1")).rejects.toThrow(/permission denied/);
    await expect(fixture.pool.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/permission denied/);
  });

  it('reports the first event that was changed behind its back', async () => {
    const client = new pg.Client({ connectionString: fixture.database.ownerUrl });
    await client.connect();
    try {
      await client.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      const third = (await client.query<{ seq: number }>('SELECT seq::int AS seq FROM audit_events ORDER BY seq OFFSET 2 LIMIT 1')).rows[0]!.seq;
      await client.query("UPDATE audit_events SET after_json = replace(after_json, '00', '0') WHERE seq = $1", [third]);
      expect(await verifyAuditChain(fixture.pool)).toEqual({ ok: false, brokenAtSeq: third });
    } finally {
      await client.end();
    }
  });
});
