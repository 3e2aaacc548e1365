import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput } from '@shared/ipc/channels';
import type { Result } from '@shared/ipc/result';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { DEMO_OPERATORS, ensureDemoOperators } from '../../electron/main/auth/demo-operators';
import { openDatabase } from '../../electron/main/db/open-database';
import { buildHub, policyRunsOf } from '../../hub/src/app/build-hub';
import { hashPassword } from '../../hub/src/auth/password-hash';
import { startChangeFeed, type ChangeFeed } from '../../hub/src/changes/change-feed';
import { newEnrolmentCode, secretHash } from '../../hub/src/common/secrets';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { startHubDatabase } from '../support/hub-database';
import { copyCarrierData } from '../../scripts/bench/hub/carrier-copy';
import { fakeSealer } from '../support/fake-sealer';
import { nlTelecommunicatiewetOutageV2 } from '@shared/policy/packs/nl-telecommunicatiewet-outage';
import { Policy } from '@shared/policy/policy-schema';
import { DUTCH_OUTAGE, REFERENCE_OUTAGE } from './policy-test-db';

/*
 * Issue 12: "a policy run at the hub and its credits on two desktops". The hub holds the demo
 * carrier data (copied id for id from a seeded cache); two new desktops (empty caches) enrol,
 * load the hub's snapshot when an operator signs in, and follow the change log. Ada starts the
 * reference outage's run from desktop A; the hub runs it once; both desktops then hold exactly
 * the hub's credits (same ids, amounts, keys, bill dates) through their pulls of its carrier
 * batches, and neither ran the engine itself.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const COST = { N: 1024, r: 8, p: 1 } as const;

let cluster: LocalCluster;
let owner: pg.Pool;
let pool: pg.Pool;
let feed: ChangeFeed;
let hub: FastifyInstance;
let url: string;
let dir: string;
let outageId: number;
let dutchOutageId: number;
const desktops: Backend[] = [];

async function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>> {
  return (await backend.dispatch(channel, input, APP)) as Result<ChannelOutput<C>>;
}

async function signIn(backend: Backend, username: string) {
  await call(backend, 'authSignOut', {});
  const answer = await call(backend, 'authSignIn', { username, password: PASSWORD[username]! });
  if (!answer.ok) throw new Error(`sign-in of ${username} failed: ${JSON.stringify(answer)}`);
}

async function waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function freshDesktop(name: string): Promise<Backend> {
  const file = join(dir, `${name}.sqlite`);
  const db = openDatabase(file);
  ensureDemoOperators(db, new Date(), COST);
  db.close();
  const backend = createBackend({ dbPath: file, isTrustedSender: () => true, hub: { mode: 'hub', url, ca: null, source: 'test' }, hubSealer: fakeSealer, hubPullIntervalMs: 0, passwordCost: COST });
  desktops.push(backend);
  const code = newEnrolmentCode();
  await owner.query(
    `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at) SELECT $1, 'test', id, now(), now() + interval '1 hour' FROM operators WHERE username = 'ada'`,
    [secretHash(code)],
  );
  await signIn(backend, 'ada');
  const enrolled = await call(backend, 'hubEnrol', { code, name });
  if (!enrolled.ok) throw new Error(JSON.stringify(enrolled));
  return backend;
}

interface CreditRow {
  id: string;
  account_id: number;
  amount_minor: number;
  idempotency_key: string;
  bill_date: string;
  scheduled_on: string;
  status: string;
  adjustment_reason: string | null;
  outage_revision: number | null;
}

async function hubCredits(outage = outageId): Promise<CreditRow[]> {
  const { rows } = await owner.query<CreditRow>(
    `SELECT id, account_id, amount_minor, idempotency_key, to_char(bill_date, 'YYYY-MM-DD') AS bill_date, to_char(scheduled_on, 'YYYY-MM-DD') AS scheduled_on, status,
       adjustment_reason, outage_revision
     FROM credits WHERE outage_id = $1 AND source = 'automatic' ORDER BY id`,
    [outage],
  );
  return rows;
}

function desktopCredits(backend: Backend, outage = outageId): CreditRow[] {
  return backend.db
    .prepare(
      `SELECT id, account_id, amount_minor, idempotency_key, bill_date, scheduled_on, status, adjustment_reason, outage_revision FROM credits
       WHERE outage_id = ? AND source = 'automatic' ORDER BY id`,
    )
    .all(outage) as CreditRow[];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-policy-run-2-'));
  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();

  let appUrl: string;
  ({ cluster, owner, pool, appUrl } = await startHubDatabase(8));
  for (const operator of DEMO_OPERATORS) {
    await owner.query(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, 'en-US', 'America/Chicago', now())`,
      [operator.username, operator.displayName, operator.role, await hashPassword(operator.password, COST)],
    );
  }
  const source = new Database(template, { readonly: true });
  try {
    await copyCarrierData(source, owner);
    outageId = source.prepare('SELECT id FROM outages WHERE source_id = ?').pluck().get(REFERENCE_OUTAGE) as number;
    dutchOutageId = source.prepare('SELECT id FROM outages WHERE source_id = ?').pluck().get(DUTCH_OUTAGE) as number;
  } finally {
    source.close();
  }
  feed = await startChangeFeed({ connectionString: appUrl, pollMs: 200 });
  hub = buildHub({ pool, changeFeed: feed, passwordCost: COST, policyRuns: { chunkAccounts: 300 } });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  for (const backend of desktops) backend.close();
  await hub?.close();
  await feed?.close();
  await pool?.end();
  await owner?.end();
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a policy run at the hub and its credits on two desktops', () => {
  it("reaches both desktops' caches by their pulls, exactly as the hub wrote them", async () => {
    const a = await freshDesktop('Desk A');
    const b = await freshDesktop('Desk B');
    // Ada on A, Sam on B: each cache loads the hub's snapshot at the sign-in online.
    await signIn(a, 'ada');
    await signIn(b, 'sam');
    for (const backend of [a, b]) await waitFor(() => backend.hubSync!.state().snapshot?.state === 'done');
    expect(desktopCredits(a)).toEqual([]);
    expect(desktopCredits(b)).toEqual([]);

    const started = await call(a, 'policyRunStart', { outageId });
    if (!started.ok) throw new Error(JSON.stringify(started));
    const done = await policyRunsOf(hub).settled(started.value.runId);
    expect(done.state).toBe('done');
    expect(done.creditsWritten).toBeGreaterThan(100);
    const atHub = await hubCredits();
    expect(atHub).toHaveLength(done.creditsWritten);
    // One carrier batch per chunk that wrote: the desktops fetch the rows by batch, page by page.
    const { rows } = await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM change_log WHERE entity = 'carrier_batch' AND data->>'source' = 'policy_run'");
    expect(rows[0]!.n).toBeGreaterThan(1);

    for (const backend of [a, b]) {
      const round = await backend.hubSync!.syncNow();
      expect(round.pull?.ok).toBe(true);
      expect(desktopCredits(backend)).toEqual(atHub);
      // Neither desktop ran the engine: no run of its own is recorded.
      expect(backend.db.prepare('SELECT count(*) FROM policy_runs').pluck().get()).toBe(0);
    }
    // The account view on B shows the hub's credit (its policy named by code and version there).
    const credited = atHub[0]!;
    const policy = b.db
      .prepare('SELECT p.code, p.version FROM credits c JOIN credit_policies p ON p.id = c.policy_id WHERE c.id = ?')
      .get(credited.id) as { code: string; version: number };
    expect(policy).toEqual({ code: 'att-2024-02-make-it-right', version: 2 });
  });

  it("carries a revision's clawed-back difference (a negative credit) to both desktops", async () => {
    const [a, b] = desktops as [Backend, Backend];
    // The Dutch pack as a version that claws back, attached to the Dutch outage at the hub in place of the one there.
    const policy = Policy.parse({ ...nlTelecommunicatiewetOutageV2, version: 90, revisions: { clawback: true } });
    await owner.query(
      `WITH p AS (INSERT INTO credit_policies (code, version, rules) VALUES ($1, $2, $3) RETURNING id)
       UPDATE outage_policies SET policy_id = (SELECT id FROM p) WHERE outage_id = $4`,
      [policy.code, policy.version, JSON.stringify(policy), dutchOutageId],
    );
    const runs = policyRunsOf(hub);
    const first = await runs.settled((await runs.start(null, { outageId: dutchOutageId }, new Date('2026-11-25T12:00:00.000Z'))).runId);
    expect(first.creditsWritten).toBeGreaterThan(0);
    // Revised: the outage was shorter than first reported.
    await owner.query("UPDATE outages SET ends_at = '2024-09-10T17:00:00Z', revision = revision + 1 WHERE id = $1", [dutchOutageId]);
    const second = await runs.settled((await runs.start(null, { outageId: dutchOutageId }, new Date('2026-11-26T12:00:00.000Z'))).runId);
    expect(second.state).toBe('done');
    const atHub = await hubCredits(dutchOutageId);
    expect(atHub.some((credit) => credit.amount_minor < 0 && credit.adjustment_reason === 'outage_revised' && credit.outage_revision === 2)).toBe(true);
    for (const backend of [a, b]) {
      const round = await backend.hubSync!.syncNow();
      expect(round.pull?.ok).toBe(true);
      expect(desktopCredits(backend, dutchOutageId)).toEqual(atHub);
    }
  });
});
