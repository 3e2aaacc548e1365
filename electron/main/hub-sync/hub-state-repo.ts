import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

export interface HubDesktopRow {
  hubUrl: string;
  desktopId: string;
  name: string;
  sealedSecret: Buffer;
  sealedWith: 'safe_storage' | 'none';
  enrolledAt: string;
  lastSeq: number;
}

const sql = {
  read: `SELECT hub_url AS hubUrl, desktop_id AS desktopId, name, sealed_secret AS sealedSecret, sealed_with AS sealedWith,
      enrolled_at AS enrolledAt, last_seq AS lastSeq FROM hub_desktop WHERE id = 1`,
  forget: 'DELETE FROM hub_desktop',
  forgetCursors: 'DELETE FROM hub_cursors',
  forgetRefills: 'DELETE FROM hub_request_refills',
  insert: `INSERT INTO hub_desktop (id, hub_url, desktop_id, name, sealed_secret, sealed_with, enrolled_at)
    VALUES (1, @hubUrl, @desktopId, @name, @sealedSecret, @sealedWith, @enrolledAt)`,
  readCursor: 'SELECT change_cursor AS cursor FROM hub_cursors WHERE username = ?',
  cursor: `INSERT INTO hub_cursors (username, change_cursor) VALUES (?, ?)
    ON CONFLICT (username) DO UPDATE SET change_cursor = excluded.change_cursor`,
  nextSeq: 'UPDATE hub_desktop SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq AS seq, desktop_id AS desktopId',
  addRefill: 'INSERT OR IGNORE INTO hub_request_refills (username, request_id) VALUES (?, ?)',
  refills: 'SELECT request_id FROM hub_request_refills WHERE username = ? ORDER BY request_id LIMIT ?',
  dropRefill: 'DELETE FROM hub_request_refills WHERE username = ? AND request_id = ?',
  seqFloor: 'UPDATE hub_desktop SET last_seq = max(last_seq, ?) WHERE id = 1',
} as const;

export function readHubDesktop(db: Database.Database): HubDesktopRow | undefined {
  return cachedStatement<[], HubDesktopRow>(db, sql.read).get();
}

/** A new enrolment replaces the old one: a new desktop id counts its seqs from 1 again. */
export function saveHubDesktop(db: Database.Database, row: Omit<HubDesktopRow, 'lastSeq'>): void {
  cachedStatement(db, sql.forget).run();
  cachedStatement(db, sql.forgetCursors).run();
  cachedStatement(db, sql.forgetRefills).run();
  cachedStatement(db, sql.insert).run(row);
}

/** How far `username`'s view of the change log was pulled on this desktop (0: never). */
export function readChangeCursor(db: Database.Database, username: string): number {
  return cachedStatement<[string], { cursor: number }>(db, sql.readCursor).get(username)?.cursor ?? 0;
}

export function setChangeCursor(db: Database.Database, username: string, cursor: number): void {
  cachedStatement(db, sql.cursor).run(username, cursor);
}

/** The next operation seq of this desktop, taken in the caller's transaction; never given out twice. */
export function takeNextSeq(db: Database.Database): { seq: number; desktopId: string } | undefined {
  return cachedStatement<[], { seq: number; desktopId: string }>(db, sql.nextSeq).get();
}

/** After a restored backup the hub may have applied seqs this file never saw: continue above them. */
export function raiseSeqFloor(db: Database.Database, lastAppliedSeq: number): void {
  cachedStatement(db, sql.seqFloor).run(lastAppliedSeq);
}

/** `username`'s view included `requestId`, which left the cache: ask the hub for it at their next pull. */
export function addRequestRefill(db: Database.Database, username: string, requestId: string): void {
  cachedStatement(db, sql.addRefill).run(username, requestId);
}

/** Up to `limit` of the requests to ask the hub for on `username`'s behalf, in id order. */
export function pendingRequestRefills(db: Database.Database, username: string, limit: number): string[] {
  return cachedStatement<[string, number], { request_id: string }>(db, sql.refills)
    .all(username, limit)
    .map((row) => row.request_id);
}

export function dropRequestRefills(db: Database.Database, username: string, requestIds: readonly string[]): void {
  const drop = cachedStatement(db, sql.dropRefill);
  for (const id of requestIds) drop.run(username, id);
}
