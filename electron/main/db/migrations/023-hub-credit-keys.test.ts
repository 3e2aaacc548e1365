import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

describe("migration 23: hub credits take this cache's key for the account", () => {
  it("rewrites a hub key's account id to the credit's own account, suffixes kept, and leaves exported, line, local and taken keys alone", () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations.slice(0, 22));
    db.exec(`
      INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
        bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
        VALUES (7, 'A7', '287100000001', 'Dana', 'dana', 'att', 'consumer', 'postpaid', 'active', 12, 'USD', 6500, 'US', 'TX', '78701', '78701', '2026-01-01T00:00:00.000Z');
      INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
        VALUES (50, 'o-50', 'Outage', '2026-01-14T17:00:00.000Z', '2026-01-15T03:00:00.000Z', 'equipment', '2026-01-16T00:00:00.000Z');
      INSERT INTO credit_policies (id, code, version, rules_json) VALUES (1, 'p', 1, '{}');
      INSERT INTO export_batches (id, created_at, credit_count, file_name, sha256) VALUES (1, '2026-01-20T00:00:00.000Z', 1, 'b1.csv', 'x');
    `);
    const insert = db.prepare(`INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at, exported_batch_id)
      VALUES (?, 7, 50, 1, 2000, 'USD', 'automatic', 'scheduled', ?, '2026-01-16T00:00:00.000Z', ?)`);
    const rows: Array<[string, string, number | null]> = [
      ['hub', 'account:3|outage:50|policy:verizon', null],
      ['hub-rev', 'account:3|outage:50|policy:verizon|rev:2', null],
      ['hub-adjust', 'account:3|outage:50|policy:other|override-adjust:01JREQUEST', null],
      ['exported', 'account:3|outage:50|policy:exported', 1],
      ['line', 'line:99|outage:50|policy:guarantee', null],
      ['local', 'account:7|outage:50|policy:mine', null],
      ['taken-local', 'account:7|outage:50|policy:twice', null],
      ['taken-hub', 'account:3|outage:50|policy:twice', null],
      ['fallback', 'hub:01JCREDIT', null],
    ];
    for (const row of rows) insert.run(...row);
    migrate(db, allMigrations);
    expect(db.prepare('SELECT id, idempotency_key AS key FROM credits ORDER BY rowid').all()).toEqual([
      { id: 'hub', key: 'account:7|outage:50|policy:verizon' },
      { id: 'hub-rev', key: 'account:7|outage:50|policy:verizon|rev:2' },
      { id: 'hub-adjust', key: 'account:7|outage:50|policy:other|override-adjust:01JREQUEST' },
      { id: 'exported', key: 'account:3|outage:50|policy:exported' },
      { id: 'line', key: 'line:99|outage:50|policy:guarantee' },
      { id: 'local', key: 'account:7|outage:50|policy:mine' },
      { id: 'taken-local', key: 'account:7|outage:50|policy:twice' },
      { id: 'taken-hub', key: 'account:3|outage:50|policy:twice' },
      { id: 'fallback', key: 'hub:01JCREDIT' },
    ]);
  });
});
