import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubPolicyRun, HubPolicyRunSet } from '@shared/hub/policy-runs';
import { att202402MakeItRightV2 } from '@shared/policy/packs/att-2024-02-make-it-right';
import { Policy } from '@shared/policy/policy-schema';
import { policyRunsOf } from '../src/app/build-hub';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

/*
 * Every automatic policy of one outage in one start at the hub (`POST /v1/admin/policy-runs/all`):
 * 300 accounts impacted by outage 8, under AT&T's $5 per-account policy (consumer only) and a
 * site goodwill policy of $3 per account (consumer and business), both automatic, and a
 * policy paid on request that no run touches. Chunks of 20.
 */

let fixture: HubFixture;
let admin: string;
let agent: string;
let afterChunk: (status: HubPolicyRun) => Promise<void> = async () => undefined;
const OUTAGE = 8;
const QUIET_OUTAGE = 9;
const CHUNK = 20;
const ACCOUNTS = 300;

const goodwill = Policy.parse({
  ...att202402MakeItRightV2,
  code: 'site-goodwill',
  version: 1,
  name: 'Site goodwill credit',
  inclusion: { ...att202402MakeItRightV2.inclusion, segments: ['consumer', 'business'] },
  amount: { kind: 'flat', amountMinor: 300 },
});
const onRequest = Policy.parse({
  ...att202402MakeItRightV2,
  code: 'asked-for',
  version: 1,
  name: 'Credit on request',
  delivery: { mode: 'on_request', postWithinCycles: 2, noticeChannels: ['sms'] },
});

