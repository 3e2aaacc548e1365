import type Database from 'better-sqlite3';
import type { CreditClaimChange, FaultReportChange } from '@shared/hub/evidence-operations';
import { cachedStatement } from '../db/statement-cache';
import { findClaim, insertClaim, linkClaimCredit } from '../evidence/claim-repo';
import { findFaultReport, findFaultReportByClientRequest, insertFaultReport } from '../evidence/fault-report-repo';
import { hasOutage, localAccountId, localOperatorId } from './cache-repo';

/**
 * The hub's fault reports and claims (issue 13) in the desktop's cache: evidence for this
 * desktop's decisions and the supervisors' register, whoever recorded them. A report or claim
 * is never changed, so one already here (this desktop's own, under the same id) is left as it
 * is; only the claim's credit link is filled in once the credit is here.
 */

const sql = {
  lineExists: 'SELECT 1 FROM lines WHERE id = ? AND account_id = ?',
  creditExists: 'SELECT 1 FROM credits WHERE id = ?',
  creditIdByKey: 'SELECT id FROM credits WHERE idempotency_key = ?',
  received: 'INSERT OR IGNORE INTO hub_evidence_received (id, kind, received_at) VALUES (?, ?, ?)',
} as const;

/** The local row is the hub's (desktop migration 022): the screens say "synced" for it. */
function markReceived(db: Database.Database, id: string, kind: 'fault_report' | 'credit_claim', now: string): void {
  cachedStatement(db, sql.received).run(id, kind, now);
}

export function applyFaultReport(db: Database.Database, report: FaultReportChange, now: string): boolean {
  if (findFaultReport(db, report.id)) {
    markReceived(db, report.id, 'fault_report', now);
    return true;
  }
  const accountId = localAccountId(db, report.accountNumber);
  if (accountId === undefined || !hasOutage(db, report.outageId)) return false;
  if (report.lineId !== null && cachedStatement<[number, number], unknown>(db, sql.lineExists).get(report.lineId, accountId) === undefined) return false;
  const recordedBy = localOperatorId(db, report.recordedBy, 'agent', now);
  // The same draft recorded here under another id cannot be: the hub keeps the desktop's id.
  const sameDraft = findFaultReportByClientRequest(db, recordedBy, report.clientRequestId);
  if (sameDraft) {
    markReceived(db, sameDraft.id, 'fault_report', now);
    return true;
  }
  insertFaultReport(db, {
    id: report.id,
    accountId,
    lineId: report.lineId,
    outageId: report.outageId,
    fromAt: report.fromAt,
    toAt: report.toAt,
    failed: report.failed,
    note: report.note,
    interactionRef: report.interactionRef,
    reportedAt: report.reportedAt,
    recordedBy,
    clientRequestId: report.clientRequestId,
  });
  markReceived(db, report.id, 'fault_report', now);
  return true;
}

function hasCredit(db: Database.Database, id: string): boolean {
  return cachedStatement<[string], unknown>(db, sql.creditExists).get(id) !== undefined;
}

export function applyClaim(db: Database.Database, claim: CreditClaimChange, now: string): boolean {
  const accountId = localAccountId(db, claim.accountNumber);
  if (accountId === undefined || !hasOutage(db, claim.outageId)) return false;
  const local = findClaim(db, accountId, claim.outageId, claim.policyCode);
  if (!local) {
    insertClaim(db, {
      id: claim.id,
      accountId,
      outageId: claim.outageId,
      policyCode: claim.policyCode,
      claimedAt: claim.claimedAt,
      interactionRef: claim.interactionRef,
      recordedBy: localOperatorId(db, claim.recordedBy, 'agent', now),
    });
  }
  // The case's claim at the hub: this desktop's row of the same case (whoever recorded it) is the hub's.
  markReceived(db, local?.id ?? claim.id, 'credit_claim', now);
  // The hub's credit comes before its claim in the log; the link is set once.
  if (claim.creditId !== null && hasCredit(db, claim.creditId)) linkClaimCredit(db, local?.id ?? claim.id, claim.creditId);
  return true;
}

/** The local credit holding `key` under another id, if any (the same credit, written here first). */
export function localCreditWithKey(db: Database.Database, key: string, id: string): string | undefined {
  const found = cachedStatement<[string], { id: string }>(db, sql.creditIdByKey).get(key)?.id;
  return found !== undefined && found !== id ? found : undefined;
}

/**
 * The local policy a hub credit is under: the hub's id where this cache took the hub's ids
 * over (the same code there), else the newest local version of the code; undefined: none.
 */
export function localPolicyOf(db: Database.Database, policyId: number | undefined, policyCode: string | undefined): number | undefined {
  if (policyCode === undefined) return undefined;
  if (policyId !== undefined && cachedStatement<[number, string], unknown>(db, 'SELECT 1 FROM credit_policies WHERE id = ? AND code = ?').get(policyId, policyCode) !== undefined) return policyId;
  return cachedStatement<[string], { id: number }>(db, 'SELECT id FROM credit_policies WHERE code = ? ORDER BY version DESC LIMIT 1').get(policyCode)?.id;
}
