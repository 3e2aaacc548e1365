import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

function outageDb(): Database.Database {
  db = new Database(':memory:');
  migrate(db, allMigrations);
  db.prepare(
    `INSERT INTO outages (source_id, title, starts_at, ends_at, cause, towers_affected, regions_json, updated_at)
     VALUES ('o-1', 'Outage', '2024-09-10T04:00:00.000Z', '2024-09-11T06:00:00.000Z', 'equipment', 340, '["NH"]', '2024-09-11T07:00:00.000Z')`,
  ).run();
  return db;
}
const revision = () => db!.prepare("SELECT revision FROM outages WHERE source_id = 'o-1'").pluck().get();

describe('outage revisions', () => {
  it('start at 1 and go up by one each time a fact changes, whoever writes it', () => {
    const d = outageDb();
    expect(revision()).toBe(1);
    d.prepare("UPDATE outages SET ends_at = '2024-09-12T06:00:00.000Z' WHERE source_id = 'o-1'").run();
    expect(revision()).toBe(2);
    d.prepare("UPDATE outages SET towers_affected = 400, regions_json = '[\"NH\",\"UT\"]' WHERE source_id = 'o-1'").run();
    expect(revision()).toBe(3);
    d.prepare("UPDATE outages SET ends_at = NULL WHERE source_id = 'o-1'").run();
    expect(revision()).toBe(4);
  });

  it('stay when an update changes no fact (the same values, or only the title or stamp)', () => {
    const d = outageDb();
    d.prepare("UPDATE outages SET ends_at = '2024-09-11T06:00:00.000Z', towers_affected = 340 WHERE source_id = 'o-1'").run();
    d.prepare("UPDATE outages SET title = 'Renamed', updated_at = '2024-09-12T00:00:00.000Z' WHERE source_id = 'o-1'").run();
    expect(revision()).toBe(1);
  });

  it('mark a credit that pays the difference, and refuse an unknown reason', () => {
    const d = outageDb();
    const columns = d.prepare("SELECT name FROM pragma_table_info('credits')").pluck().all();
    expect(columns).toEqual(expect.arrayContaining(['adjustment_reason', 'outage_revision']));
    expect(() =>
      d
        .prepare(
          `INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at, adjustment_reason)
           VALUES ('c', 1, 1, 1, 1, 'EUR', 'automatic', 'scheduled', 'k', 'now', 'because')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
