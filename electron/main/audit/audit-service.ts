import type Database from 'better-sqlite3';
import type { AuditEventView, AuditListInput, AuditPage } from '@shared/ipc/audit-channels';
import { listAuditEvents, listAuditOperators, type AuditListRow } from './audit-repo';

const DEFAULT_PAGE = 50;

function parsed(json: string | null): AuditEventView['before'] {
  return json === null ? null : (JSON.parse(json) as AuditEventView['before']);
}

function toView(row: AuditListRow): AuditEventView {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    operator:
      row.operatorId !== null && row.operatorUsername !== null
        ? { id: row.operatorId, username: row.operatorUsername, displayName: row.operatorDisplayName ?? row.operatorUsername }
        : null,
    action: row.action,
    target: row.target,
    accountNumber: row.accountNumber,
    before: parsed(row.beforeJson),
    after: parsed(row.afterJson),
    hash: row.hash,
  };
}

/** One page of the log, newest first, with where the next page starts and the operators to filter by. */
export function listAudit(db: Database.Database, input: AuditListInput): AuditPage {
  const limit = input.limit ?? DEFAULT_PAGE;
  // One row more than the page tells whether an older page exists, without counting.
  const rows = listAuditEvents(db, { ...input, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toView),
    next: rows.length > limit && last ? { at: last.at, seq: last.seq } : null,
    operators: listAuditOperators(db).map((o) => ({ ...o })),
  };
}
