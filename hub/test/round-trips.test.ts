import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nlTelecommunicatiewetOutageV2 } from '@shared/policy/packs/nl-telecommunicatiewet-outage';
import { Policy } from '@shared/policy/policy-schema';
import { DesktopClient, newRequestId, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

/** The statements the hub sends to PostgreSQL (one round trip each) while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    sent.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return sent;
}

// What an operation costs in round trips to PostgreSQL, which bounds the hub's throughput on a
// busy machine (docs/BENCHMARKS.md, "Hub"). Was 24 for a submit and 20 for a decision (one
// push, sign-in check included) before the reads were folded (commit message says how).
const SUBMIT_PUSH_MAX = 14;
const DECIDE_PUSH_MAX = 18;
// Where a statute is attached to the outage, the legal floor is the decision of the account's
// case, read from the hub's rows as a policy run reads them: the outage's policies, the outage,
// and the account's fields, lines, impacts, credits, fault reports and claims (8 statements).
// Without a statute the question rides in a read made anyway and costs nothing.
const LEGAL_FLOOR_READS = 8;

describe('round trips per operation', () => {
  it('a push of one submit and one of one decision send at most their budget of statements, each ending in one message with COMMIT', async () => {
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    const sam = await DesktopClient.signIn(fixture, 'sam', fixture.desktops[1]!);
    await alice.one('override.submit', submitPayload('287100000001', 1, 1000)); // warm: prepared plans, pool connections

    let filed: Awaited<ReturnType<DesktopClient['one']>> | undefined;
    const submit = await statementsOf(async () => {
      filed = await alice.one('override.submit', { ...submitPayload('287100000003', 2, 700), requestId: newRequestId() });
    });
    expect(filed).toMatchObject({ status: 'accepted' });
    expect(submit.length).toBeLessThanOrEqual(SUBMIT_PUSH_MAX);

    let decided: Awaited<ReturnType<DesktopClient['one']>> | undefined;
    const decide = await statementsOf(async () => {
      decided = await sam.one('override.decide', { requestId: (filed!.request as { id: string }).id, version: 1, decision: 'approve', note: 'ok' });
    });
    expect(decided).toMatchObject({ status: 'accepted', request: { status: 'approved' } });
    expect(decide.length).toBeLessThanOrEqual(DECIDE_PUSH_MAX);

    // The desktop's seq, the logs, the answer and COMMIT travel together, last.
    for (const sent of [submit, decide]) {
      const last = sent.at(-1)!;
      expect(last).toMatch(/^UPDATE desktops SET last_applied_seq = \d+ WHERE id = '[0-9a-f-]+'; SELECT audit_seqs, positions FROM ocd_append_logs\(/);
      expect(last).toMatch(/; COMMIT$/);
    }
  });

  it('a submit and an approval under a statute read the legal floor in at most its budget of statements more', async () => {
    const { owner } = fixture;
    await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, country, monthly_charge_minor)
      VALUES ('312000000005', 'Jan de Vries', 'EUR', 'NH', 15, 'NL', 4650)`);
    await owner.query(`INSERT INTO outages (id, title, starts_at, ends_at, regions, cause) VALUES (3, 'Randstad fibre cut', '2026-02-01T06:00:00Z', '2026-02-02T08:00:00Z', '{NH}', 'equipment')`);
    const policy = Policy.parse(nlTelecommunicatiewetOutageV2);
    await owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id) INSERT INTO outage_policies (outage_id, policy_id) SELECT 3, id FROM p`,
      [policy.code, policy.version, JSON.stringify(policy)],
    );
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    const sue = await DesktopClient.signIn(fixture, 'sue', fixture.desktops[1]!);
    let filed: Awaited<ReturnType<DesktopClient['one']>> | undefined;
    const submit = await statementsOf(async () => {
      filed = await alice.one('override.submit', submitPayload('312000000005', 3, 400));
    });
    expect(filed).toMatchObject({ status: 'accepted' });
    expect(submit.length).toBeLessThanOrEqual(SUBMIT_PUSH_MAX + LEGAL_FLOOR_READS);
    const decide = await statementsOf(async () => {
      expect(await sue.one('override.decide', { requestId: (filed!.request as { id: string }).id, version: 1, decision: 'approve', note: 'ok' })).toMatchObject({
        status: 'accepted',
      });
    });
    expect(decide.length).toBeLessThanOrEqual(DECIDE_PUSH_MAX + LEGAL_FLOOR_READS);
  });

  it("answers lastAppliedSeq from the push's own operations, as the hub holds it", async () => {
    const bob = await DesktopClient.signIn(fixture, 'bob', fixture.desktops[1]!);
    const envelopes = bob.envelopes([{ op: 'override.submit', payload: submitPayload('287100000002', 2, 500) }]);
    const first = (await bob.send(envelopes)).json();
    // Sent again: a replay, and the seq the hub holds is still the one it applied.
    const again = (await bob.send(envelopes)).json();
    const stored = (await fixture.owner.query<{ seq: string }>('SELECT last_applied_seq AS seq FROM desktops WHERE id = $1', [fixture.desktops[1]!.desktopId])).rows[0]!;
    expect(first.lastAppliedSeq).toBe(Number(stored.seq));
    expect(again).toMatchObject({ answers: [{ replayed: true }], lastAppliedSeq: Number(stored.seq) });
  });
});
