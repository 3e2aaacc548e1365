import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubPolicyRun } from '@shared/hub/policy-runs';
import { att202402MakeItRightV2 } from '@shared/policy/packs/att-2024-02-make-it-right';
import { Policy } from '@shared/policy/policy-schema';
import { policyRunsOf } from '../src/app/build-hub';
import { HubPolicyRuns } from '../src/policies/policy-runs';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

/*
 * The automatic policy run at the hub over its routes, on a real PostgreSQL: 400 accounts with
 * an impact of the February 2024 outage on a wireless line, under AT&T's $5 per-account policy
 * (consumer postpaid AT&T only), in chunks of 25. Parity with the desktop's run on the same
 * data is test/integration/hub-policy-run-parity.test.ts.
 */

let fixture: HubFixture;
let admin: string;
let agent: string;
let afterChunk: (status: HubPolicyRun) => Promise<void> = async () => undefined;
const OUTAGE = 7;
const CHUNK = 25;
const ACCOUNTS = 400;

beforeAll(async () => {
  fixture = await startHubFixture({ policyRuns: { chunkAccounts: CHUNK, afterChunk: (status) => afterChunk(status) } });
  admin = (await signIn(fixture, 'ada')).token;
  agent = (await signIn(fixture, 'alice')).token;
  const { owner } = fixture;
  // Every fourth account is business (not eligible), every seventh has no impact (not concerned).
  await owner.query(`INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day, brand, segment, payment_type, status, monthly_charge_minor, country)
    SELECT '5000' || lpad(n::text, 6, '0'), 'Holder ' || n, 'USD', 'TX', 1 + n % 28, 'att', CASE WHEN n % 4 = 0 THEN 'business' ELSE 'consumer' END,
      'postpaid', 'active', 6500, 'US' FROM generate_series(1, ${ACCOUNTS}) AS n`);
  await owner.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
    SELECT 'L' || a.id, a.id, '+1512' || lpad(a.id::text, 7, '0'), 'wireless_voice', 6500, 'active' FROM accounts a WHERE a.account_number LIKE '5000%'`);
  await owner.query(`INSERT INTO outages (id, title, starts_at, ends_at, regions, cause, services, towers_affected)
    VALUES (${OUTAGE}, 'Nationwide wireless outage', '2024-02-22T08:45:00Z', '2024-02-22T20:10:00Z', '{}', 'network_change', '{wireless_voice}', 12)`);
  await owner.query(`INSERT INTO impacts (source_id, outage_id, line_id, starts_at, ends_at, lost_minutes, connected_at_start)
    SELECT 'I' || l.id, ${OUTAGE}, l.id, '2024-02-22T08:47:00Z', '2024-02-22T18:41:00Z', 594, true
    FROM lines l JOIN accounts a ON a.id = l.account_id WHERE a.account_number LIKE '5000%' AND substr(a.account_number, 5)::int % 7 <> 0`);
  const policy = Policy.parse(att202402MakeItRightV2);
  await owner.query(
    `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
     INSERT INTO outage_policies (outage_id, policy_id) SELECT ${OUTAGE}, id FROM p`,
    [policy.code, policy.version, JSON.stringify(policy)],
  );
});
afterAll(async () => {
  await fixture?.close();
});
beforeEach(() => {
  afterChunk = async () => undefined;
});

/** Accounts 1..400 of the test: eligible when consumer (n % 4 != 0) and impacted (n % 7 != 0). */
const expectedEligible = Array.from({ length: ACCOUNTS }, (_, i) => i + 1).filter((n) => n % 4 !== 0 && n % 7 !== 0).length;
const expectedConcerned = Array.from({ length: ACCOUNTS }, (_, i) => i + 1).filter((n) => n % 7 !== 0).length;

async function post(url: string, payload: unknown, token = admin) {
  return fixture.hub.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
}

async function start(payload: Record<string, unknown> = { outageId: OUTAGE }): Promise<HubPolicyRun> {
  // Each run at its own instant (its credits carry it as their creation time).
  fixture.clock.advance(60_000);
  const response = await post('/v1/admin/policy-runs', payload);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function settled(run: HubPolicyRun): Promise<HubPolicyRun> {
  await policyRunsOf(fixture.hub).settled(run.runId);
  const response = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs/status?runId=${run.runId}`, headers: bearer(admin) });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function creditRows() {
  const { rows } = await fixture.owner.query<{ key: string; amount: number; account: string; batch: string; bill: string }>(
    `SELECT c.idempotency_key AS key, c.amount_minor AS amount, a.account_number AS account, c.carrier_batch::text AS batch,
       to_char(c.bill_date, 'YYYY-MM-DD') AS bill
     FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.outage_id = ${OUTAGE} ORDER BY c.idempotency_key`,
  );
  return rows;
}

