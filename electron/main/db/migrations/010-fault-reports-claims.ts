import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: the fault-report register, claims of on-request credits, and two new override kinds.
 * - fault_reports: what a customer told an agent (a line or the whole account, from when to
 *   when, what failed). Evidence for a policy; never changed once recorded (triggers).
 * - credit_claims: the customer's claim of an on-request credit, one per account, outage and
 *   policy; never changed once recorded (triggers).
 * - override_requests is rebuilt (SQLite cannot change a CHECK in place) to admit the kinds
 *   `in_kind` (compensation other than money, with the customer's consent on record) and
 *   `report_credit` (a policy's credit resting on the customer's report), with their columns.
 *   Nothing references override_requests, so the copy keeps every row and id as they were.
 */
const SCHEMA = `
CREATE TABLE fault_reports (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  line_id INTEGER REFERENCES lines (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  from_at TEXT NOT NULL,
  to_at TEXT,
  failed_json TEXT NOT NULL CHECK (json_valid(failed_json) AND json_array_length(failed_json) >= 1),
  note TEXT NOT NULL,
  interaction_ref TEXT NOT NULL,
  reported_at TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES operators (id),
  client_request_id TEXT NOT NULL,
  CHECK (to_at IS NULL OR to_at >= from_at),
  UNIQUE (recorded_by, client_request_id)
) STRICT;
CREATE INDEX fault_reports_account_outage ON fault_reports (account_id, outage_id, reported_at);
CREATE INDEX fault_reports_reported_at ON fault_reports (reported_at);
CREATE TRIGGER fault_reports_no_update BEFORE UPDATE ON fault_reports BEGIN
  SELECT RAISE(ABORT, 'a recorded fault report is never changed');
END;
CREATE TRIGGER fault_reports_no_delete BEFORE DELETE ON fault_reports BEGIN
  SELECT RAISE(ABORT, 'a recorded fault report is never deleted');
END;

CREATE TABLE credit_claims (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  policy_code TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  interaction_ref TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES operators (id),
  credit_id TEXT REFERENCES credits (id),
  UNIQUE (account_id, outage_id, policy_code)
) STRICT;
CREATE TRIGGER credit_claims_no_update BEFORE UPDATE OF id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by ON credit_claims BEGIN
  SELECT RAISE(ABORT, 'a registered claim is never changed');
END;
CREATE TRIGGER credit_claims_no_delete BEFORE DELETE ON credit_claims BEGIN
  SELECT RAISE(ABORT, 'a registered claim is never deleted');
END;

CREATE TABLE override_requests_v10 (
  id TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  outage_id INTEGER NOT NULL REFERENCES outages (id),
  kind TEXT NOT NULL CHECK (kind IN ('goodwill', 'adjust', 'reverse', 'in_kind', 'report_credit')),
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency TEXT NOT NULL CHECK (currency IN ('USD', 'EUR')),
  reason_code TEXT NOT NULL,
  justification TEXT NOT NULL,
  interaction_ref TEXT NOT NULL,
  requested_by INTEGER NOT NULL REFERENCES operators (id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'expired')),
  decided_by INTEGER REFERENCES operators (id),
  decision_note TEXT,
  created_at TEXT NOT NULL,
  decided_at TEXT,
  version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  client_request_id TEXT,
  credit_id TEXT REFERENCES credits (id),
  sync_state TEXT CHECK (sync_state IN ('pending_sync', 'synced', 'refused')),
  sync_refusal TEXT,
  in_kind_description TEXT,
  consent_method TEXT CHECK (consent_method IN ('verbal_on_call', 'sms', 'email', 'written')),
  consent_at TEXT,
  fault_report_id TEXT REFERENCES fault_reports (id),
  policy_code TEXT,
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((kind = 'in_kind') = (in_kind_description IS NOT NULL AND consent_method IS NOT NULL AND consent_at IS NOT NULL)),
  CHECK ((kind = 'report_credit') = (fault_report_id IS NOT NULL AND policy_code IS NOT NULL))
) STRICT;
INSERT INTO override_requests_v10 (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
    interaction_ref, requested_by, status, decided_by, decision_note, created_at, decided_at, version, client_request_id,
    credit_id, sync_state, sync_refusal)
  SELECT id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification, interaction_ref,
    requested_by, status, decided_by, decision_note, created_at, decided_at, version, client_request_id, credit_id,
    sync_state, sync_refusal
  FROM override_requests;
DROP TABLE override_requests;
ALTER TABLE override_requests_v10 RENAME TO override_requests;
CREATE INDEX override_requests_account_outage ON override_requests (account_id, outage_id);
CREATE INDEX override_requests_status_created ON override_requests (status, created_at);
CREATE INDEX override_requests_requested_by ON override_requests (requested_by, created_at);
CREATE UNIQUE INDEX override_requests_client_request ON override_requests (requested_by, client_request_id);
CREATE UNIQUE INDEX override_requests_one_open ON override_requests (account_id, outage_id) WHERE status = 'pending';
CREATE INDEX override_requests_decided_by ON override_requests (requested_by, status, decided_at);
CREATE INDEX override_requests_in_kind ON override_requests (outage_id, account_id) WHERE kind = 'in_kind' AND status = 'approved';
`;

export const migration010FaultReportsClaims: Migration = {
  version: 10,
  name: 'fault-reports-claims',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
