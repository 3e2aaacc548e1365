import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: with a hub, fault reports and claims travel as named operations like overrides.
 * hub_outbox admits the two new operations (`fault_report.record`, `claim.register`); its
 * `request_id` names the operation's local row (the request, the report or the claim). SQLite
 * cannot change a CHECK in place, so the table is rebuilt with its rows; nothing refers to it.
 */
const SCHEMA = `
CREATE TABLE hub_outbox_v19 (
  seq INTEGER PRIMARY KEY CHECK (seq > 0),
  desktop_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('override.submit', 'override.withdraw', 'override.decide', 'fault_report.record', 'claim.register')),
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
INSERT INTO hub_outbox_v19 SELECT seq, desktop_id, op, payload_json, request_id, operator_username, created_at, state,
  refusal_code, refusal_reason, answered_at FROM hub_outbox;
DROP TABLE hub_outbox;
ALTER TABLE hub_outbox_v19 RENAME TO hub_outbox;
CREATE INDEX hub_outbox_pending ON hub_outbox (state, seq);
CREATE INDEX hub_outbox_request ON hub_outbox (request_id, state);
`;

export const migration019EvidenceOutbox: Migration = {
  version: 19,
  name: 'evidence-outbox',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
