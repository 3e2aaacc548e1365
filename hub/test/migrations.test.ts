import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allMigrations } from '../src/db/all-migrations';
import { createTestDatabase, type TestDatabase } from './test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function query(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

const insertEvent = `INSERT INTO audit_events (seq, at, action, target, prev_hash, hash)
  VALUES (nextval('audit_seq'), now(), 'test.event', 'test:1', repeat('0', 64), md5(random()::text))`;

describe('hub schema', () => {
  it('is at the latest migration in a cloned database', async () => {
    expect(await query(database.ownerUrl, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
      allMigrations.map(({ version, name }) => ({ version, name })),
    );
    expect(allMigrations.map((m) => m.name)).toContain('append-logs');
  });

  it("lets the hub's role append audit events but never change or delete them", async () => {
    await query(database.appUrl, insertEvent);
    await expect(query(database.appUrl, "UPDATE audit_events SET action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(query(database.appUrl, 'DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
    // Even the owner, who has every privilege, is stopped by the triggers.
    await expect(query(database.ownerUrl, "UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(query(database.ownerUrl, 'DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(query(database.ownerUrl, 'TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    expect(await query(database.ownerUrl, 'SELECT count(*)::int AS n FROM audit_events')).toEqual([{ n: 1 }]);
  });
});
