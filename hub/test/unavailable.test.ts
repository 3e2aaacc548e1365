import { createServer, type Server } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub } from '../src/app/build-hub';
import { newSecret } from '../src/common/secrets';
import { isDatabaseUnavailable } from '../src/db/unavailable';
import { DesktopClient, startHubFixture, submitPayload, type HubFixture } from './hub-fixture';

// The log lock of db/transaction.ts: held from outside, it parks every writing operation.
const LOG_LOCK = 7_242_002;

let fixture: HubFixture;
beforeAll(async () => {
  fixture = await startHubFixture();
});
afterAll(async () => {
  await fixture?.close();
});

/** A port that accepts nothing: bound, never listened on by PostgreSQL. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('the database out of reach', () => {
  it('answers UNAVAILABLE (503, Retry-After) when no connection can be had, and does not hang', async () => {
    const pool = new pg.Pool({ connectionString: `postgres://ocd_hub@127.0.0.1:${await closedPort()}/nothing`, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    const hub = buildHub({ pool });
    try {
      const started = Date.now();
      const response = await hub.inject({
        method: 'POST',
        url: '/v1/sign-in',
        payload: { desktopId: crypto.randomUUID(), desktopSecret: newSecret('ocdd_'), username: 'alice', password: 'alice-password-1' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toEqual({ error: { code: 'UNAVAILABLE', details: { retryAfterSeconds: 1 } } });
      expect(Date.now() - started).toBeLessThan(2_500);
    } finally {
      await hub.close();
      await pool.end();
    }
  });

  it('answers UNAVAILABLE when the backend serving an operation is terminated, applies nothing, and takes the resend', async () => {
    const alice = await DesktopClient.signIn(fixture, 'alice', fixture.desktops[0]!);
    const holder = await fixture.owner.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [LOG_LOCK]);
      const [envelope] = alice.envelopes([{ op: 'override.submit', payload: submitPayload('287100000001', 1, 1500) }]);
      const pending = alice.send([envelope]);
      // Wait until the hub's backend is parked on the log lock, then cut it as a restart would.
      await expect
        .poll(async () => {
          const { rows } = await fixture.owner.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename = 'ocd_hub' AND wait_event = 'advisory'",
          );
          return rows[0]!.n;
        }, { timeout: 10_000, interval: 50 })
        .toBe(1);
      await fixture.owner.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND usename = 'ocd_hub'");
      const response = await pending;
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ error: { code: 'UNAVAILABLE', details: { retryAfterSeconds: 1 } } });
      await holder.query('SELECT pg_advisory_unlock($1)', [LOG_LOCK]);

      const { rows } = await fixture.owner.query<{ n: number }>('SELECT count(*)::int AS n FROM operations WHERE desktop_id = $1', [alice.desktop.desktopId]);
      expect(rows[0]!.n).toBe(0);
      // The pool replaced the cut connections: the same seq again is applied, once.
      const again = await alice.send([envelope]);
      expect(again.statusCode).toBe(200);
      expect(again.json().answers).toEqual([expect.objectContaining({ seq: envelope!.seq, status: 'accepted', replayed: false })]);
    } finally {
      holder.release();
    }
  });

  it('tells a fault of the connection from a fault of the query', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connection failure'), { code: '08006' }))).toBe(true);
    // A wrong query, a broken constraint, a bug: not the database's absence.
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
