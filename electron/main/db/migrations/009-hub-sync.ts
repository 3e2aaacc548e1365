import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Hub sync.
 * - hub_desktop: the one enrolment of this database (desktop id, its secret sealed with the OS
 *   keychain where there is one) and the highest operation seq ever given out. last_seq never
 *   goes down (trigger), so a seq is never reused.
 * - hub_cursors: how far the change log was pulled, per operator: the hub filters the log by
 *   the token's operator and role and moves the cursor past what they may not see, so a
 *   supervisor after an agent on a shared desktop must not start from the agent's cursor.
 * - hub_outbox: the named operations not yet answered by the hub, written in the same
 *   transaction as their local effect; kept after the answer (accepted or refused, with the reason).
 * - override_requests.sync_state: null on a standalone desktop; pending_sync until the hub
 *   answered; synced; refused (with the hub's reason).
 */
const SCHEMA = `
CREATE TABLE hub_desktop (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url TEXT NOT NULL,
  desktop_id TEXT NOT NULL,
  name TEXT NOT NULL,
  sealed_secret BLOB NOT NULL,
  sealed_with TEXT NOT NULL CHECK (sealed_with IN ('safe_storage', 'none')),
  enrolled_at TEXT NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
) STRICT;
CREATE TRIGGER hub_desktop_seq_forward BEFORE UPDATE OF last_seq ON hub_desktop
WHEN NEW.last_seq < OLD.last_seq
BEGIN
  SELECT RAISE(ABORT, 'an operation seq is never given out twice');
END;

CREATE TABLE hub_cursors (
  username TEXT PRIMARY KEY,
  change_cursor INTEGER NOT NULL CHECK (change_cursor >= 0)
) STRICT;

CREATE TABLE hub_outbox (
  seq INTEGER PRIMARY KEY CHECK (seq > 0),
  desktop_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('override.submit', 'override.withdraw', 'override.decide')),
  payload_json TEXT NOT NULL CHECK (json_valid(payload_json)),
  request_id TEXT NOT NULL,
  operator_username TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'refused')),
  refusal_code TEXT,
  refusal_reason TEXT,
  answered_at TEXT,
  CHECK ((state = 'refused') = (refusal_reason IS NOT NULL))
) STRICT;
CREATE INDEX hub_outbox_pending ON hub_outbox (state, seq);

ALTER TABLE override_requests ADD COLUMN sync_state TEXT CHECK (sync_state IN ('pending_sync', 'synced', 'refused'));
ALTER TABLE override_requests ADD COLUMN sync_refusal TEXT;
`;

export const migration009HubSync: Migration = {
  version: 9,
  name: 'hub-sync',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
