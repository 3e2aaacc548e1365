import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubConfigFromEnv, startHub } from '../src/app/start-hub';
import { createTestDatabase, type TestDatabase } from './test-database';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'ocd-hub-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

function getOverTls(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npm run hub', () => {
  it('serves https with the given certificate and key, on the configured address only', async () => {
    const hub = await startHub(
      hubConfigFromEnv({ DATABASE_URL: database.appUrl, HOST: '127.0.0.1', PORT: '0', TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem'), HUB_LOG: '0' }),
    );
    try {
      expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const answer = await getOverTls(`${hub.url}/v1/session`, readFileSync(join(dir, 'cert.pem')));
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'NOT_SIGNED_IN' } });
      // A client that does not trust the certificate is refused by TLS itself.
      await expect(fetch(`${hub.url}/v1/session`)).rejects.toThrow();
    } finally {
      await hub.close();
    }
  });

  it('refuses half a TLS configuration and a missing DATABASE_URL', () => {
    expect(() => hubConfigFromEnv({ DATABASE_URL: 'postgres://x@y/z', TLS_CERT_FILE: 'cert.pem' })).toThrow(/both/);
    expect(() => hubConfigFromEnv({})).toThrow(/DATABASE_URL/);
  });

  it('builds the carrier indexes an import killed during a first load left set aside, before it serves', async () => {
    const pg = (await import('pg')).default;
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    const secondary = async () =>
      (await owner.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'public' AND indexname IN ('lines_account_id', 'lines_carrier_batch', 'lines_number_e164')")).rows[0]!.n;
    try {
      // As a first load of lines does, then dies before its end.
      await owner.query("SELECT ocd_set_aside_carrier_indexes('lines')");
      expect(await secondary()).toBe(0);
      const hub = await startHub(hubConfigFromEnv({ DATABASE_URL: database.appUrl, PORT: '0', HUB_LOG: '0' }));
      await hub.close();
      expect(await secondary()).toBe(3);
      expect((await owner.query('SELECT name FROM carrier_indexes_set_aside')).rows).toEqual([]);
    } finally {
      await owner.end();
    }
  });

  it('refuses to start on a database whose audit chain is broken', async () => {
    const pg = (await import('pg')).default;
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    try {
      await owner.query("INSERT INTO audit_events (seq, at, action, target, prev_hash, hash) VALUES (nextval('audit_seq'), now(), 'forged', 'x', repeat('0', 64), repeat('f', 64))");
    } finally {
      await owner.end();
    }
    await expect(startHub(hubConfigFromEnv({ DATABASE_URL: database.appUrl, PORT: '0', HUB_LOG: '0' }))).rejects.toThrow(/audit chain is broken/);
  });
});
