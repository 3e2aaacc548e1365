import { keyForAccountId } from '@shared/domain/credit';
import type { ClaimRegisterPayload } from '@shared/hub/evidence-operations';
import { findHubClaim, insertHubClaim, latestEntityPosition, toClaimChange, toHubClaimView } from '../evidence/evidence-repo';
import { PendingPosition } from '../logs/log-batch';
import { findAccountByNumber } from '../overrides/account-repo';
import { lockAccount } from '../overrides/override-repo';
import { findOutageForRun } from '../policies/policy-run-repo';
import { decide, outagePolicies, readEvidenceCase, recordedInstant, settleClaimedCredits } from './evidence-case';
import { refused, type OperationContext, type OperationOutcome } from './operation-context';

/** Who may register a claim (as on the desktop's claimsRegister channel). */
const FILERS: readonly string[] = ['agent', 'supervisor'];

/**
 * `claim.register` at the hub, re-checked with the desktop's rules (register-claim.ts on the
 * desktop): the account, the outage and an on-request policy of it exist, the claim is inside
 * the window and the policy can pay the account. The claim is the desktop's (its id); a claim
 * for the same account, outage and policy already at the hub (another desktop's) is the one
 * that stands, and the answer says so. The credit that follows is written here, under the
 * policy's key.
 */
export async function registerHubClaim(context: OperationContext, payload: ClaimRegisterPayload): Promise<OperationOutcome> {
  const { tx, caller, now } = context;
  if (!FILERS.includes(caller.operator.role)) return refused({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role', details: { role: caller.operator.role } });
  const account = await findAccountByNumber(tx, payload.accountNumber);
  const outage = await findOutageForRun(tx, payload.outageId);
  if (!account || !outage) return refused({ code: 'NOT_FOUND', reason: 'not_found', details: { what: account ? 'outage' : 'account' } });
  await lockAccount(tx, account.id);
  const attached = (await outagePolicies(tx, outage.id)).find((p) => p.policy.code === payload.policyCode);
  if (!attached) return refused({ code: 'NOT_FOUND', reason: 'not_found', details: { what: 'policy' } });
  const { policy } = attached;
  if (policy.delivery.mode !== 'on_request') return refused({ code: 'CONFLICT', reason: 'not_on_request', details: {} });

  const earlier = await findHubClaim(tx, account.id, outage.id, policy.code);
  if (earlier) {
    return {
      ok: true,
      evidence: { kind: 'credit_claim', claim: toHubClaimView(earlier), creditIds: [] },
      position: PendingPosition.known(await latestEntityPosition(tx, 'credit_claim', earlier.id)),
    };
  }
  const claimedAt = recordedInstant(payload.recordedAt, now);
  const claim = { id: payload.claimId, accountId: account.id, outageId: outage.id, policyCode: policy.code, claimedAt };
  const facts = await readEvidenceCase(tx, account.id, outage, now.toISOString());
  const decision = decide(facts, policy, now.toISOString(), [claim]);
  const window = decision.rules.find((r) => r.code === 'claim_window_open');
  if (window?.outcome === 'fail') {
    return refused({ code: 'CONFLICT', reason: 'claim_window_closed', details: { windowEndsOn: decision.delivery.claimWindowEndsOn } });
  }
  if (decision.status === 'not_eligible') {
    const failed = [...decision.rules, ...decision.perLine.flatMap((l) => l.rules)].filter((r) => r.outcome === 'fail');
    return refused({ code: 'CONFLICT', reason: 'claim_not_eligible', details: { failedRules: [...new Set(failed.map((r) => r.code))].join(',') } });
  }
  const inserted = await insertHubClaim(tx, { ...claim, interactionRef: payload.interactionRef, recordedBy: caller.operator.operatorId, desktopId: caller.desktopId });
  // The id is the desktop's; another claim holding it is not this one.
  if (!inserted) return refused({ code: 'CONFLICT', reason: 'client_request_reused', details: { claimId: payload.claimId } });
  context.logs.audit({
    at: now,
    operatorId: caller.operator.operatorId,
    desktopId: caller.desktopId,
    action: 'claim.registered',
    target: `credit_claim:${claim.id}`,
    before: null,
    after: { ...claim, interactionRef: payload.interactionRef, decisionStatus: decision.status },
  });
  // The desktop built its keys on its own id for the account: the hub's key for each, by the account number both share.
  const desktopIds = new Map(payload.credits.map((c) => [keyForAccountId(c.idempotencyKey, account.id), c.id]));
  const creditIds = await settleClaimedCredits(context, account.id, outage, desktopIds);
  const row = (await findHubClaim(tx, account.id, outage.id, policy.code))!;
  // Every desktop's decisions read claims (an agent must not register it twice): audience all.
  const position = context.logs.change({ entity: 'credit_claim', entityId: row.id, audience: { kind: 'all' }, data: toClaimChange(row) });
  return { ok: true, evidence: { kind: 'credit_claim', claim: toHubClaimView(row), creditIds }, position };
}
