import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { allMigrations } from './all-migrations';

let db: Database.Database | null = null;
afterEach(() => db?.close());

/** A database at version 9 with one decided override request, then brought to the newest version. */
function migratedWithOneRequest(): Database.Database {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, allMigrations.slice(0, 9));
  db.exec(`
    INSERT INTO operators (id, username, display_name, role, password_hash, created_at) VALUES
      (1, 'alice', 'Alice', 'agent', 'x', '2024-01-01T00:00:00.000Z'),
      (2, 'sam', 'Sam', 'supervisor', 'x', '2024-01-01T00:00:00.000Z');
    INSERT INTO accounts (id, source_id, account_number, holder_name, name_fold, brand, segment, payment_type, status,
      bill_cycle_day, currency, monthly_charge_minor, country, region, postal_code, postal_code_norm, updated_at)
      VALUES (1, 'A1', '287100000001', 'Maria', 'maria', 'att', 'consumer', 'postpaid', 'active', 5, 'USD', 6500, 'US', 'NY', '10001', '10001', '2024-01-01T00:00:00.000Z');
    INSERT INTO outages (id, source_id, title, starts_at, ends_at, cause, updated_at)
      VALUES (1, 'o-1', 'Outage', '2024-02-22T08:45:00.000Z', '2024-02-22T20:10:00.000Z', 'network_change', '2024-02-23T00:00:00.000Z');
    INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
      interaction_ref, requested_by, status, decided_by, decision_note, created_at, decided_at, version, client_request_id, sync_state)
      VALUES ('01HZZZZZZZZZZZZZZZZZZZZZZZ', 1, 1, 'goodwill', 500, 'USD', 'service_recovery', 'Twenty characters or more.',
        'CALL-1', 1, 'rejected', 2, 'no', '2024-03-01T00:00:00.000Z', '2024-03-02T00:00:00.000Z', 2, 'c-1', 'synced');
  `);
  migrate(db, allMigrations);
  return db;
}

describe('migration 10: fault reports, claims, and the new override kinds', () => {
  it('keeps every override request as it was, with its indexes', () => {
    const d = migratedWithOneRequest();
    expect(d.prepare('SELECT id, kind, status, version, client_request_id AS c, sync_state AS s FROM override_requests').all()).toEqual([
      { id: '01HZZZZZZZZZZZZZZZZZZZZZZZ', kind: 'goodwill', status: 'rejected', version: 2, c: 'c-1', s: 'synced' },
    ]);
    const indexes = d.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'override_requests' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
    expect(indexes).toEqual([
      'override_requests_account_outage',
      'override_requests_client_request',
      'override_requests_created',
      'override_requests_decided_by',
      'override_requests_in_kind',
      'override_requests_one_open',
      'override_requests_requested_by',
      'override_requests_status_created',
    ]);
    expect(d.pragma('foreign_key_check')).toEqual([]);
  });

  it('admits compensation in kind only with its consent, and a report credit only with its report', () => {
    const d = migratedWithOneRequest();
    const insert = (kind: string, extra: string, values: string) =>
      d.prepare(
        `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
          interaction_ref, requested_by, status, created_at${extra})
         VALUES ('${kind}', 1, 1, '${kind}', 400, 'USD', 'other', 'Twenty characters or more.', 'CALL-2', 1, 'withdrawn', '2024-03-03T00:00:00.000Z'${values})`,
      );
    expect(() => insert('in_kind', '', '').run()).toThrow(/CHECK/);
    insert('in_kind', ', in_kind_description, consent_method, consent_at', ", '10 GB', 'verbal_on_call', '2024-03-03T00:00:00.000Z'").run();
    expect(() => insert('report_credit', '', '').run()).toThrow(/CHECK/);
  });

  it('never changes or deletes a recorded fault report', () => {
    const d = migratedWithOneRequest();
    d.prepare(
      `INSERT INTO fault_reports (id, account_id, line_id, outage_id, from_at, to_at, failed_json, note, interaction_ref, reported_at, recorded_by, client_request_id)
       VALUES ('f-1', 1, NULL, 1, '2024-02-22T09:00:00.000Z', NULL, '["calls"]', 'No calls all day long, said the customer.', 'CALL-3', '2024-03-04T00:00:00.000Z', 1, 'c-2')`,
    ).run();
    expect(() => d.prepare("UPDATE fault_reports SET note = 'changed' WHERE id = 'f-1'").run()).toThrow(/never changed/);
    expect(() => d.prepare("DELETE FROM fault_reports WHERE id = 'f-1'").run()).toThrow(/never deleted/);
  });
});
