import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

const dependents = (d: Database.Database) =>
  d.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'credits' AND type IN ('index', 'trigger') ORDER BY name").all();

describe('migration 11: credits may hold a revision take-back', () => {
  it('keeps every credit, index, trigger and reference, and foreign keys stay on', () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations.slice(0, 10));
    db.exec(`
      INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
        bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
        VALUES (1, 'A1', '312000000005', 'Jan', 'jan', 'att', 'consumer', 'postpaid', 'active', 1, 'EUR', 4650, 'NL', 'NH', '1011', '1011', '2024-01-01T00:00:00.000Z');
      INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
        VALUES (1, 'o-1', 'Outage', '2024-09-10T04:00:00.000Z', '2024-09-11T06:00:00.000Z', 'equipment', '2024-09-12T00:00:00.000Z');
      INSERT INTO credit_policies (id, code, version, rules_json) VALUES (1, 'p', 1, '{}');
      INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at)
        VALUES ('c-1', 1, 1, 1, 310, 'EUR', 'automatic', 'scheduled', 'k-1', '2024-09-12T00:00:00.000Z');
    `);
    const before = dependents(db);
    migrate(db, allMigrations);
    expect(db.prepare('SELECT id, amount_minor AS a FROM credits').all()).toEqual([{ id: 'c-1', a: 310 }]);
    // Migration 16 adds the credit totals' triggers; everything there before is kept as it was.
    expect((dependents(db) as Array<{ name: string }>).filter((d) => !d.name.startsWith('credit_totals_'))).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // The references of other tables still name credits.
    const referring = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES credits (id)%' ORDER BY name").pluck().all();
    expect(referring).toEqual(['credit_claims', 'credit_reversals', 'override_requests']);
    db.exec(`INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at, adjustment_reason, outage_revision)
      VALUES ('c-2', 1, 1, 1, -155, 'EUR', 'automatic', 'scheduled', 'k-1|rev:3', '2024-09-20T00:00:00.000Z', 'outage_revised', 3)`);
    expect(() => db!.exec(`INSERT INTO credit_reversals (id, credit_id, amount_minor, currency, idempotency_key, created_at) VALUES ('r', 'nope', 1, 'EUR', 'r', 'x')`)).toThrow();
  });
});
