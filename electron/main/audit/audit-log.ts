import type Database from 'better-sqlite3';
import { GENESIS_HASH, type AuditEventInput, type AuditEventRow } from './audit-event';
import { auditEventHash, canonicalJson } from './audit-hash';
import { countAuditEvents, findAuditHead, insertAuditRow, iterateAuditEvents } from './audit-repo';
import { newTimeOrderedId } from './time-ordered-id';

const appendListeners = new WeakMap<Database.Database, () => void>();

/**
 * Calls `listener` after every appendAudit on `db` (still inside the caller's transaction:
 * the listener must only schedule work for after the commit). The audit anchor uses it so
 * that every use case that appends events also moves the anchor, without each one saying so.
 */
export function onAuditAppended(db: Database.Database, listener: (() => void) | null): void {
  if (listener) appendListeners.set(db, listener);
  else appendListeners.delete(db);
}

/**
 * Appends one event to the hash chain. Call it inside the transaction of the change it
 * records, so the change and its event commit or roll back together. The database refuses
 * an insert whose prev_hash is not the newest hash, and any update or delete.
 */
export function appendAudit(db: Database.Database, event: AuditEventInput): AuditEventRow {
  const head = findAuditHead(db);
  const fields = {
    id: newTimeOrderedId(event.at),
    at: event.at.toISOString(),
    operatorId: event.operatorId,
    action: event.action,
    target: event.target,
    beforeJson: event.before === null ? null : canonicalJson(event.before),
    afterJson: event.after === null ? null : canonicalJson(event.after),
    version: 1,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  const row = { ...fields, hash: auditEventHash(fields) };
  const seq = insertAuditRow(db, row);
  appendListeners.get(db)?.();
  return { seq, ...row };
}

export type AuditChainStatus =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' };

/**
 * Recomputes every hash from the stored fields and checks each link. Reports the first
 * event whose content no longer matches its hash, or whose prev_hash is not the hash of
 * the event before it (an event removed or inserted). One pass, one row in memory.
 */
export function verifyAuditChain(db: Database.Database): AuditChainStatus {
  return db
    .transaction((): AuditChainStatus => {
      let expectedPrev = GENESIS_HASH;
      let count = 0;
      for (const row of iterateAuditEvents(db)) {
        count += 1;
        if (row.prevHash !== expectedPrev) {
          return { ok: false, count: countAuditEvents(db), brokenAtSeq: row.seq, reason: 'prev_hash_mismatch' };
        }
        if (auditEventHash(row) !== row.hash) {
          return { ok: false, count: countAuditEvents(db), brokenAtSeq: row.seq, reason: 'hash_mismatch' };
        }
        expectedPrev = row.hash;
      }
      return { ok: true, count };
    })
    .deferred();
}
