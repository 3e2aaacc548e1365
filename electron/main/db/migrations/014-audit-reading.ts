import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Reading the audit log: newest first by time, filtered by operator, action, account or date,
 * paged by (at, seq) keys, never by OFFSET.
 * - Indexes in time order, alone and behind the operator and the action, so each filter (and
 *   each filter with a date range) is a range scan of one index.
 * - audit_event_accounts: which account an event concerns, kept by a trigger from what the
 *   event records (an account number or id in its before/after, or the request or credit it
 *   targets), filled for the events already there. It is derived data, outside the hash
 *   chain: audit_events itself is not touched, and stays append-only.
 */
const ACCOUNT_OF_EVENT = (e: string) => `COALESCE(
  json_extract(${e}.after_json, '$.accountNumber'),
  json_extract(${e}.before_json, '$.accountNumber'),
  json_extract(${e}.after_json, '$.attempt.accountNumber'),
  (SELECT account_number FROM accounts WHERE id = json_extract(${e}.after_json, '$.accountId')),
  CASE WHEN ${e}.target LIKE 'account:%'
    THEN substr(${e}.target, 9, CASE WHEN instr(${e}.target, '|') > 0 THEN instr(${e}.target, '|') - 9 ELSE length(${e}.target) END) END,
  CASE WHEN ${e}.target LIKE 'credit:%'
    THEN (SELECT a.account_number FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = substr(${e}.target, 8)) END,
  CASE WHEN ${e}.target LIKE 'override_request:%'
    THEN (SELECT a.account_number FROM override_requests r JOIN accounts a ON a.id = r.account_id WHERE r.id = substr(${e}.target, 18)) END
)`;

const SCHEMA = `
CREATE INDEX audit_events_at ON audit_events (at);
CREATE INDEX audit_events_operator_at ON audit_events (operator_id, at);
CREATE INDEX audit_events_action_at ON audit_events (action, at);

CREATE TABLE audit_event_accounts (
  seq INTEGER PRIMARY KEY,
  account_number TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX audit_event_accounts_account ON audit_event_accounts (account_number, at);

INSERT INTO audit_event_accounts (seq, account_number, at)
  SELECT seq, account_number, at FROM (SELECT ${ACCOUNT_OF_EVENT('e')} AS account_number, e.at, e.seq FROM audit_events e)
  WHERE typeof(account_number) = 'text';

CREATE TRIGGER audit_event_accounts_fill AFTER INSERT ON audit_events
BEGIN
  INSERT INTO audit_event_accounts (seq, account_number, at)
    SELECT NEW.seq, account_number, NEW.at FROM (SELECT ${ACCOUNT_OF_EVENT('NEW')} AS account_number)
    WHERE typeof(account_number) = 'text';
END;
`;

export const migration014AuditReading: Migration = {
  version: 14,
  name: 'audit-reading',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
