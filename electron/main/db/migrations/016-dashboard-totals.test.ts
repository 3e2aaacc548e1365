import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

describe('migration 16: dashboard totals', () => {
  it('fills the credit totals from the credits a database already has, reversed ones under their effective status', () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations.slice(0, 15));
    db.exec(`
      INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
        bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
        VALUES (1, 'A1', '312000000005', 'Jan', 'jan', 'att', 'consumer', 'postpaid', 'active', 1, 'EUR', 4650, 'NL', 'NH', '1011', '1011', '2024-01-01T00:00:00.000Z'),
               (2, 'A2', '312000000006', 'Piet', 'piet', 'att', 'consumer', 'postpaid', 'active', 1, 'EUR', 4650, 'NL', 'UT', '3511', '3511', '2024-01-01T00:00:00.000Z');
      INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
        VALUES (1, 'o-1', 'Outage', '2024-09-10T04:00:00.000Z', '2024-09-11T06:00:00.000Z', 'equipment', '2024-09-12T00:00:00.000Z');
      INSERT INTO credit_policies (id, code, version, rules_json) VALUES (1, 'p', 1, '{}');
      INSERT INTO export_batches (id, created_at, credit_count, file_name, sha256) VALUES (1, '2024-09-13T00:00:00.000Z', 1, 'b.csv', 'x');
      INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at, exported_batch_id) VALUES
        ('c-1', 1, 1, 1, 310, 'EUR', 'automatic', 'scheduled', 'k-1', '2024-09-12T00:00:00.000Z', NULL),
        ('c-2', 1, 1, 1, 200, 'EUR', 'automatic', 'scheduled', 'k-2', '2024-09-12T00:00:00.000Z', NULL),
        ('c-3', 2, 1, 1, 500, 'EUR', 'automatic', 'posted', 'k-3', '2024-09-12T00:00:00.000Z', 1);
      INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at) VALUES ('r-1', 'c-3', 500, 'EUR', 'r-1', '2024-09-14T00:00:00.000Z');
    `);
    migrate(db, allMigrations);
    expect(db.prepare('SELECT outage_id, region, status, currency, count, amount_minor FROM credit_totals ORDER BY region').all()).toEqual([
      { outage_id: 1, region: 'NH', status: 'scheduled', currency: 'EUR', count: 2, amount_minor: 510 },
      { outage_id: 1, region: 'UT', status: 'reversed', currency: 'EUR', count: 1, amount_minor: 500 },
    ]);
    // And the requests' time index is there for the dashboard's 14-day range.
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'override_requests_created'`).pluck().get()).toBe('override_requests_created');
  });
});
