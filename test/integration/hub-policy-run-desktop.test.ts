import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { buildHub, policyRunsOf } from '../../hub/src/app/build-hub';
import { hashPassword } from '../../hub/src/auth/password-hash';
import { startChangeFeed, type ChangeFeed } from '../../hub/src/changes/change-feed';
import { newEnrolmentCode, secretHash } from '../../hub/src/common/secrets';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { startHubDatabase } from '../support/hub-database';
import { copyCarrierData } from '../../scripts/bench/hub/carrier-copy';
import { fakeSealer } from '../support/fake-sealer';
import { previewOutagePolicies } from '../../hub/src/policies/policy-preview';
import { outageId, REFERENCE_OUTAGE } from './policy-test-db';

/*
 * A desktop enrolled at a hub runs the automatic policy at the hub: policyRunStart, the
 * progress it polls and policyRunCancel go to the hub's routes as the signed-in admin, and
 * the local engine never runs (no local run record, no local automatic credit, the local
 * registry never asked). The hub holds the desktop's own demo data, copied id for id.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const CHUNK = 200;

let cluster: LocalCluster;
let owner: pg.Pool;
let pool: pg.Pool;
let hub: FastifyInstance;
let feed: ChangeFeed;
let dir: string;
let desktop: Backend;
/** Awaited after each chunk of the hub's runs: a test holds a run between chunks with it. */
let betweenChunks: () => Promise<void> = async () => undefined;

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(username: string) {
  await call(desktop, 'authSignOut', {});
  const answer = await call(desktop, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

function localFacts() {
  return {
    runs: (desktop.db.prepare('SELECT count(*) AS n FROM policy_runs').get() as { n: number }).n,
    automaticCredits: (desktop.db.prepare("SELECT count(*) AS n FROM credits WHERE source = 'automatic'").get() as { n: number }).n,
  };
}

async function hubCredits(outage: number): Promise<number> {
  return (await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM credits WHERE outage_id = $1 AND source = 'automatic'", [outage])).rows[0]!.n;
}

async function untilSettled(runId: string): Promise<PolicyRunStatus> {
  for (let i = 0; i < 400; i += 1) {
    const status = await call(desktop, 'policyRunStatus', { runId });
    if (!status.ok) throw new Error(JSON.stringify(status));
    if (status.value.state !== 'running') return status.value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the run did not end');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-policy-run-'));
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();

  let appUrl: string;
  ({ cluster, owner, pool, appUrl } = await startHubDatabase(6));
  for (const operator of DEMO_OPERATORS) {
    await owner.query(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, 'en-US', 'America/Chicago', now())`,
      [operator.username, operator.displayName, operator.role, await hashPassword(operator.password, { N: 1024, r: 8, p: 1 })],
    );
  }
  const source = new Database(template, { readonly: true });
  try {
    await copyCarrierData(source, owner);
  } finally {
    source.close();
  }
  feed = await startChangeFeed({ connectionString: appUrl, pollMs: 200 });
  hub = buildHub({ pool, changeFeed: feed, passwordCost: { N: 1024, r: 8, p: 1 }, policyRuns: { chunkAccounts: CHUNK, afterChunk: () => betweenChunks() } });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;

  const file = join(dir, 'desk.sqlite');
  copyFileSync(template, file);
  desktop = createBackend({ dbPath: file, isTrustedSender: () => true, hub: { mode: 'hub', url, ca: null, source: 'test' }, hubSealer: fakeSealer, hubPullIntervalMs: 0 });
  const code = newEnrolmentCode();
  await owner.query(
    `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at) SELECT $1, 'test', id, now(), now() + interval '1 hour' FROM operators WHERE username = 'ada'`,
    [secretHash(code)],
  );
  await signIn('ada');
  const enrolled = await call(desktop, 'hubEnrol', { code, name: 'Desk A' });
  if (!enrolled.ok) throw new Error(JSON.stringify(enrolled));
  await signIn('ada');
}, 180_000);

afterAll(async () => {
  desktop?.close();
  await hub?.close();
  await feed?.close();
  await pool?.end();
  await owner?.end();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** What the preview at the hub promised for the reference outage: the run that follows writes it. */
let previewed = -1;

describe('a desktop enrolled at a hub runs the policy at the hub', () => {
  it('previews at the hub, from the hub\'s data, and writes nothing; the local engine never runs', async () => {
    const outage = outageId(desktop.db, REFERENCE_OUTAGE);
    const before = localFacts();
    const hubBefore = await hubCredits(outage);
    const localStart = vi.spyOn(desktop.policyRuns, 'start');
    const preview = await call(desktop, 'policyRunPreview', { outageId: outage });
    if (!preview.ok) throw new Error(JSON.stringify(preview));
    expect(preview.value).toMatchObject({ outageId: outage, preview: true, state: 'done' });
    const atHub = await previewOutagePolicies(pool, outage, new Date());
    expect(preview.value.creditsWritten).toBe(atHub.creditsWritten);
    expect(preview.value.totals).toEqual(atHub.totals);
    expect(preview.value.creditsWritten).toBeGreaterThan(100);
    // The screen polls the preview by its id, and gets it.
    expect(await call(desktop, 'policyRunStatus', { runId: preview.value.runId })).toEqual({ ok: true, value: preview.value });
    expect(localStart).not.toHaveBeenCalled();
    expect(localFacts()).toEqual(before);
    expect(await hubCredits(outage)).toBe(hubBefore);
    localStart.mockRestore();
    previewed = preview.value.creditsWritten;
  });

  it('starts the run at the hub and follows its progress there; the local engine never runs', async () => {
    const outage = outageId(desktop.db, REFERENCE_OUTAGE);
    const before = localFacts();
    const localStart = vi.spyOn(desktop.policyRuns, 'start');
    const started = await call(desktop, 'policyRunStart', { outageId: outage });
    expect(started).toMatchObject({ ok: true, value: { outageId: outage, state: 'running', preview: false } });
    if (!started.ok) return;
    // The hub's run id (a UUID), its progress as the screen reads it.
    expect(started.value.runId).toMatch(/^[0-9a-f-]{36}$/);
    const done = await untilSettled(started.value.runId);
    expect(done).toMatchObject({ state: 'done', done: started.value.total });
    expect(done.creditsWritten).toBeGreaterThan(100);
    expect(done.creditsWritten).toBe(previewed);
    expect(await hubCredits(outage)).toBe(done.creditsWritten);
    expect(done.totals).toEqual([{ currency: 'USD', credits: done.creditsWritten, amountMinor: done.creditsWritten * 500 }]);
    expect(localStart).not.toHaveBeenCalled();
    expect(localFacts()).toEqual(before);
    localStart.mockRestore();
  });

  it('cancels the hub run between chunks from the desktop', async () => {
    const outage = outageId(desktop.db, REFERENCE_OUTAGE);
    await owner.query("DELETE FROM credits WHERE outage_id = $1 AND source = 'automatic'", [outage]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let chunks = 0;
    betweenChunks = async () => {
      chunks += 1;
      if (chunks === 1) await held;
    };
    const started = await call(desktop, 'policyRunStart', { outageId: outage });
    if (!started.ok) throw new Error(JSON.stringify(started));
    await vi.waitFor(() => expect(chunks).toBe(1));
    const cancelled = await call(desktop, 'policyRunCancel', { runId: started.value.runId });
    expect(cancelled).toMatchObject({ ok: true, value: { state: 'cancelled', runId: started.value.runId } });
    release();
    await policyRunsOf(hub).settled(started.value.runId);
    const final = await untilSettled(started.value.runId);
    expect(final).toMatchObject({ state: 'cancelled', done: CHUNK });
    expect(await hubCredits(outage)).toBe(final.creditsWritten);
    expect(localFacts().runs).toBe(0);
    betweenChunks = async () => undefined;
  });

  it('refuses a second start while the hub runs the outage, with CONFLICT', async () => {
    const outage = outageId(desktop.db, REFERENCE_OUTAGE);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    betweenChunks = () => held;
    const first = await call(desktop, 'policyRunStart', { outageId: outage });
    if (!first.ok) throw new Error(JSON.stringify(first));
    expect(await call(desktop, 'policyRunStart', { outageId: outage })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    release();
    betweenChunks = async () => undefined;
    expect(await untilSettled(first.value.runId)).toMatchObject({ state: 'done' });
  });

  it('runs every automatic policy of an outage at the hub in one start, showing each policy\'s progress', async () => {
    const outage = outageId(desktop.db, REFERENCE_OUTAGE);
    await owner.query("DELETE FROM credits WHERE outage_id = $1 AND source = 'automatic'", [outage]);
    // A second automatic policy on the outage, at the hub only: $3 per account.
    const { rows: att } = await owner.query<{ rules: Record<string, unknown> }>(
      `SELECT p.rules FROM credit_policies p JOIN outage_policies op ON op.policy_id = p.id WHERE op.outage_id = $1 AND p.rules->'delivery'->>'mode' = 'automatic'`,
      [outage],
    );
    expect(att).toHaveLength(1);
    const goodwill = { ...att[0]!.rules, code: 'site-goodwill', version: 1, name: 'Site goodwill', amount: { kind: 'flat', amountMinor: 300 } };
    await owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ('site-goodwill', 1, $2) RETURNING id)
       INSERT INTO outage_policies (outage_id, policy_id) SELECT $1, id FROM p`,
      [outage, JSON.stringify(goodwill)],
    );
    const before = localFacts();
    let chunks = 0;
    let midway: PolicyRunStatus | null = null;
    let runId = '';
    betweenChunks = async () => {
      chunks += 1;
      if (chunks === 1 && runId !== '') {
        const status = await call(desktop, 'policyRunStatus', { runId });
        if (status.ok) midway = status.value;
      }
    };
    const started = await call(desktop, 'policyRunStart', { outageId: outage });
    if (!started.ok) throw new Error(JSON.stringify(started));
    runId = started.value.runId;
    const attCode = (att[0]!.rules as { code: string }).code;
    expect(started.value.policies?.map((p) => [p.policyCode, p.state, p.done])).toEqual([
      [attCode, 'running', 0],
      ['site-goodwill', 'running', 0],
    ]);
    const done = await untilSettled(runId);
    betweenChunks = async () => undefined;
    const byPolicy = (await owner.query<{ code: string; n: number }>(
      `SELECT p.code, count(*)::int AS n FROM credits c JOIN credit_policies p ON p.id = c.policy_id
       WHERE c.outage_id = $1 AND c.source = 'automatic' GROUP BY p.code ORDER BY p.code`,
      [outage],
    )).rows;
    expect(byPolicy.map((r) => r.code)).toEqual([attCode, 'site-goodwill']);
    expect(byPolicy.every((r) => r.n > 100)).toBe(true);
    expect(done).toMatchObject({ state: 'done', creditsWritten: byPolicy[0]!.n + byPolicy[1]!.n, outcomes: null });
    expect(done.policies).toEqual([
      { policyCode: attCode, policyVersion: expect.any(Number), state: 'done', done: expect.any(Number), total: expect.any(Number), creditsWritten: byPolicy[0]!.n },
      { policyCode: 'site-goodwill', policyVersion: 1, state: 'done', done: expect.any(Number), total: expect.any(Number), creditsWritten: byPolicy[1]!.n },
    ]);
    expect(done.done).toBe(done.total);
    expect(done.totals).toEqual([{ currency: 'USD', credits: done.creditsWritten, amountMinor: byPolicy[0]!.n * 500 + byPolicy[1]!.n * 300 }]);
    // Followed while it ran: the first policy under way, the second waiting its turn.
    expect(midway).not.toBeNull();
    expect(midway!.state).toBe('running');
    expect(midway!.policies?.[1]).toMatchObject({ policyCode: 'site-goodwill', state: 'running', done: 0 });
    expect(localFacts()).toEqual(before);
  });
});
