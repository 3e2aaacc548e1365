import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../src/db/migrate';
import { startLocalCluster, type LocalCluster } from '../src/db/local-cluster';

export interface HubTestServer {
  /** Superuser URL of the server without a database name; tests append one. */
  readonly adminBase: string;
  readonly template: string;
  /** The login role the hub runs as (member of ocd_hub_app). */
  readonly appRole: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    hubTestServer: HubTestServer;
  }
}

export const APP_ROLE = 'ocd_hub';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * One PostgreSQL for the whole hub test run: a private cluster started here (fsync off, it is
 * thrown away) or, with HUB_TEST_DATABASE_URL, an existing server reached as a superuser.
 * It holds a migrated template; every test file clones its own database from it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: LocalCluster | null = null;
  let adminBase: string;
  const existing = process.env.HUB_TEST_DATABASE_URL;
  if (existing) {
    const url = new URL(existing);
    url.pathname = '/';
    adminBase = url.toString().replace(/\/$/, '');
  } else {
    cluster = await startLocalCluster({ fsync: false });
    adminBase = cluster.url('').replace(/\/$/, '');
  }
  const template = `ocd_hub_template_${process.pid}`;
  try {
    await withClient(`${adminBase}/postgres`, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${template}`);
      await client.query(`CREATE DATABASE ${template}`);
    });
    await withClient(`${adminBase}/${template}`, async (client) => {
      await migrate(client);
      await client.query(`DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} LOGIN IN ROLE ocd_hub_app; END IF;
      END $$`);
    });
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  project.provide('hubTestServer', { adminBase, template, appRole: APP_ROLE });

  return async () => {
    try {
      if (!cluster) await withClient(`${adminBase}/postgres`, (client) => client.query(`DROP DATABASE IF EXISTS ${template}`));
    } finally {
      await cluster?.stop();
    }
  };
}