beforeAll(async () => {
  fixture = await startHubFixture({ policyRuns: { chunkAccounts: CHUNK, afterChunk: (status) => afterChunk(status) } });
  admin = (await signIn(fixture, 'ada')).token;
  agent = (await signIn(fixture, 'alice')).token;
  const { owner } = fixture;
  // Every fourth account is business (AT&T's policy leaves it out, the goodwill pays it).
  await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, brand, segment, payment_type, status, monthly_charge_minor, country)
    SELECT '6000' || lpad(n::text, 6, '0'), 'Holder ' || n, 'USD', 'TX', 1 + n % 28, 'att', CASE WHEN n % 4 = 0 THEN 'business' ELSE 'consumer' END,
      'postpaid', 'active', 6500, 'US' FROM generate_series(1, ${ACCOUNTS}) AS n`);
  await owner.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
    SELECT 'L' || a.id, a.id, '+1512' || lpad(a.id::text, 7, '0'), 'wireless_voice', 6500, 'active' FROM accounts a WHERE a.account_number LIKE '6000%'`);
  await owner.query(`INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services, towers_affected) VALUES
    (${OUTAGE}, 'Nationwide wireless outage', '2024-02-22T08:45:00Z', '2024-02-22T20:10:00Z', '{}', 'network_change', '{wireless_voice}', 12),
    (${QUIET_OUTAGE}, 'A quiet outage', '2024-02-22T08:45:00Z', '2024-02-22T20:10:00Z', '{}', 'network_change', '{wireless_voice}', 1)`);
  await owner.query(`INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
    SELECT 'I' || l.id, ${OUTAGE}, l.id, '2024-02-22T08:47:00Z', '2024-02-22T18:41:00Z', 594, true
    FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number LIKE '6000%'`);
  for (const [policy, outages] of [[Policy.parse(att202402MakeItRightV2), [OUTAGE]], [goodwill, [OUTAGE]], [onRequest, [OUTAGE, QUIET_OUTAGE]]] as const) {
    await owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
       INSERT INTO outage_policies (outage_id, policy_id) SELECT unnest($4::int[]), id FROM p`,
      [policy.code, policy.version, JSON.stringify(policy), outages],
    );
  }
});
afterAll(async () => {
  await fixture?.close();
});
beforeEach(() => {
  afterChunk = async () => undefined;
});

const consumers = Array.from({ length: ACCOUNTS }, (_, i) => i + 1).filter((n) => n % 4 !== 0).length;

async function post(url: string, payload: unknown, token = admin) {
  return fixture.hub.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
}

async function startAll(outageId = OUTAGE): Promise<HubPolicyRunSet> {
  fixture.clock.advance(60_000);
  const response = await post('/v1/admin/policy-runs/all', { outageId });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function settled(runId: string): Promise<HubPolicyRun> {
  await policyRunsOf(fixture.hub).settled(runId);
  const response = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs/status?runId=${runId}`, headers: bearer(admin) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function creditsByPolicy() {
  const { rows } = await fixture.owner.query<{ code: string; credits: number; amount: string; keys: number }>(
    `SELECT p.code, count(*)::int AS credits, sum(c.amount_minor)::text AS amount, count(DISTINCT c.idempotency_key)::int AS keys
     FROM credits c JOIN credit_policies p ON p.id = c.policy_id WHERE c.outage_id = ${OUTAGE} GROUP BY p.code ORDER BY p.code`,
  );
  return rows;
}

async function runCount(): Promise<number> {
  const { rows } = await fixture.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM policy_runs');
  return rows[0]!.n;
}

describe('every automatic policy of an outage in one start at the hub', () => {
  it('is for admins only, and refuses an unknown outage or one without an automatic policy, changing nothing', async () => {
    expect((await post('/v1/admin/policy-runs/all', { outageId: OUTAGE }, agent)).statusCode).toBe(403);
    expect((await post('/v1/admin/policy-runs/all', { outageId: 999 })).json()).toEqual({ error: { code: 'NOT_FOUND', details: { entity: 'outage' } } });
    expect((await post('/v1/admin/policy-runs/all', { outageId: QUIET_OUTAGE })).json()).toEqual({ error: { code: 'NOT_FOUND', details: { entity: 'policy' } } });
    expect((await post('/v1/admin/policy-runs/all', { outageId: OUTAGE, policyCode: 'site-goodwill' })).statusCode).toBe(400);
    expect(await runCount()).toBe(0);
  });

  it('the one-policy start still asks which policy (policy_required) when there are several', async () => {
    expect((await post('/v1/admin/policy-runs', { outageId: OUTAGE })).json()).toEqual({
      error: { code: 'INVALID_INPUT', details: { reason: 'policy_required', policies: 2 } },
    });
  });

  it('starts one run per automatic policy, runs them one after the other, and each writes its own credits with its own keys', async () => {
    const progress: { code: string; done: number }[] = [];
    afterChunk = async (status) => {
      progress.push({ code: status.policyCode, done: status.done });
    };
    const set = await startAll();
    expect(set.outageId).toBe(OUTAGE);
    expect(set.runs.map((r) => [r.policyCode, r.policyVersion, r.state, r.total, r.done])).toEqual([
      ['att-2024-02-make-it-right', 2, 'running', ACCOUNTS, 0],
      ['site-goodwill', 1, 'running', ACCOUNTS, 0],
    ]);
    const [att, site] = [await settled(set.runs[0]!.runId), await settled(set.runs[1]!.runId)];
    expect(att).toMatchObject({ state: 'done', done: ACCOUNTS, creditsWritten: consumers, totals: [{ currency: 'USD', credits: consumers, amountMinor: consumers * 500 }] });
    expect(site).toMatchObject({ state: 'done', done: ACCOUNTS, creditsWritten: ACCOUNTS, totals: [{ currency: 'USD', credits: ACCOUNTS, amountMinor: ACCOUNTS * 300 }] });
    // One after the other: every chunk of the first policy before any of the second.
    const firstOfSecond = progress.findIndex((p) => p.code === 'site-goodwill');
    expect(firstOfSecond).toBe(Math.ceil(ACCOUNTS / CHUNK));
    expect(progress.slice(firstOfSecond).every((p) => p.code === 'site-goodwill')).toBe(true);
    expect(await creditsByPolicy()).toEqual([
      { code: 'att-2024-02-make-it-right', credits: consumers, amount: String(consumers * 500), keys: consumers },
      { code: 'site-goodwill', credits: ACCOUNTS, amount: String(ACCOUNTS * 300), keys: ACCOUNTS },
    ]);
    const { rows: keys } = await fixture.owner.query<{ key: string }>(
      `SELECT idempotency_key AS key FROM credits WHERE outage_id = ${OUTAGE} AND account_id = (SELECT id FROM accounts WHERE account_number = '6000000001')  ORDER BY 1`,
    );
    expect(keys.map((k) => k.key.replace(/account:\d+/, 'account:N'))).toEqual([
      `account:N|outage:${OUTAGE}|policy:att-2024-02-make-it-right`,
      `account:N|outage:${OUTAGE}|policy:site-goodwill`,
    ]);
    const audit = await fixture.owner.query<{ action: string; target: string }>("SELECT action, target FROM audit_events WHERE action LIKE 'policy_run.%' ORDER BY seq");
    expect(audit.rows).toEqual([
      { action: 'policy_run.started', target: `policy_run:${att.runId}` },
      { action: 'policy_run.started', target: `policy_run:${site.runId}` },
      { action: 'policy_run.finished', target: `policy_run:${att.runId}` },
      { action: 'policy_run.finished', target: `policy_run:${site.runId}` },
    ]);
  });

  it('writes nothing new when started again: the same keys exist', async () => {
    const before = await creditsByPolicy();
    const set = await startAll();
    const runs = await Promise.all(set.runs.map((r) => settled(r.runId)));
    expect(runs.map((r) => [r.state, r.creditsWritten])).toEqual([['done', 0], ['done', 0]]);
    expect(await creditsByPolicy()).toEqual(before);
  });

  it('starts none while one of the policies runs (CONFLICT), and a queued run cancelled before its turn writes nothing', async () => {
    await fixture.owner.query(`DELETE FROM credits WHERE outage_id = ${OUTAGE}`);
    const runsBefore = await runCount();
    const { rows } = await fixture.owner.query<{ id: number }>("SELECT id FROM credit_policies WHERE code = 'site-goodwill'");
    let refused: unknown = null;
    afterChunk = async (status) => {
      if (status.done === CHUNK && refused === null) refused = (await post('/v1/admin/policy-runs/all', { outageId: OUTAGE })).json();
    };
    fixture.clock.advance(60_000);
    const single = (await post('/v1/admin/policy-runs', { outageId: OUTAGE, policyId: rows[0]!.id })).json() as HubPolicyRun;
    await settled(single.runId);
    expect(refused).toEqual({ error: { code: 'CONFLICT', details: { reason: 'run_in_progress' } } });
    expect(await runCount()).toBe(runsBefore + 1);

    // While the first policy runs, the second (queued) is cancelled: it ends at once, with nothing written.
    let queued: HubPolicyRun | null = null;
    let cancelledQueued: unknown = null;
    afterChunk = async (status) => {
      if (status.policyCode === 'att-2024-02-make-it-right' && queued !== null && cancelledQueued === null) {
        const status2 = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs/status?runId=${queued.runId}`, headers: bearer(admin) });
        expect(status2.json()).toMatchObject({ state: 'running', done: 0 });
        cancelledQueued = (await post('/v1/admin/policy-runs/cancel', { runId: queued.runId })).json();
      }
    };
    const set = await startAll();
    queued = set.runs[1]!;
    const [att, site] = [await settled(set.runs[0]!.runId), await settled(set.runs[1]!.runId)];
    expect(cancelledQueued).toMatchObject({ state: 'cancelled' });
    expect(att).toMatchObject({ state: 'done', creditsWritten: consumers });
    expect(site).toMatchObject({ state: 'cancelled', done: 0, creditsWritten: 0 });
    // The single run above had written the goodwill credits; they are kept.
    expect(await creditsByPolicy()).toEqual([
      { code: 'att-2024-02-make-it-right', credits: consumers, amount: String(consumers * 500), keys: consumers },
      { code: 'site-goodwill', credits: ACCOUNTS, amount: String(ACCOUNTS * 300), keys: ACCOUNTS },
    ]);
  });
});
