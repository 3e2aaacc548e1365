import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { DesktopClient, operators, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

let fixture: HubFixture;
let aliceAtOne: DesktopClient;
let bobAtTwo: DesktopClient;
let samAtOne: DesktopClient;
let sueAtTwo: DesktopClient;
let nextAccount = 100;

beforeAll(async () => {
  fixture = await startHubFixture();
  const [one, two] = fixture.desktops as [(typeof fixture.desktops)[0], (typeof fixture.desktops)[0]];
  aliceAtOne = await DesktopClient.signIn(fixture, 'alice', one);
  bobAtTwo = await DesktopClient.signIn(fixture, 'bob', two);
  samAtOne = await DesktopClient.signIn(fixture, 'sam', one);
  sueAtTwo = await DesktopClient.signIn(fixture, 'sue', two);
  await fixture.owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
    SELECT '287100000' || n, 'Holder ' || n, 'USD', 'north', 12 FROM generate_series(100, 199) AS n`);
});
afterAll(async () => {
  await fixture?.close();
});

async function file(agent: DesktopClient, count: number, amountMinor: number): Promise<string[]> {
  const answers = (await agent.push(...Array.from({ length: count }, () => ({ op: 'override.submit', payload: submitPayload(`287100000${nextAccount++}`, 1, amountMinor) })))).answers;
  expect(answers.every((answer) => answer.status === 'accepted')).toBe(true);
  return answers.map((answer) => (answer.request as { id: string }).id);
}

function approve(requestId: string) {
  return { op: 'override.decide', payload: { requestId, version: 1, decision: 'approve', note: 'ok' } };
}

/** Each supervisor pushes one decision at a time, both at once: their transactions overlap. */
async function race(ids: readonly string[]) {
  const run = async (supervisor: DesktopClient, mine: readonly string[]) => {
    const answers = [];
    for (const id of mine) answers.push(await supervisor.one(approve(id).op, approve(id).payload));
    return answers;
  };
  const [a, b] = await Promise.all([run(samAtOne, ids.filter((_, i) => i % 2 === 0)), run(sueAtTwo, ids.filter((_, i) => i % 2 === 1))]);
  return [...a, ...b];
}

async function approvedTotal(operatorId: number): Promise<number> {
  const { rows } = await fixture.owner.query<{ total: number }>("SELECT coalesce(sum(amount_minor), 0)::int AS total FROM override_requests WHERE requested_by = $1 AND status = 'approved'", [operatorId]);
  return rows[0]!.total;
}

describe('two desktops deciding at once', () => {
  it("never let an agent's approvals pass the daily total together", async () => {
    await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 10000');
    for (const [agent, operator] of [[aliceAtOne, operators.alice], [bobAtTwo, operators.bob]] as const) {
      const ids = await file(agent, 8, 3000);
      const answers = await race(ids);
      // 3 x 3000 fit under 10000, a fourth does not, whichever supervisor's desktop asks first.
      expect(answers.filter((answer) => answer.status === 'accepted')).toHaveLength(3);
      expect(answers.filter((answer) => answer.status === 'refused').map((answer) => answer.reason)).toEqual(Array(5).fill('over_daily_total'));
      expect(await approvedTotal(operator.id)).toBe(9000);
      const credits = await fixture.owner.query('SELECT count(*)::int AS n FROM credits WHERE override_request_id = ANY($1)', [ids]);
      expect(credits.rows[0].n).toBe(3);
    }
  });

  it('let exactly one of two supervisors decide the same request, with one credit', async () => {
    await fixture.owner.query('UPDATE override_currency_limits SET agent_daily_total_minor = 2000000');
    const ids = await file(aliceAtOne, 6, 500);
    for (const id of ids) {
      // A desktop pushes its outbox in order; the two desktops push at the same time.
      const pair = await Promise.all([samAtOne.one(approve(id).op, approve(id).payload), sueAtTwo.one(approve(id).op, approve(id).payload)]);
      expect(pair.map((answer) => answer.status).sort()).toEqual(['accepted', 'refused']);
      expect(pair.find((answer) => answer.status === 'refused')).toMatchObject({ reason: 'not_pending' });
    }
    const credits = await fixture.owner.query('SELECT override_request_id, count(*)::int AS n FROM credits WHERE override_request_id = ANY($1) GROUP BY 1', [ids]);
    expect(credits.rows).toHaveLength(ids.length);
    expect(credits.rows.every((row) => row.n === 1)).toBe(true);
  });

  it('apply an operation sent four times at once exactly once', async () => {
    const [envelope] = aliceAtOne.envelopes([{ op: 'override.submit', payload: submitPayload(`287100000${nextAccount++}`, 1, 700) }]);
    const answers = await Promise.all(Array.from({ length: 4 }, async () => (await aliceAtOne.send([envelope])).json().answers[0]));
    expect(answers.map((answer) => answer.replayed).sort()).toEqual([false, true, true, true]);
    expect(new Set(answers.map((answer) => answer.position)).size).toBe(1);
    const stored = await fixture.owner.query('SELECT count(*)::int AS n FROM operations WHERE desktop_id = $1 AND seq = $2', [aliceAtOne.desktop.desktopId, envelope!.seq]);
    expect(stored.rows[0].n).toBe(1);
    const requests = await fixture.owner.query('SELECT count(*)::int AS n FROM override_requests WHERE id = $1', [envelope!.payload.requestId]);
    expect(requests.rows[0].n).toBe(1);
  });

  it('leave one unbroken audit chain after all of it', async () => {
    expect(await verifyAuditChain(fixture.pool)).toMatchObject({ ok: true });
  });
});
