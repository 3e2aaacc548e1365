import type Database from 'better-sqlite3';
import type { Actor } from '@shared/domain/operator';
import { claimedSubjects } from '@shared/policy/claimed-subjects';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { insertCreditUnlessKeyExists, type NewCreditRow } from '../credits/credit-repo';
import { getAccountDecisions } from '../decisions/decision-service';
import { findClaim, linkClaimCredit, listAccountsWithWaitingClaims } from '../evidence/claim-repo';
import { listPoliciesOfOutage } from '../policies/policy-repo';

/**
 * On request, the credit follows the claim: for each on-request policy of the outage that the
 * customer claimed and that is now eligible (claim in the window, and whatever else the
 * policy asks, e.g. a fault report under the TKG), the credit is written under the policy's
 * own idempotency key, so it is written once whatever is recorded next. Call it inside the
 * use case's transaction. `actor` null: the system, after a policy run. Returns the credits written.
 */
export function writeClaimedCredits(db: Database.Database, actor: Actor | null, now: Date, accountNumber: string, outageId: number): string[] {
  const asOf = now.toISOString();
  const view = getAccountDecisions(db, accountNumber, asOf);
  if (!view) return [];
  const policies = listPoliciesOfOutage(db, outageId);
  const written: string[] = [];
  for (const { outage, decision } of view.decisions) {
    if (outage.id !== outageId || !decision || decision.delivery.mode !== 'on_request' || decision.status !== 'eligible') continue;
    const claim = findClaim(db, decision.accountId, outageId, decision.policyCode);
    const policy = policies.find((p) => p.code === decision.policyCode && p.version === decision.policyVersion);
    if (!claim || !policy || !decision.predictedPosting) continue;
    for (const subject of claimedSubjects(decision)) {
      const id = newTimeOrderedId(now);
      const row: NewCreditRow = [
        id,
        decision.accountId,
        subject.lineId,
        outageId,
        policy.id,
        subject.amountMinor,
        decision.currency,
        'automatic',
        'scheduled',
        asOf.slice(0, 10),
        decision.predictedPosting.earliest,
        subject.key,
        asOf,
        null,
        null,
      ];
      if (!insertCreditUnlessKeyExists(db, row)) continue;
      linkClaimCredit(db, claim.id, id);
      appendAudit(db, {
        operatorId: actor?.operatorId ?? null,
        action: 'credit.created',
        target: `credit:${id}`,
        before: null,
        after: {
          accountId: decision.accountId,
          lineId: subject.lineId,
          outageId,
          policyCode: decision.policyCode,
          policyVersion: decision.policyVersion,
          amountMinor: subject.amountMinor,
          currency: decision.currency,
          source: 'automatic',
          status: 'scheduled',
          billDate: decision.predictedPosting.earliest,
          idempotencyKey: subject.key,
          claimId: claim.id,
        },
        at: now,
      });
      written.push(id);
    }
  }
  return written;
}

/**
 * After a policy run of the outage: the claims whose case was not complete when they were
 * registered (the outage still going, a fault report missing) get their credit now if the
 * policy pays it. One transaction; returns the credits written.
 */
export function settleWaitingClaims(db: Database.Database, now: Date, outageId: number): number {
  return db
    .transaction(() => {
      let written = 0;
      for (const accountNumber of listAccountsWithWaitingClaims(db, outageId)) written += writeClaimedCredits(db, null, now, accountNumber, outageId).length;
      return written;
    })
    .immediate();
}
