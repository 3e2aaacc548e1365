import type Database from 'better-sqlite3';
import type { EvidenceRefusal } from '@shared/domain/fault-report';
import { err, type Err, type ErrorCode } from '@shared/ipc/result';
import type { AuditJson } from '../audit/audit-event';
import { appendAudit } from '../audit/audit-log';

/** Thrown inside a use case's transaction to roll its writes back and record why instead. */
export class EvidenceRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: EvidenceRefusal,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(reason);
  }
}

export interface EvidenceContext {
  readonly operatorId: number;
  readonly now: Date;
  readonly operation: 'faultReportsRecord' | 'claimsRegister';
  readonly target: string;
  readonly attempt: AuditJson;
}

/** One IMMEDIATE transaction; a refusal rolls it back and leaves one audit event saying why. */
export function runEvidenceUseCase<T>(db: Database.Database, context: EvidenceContext, work: () => T): { ok: true; value: T } | Err {
  try {
    return { ok: true, value: db.transaction(work).immediate() };
  } catch (error) {
    if (!(error instanceof EvidenceRefused)) throw error;
    db.transaction(() => {
      appendAudit(db, {
        operatorId: context.operatorId,
        action: 'evidence.refused',
        target: context.target,
        before: null,
        after: { operation: context.operation, code: error.code, reason: error.reason, details: error.details, attempt: context.attempt },
        at: context.now,
      });
    }).immediate();
    return err(error.code, { details: { reason: error.reason, ...error.details } });
  }
}
