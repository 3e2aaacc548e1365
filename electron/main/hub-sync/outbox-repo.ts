import type Database from 'better-sqlite3';
import type { OperationName } from '@shared/hub/operations';
import { cachedStatement } from '../db/statement-cache';

export interface OutboxRow {
  seq: number;
  desktopId: string;
  op: OperationName;
  payloadJson: string;
  requestId: string;
  operatorUsername: string;
  state: 'pending' | 'accepted' | 'refused';
  refusalCode: string | null;
  refusalReason: string | null;
}

const COLUMNS = `seq, desktop_id AS desktopId, op, payload_json AS payloadJson, request_id AS requestId,
  operator_username AS operatorUsername, state, refusal_code AS refusalCode, refusal_reason AS refusalReason`;

const sql = {
  insert: `INSERT INTO hub_outbox (seq, desktop_id, op, payload_json, request_id, operator_username, created_at)
    VALUES (@seq, @desktopId, @op, @payloadJson, @requestId, @operatorUsername, @createdAt)`,
  pending: `SELECT ${COLUMNS} FROM hub_outbox WHERE state = 'pending' AND desktop_id = ? ORDER BY seq LIMIT ?`,
  bySeq: `SELECT ${COLUMNS} FROM hub_outbox WHERE seq = ?`,
  accept: `UPDATE hub_outbox SET state = 'accepted', answered_at = ? WHERE seq = ? AND state = 'pending'`,
  refuse: `UPDATE hub_outbox SET state = 'refused', refusal_code = ?, refusal_reason = ?, answered_at = ? WHERE seq = ? AND state = 'pending'`,
  countPending: `SELECT count(*) AS n FROM hub_outbox WHERE state = 'pending'`,
  pendingForRequest: `SELECT 1 FROM hub_outbox WHERE state = 'pending' AND request_id = ? LIMIT 1`,
  requestSync: 'UPDATE override_requests SET sync_state = ?, sync_refusal = ? WHERE id = ?',
} as const;

export interface NewOutboxRow {
  seq: number;
  desktopId: string;
  op: OperationName;
  payloadJson: string;
  requestId: string;
  operatorUsername: string;
  createdAt: string;
}

export function insertOutbox(db: Database.Database, row: NewOutboxRow): void {
  cachedStatement(db, sql.insert).run(row);
}

export function listPendingOutbox(db: Database.Database, desktopId: string, limit: number): OutboxRow[] {
  return cachedStatement<[string, number], OutboxRow>(db, sql.pending).all(desktopId, limit);
}

export function findOutbox(db: Database.Database, seq: number): OutboxRow | undefined {
  return cachedStatement<[number], OutboxRow>(db, sql.bySeq).get(seq);
}

export function markOutboxAccepted(db: Database.Database, seq: number, at: string): boolean {
  return cachedStatement(db, sql.accept).run(at, seq).changes === 1;
}

export function markOutboxRefused(db: Database.Database, seq: number, code: string, reason: string, at: string): boolean {
  return cachedStatement(db, sql.refuse).run(code, reason, at, seq).changes === 1;
}

export function countPendingOutbox(db: Database.Database): number {
  return cachedStatement<[], { n: number }>(db, sql.countPending).get()!.n;
}

export function hasPendingOutboxFor(db: Database.Database, requestId: string): boolean {
  return cachedStatement<[string], unknown>(db, sql.pendingForRequest).get(requestId) !== undefined;
}

export function setRequestSyncState(db: Database.Database, requestId: string, state: 'pending_sync' | 'synced' | 'refused', refusal: string | null): void {
  cachedStatement(db, sql.requestSync).run(state, refusal, requestId);
}
