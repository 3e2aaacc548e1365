import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName } from '@shared/ipc/channels';
import { createBackend, type Backend } from '../../electron/main/app/create-backend';
import { anchorFiles, type AnchorSealer } from '../../electron/main/audit/audit-stamp';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import type { SecretSealer } from '../../electron/main/hub-sync/secret-sealer';
import { buildHub } from '../../hub/src/app/build-hub';
import { hashPassword } from '../../hub/src/auth/password-hash';
import { newEnrolmentCode, secretHash } from '../../hub/src/common/secrets';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { startHubDatabase } from '../support/hub-database';
import { TEST_PASSWORD_COST } from '../support/password-cost';

/*
 * With a hub, the hub's chain is the anchor of record; the desktop witnesses it: it keeps the
 * hub's audit head in its stamp and, at its next sign-in there, checks that the hub still holds
 * that event with that hash. A real hub (Fastify on loopback, a private PostgreSQL), one desktop.
 */

const APP = { url: 'app://desk/index.html', isAppTopFrame: true };
const PASSWORD = Object.fromEntries(DEMO_OPERATORS.map((operator) => [operator.username, operator.password]));
const sealer: SecretSealer & AnchorSealer = {
  kind: 'safe_storage',
  osBacked: true,
  seal: (plain) => Buffer.from(Buffer.from(plain).map((byte) => byte ^ 0x33)),
  open: (sealed) => Buffer.from(sealed.map((byte) => byte ^ 0x33)).toString(),
};

let cluster: LocalCluster;
let owner: pg.Pool;
let pool: pg.Pool;
let hub: FastifyInstance;
let hubUrl: string;
let dir: string;
let dbPath: string;
let desk: Backend;

function start(): Backend {
  return createBackend({
    dbPath,
    isTrustedSender: () => true,
    passwordCost: TEST_PASSWORD_COST,
    hub: { mode: 'hub', url: hubUrl, ca: null, source: 'test' },
    hubSealer: sealer,
    anchorSealer: sealer,
    hubPullIntervalMs: 0,
  });
}

function call<C extends ChannelName>(backend: Backend, channel: C, input: ChannelInput<C>) {
  return backend.dispatch(channel, input, APP);
}

async function signIn(username: string) {
  await call(desk, 'authSignOut', {});
  const answer = await call(desk, 'authSignIn', { username, password: PASSWORD[username]! });
  expect(answer.ok, JSON.stringify(answer)).toBe(true);
}

function stampedHubHead(): { seq: number; hash: string } | null {
  return (JSON.parse(readFileSync(anchorFiles(dbPath).stamp, 'utf8')) as { hubHead?: { seq: number; hash: string } | null }).hubHead ?? null;
}

async function hubHead(): Promise<{ seq: number; hash: string }> {
  return (await owner.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')).rows[0]!;
}

/** The hub database's owner, behind the hub's back: the append-only triggers dropped for the edit. */
async function tamperHub(sql: string): Promise<void> {
  await owner.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
  try {
    await owner.query(sql);
  } finally {
    await owner.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-witness-'));
  ({ cluster, owner, pool } = await startHubDatabase(4));
  for (const operator of DEMO_OPERATORS) {
    await owner.query(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, 'en-US', 'America/Chicago', now())`,
      [operator.username, operator.displayName, operator.role, await hashPassword(operator.password, TEST_PASSWORD_COST)],
    );
  }
  hub = buildHub({ pool, passwordCost: TEST_PASSWORD_COST });
  await hub.listen({ host: '127.0.0.1', port: 0 });
  hubUrl = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;

  const template = join(dir, 'template.sqlite');
  const seeded = createBackend({ dbPath: template, isTrustedSender: () => true, seedDemo: true, passwordCost: TEST_PASSWORD_COST });
  seeded.db.pragma('wal_checkpoint(TRUNCATE)');
  seeded.close();
  dbPath = join(dir, 'desk.sqlite');
  copyFileSync(template, dbPath);
  desk = start();
  // Enrolment appends to the hub's chain; a code an admin made (as the hub's admin screen would).
  const code = newEnrolmentCode();
  await owner.query(
    `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at)
     SELECT $1, 'test', id, now(), now() + interval '1 hour' FROM operators WHERE username = 'ada'`,
    [secretHash(code)],
  );
  await signIn('ada');
  expect(await call(desk, 'hubEnrol', { code, name: 'Seat 1' })).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  desk?.close();
  await hub?.close();
  await pool?.end();
  await owner?.end();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("the desktop witnesses the hub's audit chain", () => {
  it("keeps the hub's head at each sign-in there, and moves with it as the hub's chain grows", async () => {
    await signIn('ada');
    expect(stampedHubHead()).toEqual(await hubHead());
    // The hub's chain grows (another enrolment code); the next sign-in sees the old head still there.
    await owner.query(`INSERT INTO audit_events (seq, at, operator_id, desktop_id, action, target, before_json, after_json, prev_hash, hash)
      SELECT nextval('audit_seq'), now(), NULL, NULL, 'test.event', 't:1', NULL, NULL, hash, md5(hash) || md5(md5(hash)) FROM audit_events ORDER BY seq DESC LIMIT 1`);
    await signIn('sam');
    expect(stampedHubHead()).toEqual(await hubHead());
    expect(desk.auditAnchor.alarm()).toBeNull();
  });

  it("raises the integrity alarm when the hub's chain was cut back behind the head this desktop saw", async () => {
    await signIn('sam');
    const seen = stampedHubHead()!;
    await tamperHub(`DELETE FROM audit_events WHERE seq = ${seen.seq}`);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await signIn('sam');
    expect(desk.auditAnchor.alarm()).toMatchObject({ reason: 'hub_chain_mismatch' });
    expect(await call(desk, 'overridesDecide', { requestId: '01HZZZZZZZZZZZZZZZZZZZZZZZ', version: 1, decision: 'approve', note: 'ok' })).toEqual({
      ok: false,
      error: { code: 'INTEGRITY_ALARM' },
    });
    // Reading goes on; the stamp still holds the head the hub lost.
    expect((await call(desk, 'searchAccounts', { query: 'muller' })).ok).toBe(true);
    expect(stampedHubHead()).toEqual(seen);
    // Raised again after a restart, at the next sign-in there, until an admin acknowledges it.
    desk.close();
    desk = start();
    expect(desk.auditAnchor.alarm()).toBeNull();
    await signIn('alice');
    expect(desk.auditAnchor.alarm()).toMatchObject({ reason: 'hub_chain_mismatch' });
    await signIn('ada');
    expect(await call(desk, 'auditIntegrityAcknowledge', { note: 'Hub restored from backup by IT, ticket INC-9' })).toMatchObject({ ok: true, value: { alarm: null } });
    await signIn('ada');
    expect(desk.auditAnchor.alarm()).toBeNull();
    expect(stampedHubHead()).toEqual(await hubHead());
  });

  it("raises the alarm when the hub's event at the seen head was rewritten", async () => {
    await signIn('ada');
    const seen = stampedHubHead()!;
    await tamperHub(`UPDATE audit_events SET hash = md5(hash) || md5(md5(hash)) WHERE seq = ${seen.seq}`);
    await signIn('sam');
    expect(desk.auditAnchor.alarm()).toMatchObject({ reason: 'hub_chain_mismatch' });
  });
});
