import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 4: override requests and the audit chain.
 * - audit_events gets a version (every desktop-made record carries one, DESIGN section 8)
 *   and a trigger that refuses an insert whose prev_hash is not the newest event's hash,
 *   so even a writer that bypasses the app cannot append a forked chain. Updates and
 *   deletes are already refused by 001's triggers.
 * - override_requests gets the client's request id (one request per draft, whatever the
 *   retries), the credit it wrote, and a partial unique index: one pending request per
 *   account and outage, enforced by SQLite even against a race.
 * - override_settings holds the admin's limits; no row means the built-in defaults.
 */
const SCHEMA = `
ALTER TABLE audit_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
CREATE INDEX audit_events_action ON audit_events (action, seq);
CREATE INDEX audit_events_target ON audit_events (target, seq);
CREATE INDEX audit_events_operator ON audit_events (operator_id, seq);
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events
WHEN NEW.prev_hash IS NOT COALESCE(
  (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1),
  '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'audit_events prev_hash is not the newest hash');
END;

ALTER TABLE override_requests ADD COLUMN client_request_id TEXT;
ALTER TABLE override_requests ADD COLUMN credit_id TEXT REFERENCES credits (id);
CREATE UNIQUE INDEX override_requests_client_request ON override_requests (requested_by, client_request_id);
CREATE UNIQUE INDEX override_requests_one_open ON override_requests (account_id, outage_id) WHERE status = 'pending';
CREATE INDEX override_requests_decided_by ON override_requests (requested_by, status, decided_at);

CREATE TABLE override_settings (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  per_request_cap_minor INTEGER NOT NULL CHECK (per_request_cap_minor > 0),
  agent_daily_total_minor INTEGER NOT NULL CHECK (agent_daily_total_minor > 0),
  expiry_days INTEGER NOT NULL CHECK (expiry_days BETWEEN 1 AND 90),
  version INTEGER NOT NULL CHECK (version >= 1),
  updated_by INTEGER REFERENCES operators (id),
  updated_at TEXT NOT NULL
) STRICT;
`;

export const migration003OverridesAudit: Migration = {
  version: 3,
  name: 'overrides-audit',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