describe('the policy run at the hub', () => {
  it('is for admins only', async () => {
    const response = await post('/v1/admin/policy-runs', { outageId: OUTAGE }, agent);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({ error: { code: 'FORBIDDEN_ROLE', details: { role: 'agent' } } });
    expect(await creditRows()).toEqual([]);
  });

  it('refuses an unknown outage or policy with a code and changes nothing', async () => {
    expect((await post('/v1/admin/policy-runs', { outageId: 999 })).json()).toEqual({ error: { code: 'NOT_FOUND', details: { entity: 'outage' } } });
    expect((await post('/v1/admin/policy-runs', { outageId: OUTAGE, policyCode: 'nope' })).json()).toEqual({ error: { code: 'NOT_FOUND', details: { entity: 'policy' } } });
    expect((await post('/v1/admin/policy-runs', { outageId: OUTAGE, extra: 1 })).statusCode).toBe(400);
    const { rows } = await fixture.owner.query('SELECT count(*)::int AS n FROM policy_runs');
    expect(rows[0].n).toBe(0);
  });

  it('writes one $5 credit per eligible account, in chunks that each take a carrier batch and one change-log entry', async () => {
    const before = await fixture.owner.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM change_log');
    const run = await start({ outageId: OUTAGE, policyCode: att202402MakeItRightV2.code });
    expect(run).toMatchObject({ state: 'running', total: expectedConcerned, preview: false, policyCode: att202402MakeItRightV2.code, policyVersion: 2 });
    const done = await settled(run);
    expect(done).toMatchObject({ state: 'done', done: expectedConcerned, total: expectedConcerned, creditsWritten: expectedEligible });
    expect(done.totals).toEqual([{ currency: 'USD', credits: expectedEligible, amountMinor: expectedEligible * 500 }]);
    const credits = await creditRows();
    expect(credits).toHaveLength(expectedEligible);
    expect(new Set(credits.map((c) => c.amount))).toEqual(new Set([500]));
    // The key the desktop gives it (shared/domain/credit.ts): per account, outage and policy.
    expect(credits[0]!.key).toMatch(new RegExp(`^account:\\d+\\|outage:${OUTAGE}\\|policy:att-2024-02-make-it-right$`));
    const batches = [...new Set(credits.map((c) => c.batch))].map(Number).sort((a, b) => a - b);
    expect(batches.every((b) => b > 0)).toBe(true);
    const { rows: entries } = await fixture.owner.query<{ entity: string; entity_id: string; audience: string; data: Record<string, unknown> }>(
      'SELECT entity, entity_id, audience, data FROM change_log WHERE position > $1 ORDER BY position',
      [before.rows[0]!.head],
    );
    // One entry per chunk that wrote, naming its batch; nothing per credit.
    expect(entries).toEqual(batches.map((batch) => ({ entity: 'carrier_batch', entity_id: String(batch), audience: 'all', data: { batch, source: 'policy_run', runId: run.runId, tables: ['credits'] } })));
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(expectedConcerned / CHUNK));
    const audit = await fixture.owner.query<{ action: string; operator_id: number; after_json: string }>(
      "SELECT action, operator_id, after_json FROM audit_events WHERE target = $1 ORDER BY seq",
      [`policy_run:${run.runId}`],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['policy_run.started', 'policy_run.finished']);
    expect(JSON.parse(audit.rows[0]!.after_json)).toMatchObject({ outageId: OUTAGE, policyCode: 'att-2024-02-make-it-right', policyVersion: 2, accounts: expectedConcerned });
  });

  it('writes nothing new when run again: every key exists, and no chunk appends to the change log', async () => {
    const before = await creditRows();
    const head = await fixture.owner.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM change_log');
    const run = await settled(await start());
    expect(run).toMatchObject({ state: 'done', creditsWritten: 0, done: expectedConcerned, totals: [] });
    expect(await creditRows()).toEqual(before);
    const { rows } = await fixture.owner.query("SELECT entity FROM change_log WHERE position > $1 AND entity <> 'carrier_batch'", [head.rows[0]!.head]);
    expect(rows).toEqual([]);
    const { rows: batches } = await fixture.owner.query("SELECT count(*)::int AS n FROM change_log WHERE position > $1 AND entity = 'carrier_batch'", [head.rows[0]!.head]);
    expect(batches[0].n).toBe(0);
  });

  it('stops between chunks when cancelled; a new run resumes and completes without duplicates', async () => {
    await fixture.owner.query(`DELETE FROM credits WHERE outage_id = ${OUTAGE}`);
    let cancelled: HubPolicyRun | null = null;
    afterChunk = async (status) => {
      if (status.done >= 3 * CHUNK && cancelled === null) {
        cancelled = (await post('/v1/admin/policy-runs/cancel', { runId: status.runId })).json();
      }
    };
    const run = await settled(await start());
    expect(cancelled).toMatchObject({ state: 'cancelled' });
    expect(run.state).toBe('cancelled');
    expect(run.done).toBe(3 * CHUNK);
    const partial = await creditRows();
    expect(partial.length).toBe(run.creditsWritten);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(expectedEligible);
    // Only one run at a time: while it runs, a second start is refused.
    afterChunk = async (status) => {
      if (status.done === CHUNK) {
        const again = await post('/v1/admin/policy-runs', { outageId: OUTAGE });
        expect(again.json()).toEqual({ error: { code: 'CONFLICT', details: { reason: 'run_in_progress' } } });
      }
    };
    const resumed = await settled(await start());
    expect(resumed).toMatchObject({ state: 'done', creditsWritten: expectedEligible - partial.length });
    const all = await creditRows();
    expect(all).toHaveLength(expectedEligible);
    expect(new Set(all.map((c) => c.key)).size).toBe(expectedEligible);
    // What the first run wrote is kept as it was.
    expect(all.filter((c) => partial.some((p) => p.key === c.key))).toEqual(partial);
    const audit = await fixture.owner.query<{ action: string }>('SELECT action FROM audit_events WHERE target = $1 ORDER BY seq', [`policy_run:${run.runId}`]);
    expect(audit.rows.map((r) => r.action)).toEqual(['policy_run.started', 'policy_run.cancelled']);
  });

  it('lists the runs newest first with their states, and answers NOT_FOUND for an unknown run', async () => {
    const response = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs?outageId=${OUTAGE}`, headers: bearer(admin) });
    const runs = response.json() as HubPolicyRun[];
    expect(runs.map((r) => r.state)).toEqual(['done', 'cancelled', 'done', 'done']);
    const missing = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs/status?runId=${crypto.randomUUID()}`, headers: bearer(admin) });
    expect(missing.statusCode).toBe(404);
  });

  it('reports a run cut off (recorded running, its lock gone with its connection) as failed, and a new start resumes it', async () => {
    const { rows } = await fixture.owner.query<{ id: number }>("SELECT id FROM credit_policies WHERE code = 'att-2024-02-make-it-right'");
    const ghost = crypto.randomUUID();
    await fixture.owner.query(
      "INSERT INTO policy_runs (id, outage_id, policy_id, started_at, state, accounts_total) VALUES ($1, $2, $3, now(), 'running', 10)",
      [ghost, OUTAGE, rows[0]!.id],
    );
    const status = await fixture.hub.inject({ method: 'GET', url: `/v1/admin/policy-runs/status?runId=${ghost}`, headers: bearer(admin) });
    expect(status.json()).toMatchObject({ runId: ghost, state: 'failed' });
    const run = await settled(await start());
    expect(run).toMatchObject({ state: 'done', creditsWritten: 0 });
    const after = await fixture.owner.query<{ state: string }>('SELECT state FROM policy_runs WHERE id = $1', [ghost]);
    expect(after.rows[0]!.state).toBe('failed');
  });
  it('keeps the breakdown by outcome with the run: a hub started afresh on the same database answers it as the run reported it', async () => {
    const run = await start();
    const done = await settled(run);
    expect(done.outcomes).not.toBeNull();
    const counted = Object.values(done.outcomes!).reduce((a, b) => a + b, 0);
    expect(counted).toBe(done.done);
    // A new HubPolicyRuns on the same database has no run in memory: what a restarted hub has.
    const restarted = new HubPolicyRuns(fixture.pool, { clock: fixture.clock.now });
    const stored = await restarted.status(run.runId);
    expect(stored.outcomes).toEqual(done.outcomes);
    expect(stored).toMatchObject({ state: 'done', done: done.done, creditsWritten: done.creditsWritten });
    expect((await restarted.list({ outageId: OUTAGE, limit: 50 })).find((r) => r.runId === run.runId)).toMatchObject({ outcomes: done.outcomes });
  });
});
