import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import type { Role } from '@shared/domain/operator';
import { hashPassword } from '../../../hub/src/auth/password-hash';
import { newEnrolmentCode, secretHash } from '../../../hub/src/common/secrets';
import { startLocalCluster, type LocalCluster } from '../../../hub/src/db/local-cluster';
import { migrate } from '../../../hub/src/db/migrate';
import { callHub } from './http-client';

const ROOT = resolve(__dirname, '../../..');
export const HUB_DATABASE = 'ocd_hub';
const APP_ROLE = 'ocd_hub';
const PASSWORD = 'bench-password-1';

export interface SiteShape {
  readonly agents: number;
  readonly supervisors: number;
  readonly accounts: number;
  readonly outages: number;
}

export interface BenchDesktop {
  readonly index: number;
  readonly role: Role;
  readonly operatorId: number;
  readonly desktopId: string;
  readonly token: string;
  /** The next seq to send (lastAppliedSeq + 1 at sign-in). */
  nextSeq: number;
}

export interface HubProcess {
  readonly url: URL;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}

export function accountNumber(index: number): string {
  return `2871${String(index).padStart(8, '0')}`;
}

/**
 * A cluster with fsync on (what the hub's commits cost is the point), the hub's schema, the
 * operators, accounts and outages of a site. The daily total is set to its ceiling so the
 * mix stays accepted work for the whole run; every rule still runs on every operation.
 */
export async function startBenchCluster(shape: SiteShape): Promise<{ cluster: LocalCluster; ownerUrl: string; appUrl: string }> {
  const cluster = await startLocalCluster({ fsync: true });
  try {
    await withClient(cluster.url('postgres'), (client) => client.query(`CREATE DATABASE ${HUB_DATABASE}`));
    const ownerUrl = cluster.url(HUB_DATABASE);
    await withClient(ownerUrl, async (client) => {
      await migrate(client);
      await client.query(`CREATE ROLE ${APP_ROLE} LOGIN IN ROLE ocd_hub_app`);
      const hash = await hashPassword(PASSWORD, { N: 1024, r: 8, p: 1 });
      const people: { name: string; role: Role }[] = [
        ...Array.from({ length: shape.agents }, (_, i) => ({ name: `agent${i}`, role: 'agent' as const })),
        ...Array.from({ length: shape.supervisors }, (_, i) => ({ name: `super${i}`, role: 'supervisor' as const })),
        { name: 'benchadmin', role: 'admin' },
      ];
      await client.query(
        `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at)
         SELECT u, upper(u), r, $3, 'en-US', 'America/Chicago', now() FROM unnest($1::text[], $2::text[]) AS t(u, r)`,
        [people.map((p) => p.name), people.map((p) => p.role), hash],
      );
      await client.query(
        `INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day)
         SELECT '2871' || lpad(n::text, 8, '0'), 'Holder ' || n, 'USD', 'north', 1 + n % 28 FROM generate_series(0, $1 - 1) AS n`,
        [shape.accounts],
      );
      await client.query(
        `INSERT INTO outages (id, title, starts_at, regions, policy_code)
         SELECT n, 'North outage ' || n, now() - interval '1 day', '{north}', NULL FROM generate_series(1, $1) AS n`,
        [shape.outages],
      );
      await client.query('UPDATE override_currency_limits SET per_request_cap_minor = 5000, agent_daily_total_minor = 2000000');
      await client.query('ANALYZE');
    });
    const app = new URL(ownerUrl);
    app.username = APP_ROLE;
    return { cluster, ownerUrl, appUrl: app.toString() };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/** `npm run hub` as its own process (node --import tsx, so a signal reaches the hub itself), behind one trusted proxy hop. */
export async function spawnHub(databaseUrl: string, nodeArgs: readonly string[] = []): Promise<HubProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'hub/src/app/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), HUB_LOG: '0', TRUST_PROXY_HOPS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  await new Promise<void>((done, fail) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('hub: listening at')) done();
    });
    child.once('exit', (code) => fail(new Error(`hub exited (${code}) before listening: ${stderr.join('')}`)));
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: new URL(`http://127.0.0.1:${port}`),
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Enrols every desktop with its own one-time code and signs its operator in, each from its own address. */
export async function enrolAndSignIn(ownerUrl: string, hub: URL, shape: SiteShape): Promise<BenchDesktop[]> {
  const total = shape.agents + shape.supervisors;
  const codes = Array.from({ length: total }, () => newEnrolmentCode());
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ id: number }>("SELECT id FROM operators WHERE username = 'benchadmin'");
    await client.query(
      `INSERT INTO enrolment_codes (code_hash, label, created_by, created_at, expires_at) SELECT h, 'bench', $2, now(), now() + interval '1 hour' FROM unnest($1::text[]) AS h`,
      [codes.map(secretHash), rows[0]!.id],
    );
  });
  const { rows: operators } = await withClient(ownerUrl, (client) => client.query<{ id: number; username: string; role: Role }>('SELECT id, username, role FROM operators ORDER BY id'));
  const byName = new Map(operators.map((o) => [o.username, o]));
  const desktops: BenchDesktop[] = [];
  const batch = 20;
  for (let start = 0; start < total; start += batch) {
    const made = await Promise.all(
      codes.slice(start, start + batch).map(async (code, offset) => {
        const index = start + offset;
        const address = { 'x-forwarded-for': `10.7.${index >> 8}.${index & 255}` };
        const enrolled = await callHub(hub, 'POST', '/v1/enrol', { code, name: `Bench desktop ${index}` }, address);
        if (enrolled.status !== 200) throw new Error(`enrol ${index}: ${enrolled.status} ${JSON.stringify(enrolled.body)}`);
        const { desktopId, desktopSecret } = enrolled.body as { desktopId: string; desktopSecret: string };
        const username = index < shape.agents ? `agent${index}` : `super${index - shape.agents}`;
        const signed = await callHub(hub, 'POST', '/v1/sign-in', { desktopId, desktopSecret, username, password: PASSWORD }, address);
        if (signed.status !== 200) throw new Error(`sign-in ${username}: ${signed.status} ${JSON.stringify(signed.body)}`);
        const answer = signed.body as { token: string; lastAppliedSeq: number };
        const operator = byName.get(username)!;
        return { index, role: operator.role, operatorId: operator.id, desktopId, token: answer.token, nextSeq: answer.lastAppliedSeq + 1 };
      }),
    );
    desktops.push(...made);
  }
  return desktops;
}
