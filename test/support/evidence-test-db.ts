import Database from 'better-sqlite3';
import { migrate } from '../../electron/main/db/migrate';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';

/**
 * For the evidence tests: an in-memory cache migrated by `migrations` with one agent (alice,
 * id 1), one account (id 1, 287100000001) and one outage (id 1) of 22 February 2024.
 */
export function evidenceTestDb(migrations = allMigrations): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  db.exec(`
    INSERT INTO operators (id, username, display_name, role, password_hash, created_at) VALUES
      (1, 'alice', 'Alice', 'agent', 'x', '2024-01-01T00:00:00.000Z');
    INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
      bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
      VALUES (1, 'A1', '287100000001', 'Maria', 'maria', 'att', 'consumer', 'postpaid', 'active', 5, 'USD', 6500, 'US', 'NY', '10001', '10001', '2024-01-01T00:00:00.000Z');
    INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
      VALUES (1, 'o-1', 'Outage', '2024-02-22T08:45:00.000Z', '2024-02-22T20:10:00.000Z', 'network_change', '2024-02-23T00:00:00.000Z');
  `);
  return db;
}

/** Alice's report `id` of the outage on the account, recorded on 4 March 2024. */
export function insertTestReport(db: Database.Database, id: string): void {
  db.prepare(
    `INSERT INTO fault_reports (id, account_id, line_id, outage_id, from_at, to_at, failed_json, note, interaction_ref, reported_at, recorded_by, client_request_id)
     VALUES (?, 1, NULL, 1, '2024-02-22T09:00:00.000Z', NULL, '["calls"]', 'No calls at all, says the customer.', 'CALL-1', '2024-03-04T00:00:00.000Z', 1, ?)`,
  ).run(id, `draft-${id}`);
}
