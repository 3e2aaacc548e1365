/**
 * `npm run hub:demo`: a hub on a private PostgreSQL cluster under .cache/hub-demo (initdb as
 * the postgres user when run as root), migrated and seeded with the desktop demo's operators
 * (same names and passwords), well-known accounts and outages, then an enrolment code to
 * type into a desktop. The data stays between runs; `--fresh` starts over.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { DEMO_OPERATORS } from '../electron/main/auth/demo-operators';
import { demoAccounts } from '../electron/main/demo/demo-accounts';
import { dutchOutage, demoOutages, referenceOutage } from '../electron/main/demo/demo-outages';
import { startHub, stopOnSignals } from '../hub/src/app/start-hub';
import { hashPassword } from '../hub/src/auth/password-hash';
import { newEnrolmentCode, secretHash } from '../hub/src/common/secrets';
import { startLocalCluster } from '../hub/src/db/local-cluster';
import { migrate } from '../hub/src/db/migrate';

// As the desktop demo's operators.
const DEMO_LOCALE = 'en-US';
const DEMO_TIME_ZONE = 'America/Chicago';
const DATABASE = 'ocd_hub';
const APP_ROLE = 'ocd_hub';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function seed(client: pg.Client): Promise<void> {
  for (const operator of DEMO_OPERATORS) {
    const exists = await client.query('SELECT 1 FROM operators WHERE username = $1', [operator.username]);
    if (exists.rowCount) continue;
    await client.query(
      `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [operator.username, operator.displayName, operator.role, await hashPassword(operator.password), DEMO_LOCALE, DEMO_TIME_ZONE],
    );
  }
  const { rowCount } = await client.query('SELECT 1 FROM accounts LIMIT 1');
  if (rowCount) return;
  // The desktop demo numbers its outages 1, 2, ... in this order; the hub uses the same ids.
  for (const [index, outage] of demoOutages.entries()) {
    await client.query('INSERT INTO outages (id, title, starts_at, regions) VALUES ($1, $2, $3, $4)', [index + 1, outage.title, outage.startsAt, [...outage.regions]]);
  }
  for (const account of Object.values(demoAccounts)) {
    const { rows } = await client.query<{ id: number }>(
      'INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [account.accountNumber, account.holderName, account.currency, account.region, account.billCycleDay],
    );
    const outageId = demoOutages.indexOf(account.outage === 'reference' ? referenceOutage : dutchOutage) + 1;
    await client.query('INSERT INTO outage_impacts (account_id, outage_id) VALUES ($1, $2)', [rows[0]!.id, outageId]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { fresh: { type: 'boolean', default: false } } });
  const root = resolve('.cache/hub-demo');
  if (values.fresh && existsSync(root)) rmSync(root, { recursive: true, force: true });
  const cluster = await startLocalCluster({ dataDir: resolve(root, 'pg'), fsync: true, removeOnStop: false });
  try {
    await withClient(cluster.url('postgres'), async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
      if (!found.rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
    });
    const code = await withClient(cluster.url(DATABASE), async (client) => {
      await migrate(client);
      await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} LOGIN IN ROLE ocd_hub_app; END IF;
      END $$`);
      await seed(client);
      const enrolment = newEnrolmentCode();
      await client.query(
        `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at)
         SELECT $1, 'hub:demo', id, now(), now() + interval '1 day' FROM operators WHERE username = 'ada'`,
        [secretHash(enrolment)],
      );
      return enrolment;
    });
    const appUrl = new URL(cluster.url(DATABASE));
    appUrl.username = APP_ROLE;
    const hub = await startHub({
      databaseUrl: appUrl.toString(),
      host: process.env.HOST ?? '127.0.0.1',
      port: Number(process.env.PORT ?? '7420'),
      tlsCertFile: process.env.TLS_CERT_FILE,
      tlsKeyFile: process.env.TLS_KEY_FILE,
      log: process.env.HUB_LOG === '1',
    });
    console.log(`\nOutage Credit Desk hub (demo) at ${hub.url}`);
    console.log(`PostgreSQL: ${cluster.url(DATABASE)} (data in ${cluster.dataDir})`);
    console.log(`Enrolment code (one desktop, valid 24 h): ${code}`);
    console.log(`Operators: ${DEMO_OPERATORS.map((operator) => `${operator.username} (${operator.role}) / ${operator.password}`).join(', ')}`);
    console.log('Ctrl-C stops the hub and the cluster; the data stays (npm run hub:demo -- --fresh starts over).\n');
    stopOnSignals(async () => {
      await hub.close();
      await cluster.stop();
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error('hub:demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
