import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_STREAM_PATH } from '@shared/hub/routes';
import { SCREEN_POP_PATH } from '@shared/hub/screen-pop';
import { buildHub } from '../src/app/build-hub';
import { verifyAuditChain } from '../src/audit/audit-repo';
import { startChangeFeed, type ChangeFeed } from '../src/changes/change-feed';
import { startScreenPopRelay, type ScreenPopRelay } from '../src/screen-pop/screen-pop-relay';
import { bearer, signIn, startHubFixture, type HubFixture } from './hub-fixture';

/*
 * Two hub processes on one database, each with its own change feed and screen-pop relay:
 * the phone system posts to hub 1, the agents' desktops stream from either.
 */
let fixture: HubFixture;
const feeds: ChangeFeed[] = [];
const relays: ScreenPopRelay[] = [];
const pools: pg.Pool[] = [];
const hubs: FastifyInstance[] = [];
const addresses: string[] = [];
let adminToken: string;

beforeAll(async () => {
  fixture = await startHubFixture();
  for (let index = 0; index < 2; index++) {
    const pool = new pg.Pool({ connectionString: fixture.database.appUrl, max: 4 });
    pool.on('error', () => undefined);
    const feed = await startChangeFeed({ connectionString: fixture.database.appUrl, pollMs: 60_000 });
    const relay = await startScreenPopRelay({ connectionString: fixture.database.appUrl });
    pools.push(pool);
    feeds.push(feed);
    relays.push(relay);
    const hub = buildHub({ pool, clock: fixture.clock.now, changeFeed: feed, screenPops: relay });
    hubs.push(hub);
    addresses.push(await hub.listen({ host: '127.0.0.1', port: 0 }));
  }
  adminToken = (await signIn(fixture, 'ada')).token;
});
afterAll(async () => {
  for (const hub of hubs) await hub.close();
  for (const relay of relays) await relay.close();
  for (const feed of feeds) await feed.close();
  for (const pool of pools) await pool.end();
  await fixture?.close();
});

async function createToken(label: string): Promise<{ token: string; id: number }> {
  const response = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens', headers: bearer(adminToken), payload: { label } });
  expect(response.statusCode).toBe(200);
  const body = response.json();
  return { token: body.token, id: body.integration.id };
}

