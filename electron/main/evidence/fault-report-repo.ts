import type Database from 'better-sqlite3';
import { countsAsEvidence, type EvidenceSyncState, type FaultKind, type FaultReport, type FaultReportView, type LocalFaultReportView } from '@shared/domain/fault-report';
import { cachedStatement } from '../db/statement-cache';

/** The one owner of `fault_reports`: recorded once, never changed (the table's triggers refuse it). */

export interface FaultReportRow {
  id: string;
  accountId: number;
  lineId: number | null;
  outageId: number;
  fromAt: string;
  toAt: string | null;
  failedJson: string;
  note: string;
  interactionRef: string;
  reportedAt: string;
  recordedById: number;
  recordedBy: string;
  clientRequestId: string;
  accountNumber: string;
  /** Where this desktop's `fault_report.record` stands (null: none sent from here). */
  syncState: EvidenceSyncState | null;
  syncRefusal: string | null;
}

export interface NewFaultReportRow {
  id: string;
  accountId: number;
  lineId: number | null;
  outageId: number;
  fromAt: string;
  toAt: string | null;
  failed: readonly FaultKind[];
  note: string;
  interactionRef: string;
  reportedAt: string;
  recordedBy: number;
  clientRequestId: string;
}

/*
 * The last outbox row this desktop wrote for the report (desktop migration 019: its
 * request_id is the report's id). hub_outbox_request indexes request_id.
 */
const SYNC_COLUMNS = `CASE ob.state WHEN 'pending' THEN 'pending_sync' WHEN 'accepted' THEN 'synced' WHEN 'refused' THEN 'refused' ELSE CASE WHEN hr.id IS NOT NULL THEN 'synced' END END AS syncState,
    ob.refusal_reason AS syncRefusal`;
const SYNC_JOIN = `LEFT JOIN hub_outbox ob ON ob.seq = (SELECT max(x.seq) FROM hub_outbox x WHERE x.request_id = f.id AND x.op = 'fault_report.record') LEFT JOIN hub_evidence_received hr ON hr.id = f.id`;

const SELECT = `SELECT f.id, f.account_id AS accountId, f.line_id AS lineId, f.outage_id AS outageId, f.from_at AS fromAt,
    f.to_at AS toAt, f.failed_json AS failedJson, f.note, f.interaction_ref AS interactionRef, f.reported_at AS reportedAt,
    f.recorded_by AS recordedById, o.username AS recordedBy, f.client_request_id AS clientRequestId,
    a.account_number AS accountNumber, ${SYNC_COLUMNS}
  FROM fault_reports f JOIN operators o ON o.id = f.recorded_by JOIN accounts a ON a.id = f.account_id ${SYNC_JOIN}`;

const sql = {
  insert: `INSERT INTO fault_reports (id, account_id, line_id, outage_id, from_at, to_at, failed_json, note, interaction_ref,
      reported_at, recorded_by, client_request_id)
    VALUES (@id, @accountId, @lineId, @outageId, @fromAt, @toAt, @failedJson, @note, @interactionRef, @reportedAt,
      @recordedBy, @clientRequestId)`,
  byId: `${SELECT} WHERE f.id = ?`,
  byClientRequest: `${SELECT} WHERE f.recorded_by = ? AND f.client_request_id = ?`,
  ofAccount: `${SELECT} WHERE f.account_id = ? ORDER BY f.reported_at, f.id`,
  register: `SELECT f.id, f.account_id AS accountId, f.line_id AS lineId, f.outage_id AS outageId, f.from_at AS fromAt,
      f.to_at AS toAt, f.failed_json AS failedJson, f.note, f.interaction_ref AS interactionRef, f.reported_at AS reportedAt,
      f.recorded_by AS recordedById, op.username AS recordedBy, f.client_request_id AS clientRequestId,
      a.account_number AS accountNumber, a.holder_name AS holderName, o.title AS outageTitle,
      r.id AS requestId, r.status AS requestStatus, r.amount_minor AS requestAmountMinor, r.currency AS requestCurrency,
      ${SYNC_COLUMNS}
    FROM fault_reports f INDEXED BY fault_reports_reported_at
    JOIN operators op ON op.id = f.recorded_by JOIN accounts a ON a.id = f.account_id JOIN outages o ON o.id = f.outage_id
    LEFT JOIN override_requests r ON r.fault_report_id = f.id
    ${SYNC_JOIN}
    WHERE (@outageId IS NULL OR f.outage_id = @outageId)
    ORDER BY f.reported_at DESC, f.id DESC LIMIT @limit`,
} as const;

export function insertFaultReport(db: Database.Database, row: NewFaultReportRow): void {
  const { failed, ...rest } = row;
  cachedStatement(db, sql.insert).run({ ...rest, failedJson: JSON.stringify([...new Set(failed)].sort()) });
}

export function findFaultReport(db: Database.Database, id: string): FaultReportRow | undefined {
  return cachedStatement<[string], FaultReportRow>(db, sql.byId).get(id);
}

export function findFaultReportByClientRequest(db: Database.Database, recordedBy: number, clientRequestId: string): FaultReportRow | undefined {
  return cachedStatement<[number, string], FaultReportRow>(db, sql.byClientRequest).get(recordedBy, clientRequestId);
}

export function listFaultReportsOfAccount(db: Database.Database, accountId: number): FaultReportRow[] {
  return cachedStatement<[number], FaultReportRow>(db, sql.ofAccount).all(accountId);
}

/** The reports that are evidence for this account's decisions: one the hub refused is not (countsAsEvidence). */
export function evidenceReports(rows: readonly FaultReportRow[]): FaultReport[] {
  return rows.filter(countsAsEvidence).map(toDomainFaultReport);
}

export function toDomainFaultReport(row: FaultReportRow): FaultReport {
  return {
    id: row.id,
    accountId: row.accountId,
    lineId: row.lineId,
    outageId: row.outageId,
    fromAt: row.fromAt,
    toAt: row.toAt,
    failed: JSON.parse(row.failedJson) as FaultKind[],
    reportedAt: row.reportedAt,
  };
}

export function toFaultReportView(row: FaultReportRow): FaultReportView {
  return { ...toDomainFaultReport(row), note: row.note, interactionRef: row.interactionRef, recordedBy: row.recordedBy };
}

/** The view plus, on a desktop that sent it to a hub, where it stands there (screens only; not audited). */
export function toLocalFaultReportView(row: FaultReportRow): LocalFaultReportView {
  const view = toFaultReportView(row);
  return row.syncState === null ? view : { ...view, syncState: row.syncState, syncRefusal: row.syncRefusal };
}

export interface RegisterRow extends FaultReportRow {
  holderName: string;
  outageTitle: string;
  requestId: string | null;
  requestStatus: string | null;
  requestAmountMinor: number | null;
  requestCurrency: string | null;
}

/** The register, newest first. */
export function listFaultReportRegister(db: Database.Database, outageId: number | null, limit: number): RegisterRow[] {
  return cachedStatement<[{ outageId: number | null; limit: number }], RegisterRow>(db, sql.register).all({ outageId, limit });
}
