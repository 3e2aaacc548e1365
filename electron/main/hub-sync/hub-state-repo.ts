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
  insert: `INSERT INTO hub_desktop (id, hub_url, desktop_id, name, sealed_secret, sealed_with, enrolled_at)
    VALUES (1, @hubUrl, @desktopId, @name, @sealedSecret, @sealedWith, @enrolledAt)`,
  readCursor: 'SELECT change_cursor AS cursor FROM hub_cursors WHERE username = ?',
  cursor: `INSERT INTO hub_cursors (username, change_cursor) VALUES (?, ?)
    ON CONFLICT (username) DO UPDATE SET change_cursor = excluded.change_cursor`,
  nextSeq: 'UPDATE hub_desktop SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq AS seq, desktop_id AS desktopId',
  dropCursor: 'DELETE FROM hub_cursors WHERE username = ?',
  seqFloor: 'UPDATE hub_desktop SET last_seq = max(last_seq, ?) WHERE id = 1',
} as const;

export function readHubDesktop(db: Database.Database): HubDesktopRow | undefined {
  return cachedStatement<[], HubDesktopRow>(db, sql.read).get();
}

/** A new enrolment replaces the old one: a new desktop id counts its seqs from 1 again. */
export function saveHubDesktop(db: Database.Database, row: Omit<HubDesktopRow, 'lastSeq'>): void {
  cachedStatement(db, sql.forget).run();
  cachedStatement(db, sql.forgetCursors).run();
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

/** `username` pulls from the start of the log next time (their view of the cache was cut). */
export function resetChangeCursor(db: Database.Database, username: string): void {
  cachedStatement(db, sql.dropCursor).run(username);
}
