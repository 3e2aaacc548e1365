import { businessDayBounds } from '@shared/domain/business-day';
import { checkSubmission } from '@shared/domain/override-rules';
import type { SubmitPayload } from '@shared/hub/operations';
import { findAccountByNumber, findOutage, isAccountTouchedByOutage } from '../overrides/account-repo';
import { liveCreditFacts, listLiveCredits } from '../overrides/credit-repo';
import {
  findOpenOverrideId,
  findOverride,
  findOverrideByClientRequest,
  insertOverride,
  lockAccount,
  overrideIdExists,
  sumApprovedForRequester,
} from '../overrides/override-repo';
import { overrideAuditSnapshot, toOverrideView } from '@shared/domain/override-view';
import { latestRequestPosition } from '../changes/change-log-repo';
import { refused, type OperationContext, type OperationOutcome } from './operation-context';
import { publishRequest } from './override-effects';
import { PendingPosition } from '../logs/log-batch';

/** Who may file (as on the desktop's overridesSubmit channel). */
const FILERS: readonly string[] = ['agent', 'supervisor'];

/**
 * Files a request an agent made on a desktop (maybe offline), under the id the desktop gave
 * it, re-checked with the shared rules against the whole site: the open request, the credits
 * and the agent's total approved today across every desktop.
 */
export async function submitOverride(context: OperationContext, payload: SubmitPayload): Promise<OperationOutcome> {
  const { tx, caller, now, settings } = context;
  const operatorId = caller.operator.operatorId;
  if (!FILERS.includes(caller.operator.role)) return refused({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role', details: { role: caller.operator.role } });
  const account = await findAccountByNumber(tx, payload.accountNumber);
  const outage = await findOutage(tx, payload.outageId);
  if (account) await lockAccount(tx, account.id);
  const earlier = await findOverrideByClientRequest(tx, operatorId, payload.clientRequestId);
  const both = account && outage ? { account, outage } : null;
  const day = businessDayBounds(now, context.siteTimeZone);
  const verdict = checkSubmission(payload, {
    earlier,
    account,
    outage,
    accountHasImpact: both ? await isAccountTouchedByOutage(tx, both.account.id, both.outage.id) : false,
    openRequestId: both ? await findOpenOverrideId(tx, both.account.id, both.outage.id) : null,
    credits: both ? liveCreditFacts(await listLiveCredits(tx, both.account.id, both.outage.id)) : { liveCreditCount: 0, liveCreditMinor: 0 },
    settings,
    agentApprovedToday: await sumApprovedForRequester(tx, operatorId, day.start, day.end),
    // The hub does not evaluate credit policies yet; the desktop that filed applied the legal floor.
    legalFloorMinor: 0,
  });
  if (!verdict.ok) return refused(verdict.refusal);
  if (verdict.value === 'replay') {
    return { ok: true, request: toOverrideView(earlier!, settings), position: PendingPosition.known(await latestRequestPosition(tx, earlier!.id)) };
  }
  // The id is the desktop's; another filing holding it is not this one.
  if (await overrideIdExists(tx, payload.requestId)) return refused({ code: 'CONFLICT', reason: 'client_request_reused', details: { requestId: payload.requestId } });
  const { account: filedFor, outage: filedOn } = both!;
  await insertOverride(tx, {
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
  });
  const row = (await findOverride(tx, payload.requestId))!;
  context.logs.audit({
    at: now,
    operatorId,
    desktopId: caller.desktopId,
    action: 'override.submitted',
    target: `override_request:${row.id}`,
    before: null,
    after: { ...overrideAuditSnapshot(row), justification: row.justification },
  });
  const published = await publishRequest(context, row.id);
  return { ok: true, request: toOverrideView(published.row, settings), position: published.position };
}
