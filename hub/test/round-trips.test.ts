import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
