import { businessDayBounds } from '@shared/domain/business-day';
import { checkSubmission } from '@shared/domain/override-rules';
import type { SubmitPayload } from '@shared/hub/operations';
import { findOutage, type AccountRow } from '../overrides/account-repo';
import {
  findOverrideByClientRequest,
  hubOverrideView,
  insertOverride,
  lockAccount,
  readRequesterDay,
} from '../overrides/override-repo';
import { readSubmissionFacts } from '../overrides/submission-facts-repo';
import { overrideAuditSnapshot } from '@shared/domain/override-view';
import { latestRequestPosition } from '../changes/change-log-repo';
import { refused, type OperationContext, type OperationOutcome } from './operation-context';
import { publishRequest } from './override-effects';
import { PendingPosition } from '../logs/log-batch';
import { hubLegalFloor, outagePolicies } from './evidence-case';

/** Who may file (as on the desktop's overridesSubmit channel). */
const FILERS: readonly string[] = ['agent', 'supervisor'];

/**
 * Files a request an agent made on a desktop (maybe offline), under the id the desktop gave
 * it, re-checked with the shared rules against the whole site: the open request, the credits
 * and the agent's total approved today across every desktop. `account` is the payload's
 * account, read by the caller (null when there is none).
 */
export async function submitOverride(context: OperationContext, payload: SubmitPayload, account: AccountRow | null): Promise<OperationOutcome> {
  const { tx, caller, now, settings } = context;
  const operatorId = caller.operator.operatorId;
  if (!FILERS.includes(caller.operator.role)) return refused({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role', details: { role: caller.operator.role } });
  const outage = await findOutage(tx, payload.outageId);
  if (account) await lockAccount(tx, account.id);
  const earlier = await findOverrideByClientRequest(tx, operatorId, payload.clientRequestId);
  const both = account && outage ? { account, outage } : null;
  const day = businessDayBounds(now, context.siteTimeZone);
  const facts = both
    ? await readSubmissionFacts(tx, { accountId: both.account.id, outageId: both.outage.id, requestedBy: operatorId, from: day.start, to: day.end })
    : {
        accountHasImpact: false,
        openRequestId: null,
        credits: { liveCreditCount: 0, liveCreditMinor: 0 },
        ...(await readRequesterDay(tx, operatorId, day.start, day.end).then((d) => ({ agentApprovedToday: d.approved, agentOwnDailyLimits: d.ownLimits }))),
      };
  const verdict = checkSubmission(payload, {
    earlier,
    account,
    outage,
    accountHasImpact: facts.accountHasImpact,
    openRequestId: facts.openRequestId,
    credits: facts.credits,
    settings,
    agentApprovedToday: facts.agentApprovedToday,
    // An admin may have given this agent their own daily total (per currency) over the site's.
    agentOwnDailyLimits: facts.agentOwnDailyLimits,
    // The law's amount for the account, from the hub's own data (read only where a statute is attached).
    legalFloorMinor: both && 'statuteAttached' in facts ? await hubLegalFloor(tx, both.account.id, both.outage.id, now, facts.statuteAttached) : 0,
    // Compensation in kind: only where a policy of the outage allows it, with consent given before filing.
    // (read only for such a request: a money request's round trips stay as they were).
    inKindAllowed: payload.kind === 'in_kind' && outage !== null && (await outagePolicies(tx, outage.id)).some((p) => p.policy.delivery.inKind.allowed),
    filedAt: now.toISOString(),
  });
  if (!verdict.ok) return refused(verdict.refusal);
  if (verdict.value === 'replay') {
    return { ok: true, request: hubOverrideView(earlier!, settings), position: PendingPosition.known(await latestRequestPosition(tx, earlier!.id)) };
  }
  const { account: filedFor, outage: filedOn } = both!;
  const inserted = await insertOverride(tx, {
    id: payload.requestId,
    accountId: filedFor.id,
    outageId: filedOn.id,
    kind: payload.kind,
    amountMinor: payload.amountMinor,
    currency: filedFor.currency,
    reasonCode: payload.reasonCode,
    justification: payload.justification,
    interactionRef: payload.interactionRef,
    requestedBy: operatorId,
    createdAt: now,
    clientRequestId: payload.clientRequestId,
    ...(payload.kind === 'in_kind'
      ? { inKind: { description: payload.inKind.description, consentMethod: payload.inKind.consent.method, consentAt: payload.inKind.consent.at } }
      : {}),
  });
  // The id is the desktop's; another filing holding it is not this one.
  if (!inserted) return refused({ code: 'CONFLICT', reason: 'client_request_reused', details: { requestId: payload.requestId } });
  const published = await publishRequest(context, payload.requestId);
  const row = published.row;
  context.logs.audit({
    at: now,
    operatorId,
    desktopId: caller.desktopId,
    action: 'override.submitted',
    target: `override_request:${row.id}`,
    before: null,
    after: {
      ...overrideAuditSnapshot(row),
      justification: row.justification,
      ...(row.inKindDescription !== null ? { inKind: { description: row.inKindDescription, consentMethod: row.consentMethod, consentAt: row.consentAt } } : {}),
    },
  });
  return { ok: true, request: hubOverrideView(row, settings), position: published.position };
}
