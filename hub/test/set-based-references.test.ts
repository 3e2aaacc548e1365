import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database';

/*
 * Hub migration 014: the references of lines, impacts, outage_impacts and credits are checked
 * once per statement (transition tables) instead of by per-row foreign keys. The same rule
 * must hold for every writer: a missing reference refuses the whole statement with nothing
 * written, and a referenced row cannot go away or change its id.
 */

let database: TestDatabase;
let owner: pg.Client;
let app: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = new pg.Client({ connectionString: database.ownerUrl });
  app = new pg.Client({ connectionString: database.appUrl });
  await owner.connect();
  await app.connect();
  await owner.query(`
    INSERT INTO accounts (account_number, holder_name, currency, region, bill_cycle_day) VALUES ('100000001', 'A', 'USD', 'TX', 1), ('100000002', 'B', 'USD', 'TX', 1);
    INSERT INTO outages (id, title, starts_at) VALUES (1, 'O', '2026-01-01T00:00:00Z');
    INSERT INTO credit_policies (code, version, rules) VALUES ('p', 1, '{}');`);
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await database?.drop();
});

const ids = async () => {
  const { rows } = await owner.query<{ a: number[]; l: string[] }>(`SELECT (SELECT array_agg(id ORDER BY id) FROM accounts) AS a, (SELECT array_agg(id ORDER BY id) FROM lines) AS l`);
  return rows[0]!;
};

async function failure(client: pg.Client, sql: string, values: unknown[] = []): Promise<{ code: string; message: string }> {
  try {
    await client.query(sql, values);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`expected ${sql} to fail`);
}

const count = async (table: string) => Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

describe('references checked per statement (hub migration 014)', () => {
  let accountA = 0;
  let accountB = 0;
  beforeEach(async () => {
    await owner.query('DELETE FROM credits; DELETE FROM outage_impacts; DELETE FROM impacts; DELETE FROM lines');
    [accountA, accountB] = (await ids()).a as [number, number];
  });

  it('refuses a statement with one missing reference among valid rows and writes none of it', async () => {
    const bad = await failure(
      app,
      `INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status)
       SELECT 'L' || g, CASE WHEN g = 500 THEN 999999 ELSE $1 END, '+1555000' || lpad(g::text, 4, '0'), 'wireless_voice', 0, 'active' FROM generate_series(1, 1000) g`,
      [accountA],
    );
    expect(bad.code).toBe('23503');
    expect(bad.message).toMatch(/no accounts row with id 999999/);
    expect(await count('lines')).toBe(0);

    await app.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status) VALUES ('L1', $1, '+15550001', 'wireless_voice', 0, 'active')`, [accountA]);
    const line = (await ids()).l[0]!;
    // An update that moves a line to a missing account, and impacts naming a missing outage or line.
    expect((await failure(app, 'UPDATE lines SET account_id = 424242')).code).toBe('23503');
    const impact = `INSERT INTO impacts (source_id, outage_id, line_id, starts_at, connected_at_start) VALUES ('I1', $1, $2, '2026-01-01T00:00:00Z', true)`;
    expect((await failure(app, impact, [2, line])).message).toMatch(/no outages row with id 2/);
    expect((await failure(app, impact, [1, 777777])).message).toMatch(/no lines row with id 777777/);
    await app.query(impact, [1, line]);
    expect((await failure(app, 'UPDATE impacts SET line_id = line_id + 1000')).code).toBe('23503');
    expect((await failure(app, 'INSERT INTO outage_impacts (account_id, outage_id) VALUES ($1, 9)', [accountB])).code).toBe('23503');
    expect(await count('impacts')).toBe(1);
    expect(await count('outage_impacts')).toBe(0);
  });

  it("checks a credit's references on insert and whenever an update changes one", async () => {
    const insert = `INSERT INTO credits (id, account_id, outage_id, line_id, policy_id, policy_code, amount_minor, currency, source, status, scheduled_on, bill_date, idempotency_key, created_at)
      VALUES ($1, $2, $3, $4, $5, 'p', 500, 'USD', 'automatic', 'scheduled', '2026-01-01', '2026-01-01', $1, now())`;
    const policy = (await owner.query<{ id: number }>('SELECT id FROM credit_policies')).rows[0]!.id;
    expect((await failure(app, insert, ['c1', 31337, 1, null, policy])).message).toMatch(/no accounts row/);
    expect((await failure(app, insert, ['c1', accountA, 1, 55, policy])).message).toMatch(/no lines row/);
    expect((await failure(app, insert, ['c1', accountA, 1, null, policy + 1])).message).toMatch(/no credit_policies row/);
    await app.query(insert, ['c1', accountA, 1, null, policy]);
    expect((await failure(app, 'UPDATE credits SET account_id = 8080')).message).toMatch(/no accounts row with id 8080/);
    expect((await failure(app, 'UPDATE credits SET policy_id = $1', [policy + 5])).message).toMatch(/no credit_policies row/);
    // To an account that exists, and any other column, freely.
    await app.query('UPDATE credits SET account_id = $1', [accountB]);
    await app.query("UPDATE credits SET status = 'posted'");
    expect((await owner.query('SELECT account_id, status FROM credits')).rows).toEqual([{ account_id: accountB, status: 'posted' }]);
  });

  it('keeps a referenced row: no delete, no truncate, no new id; an unreferenced one may go', async () => {
    await owner.query(`INSERT INTO lines (source_id, account_id, number_e164, service_type, monthly_rate_minor, status) VALUES ('L1', $1, '+15550001', 'wireless_voice', 0, 'active')`, [accountA]);
    expect((await failure(owner, 'DELETE FROM accounts WHERE id = $1', [accountA])).message).toMatch(/lines\.account_id still refers/);
    expect((await failure(owner, 'TRUNCATE accounts CASCADE')).code).toBe('23503');
    expect((await failure(owner, 'UPDATE lines SET id = id + 100')).message).toMatch(/never changes/);
    expect((await ids()).a).toEqual([accountA, accountB]);
    // The hub's own role may not delete these at all.
    expect((await failure(app, 'DELETE FROM accounts WHERE id = $1', [accountB])).code).toBe('42501');
    await owner.query('DELETE FROM lines');
    await owner.query('DELETE FROM accounts WHERE id = $1', [accountB]);
    expect((await ids()).a).toEqual([accountA]);
  });
});
