import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

/** A standalone request as the archive keeps it: names, not this database's ids. */
export interface ArchivedRequestRow {
  id: string;
  accountNumber: string;
  holderName: string;
  outageId: number;
  outageTitle: string;
  kind: string;
  amountMinor: number;
  currency: string;
  reasonCode: string;
  justification: string;
  interactionRef: string;
  requestedBy: string;
  status: string;
  decidedBy: string | null;
  decisionNote: string | null;
  createdAt: string;
  decidedAt: string | null;
  creditId: string | null;
  creditStatus: string | null;
  billDate: string | null;
}

export interface ArchiveRecord {
  filePath: string;
  archivedAt: string;
  overrideRequests: number;
  auditEvents: number;
  sha256: string;
}

const sql = {
  standaloneRequests: `SELECT r.id, a.account_number AS accountNumber, a.holder_name AS holderName, r.outage_id AS outageId,
      o.title AS outageTitle, r.kind, r.amount_minor AS amountMinor, r.currency, r.reason_code AS reasonCode,
      r.justification, r.interaction_ref AS interactionRef, req.username AS requestedBy, r.status,
      dec.username AS decidedBy, r.decision_note AS decisionNote, r.created_at AS createdAt, r.decided_at AS decidedAt,
      r.credit_id AS creditId, c.status AS creditStatus, c.bill_date AS billDate
    FROM override_requests r
    JOIN accounts a ON a.id = r.account_id
    JOIN outages o ON o.id = r.outage_id
    JOIN operators req ON req.id = r.requested_by
    LEFT JOIN operators dec ON dec.id = r.decided_by
    LEFT JOIN credits c ON c.id = r.credit_id
    WHERE r.sync_state IS NULL
    ORDER BY r.created_at, r.id`,
  operatorNames: 'SELECT id, username FROM operators',
  deleteStandalone: 'DELETE FROM override_requests WHERE id = ? AND sync_state IS NULL',
  record: `INSERT INTO hub_standalone_archives (file_path, archived_at, override_requests, audit_events, sha256)
    VALUES (@filePath, @archivedAt, @overrideRequests, @auditEvents, @sha256)`,
  latest: `SELECT file_path AS filePath, archived_at AS archivedAt, override_requests AS overrideRequests,
      audit_events AS auditEvents, sha256 FROM hub_standalone_archives ORDER BY id DESC LIMIT 1`,
} as const;

/** The override requests this desktop filed and decided on its own (never synced with a hub). */
export function listStandaloneRequests(db: Database.Database): ArchivedRequestRow[] {
  return cachedStatement<[], ArchivedRequestRow>(db, sql.standaloneRequests).all();
}

export function operatorNamesById(db: Database.Database): Map<number, string> {
  return new Map(cachedStatement<[], { id: number; username: string }>(db, sql.operatorNames).all().map((row) => [row.id, row.username]));
}

/** Takes an archived standalone request out of the cache (the credit it wrote stays: it is money). */
export function deleteStandaloneRequest(db: Database.Database, id: string): void {
  cachedStatement(db, sql.deleteStandalone).run(id);
}

export function recordArchive(db: Database.Database, record: ArchiveRecord): void {
  cachedStatement(db, sql.record).run(record);
}

export function latestArchive(db: Database.Database): ArchiveRecord | undefined {
  return cachedStatement<[], ArchiveRecord>(db, sql.latest).get();
}
