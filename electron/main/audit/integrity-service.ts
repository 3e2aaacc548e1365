import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import type { IntegrityStatus } from '@shared/ipc/audit-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { AuditAnchor } from './audit-anchor';
import { appendAudit, verifyAuditChain } from './audit-log';

export function integrityStatus(anchor: AuditAnchor, hubConfigured: boolean): IntegrityStatus {
  return { alarm: anchor.alarm(), anchor: anchor.strength, hubConfigured };
}

/**
 * An admin's acknowledgement of the integrity alarm: recorded in the chain with the alarm it
 * clears and the admin's note, then the anchor moves to the chain as it now stands. Without
 * an alarm there is nothing to acknowledge.
 */
export function acknowledgeIntegrityAlarm(
  db: Database.Database,
  anchor: AuditAnchor,
  actor: Actor,
  note: string,
  now: Date,
): Result<null> {
  const alarm = anchor.alarm();
  if (!alarm) return err('CONFLICT', { details: { reason: 'no_integrity_alarm' } });
  db.transaction(() => {
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'audit.integrity_acknowledged',
      target: 'audit:anchor',
      before: { ...alarm },
      after: { note, anchor: anchor.strength },
      at: now,
    });
  }).immediate();
  anchor.reanchor(verifyAuditChain(db));
  return ok(null);
}
