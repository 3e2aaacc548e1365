import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

const dependents = (d: Database.Database) =>
  d.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'accounts' AND type IN ('index', 'trigger') ORDER BY name").all();

const account = (id: number, country: string) => `INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment,
    payment_type, status, bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
  VALUES (${id}, 'A${id}', '49100000000${id}', 'Jana Krüger', 'jana kruger', 'att', 'consumer', 'postpaid', 'active', 1, 'EUR', 3990,
    '${country}', 'BE', '10115', '10115', '2026-01-01T00:00:00.000Z')`;

describe('migration 27: accounts in Germany', () => {
  it('admits country DE and keeps every account, index, trigger, name search and reference', () => {
    db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, allMigrations.slice(0, 26));
    expect(() => db!.exec(account(9, 'DE'))).toThrow(/CHECK constraint failed/);
    db.exec(account(1, 'NL'));
    db.exec(`INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
        VALUES (1, 'o-1', 'Outage', '2026-09-10T04:00:00.000Z', '2026-09-11T06:00:00.000Z', 'equipment', '2026-09-12T00:00:00.000Z');
      INSERT INTO credit_policies (id, code, version, rules_json) VALUES (1, 'p', 1, '{}');
      INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at)
        VALUES ('c-1', 1, 1, 1, 310, 'EUR', 'automatic', 'scheduled', 'k-1', '2026-09-12T00:00:00.000Z');`);
    const before = dependents(db);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('accounts');
    migrate(db, allMigrations);
    expect(db.pragma('user_version', { simple: true })).toBe(allMigrations.length);
    expect(dependents(db)).toEqual(before);
    expect(db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('accounts')).toEqual(columns);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    // A German account is admitted; any other country still is not.
    db.exec(account(2, 'DE'));
    expect(() => db!.exec(account(3, 'FR'))).toThrow(/CHECK constraint failed/);
    // The name index still finds both, the old row by its kept id and the new one through the insert trigger.
    expect(db.prepare("SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH 'krug*' ORDER BY rowid").pluck().all()).toEqual([1, 2]);
    // Other tables' references still name accounts and still hold.
    const referring = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%REFERENCES accounts (id)%' ORDER BY name").pluck().all();
    expect(referring).toContain('credits');
    expect(() => db!.exec(`INSERT INTO credits (id, account_id, outage_id, policy_id, amount_minor, currency, source, status, idempotency_key, created_at)
      VALUES ('c-2', 99, 1, 1, 1, 'EUR', 'automatic', 'scheduled', 'k-2', 'x')`)).toThrow(/FOREIGN KEY/);
  });
});
