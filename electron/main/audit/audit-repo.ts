import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';
import type { AuditEventRow } from './audit-event';

const COLUMNS = `seq, id, at, operator_id AS operatorId, action, target, before_json AS beforeJson,
  after_json AS afterJson, prev_hash AS prevHash, hash, version`;

const auditSql = {
  head: `SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1`,
  insert: `INSERT INTO audit_events (id, at, operator_id, action, target, before_json, after_json, prev_hash, hash, version)
    VALUES (@id, @at, @operatorId, @action, @target, @beforeJson, @afterJson, @prevHash, @hash, @version)`,
  all: `SELECT ${COLUMNS} FROM audit_events ORDER BY seq`,
  count: `SELECT count(*) AS count FROM audit_events`,
  hashAtPosition: `SELECT hash FROM audit_events ORDER BY seq LIMIT 1 OFFSET ?`,
} as const;

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export function findAuditHead(db: Database.Database): AuditHead | undefined {
  return cachedStatement<[], AuditHead>(db, auditSql.head).get();
}

export function insertAuditRow(db: Database.Database, row: Omit<AuditEventRow, 'seq'>): number {
  return Number(cachedStatement(db, auditSql.insert).run(row).lastInsertRowid);
}

/** Every event in chain order, one at a time, so verifying a long log holds one row in memory. */
export function iterateAuditEvents(db: Database.Database): IterableIterator<AuditEventRow> {
  return cachedStatement<[], AuditEventRow>(db, auditSql.all).iterate();
}

export function countAuditEvents(db: Database.Database): number {
  return cachedStatement<[], { count: number }>(db, auditSql.count).get()!.count;
}

/** The hash of the event at 1-based `position` in chain order, or undefined when the log is shorter. */
export function findAuditHashAtPosition(db: Database.Database, position: number): string | undefined {
  return cachedStatement<[number], { hash: string }>(db, auditSql.hashAtPosition).get(position - 1)?.hash;
}

export interface AuditFilter {
  readonly action?: string | undefined;
  readonly operatorUsername?: string | undefined;
  readonly targetPrefix?: string | undefined;
  /** Only events older than this seq (paging backwards from the newest). */
  readonly beforeSeq?: number | undefined;
  readonly limit: number;
}

export interface AuditListRow extends AuditEventRow {
  readonly operatorUsername: string | null;
}

/** Newest first. The filters are bound parameters; a missing one matches everything. */
export function listAuditEvents(db: Database.Database, filter: AuditFilter): AuditListRow[] {
  return cachedStatement<[Record<string, unknown>], AuditListRow>(
    db,
    `SELECT e.seq, e.id, e.at, e.operator_id AS operatorId, e.action, e.target, e.before_json AS beforeJson,
       e.after_json AS afterJson, e.prev_hash AS prevHash, e.hash, e.version, o.username AS operatorUsername
     FROM audit_events e LEFT JOIN operators o ON o.id = e.operator_id
     WHERE (@action IS NULL OR e.action = @action)
       AND (@operatorUsername IS NULL OR o.username = @operatorUsername)
       AND (@targetPrefix IS NULL OR substr(e.target, 1, length(@targetPrefix)) = @targetPrefix)
       AND (@beforeSeq IS NULL OR e.seq < @beforeSeq)
     ORDER BY e.seq DESC LIMIT @limit`,
  ).all({
    action: filter.action ?? null,
    operatorUsername: filter.operatorUsername ?? null,
    targetPrefix: filter.targetPrefix ?? null,
    beforeSeq: filter.beforeSeq ?? null,
    limit: filter.limit,
  });
}
