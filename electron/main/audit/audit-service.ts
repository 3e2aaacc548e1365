import type Database from 'better-sqlite3';
import type { AuditEventView } from '@shared/ipc/audit-channels';
import { listAuditEvents } from './audit-repo';

export interface AuditListInput {
  action?: string | undefined;
  operator?: string | undefined;
  target?: string | undefined;
  beforeSeq?: number | undefined;
  limit?: number | undefined;
}

export function listAudit(db: Database.Database, input: AuditListInput): AuditEventView[] {
  return listAuditEvents(db, {
    action: input.action,
    operatorUsername: input.operator,
    targetPrefix: input.target,
    beforeSeq: input.beforeSeq,
    limit: input.limit ?? 100,
  }).map((row) => ({
    seq: row.seq,
    id: row.id,
    at: row.at,
    operator: row.operatorUsername,
    action: row.action,
    target: row.target,
    before: row.beforeJson,
    after: row.afterJson,
    hash: row.hash,
  }));
}