function pop(hub: number, token: string | null, body: unknown) {
  return fetch(`${addresses[hub]}${SCREEN_POP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? bearer(token) : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface OpenStream {
  /** Every `screen-pop` event's data heard so far. */
  readonly pops: unknown[];
  /** Resolves once the hub has sent the stream's first nudge (it is attached). */
  readonly ready: Promise<void>;
  close(): void;
}

async function openStream(hub: number, token: string): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(`${addresses[hub]}${CHANGE_STREAM_PATH}`, { headers: bearer(token), signal: abort.signal });
  expect(response.status).toBe(200);
  const pops: unknown[] = [];
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('event: changed')) markReady();
          const data = /^event: screen-pop\ndata: (.*)$/m.exec(frame);
          if (data) pops.push(JSON.parse(data[1]!));
        }
      }
    } catch {
      // aborted
    }
  })();
  await ready;
  return { pops, ready, close: () => abort.abort() };
}

async function waitFor(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function counts() {
  const { rows } = await fixture.owner.query<{ audit: number; changes: number; accounts: string }>(
    `SELECT (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM change_log) AS changes,
       (SELECT md5(string_agg(a::text, ',' ORDER BY account_number)) FROM accounts a) AS accounts`,
  );
  return rows[0]!;
}

describe('integration tokens (admin)', () => {
  it('creates a token shown once with the ocdi_ prefix, lists it without the token, and audits both create and revoke in the chain', async () => {
    const { token, id } = await createToken('Genesys Cloud');
    expect(token).toMatch(/^ocdi_[A-Za-z0-9_-]{43}$/);
    const list = await fixture.hub.inject({ method: 'GET', url: '/v1/admin/integration-tokens', headers: bearer(adminToken) });
    const listed = list.json().find((entry: { id: number }) => entry.id === id);
    expect(listed).toEqual({ id, label: 'Genesys Cloud', createdBy: 'ada', createdAt: fixture.clock.now().toISOString(), lastUsedAt: null, revokedAt: null });
    expect(list.body).not.toContain(token);
    const { rows } = await fixture.owner.query<{ token_hash: string }>('SELECT token_hash FROM integration_tokens WHERE id = $1', [id]);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.token_hash).not.toContain(token.slice(5));

    const revoked = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens/revoke', headers: bearer(adminToken), payload: { id } });
    expect(revoked.json()).toMatchObject({ id, revokedAt: fixture.clock.now().toISOString() });
    // Twice: the same answer, no second audit event.
    await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens/revoke', headers: bearer(adminToken), payload: { id } });
    const audit = await fixture.owner.query<{ action: string; operator_id: number }>(
      "SELECT action, operator_id FROM audit_events WHERE target = $1 ORDER BY seq",
      [`integration_token:${id}`],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['integration_token.created', 'integration_token.revoked']);
    expect((await verifyAuditChain(fixture.owner)).ok).toBe(true);
  });

  it.each(['alice', 'sam'] as const)('refuses %s (not an admin) on create, list and revoke, and creates nothing', async (who) => {
    const { token } = await signIn(fixture, who);
    const before = await fixture.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM integration_tokens');
    for (const call of [
      { method: 'POST' as const, url: '/v1/admin/integration-tokens', payload: { label: 'x' } },
      { method: 'GET' as const, url: '/v1/admin/integration-tokens' },
      { method: 'POST' as const, url: '/v1/admin/integration-tokens/revoke', payload: { id: 1 } },
    ]) {
      const response = await fixture.hub.inject({ ...call, headers: bearer(token) });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN_ROLE');
    }
    const after = await fixture.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM integration_tokens');
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it('refuses a bad label and an unknown id with codes', async () => {
    const blank = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens', headers: bearer(adminToken), payload: { label: '  ' } });
    expect(blank.json().error.code).toBe('INVALID_INPUT');
    const extra = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens', headers: bearer(adminToken), payload: { label: 'x', token: 'mine' } });
    expect(extra.json().error.code).toBe('INVALID_INPUT');
    const unknown = await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens/revoke', headers: bearer(adminToken), payload: { id: 999_999 } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('POST /v1/screen-pop across two hub processes', () => {
  it("reaches Alice's streams on either hub process and not Bob's, and changes no data", async () => {
    const { token, id } = await createToken('Phone system');
    const alice = (await signIn(fixture, 'alice', fixture.desktops[0])).token;
    const bob = (await signIn(fixture, 'bob', fixture.desktops[1])).token;
    const aliceOnTwo = await openStream(1, alice);
    const aliceOnOne = await openStream(0, alice);
    const bobOnOne = await openStream(0, bob);
    try {
      const before = await counts();
      const response = await pop(0, token, { agent: 'alice', callerNumber: '(312) 555-0142', callId: 'CALL-7781', accountNumber: '287100000001' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ delivered: 2 });
      const expected = { callerNumber: '+13125550142', accountNumber: '287100000001', callId: 'CALL-7781' };
      await waitFor(() => aliceOnTwo.pops.length === 1 && aliceOnOne.pops.length === 1);
      expect(aliceOnTwo.pops).toEqual([expected]);
      expect(aliceOnOne.pops).toEqual([expected]);
      // Without the optional fields, and Bob's own pop reaches Bob only.
      const forBob = await pop(1, token, { agent: 'bob', callerNumber: '+13125550199' });
      expect(await forBob.json()).toEqual({ delivered: 1 });
      await waitFor(() => bobOnOne.pops.length === 1);
      expect(bobOnOne.pops).toEqual([{ callerNumber: '+13125550199', accountNumber: null, callId: null }]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(aliceOnTwo.pops).toHaveLength(1);
      expect(await counts()).toEqual(before);
      const used = await fixture.owner.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM integration_tokens WHERE id = $1', [id]);
      expect(used.rows[0]!.last_used_at?.toISOString()).toBe(fixture.clock.now().toISOString());
    } finally {
      for (const stream of [aliceOnTwo, aliceOnOne, bobOnOne]) stream.close();
    }
  });

  it('gives no pop to a stream whose session ended at the hub (signed out): AGENT_NOT_CONNECTED, and the hub ends that stream', async () => {
    const { token } = await createToken('Phone system 5');
    const bob = (await signIn(fixture, 'bob', fixture.desktops[1])).token;
    const stream = await openStream(1, bob);
    const signedOut = await fetch(`${addresses[0]}/v1/sign-out`, { method: 'POST', headers: { ...bearer(bob), 'content-type': 'application/json' }, body: '{}' });
    expect(signedOut.status).toBe(200);
    const response = await pop(0, token, { agent: 'bob', callerNumber: '3125550142', callId: 'CALL-SECRET' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'AGENT_NOT_CONNECTED' } });
    expect(stream.pops).toEqual([]);
    // The stream was closed by the hub: a second pop finds nobody even before any check.
    expect((await pop(1, token, { agent: 'bob', callerNumber: '3125550142' })).status).toBe(404);
    stream.close();
  });

  it('answers 404 AGENT_NOT_CONNECTED for an agent with no open stream, and AGENT_UNKNOWN for a username nobody has', async () => {
    const { token } = await createToken('Phone system 2');
    const sentAt = Date.now();
    const absent = await pop(0, token, { agent: 'sam', callerNumber: '3125550142' });
    expect(absent.status).toBe(404);
    expect(await absent.json()).toEqual({ error: { code: 'AGENT_NOT_CONNECTED' } });
    // Both processes answered: no waiting for the time-out.
    expect(Date.now() - sentAt).toBeLessThan(900);
    const nobody = await pop(1, token, { agent: 'zed', callerNumber: '3125550142' });
    expect(nobody.status).toBe(404);
    expect(await nobody.json()).toEqual({ error: { code: 'AGENT_UNKNOWN' } });
  });

  it('refuses a revoked, an unknown, a malformed or a missing token with 401 and a code, and delivers nothing', async () => {
    const { token, id } = await createToken('Old phone system');
    const alice = (await signIn(fixture, 'alice', fixture.desktops[0])).token;
    const stream = await openStream(1, alice);
    try {
      expect((await pop(0, token, { agent: 'alice', callerNumber: '3125550142' })).status).toBe(200);
      await fixture.hub.inject({ method: 'POST', url: '/v1/admin/integration-tokens/revoke', headers: bearer(adminToken), payload: { id } });
      const revoked = await pop(0, token, { agent: 'alice', callerNumber: '3125550142' });
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toEqual({ error: { code: 'INTEGRATION_TOKEN_REVOKED' } });
      for (const bad of [`ocdi_${'A'.repeat(43)}`, 'ocds_not-an-integration-token', null]) {
        const refused = await pop(1, bad, { agent: 'alice', callerNumber: '3125550142' });
        expect(refused.status).toBe(401);
        expect(await refused.json()).toEqual({ error: { code: 'INTEGRATION_TOKEN_INVALID' } });
      }
      // A session token is not an integration token.
      const session = await pop(0, alice, { agent: 'alice', callerNumber: '3125550142' });
      expect(((await session.json()) as { error: { code: string } }).error.code).toBe('INTEGRATION_TOKEN_INVALID');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.pops).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('refuses a bad body (strict schema, bad number or call id, not JSON, too large) with a code, delivering and changing nothing', async () => {
    const { token, id } = await createToken('Phone system 3');
    const alice = (await signIn(fixture, 'alice', fixture.desktops[0])).token;
    const stream = await openStream(0, alice);
    try {
      const before = await counts();
      const bodies: Array<[unknown, number, string]> = [
        [{ agent: 'alice', callerNumber: '3125550142', note: 'extra' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: 'call me' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: '12' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: '3125550142', callId: 'x' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: '3125550142', callId: 'CALL 1; DROP' }, 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: '3125550142', accountNumber: '12ab' }, 400, 'INVALID_INPUT'],
        [{ agent: '', callerNumber: '3125550142' }, 400, 'INVALID_INPUT'],
        ['{"agent": "alice",', 400, 'INVALID_INPUT'],
        [{ agent: 'alice', callerNumber: '3125550142', padding: 'x'.repeat(4_000) }, 413, 'PAYLOAD_TOO_LARGE'],
      ];
      for (const [body, status, code] of bodies) {
        const response = await pop(0, token, body);
        expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.pops).toEqual([]);
      expect(await counts()).toEqual(before);
      const used = await fixture.owner.query<{ last_used_at: Date | null }>('SELECT last_used_at FROM integration_tokens WHERE id = $1', [id]);
      expect(used.rows[0]!.last_used_at).toBeNull();
    } finally {
      stream.close();
    }
  });

  it('slows a token guesser: after 30 refused tokens a minute from one address, 429 RATE_LIMITED with Retry-After; a good token still pops', async () => {
    const { token } = await createToken('Phone system 4');
    // A process of its own, so the other tests' refusals do not count here.
    const hub = buildHub({ pool: pools[0]!, clock: fixture.clock.now, changeFeed: feeds[0]!, screenPops: relays[0]! });
    const alice = (await signIn(fixture, 'alice', fixture.desktops[0])).token;
    const stream = await openStream(0, alice);
    try {
      const guess = () =>
        hub.inject({ method: 'POST', url: SCREEN_POP_PATH, headers: bearer(`ocdi_${crypto.randomUUID().replace(/-/g, '').padEnd(43, 'x')}`), payload: { agent: 'alice', callerNumber: '3125550142' } });
      for (let n = 0; n < 30; n++) expect((await guess()).statusCode).toBe(401);
      const limited = await guess();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const good = await hub.inject({ method: 'POST', url: SCREEN_POP_PATH, headers: bearer(token), payload: { agent: 'alice', callerNumber: '3125550142' } });
      expect(good.statusCode).toBe(200);
      await waitFor(() => stream.pops.length === 1);
      // The window passes: guesses are answered 401 again.
      fixture.clock.advance(61_000);
      expect((await guess()).statusCode).toBe(401);
    } finally {
      stream.close();
      await hub.close();
    }
  });
});
