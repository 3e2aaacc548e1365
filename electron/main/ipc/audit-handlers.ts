import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import { verifyAuditChain } from '../audit/audit-log';
import { listAudit } from '../audit/audit-service';
import type { Handlers } from './handlers';

export type AuditHandlers = Pick<Handlers, 'auditList' | 'auditVerify'>;

export function createAuditHandlers(db: Database.Database): AuditHandlers {
  return {
    auditList: (input) => ok(listAudit(db, input)),
    auditVerify: () => ok(verifyAuditChain(db)),
  };
}
