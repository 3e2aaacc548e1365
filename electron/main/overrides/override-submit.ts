import type Database from 'better-sqlite3';
import { type OverrideInput, type OverrideRequestView } from '@shared/domain/override';
import { countsAsEvidence } from '@shared/domain/fault-report';
import { checkSubmission } from '@shared/domain/override-rules';
import type { Result } from '@shared/ipc/result';
import { findAccountByNumber } from '../accounts/account-repo';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { findOutage } from '../outages/outage-repo';
import type { Actor } from '@shared/domain/operator';
import { legalFloorFor } from './legal-floor';
import { readLiveCredits } from './override-credits';
import { commitOverdueExpiry } from './override-expiry';
import type { OverrideOutbox } from './override-outbox';
import { OverrideRefused, runOverrideUseCase } from './override-refusal';
import {
  findOpenOverride,
  findOverride,
  findOverrideByClientRequest,
  insertOverride,
  isAccountTouchedByOutage,
  sumApprovedForRequester,
} from './override-repo';
import { getOverrideSettings, siteBusinessDay } from './override-settings';
import { overrideAuditDetails, overrideAuditSnapshot, toOverrideView } from './override-view';
import { listFaultReportsOfAccount } from '../evidence/fault-report-repo';
import { outageAllowsInKind } from './in-kind';
import { readOperatorDailyLimits } from '../auth/operator-admin-repo';

/**
 * Files an override request. The client's request id makes it idempotent: a double click
 * or a retry after a timeout returns the request the first call filed, unchanged.
 */
export function submitOverride(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: OverrideInput,
  outbox?: OverrideOutbox,
): Result<OverrideRequestView> {
  const context = {
    operatorId: actor.operatorId,
    now,
    operation: 'overridesSubmit',
    target: `account:${input.accountNumber}|outage:${input.outageId}`,
    attempt: { kind: input.kind, amountMinor: input.amountMinor, reasonCode: input.reasonCode, clientRequestId: input.clientRequestId },
  };
  commitOverdueExpiry(db, getOverrideSettings(db), now);
  return runOverrideUseCase(db, context, () => {
    const settings = getOverrideSettings(db);
    const earlier = findOverrideByClientRequest(db, actor.operatorId, input.clientRequestId);
    const account = findAccountByNumber(db, input.accountNumber);
    const outage = findOutage(db, input.outageId);
    const both = account && outage ? { account, outage } : null;
    const day = siteBusinessDay(settings, now);
    const verdict = checkSubmission(input, {
      earlier: earlier ?? null,
      account: account ?? null,
      outage: outage ?? null,
      accountHasImpact: both ? isAccountTouchedByOutage(db, both.account.id, both.outage.id) : false,
      openRequestId: both ? (findOpenOverride(db, both.account.id, both.outage.id)?.id ?? null) : null,
      credits: both ? readLiveCredits(db, both.account.id, both.outage.id).facts : { liveCreditCount: 0, liveCreditMinor: 0 },
      settings,
      agentApprovedToday: sumApprovedForRequester(db, actor.operatorId, day.start, day.end),
      agentOwnDailyLimits: readOperatorDailyLimits(db, actor.operatorId),
      legalFloorMinor: both ? legalFloorFor(db, input.accountNumber, both.outage.id, now) : 0,
      inKindAllowed: both ? outageAllowsInKind(db, both.outage.id) : false,
      accountHasFaultReport: both ? listFaultReportsOfAccount(db, both.account.id).some((r) => r.outageId === both.outage.id && countsAsEvidence(r)) : false,
      filedAt: now.toISOString(),
    });
    if (!verdict.ok) throw OverrideRefused.from(verdict.refusal);
    if (verdict.value === 'replay') return toOverrideView(earlier!, settings);
    const { account: filedFor, outage: filedOn } = both!;

    const id = newTimeOrderedId(now);
    insertOverride(db, {
      id,
      accountId: filedFor.id,
      outageId: filedOn.id,
      kind: input.kind,
      amountMinor: input.amountMinor,
      currency: filedFor.currency,
      reasonCode: input.reasonCode,
      justification: input.justification,
      interactionRef: input.interactionRef,
      requestedBy: actor.operatorId,
      createdAt: now.toISOString(),
      clientRequestId: input.clientRequestId,
      inKind:
        input.kind === 'in_kind'
        ? { description: input.inKind.description, consentMethod: input.inKind.consent.method, consentAt: input.inKind.consent.at }
        : null,
    });
    const row = findOverride(db, id)!;
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'override.submitted',
      target: `override_request:${id}`,
      before: null,
      after: { ...overrideAuditSnapshot(row), justification: row.justification, ...overrideAuditDetails(row) },
      at: now,
    });
    outbox?.record(db, actor, now, { op: 'override.submit', payload: { ...input, requestId: id } });
    return toOverrideView(findOverride(db, id)!, settings);
  });
}
