import type Database from 'better-sqlite3';
import { countsAsEvidence, type CreditClaim, type CreditClaimView, type EvidenceSyncState, type LocalCreditClaimView } from '@shared/domain/fault-report';
import { cachedStatement } from '../db/statement-cache';

/** The one owner of `credit_claims`: one claim per account, outage and policy, never changed. */

export interface ClaimRow {
  id: string;
  accountId: number;
  outageId: number;
  policyCode: string;
  claimedAt: string;
  interactionRef: string;
  recordedById: number;
  recordedBy: string;
  creditId: string | null;
  /** When the hub refused the claim (desktop migration 028); a refused claim no longer stands. */
  refusedAt: string | null;
  /** Where this desktop's `claim.register` stands (null: none sent from here). */
  syncState: EvidenceSyncState | null;
  syncRefusal: string | null;
}

export type NewClaimRow = Omit<ClaimRow, 'recordedBy' | 'creditId' | 'recordedById' | 'refusedAt' | 'syncState' | 'syncRefusal'> & { recordedBy: number };

const SELECT = `SELECT c.id, c.account_id AS accountId, c.outage_id AS outageId, c.policy_code AS policyCode,
    c.claimed_at AS claimedAt, c.interaction_ref AS interactionRef, c.recorded_by AS recordedById,
    o.username AS recordedBy, c.credit_id AS creditId, c.refused_at AS refusedAt,
    CASE ob.state WHEN 'pending' THEN 'pending_sync' WHEN 'accepted' THEN 'synced' WHEN 'refused' THEN 'refused' ELSE CASE WHEN hr.id IS NOT NULL THEN 'synced' END END AS syncState,
    ob.refusal_reason AS syncRefusal
  FROM credit_claims c JOIN operators o ON o.id = c.recorded_by
  LEFT JOIN hub_outbox ob ON ob.seq = (SELECT max(x.seq) FROM hub_outbox x WHERE x.request_id = c.id AND x.op = 'claim.register') LEFT JOIN hub_evidence_received hr ON hr.id = c.id`;

const sql = {
  insert: `INSERT INTO credit_claims (id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by)
    VALUES (@id, @accountId, @outageId, @policyCode, @claimedAt, @interactionRef, @recordedBy)`,
  /** The claim that stands for the case (credit_claims_standing: at most one). */
  find: `${SELECT} WHERE c.account_id = ? AND c.outage_id = ? AND c.policy_code = ? AND c.refused_at IS NULL`,
  ofAccount: `${SELECT} WHERE c.account_id = ? ORDER BY c.claimed_at, c.id`,
  linkCredit: `UPDATE credit_claims SET credit_id = ? WHERE id = ? AND credit_id IS NULL`,
  markRefused: `UPDATE credit_claims SET refused_at = ? WHERE id = ? AND refused_at IS NULL`,
  waitingOfOutage: `SELECT DISTINCT a.account_number AS accountNumber FROM credit_claims c JOIN accounts a ON a.id = c.account_id
    WHERE c.outage_id = ? AND c.credit_id IS NULL AND c.refused_at IS NULL ORDER BY a.account_number`,
} as const;

export function insertClaim(db: Database.Database, row: NewClaimRow): void {
  cachedStatement(db, sql.insert).run(row);
}

export function findClaim(db: Database.Database, accountId: number, outageId: number, policyCode: string): ClaimRow | undefined {
  return cachedStatement<[number, number, string], ClaimRow>(db, sql.find).get(accountId, outageId, policyCode);
}

export function listClaimsOfAccount(db: Database.Database, accountId: number): ClaimRow[] {
  return cachedStatement<[number], ClaimRow>(db, sql.ofAccount).all(accountId);
}

/** The hub refused the claim: it no longer stands (kept on record, never evidence). */
export function markClaimRefused(db: Database.Database, claimId: string, at: string): void {
  cachedStatement(db, sql.markRefused).run(at, claimId);
}

/** The credit that followed the claim (written once). */
export function linkClaimCredit(db: Database.Database, claimId: string, creditId: string): void {
  cachedStatement(db, sql.linkCredit).run(creditId, claimId);
}

/** The claims that are evidence for this account's decisions: a refused one is not (countsAsEvidence). */
export function standingClaims(rows: readonly ClaimRow[]): CreditClaim[] {
  return rows.filter((row) => row.refusedAt === null && countsAsEvidence(row)).map(toDomainClaim);
}

export function toDomainClaim(row: ClaimRow): CreditClaim {
  return { id: row.id, accountId: row.accountId, outageId: row.outageId, policyCode: row.policyCode, claimedAt: row.claimedAt };
}

export function toClaimView(row: ClaimRow): CreditClaimView {
  return { ...toDomainClaim(row), interactionRef: row.interactionRef, recordedBy: row.recordedBy, creditId: row.creditId };
}

/** The view plus, on a desktop that sent it to a hub, where it stands there (screens only). */
export function toLocalClaimView(row: ClaimRow): LocalCreditClaimView {
  const view = toClaimView(row);
  return row.syncState === null ? view : { ...view, syncState: row.syncState, syncRefusal: row.syncRefusal };
}

/** The accounts with a claim of the outage that no credit followed yet (few: customers who called). */
export function listAccountsWithWaitingClaims(db: Database.Database, outageId: number): string[] {
  return cachedStatement<[number], { accountNumber: string }>(db, sql.waitingOfOutage).all(outageId).map((r) => r.accountNumber);
}
