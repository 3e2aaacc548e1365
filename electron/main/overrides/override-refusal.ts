import type Database from 'better-sqlite3';
import type { OverrideRefusal } from '@shared/domain/override';
import type { OverrideRuleRefusal } from '@shared/domain/override-rules';
import { err, type Err, type ErrorCode } from '@shared/ipc/result';
import type { AuditJson } from '../audit/audit-event';
import { appendAudit } from '../audit/audit-log';

/** Thrown inside a use case's transaction to roll its writes back and record why instead. */
export class OverrideRefused extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: OverrideRefusal,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(reason);
  }

  static from(refusal: OverrideRuleRefusal): OverrideRefused {
    return new OverrideRefused(refusal.code, refusal.reason, refusal.details);
  }
}

export interface RefusalContext {
  readonly operatorId: number | null;
  readonly now: Date;
  /** The channel or use case that was refused, e.g. `overridesDecide`. */
  readonly operation: string;
  /** What it was aimed at, e.g. `override_request:01J...`. */
  readonly target: string;
  readonly attempt: AuditJson;
}

/** Records a refused attempt as its own audit event (nothing else changes) and words the error. */
export function recordRefusal(db: Database.Database, context: RefusalContext, refusal: OverrideRefused): Err {
  db.transaction(() => {
    appendAudit(db, {
      operatorId: context.operatorId,
      action: 'override.refused',
      target: context.target,
      before: null,
      after: { operation: context.operation, code: refusal.code, reason: refusal.reason, details: refusal.details, attempt: context.attempt },
      at: context.now,
    });
  }).immediate();
  return err(refusal.code, { details: { reason: refusal.reason, ...refusal.details } });
}

/**
 * Runs one write use case as one IMMEDIATE transaction. A refusal thrown inside rolls every
 * write back and is then recorded on its own, so a refused attempt leaves exactly one trace.
 */
export function runOverrideUseCase<T>(
  db: Database.Database,
  context: RefusalContext,
  work: () => T,
): { ok: true; value: T } | Err {
  try {
    return { ok: true, value: db.transaction(work).immediate() };
  } catch (error) {
    if (error instanceof OverrideRefused) return recordRefusal(db, context, error);
    throw error;
  }
}
