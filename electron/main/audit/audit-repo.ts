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
  readonly operatorId?: number | undefined;
  readonly action?: string | undefined;
  readonly accountNumber?: string | undefined;
  /** UTC instants: from inclusive, to exclusive. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** Only events after this one in the log's reading order (newest first by time, then seq). */
  readonly after?: { readonly at: string; readonly seq: number } | undefined;
  readonly limit: number;
}

export interface AuditListRow extends AuditEventRow {
  readonly operatorUsername: string | null;
  readonly operatorDisplayName: string | null;
  readonly accountNumber: string | null;
}

/**
 * The WHERE clause for a filter, from fixed fragments with bound parameters. Each filter is an
 * equality on the leading column of an index in time order (audit_events_operator_at,
 * audit_events_action_at, audit_event_accounts_account) and the date range and the cursor are a
 * range on its `at`, so a page is one index range scan read backwards: no OFFSET, no sort.
 * `t` is the table whose `at` and `seq` drive: the account index when filtering by account.
 */
function auditWhere(filter: AuditFilter, t: string): string {
  const terms: string[] = [];
  if (filter.accountNumber !== undefined) terms.push('x.account_number = @accountNumber');
  if (filter.operatorId !== undefined) terms.push('e.operator_id = @operatorId');
  if (filter.action !== undefined) terms.push('e.action = @action');
  if (filter.from !== undefined) terms.push(`${t}.at >= @from`);
  if (filter.to !== undefined) terms.push(`${t}.at < @to`);
  if (filter.after !== undefined) terms.push(`${t}.at <= @afterAt AND (${t}.at < @afterAt OR ${t}.seq < @afterSeq)`);
  return terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '';
}

export function auditListSql(filter: AuditFilter): string {
  const byAccount = filter.accountNumber !== undefined;
  const t = byAccount ? 'x' : 'e';
  const from = byAccount
    ? 'audit_event_accounts x JOIN audit_events e ON e.seq = x.seq'
    : 'audit_events e LEFT JOIN audit_event_accounts x ON x.seq = e.seq';
  return `SELECT e.seq, e.id, e.at, e.operator_id AS operatorId, e.action, e.target, e.before_json AS beforeJson,
       e.after_json AS afterJson, e.prev_hash AS prevHash, e.hash, e.version,
       o.username AS operatorUsername, o.display_name AS operatorDisplayName, x.account_number AS accountNumber
     FROM ${from} LEFT JOIN operators o ON o.id = e.operator_id
     ${auditWhere(filter, t)}
     ORDER BY ${t}.at DESC, ${t}.seq DESC LIMIT @limit`;
}

/** One page of the log, newest first, keyset-paged by (at, seq). */
export function listAuditEvents(db: Database.Database, filter: AuditFilter): AuditListRow[] {
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.accountNumber !== undefined) params.accountNumber = filter.accountNumber;
  if (filter.operatorId !== undefined) params.operatorId = filter.operatorId;
  if (filter.action !== undefined) params.action = filter.action;
  if (filter.from !== undefined) params.from = filter.from;
  if (filter.to !== undefined) params.to = filter.to;
  if (filter.after !== undefined) {
    params.afterAt = filter.after.at;
    params.afterSeq = filter.after.seq;
  }
  return cachedStatement<[Record<string, unknown>], AuditListRow>(db, auditListSql(filter)).all(params);
}

export interface AuditOperatorRow {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
}

export function listAuditOperators(db: Database.Database): AuditOperatorRow[] {
  return cachedStatement<[], AuditOperatorRow>(
    db,
    'SELECT id, username, display_name AS displayName FROM operators ORDER BY display_name, id',
  ).all();
}
