import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/*
 * Issue 13: the account screen shows where a report or claim stands with the hub. This
 * desktop's own rows have their outbox row (migration 019). A row the hub sent down (another
 * desktop's, or this desktop's own coming back) is the hub's: it is marked here when a
 * `fault_report` or `credit_claim` change is applied, so the screen can say "synced" for it,
 * while a row recorded before the desktop joined a hub (never sent, never received) says
 * nothing. fault_reports and credit_claims never change (their triggers), hence a table
 * beside them. `id` is the local row's id.
 */
const SCHEMA = `
CREATE TABLE hub_evidence_received (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('fault_report', 'credit_claim')),
  received_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`;

export const migration022HubEvidenceReceived: Migration = {
  version: 22,
  name: 'hub-evidence-received',
  up(db: Database.Database) {
    db.exec(SCHEMA);
  },
};
