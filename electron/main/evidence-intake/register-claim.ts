import type Database from 'better-sqlite3';
import type { ClaimInput } from '@shared/domain/fault-report';
import type { Actor } from '@shared/domain/operator';
import { evaluateEligibility } from '@shared/policy/evaluate';
import type { RegisteredClaim } from '@shared/ipc/evidence-channels';
import type { Result } from '@shared/ipc/result';
import { findAccountByNumber, listLinesOfAccount } from '../accounts/account-repo';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { listCreditsOfAccount, toDomainCredit } from '../credits/credit-repo';
import { findClaim, insertClaim, listClaimsOfAccount, standingClaims, toClaimView } from '../evidence/claim-repo';
import { evidenceReports, listFaultReportsOfAccount } from '../evidence/fault-report-repo';
import { findOutage, listImpactsOfAccount, toDomainImpact } from '../outages/outage-repo';
import { listPoliciesOfOutage } from '../policies/policy-repo';
import { toStoredPolicy } from '../policies/stored-policy';
import { creditKeysOf } from '../hub-sync/evidence-outbox';
import type { OverrideOutbox } from '../overrides/override-outbox';
import { writeClaimedCredits } from './claimed-credits';
import { EvidenceRefused, runEvidenceUseCase } from './evidence-refusal';

/**
 * The agent registers the customer's claim of an on-request credit on the call. The policy
 * decides with the claim in: a claim after the window closed is refused (`claim_window_closed`),
 * as is one for an account the policy does not pay whatever is claimed (`claim_not_eligible`).
 * Otherwise the claim is recorded, and the credit follows at once when the case is complete;
 * when it still needs something (a fault report under the TKG), the credit follows that.
 * Registering the same claim again answers with the one recorded.
 *
 * `outbox` (a desktop that syncs with a hub): `claim.register` is filed in the same
 * transaction, with the credits written here (id and key), so the hub writes the same credit
 * under the same key and id and every desktop gets the claim and the credit from the hub.
 */
export function registerClaim(db: Database.Database, actor: Actor, now: Date, input: ClaimInput, outbox?: OverrideOutbox): Result<RegisteredClaim> {
  const context = {
    operatorId: actor.operatorId,
    now,
    operation: 'claimsRegister' as const,
    target: `account:${input.accountNumber}|outage:${input.outageId}`,
    attempt: { policyCode: input.policyCode, interactionRef: input.interactionRef },
  };
  return runEvidenceUseCase(db, context, () => {
    const account = findAccountByNumber(db, input.accountNumber);
    const outage = findOutage(db, input.outageId);
    if (!account || !outage) throw new EvidenceRefused('NOT_FOUND', 'not_found', { what: account ? 'outage' : 'account' });
    const row = listPoliciesOfOutage(db, outage.id).find((p) => p.code === input.policyCode);
    if (!row) throw new EvidenceRefused('NOT_FOUND', 'not_found', { what: 'policy' });
    const { policy } = toStoredPolicy(row);
    if (policy.delivery.mode !== 'on_request') throw new EvidenceRefused('CONFLICT', 'not_on_request');

    const earlier = findClaim(db, account.id, outage.id, policy.code);
    if (earlier) return { claim: toClaimView(earlier), creditIds: [] };

    const asOf = now.toISOString();
    const id = newTimeOrderedId(now);
    const claim = { id, accountId: account.id, outageId: outage.id, policyCode: policy.code, claimedAt: asOf };
    const decision = evaluateEligibility({
      account,
      lines: listLinesOfAccount(db, account.id),
      outage,
      impacts: listImpactsOfAccount(db, account.id)
        .map((i) => toDomainImpact(i, asOf))
        .filter((i) => i.outageId === outage.id),
      policy,
      existingCredits: listCreditsOfAccount(db, account.id).map(toDomainCredit),
      asOf,
      faultReports: evidenceReports(listFaultReportsOfAccount(db, account.id)),
      claims: [...standingClaims(listClaimsOfAccount(db, account.id)), claim],
    });
    const window = decision.rules.find((r) => r.code === 'claim_window_open');
    if (window?.outcome === 'fail') {
      throw new EvidenceRefused('CONFLICT', 'claim_window_closed', { windowEndsOn: decision.delivery.claimWindowEndsOn });
    }
    if (decision.status === 'not_eligible') {
      const failed = [...decision.rules, ...decision.perLine.flatMap((l) => l.rules)].filter((r) => r.outcome === 'fail');
      throw new EvidenceRefused('CONFLICT', 'claim_not_eligible', { failedRules: [...new Set(failed.map((r) => r.code))].join(',') });
    }

    insertClaim(db, { ...claim, interactionRef: input.interactionRef, recordedBy: actor.operatorId });
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'claim.registered',
      target: `credit_claim:${id}`,
      before: null,
      after: { ...claim, interactionRef: input.interactionRef, decisionStatus: decision.status },
      at: now,
    });
    const creditIds = writeClaimedCredits(db, actor, now, input.accountNumber, outage.id);
    outbox?.record(db, actor, now, { op: 'claim.register', payload: { ...input, claimId: id, recordedAt: asOf, credits: creditKeysOf(db, creditIds) } });
    return { claim: toClaimView(findClaim(db, account.id, outage.id, policy.code)!), creditIds };
  });
}
