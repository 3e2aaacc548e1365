import type Database from 'better-sqlite3';
import { ok } from '@shared/ipc/result';
import type { AuditAnchor } from '../audit/audit-anchor';
import { verifyAuditChain } from '../audit/audit-log';
import { listAudit } from '../audit/audit-service';
import { acknowledgeIntegrityAlarm, integrityStatus } from '../audit/integrity-service';
import type { Handlers } from './handlers';

export type AuditHandlers = Pick<Handlers, 'auditList' | 'auditVerify'>;
export type IntegrityHandlers = Pick<Handlers, 'auditIntegrity' | 'auditIntegrityAcknowledge'>;

export interface IntegrityDeps {
  readonly anchor: AuditAnchor;
  readonly hubConfigured: boolean;
}

export function createAuditHandlers(db: Database.Database): AuditHandlers {
  return {
    auditList: (input) => ok(listAudit(db, input)),
    auditVerify: () => ok(verifyAuditChain(db)),
  };
}

/** The integrity alarm: its state for the banner, and an admin's acknowledgement. */
export function createIntegrityHandlers(db: Database.Database, integrity: IntegrityDeps): IntegrityHandlers {
  const status = () => integrityStatus(integrity.anchor, integrity.hubConfigured);
  return {
    auditIntegrity: () => ok(status()),
    auditIntegrityAcknowledge: (input, ctx) => {
      const done = acknowledgeIntegrityAlarm(db, integrity.anchor, ctx.actor!, input.note, ctx.now);
      return done.ok ? ok(status()) : done;
    },
  };
}
