import type Database from 'better-sqlite3';
import { ClaimRegisterPayload } from '@shared/hub/evidence-operations';
import { cachedStatement } from '../db/statement-cache';
import { markClaimRefused } from '../evidence/claim-repo';
import { deleteProvisionalCredit } from './cache-repo';
import { hasPendingOutboxFor, type OutboxRow } from './outbox-repo';

const sql = {
  unlinkClaimCredit: 'UPDATE credit_claims SET credit_id = NULL WHERE credit_id = ?',
  creditKeys: 'SELECT id, idempotency_key AS idempotencyKey FROM credits WHERE id = ?',
} as const;

/**
 * The hub refused a report or a claim this desktop recorded: the credits this desktop wrote
 * because of a claim are dropped (unless billing has them already); the report and the claim
 * stay as the customer's word, and the outbox row shows the refusal and its reason. Neither
 * counts as evidence any more (countsAsEvidence; the claim is marked refused).
 */
export function undoRefusedEvidence(db: Database.Database, row: OutboxRow, now: string): void {
  if (row.op !== 'claim.register') return;
  const payload = ClaimRegisterPayload.parse(JSON.parse(row.payloadJson));
  // The claim no longer stands: not evidence here, and the case can be registered again.
  markClaimRefused(db, payload.claimId, now);
  for (const credit of payload.credits) {
    cachedStatement(db, sql.unlinkClaimCredit).run(credit.id);
    if (!deleteProvisionalCredit(db, credit.id)) cachedStatement(db, 'UPDATE credit_claims SET credit_id = ? WHERE id = ? AND credit_id IS NULL').run(credit.id, payload.claimId);
  }
}

/** The ids and keys of credits a claim just wrote here: the hub writes the same keys under the same ids. */
export function creditKeysOf(db: Database.Database, ids: readonly string[]): { id: string; idempotencyKey: string }[] {
  return ids.map((id) => cachedStatement<[string], { id: string; idempotencyKey: string }>(db, sql.creditKeys).get(id)!);
}

/** Whether the report or claim still waits in the outbox for the hub. */
export function isPendingSync(db: Database.Database, id: string): boolean {
  return hasPendingOutboxFor(db, id);
}
