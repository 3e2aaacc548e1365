import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

export interface TestDatabase {
  readonly name: string;
  /** As the hub's own role: what the service may do. */
  readonly appUrl: string;
  /** As the superuser: for seeding and for checks behind the hub's back. */
  readonly ownerUrl: string;
  drop(): Promise<void>;
}

function withRole(base: string, role: string, database: string): string {
  const url = new URL(`${base}/${database}`);
  url.username = role;
  url.password = '';
  return url.toString();
}

/** A fresh database cloned from the migrated template (a few milliseconds, no migration run). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = inject('hubTestServer');
  const name = `ocd_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${server.adminBase}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${server.template}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    appUrl: withRole(server.adminBase, server.appRole, name),
    ownerUrl: `${server.adminBase}/${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: `${server.adminBase}/postgres` });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
