import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

export interface SnapshotRecord {
  state: 'loading' | 'done';
  head: number;
  takenAt: string;
  startedAt: string;
  finishedAt: string | null;
}

const sql = {
  read: 'SELECT state, head, taken_at AS takenAt, started_at AS startedAt, finished_at AS finishedAt FROM hub_snapshot WHERE id = 1',
  start: `INSERT INTO hub_snapshot (id, state, head, taken_at, started_at, finished_at, rows_json) VALUES (1, 'loading', ?, ?, ?, NULL, ?)
    ON CONFLICT (id) DO UPDATE SET state = 'loading', head = excluded.head, taken_at = excluded.taken_at,
      started_at = excluded.started_at, finished_at = NULL, rows_json = excluded.rows_json`,
  finish: "UPDATE hub_snapshot SET state = 'done', finished_at = ? WHERE id = 1 AND state = 'loading'",
  carrierRows: `SELECT EXISTS (SELECT 1 FROM accounts) OR EXISTS (SELECT 1 FROM lines) OR EXISTS (SELECT 1 FROM outages)
    OR EXISTS (SELECT 1 FROM impacts) OR EXISTS (SELECT 1 FROM credits) AS found`,
} as const;

export function readSnapshot(db: Database.Database): SnapshotRecord | undefined {
  return cachedStatement<[], SnapshotRecord>(db, sql.read).get();
}

/** The head of the snapshot this cache holds in full, or null (none, or still loading). */
export function loadedSnapshotHead(db: Database.Database): number | null {
  const record = readSnapshot(db);
  return record?.state === 'done' ? record.head : null;
}

export function startSnapshot(db: Database.Database, head: number, takenAt: string, startedAt: string, rows: Record<string, number>): void {
  cachedStatement(db, sql.start).run(head, takenAt, startedAt, JSON.stringify(rows));
}

export function finishSnapshot(db: Database.Database, finishedAt: string): void {
  cachedStatement(db, sql.finish).run(finishedAt);
}

/**
 * Whether this cache should load the hub's snapshot: it never finished one, and it holds no
 * carrier data of its own (a standalone desktop that joined keeps what it had: see docs/HUB.md).
 */
export function needsSnapshot(db: Database.Database): boolean {
  const record = readSnapshot(db);
  if (record) return record.state === 'loading';
  return cachedStatement<[], { found: number }>(db, sql.carrierRows).get()!.found === 0;
}
