/**
 * A real hub for desktop tests: a private PostgreSQL cluster (initdb and pg_ctl, fsync off, a
 * free port on 127.0.0.1), migrated, with the hub's own login role, seeded as `npm run
 * hub:demo` seeds it (the desktop demo's operators, outages by the same ids, its well-known
 * accounts impacted), and the hub's HTTP service on loopback that a test can stop and start
 * again on the same port. Used by the integration test of sync and by the end-to-end test.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { DEMO_OPERATORS } from '../../electron/main/auth/demo-operators';
import { demoAccounts } from '../../electron/main/demo/demo-accounts';
import { dutchOutage, demoOutages, referenceOutage } from '../../electron/main/demo/demo-outages';
import { buildHub } from '../../hub/src/app/build-hub';
import { hashPassword } from '../../hub/src/auth/password-hash';
import { startChangeFeed, type ChangeFeed } from '../../hub/src/changes/change-feed';
import { newEnrolmentCode, newSecret, secretHash } from '../../hub/src/common/secrets';
import { startScreenPopRelay, type ScreenPopRelay } from '../../hub/src/screen-pop/screen-pop-relay';
import type { LocalCluster } from '../../hub/src/db/local-cluster';
import { startHubDatabase } from './hub-database';

export interface HubTestSite {
  readonly cluster: LocalCluster;
  /** The database as its owner: what a test reads to check the hub, or changes behind its back. */
  readonly owner: pg.Pool;
  /** The hub role's pool the service runs on. */
  readonly pool: pg.Pool;
  /** http://127.0.0.1:PORT, the same across stop and start. */
  url(): string;
  port(): number;
  /** Starts the HTTP service (on its earlier port once it has one). */
  start(): Promise<void>;
  /** Stops the HTTP service: desktops get HUB_UNREACHABLE until start. */
  stop(): Promise<void>;
  /** A one-time enrolment code made by the admin `ada`, valid for an hour. */
  enrolmentCode(): Promise<string>;
  /** An integration token for the phone system's screen-pop, as if the admin `ada` made it. */
  integrationToken(label?: string): Promise<string>;
  close(): Promise<void>;
}

async function seed(owner: pg.Pool): Promise<void> {
  for (const operator of DEMO_OPERATORS) {
    await owner.query(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, 'en-US', 'America/Chicago', now())`,
      [operator.username, operator.displayName, operator.role, await hashPassword(operator.password, { N: 1024, r: 8, p: 1 })],
    );
  }
  for (const [index, outage] of demoOutages.entries()) {
    await owner.query('INSERT INTO outages (id, title, starts_at, regions) VALUES ($1, $2, $3, $4)', [index + 1, outage.title, outage.startsAt, [...outage.regions]]);
  }
  for (const account of Object.values(demoAccounts)) {
    const { rows } = await owner.query<{ id: number }>(
      'INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [account.accountNumber, account.holderName, account.currency, account.region, account.billCycleDay],
    );
    const outageId = demoOutages.indexOf(account.outage === 'reference' ? referenceOutage : dutchOutage) + 1;
    await owner.query('INSERT INTO outage_impacts (account_id, outage_id) VALUES ($1, $2)', [rows[0]!.id, outageId]);
  }
}

export interface HubTestSiteOptions {
  /** Called with each HTTP service built (at every start) before it listens: a test's hooks (a connection cut after a commit). */
  readonly onBuild?: (server: FastifyInstance) => void;
}

export async function startHubTestSite(options: HubTestSiteOptions = {}): Promise<HubTestSite> {
  const { cluster, owner: ownerPool, pool: hubPool, appUrl } = await startHubDatabase(8);
  let feed: ChangeFeed | null = null;
  let relay: ScreenPopRelay | null = null;
  try {
    feed = await startChangeFeed({ connectionString: appUrl, pollMs: 200 });
    relay = await startScreenPopRelay({ connectionString: appUrl });
    await seed(ownerPool);
  } catch (error) {
    await relay?.close();
    await feed?.close();
    await hubPool.end();
    await ownerPool.end();
    await cluster.stop();
    throw error;
  }
  const changeFeed = feed;
  const screenPops = relay;
  let server: FastifyInstance | null = null;
  let port = 0;

  const site: HubTestSite = {
    cluster,
    owner: ownerPool,
    pool: hubPool,
    url: () => `http://127.0.0.1:${port}`,
    port: () => port,
    async start() {
      if (server) return;
      server = buildHub({ pool: hubPool, changeFeed, screenPops });
      options.onBuild?.(server);
      await server.listen({ host: '127.0.0.1', port });
      port = (server.server.address() as AddressInfo).port;
    },
    async stop() {
      const running = server;
      server = null;
      if (!running) return;
      // As a hub that goes away: open connections (keep-alive, change streams, a call in flight) are cut too.
      const closing = running.close();
      running.server.closeAllConnections();
      await closing;
    },
    async enrolmentCode() {
      const code = newEnrolmentCode();
      await ownerPool.query(
        `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at)
         SELECT $1, 'test', id, now(), now() + interval '1 hour' FROM operators WHERE username = 'ada'`,
        [secretHash(code)],
      );
      return code;
    },
    async integrationToken(label = 'Phone system') {
      const token = newSecret('ocdi_');
      await ownerPool.query(
        `INSERT INTO integration_tokens (label, token_hash, created_by, created_at) SELECT $1, $2, id, now() FROM operators WHERE username = 'ada'`,
        [label, secretHash(token)],
      );
      return token;
    },
    async close() {
      await site.stop();
      await screenPops.close();
      await changeFeed.close();
      await hubPool.end();
      await ownerPool.end();
      await cluster.stop();
    },
  };
  await site.start();
  return site;
}
