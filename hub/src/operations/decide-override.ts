import { randomUUID } from 'node:crypto';
import { predictPosting } from '@shared/domain/bill-date';
import { businessDayBounds } from '@shared/domain/business-day';
import { checkDecision, checkWithdrawal, MANUAL_OVERRIDE_POLICY_CODE, overrideCreditKey, type DecisionPlan } from '@shared/domain/override-rules';
import type { DecidePayload, WithdrawPayload } from '@shared/hub/operations';
import { findOutage } from '../overrides/account-repo';
import { insertOverrideCredit, liveCreditFacts, listLiveCredits, reverseCredit, type LiveCreditRow } from '../overrides/credit-repo';
import { decideOverride, findOverrideForUpdate, hubOverrideView, lockAccount, lockAgentDailyTotal, readRequesterDay, type OverrideRow } from '../overrides/override-repo';
import { overrideAuditSnapshot } from '@shared/domain/override-view';
import { refused, type OperationContext, type OperationOutcome } from './operation-context';
import { publishCredit, publishRequest } from './override-effects';
import { hubLegalFloor } from './evidence-case';

/** Reverses what an approval replaces and writes the override's own credit; null when the key is taken (never pay twice). */
async function writeApprovedCredit(context: OperationContext, row: OverrideRow, live: readonly LiveCreditRow[], plan: DecisionPlan): Promise<{ creditId: string | null } | null> {
  const { tx, caller, now } = context;
  for (const credit of plan.reverseLiveCredits ? live : []) {
    await reverseCredit(tx, credit.id);
    context.logs.audit({
      at: now,
      operatorId: caller.operator.operatorId,
      desktopId: caller.desktopId,
      action: 'credit.reversed',
      target: `credit:${credit.id}`,
      before: { status: credit.status, amountMinor: credit.amountMinor, version: credit.version },
      after: { status: 'reversed', version: credit.version + 1, overrideRequestId: row.id },
    });
    await publishCredit(context, credit.id);
  }
  if (!plan.writeCredit) return { creditId: live[0]?.id ?? null };

  const replaced = live[0];
  // A report credit is the policy's own credit, approved: under that policy's key.
  const reportPolicy = row.kind === 'report_credit' ? row.policyCode : null;
  const policyCode = reportPolicy ?? replaced?.policyCode ?? (await findOutage(tx, row.outageId))?.policyCode ?? MANUAL_OVERRIDE_POLICY_CODE;
  const scheduledOn = now.toISOString().slice(0, 10);
  const credit = {
    id: randomUUID(),
    accountId: row.accountId,
    outageId: row.outageId,
    policyCode,
    amountMinor: row.amountMinor,
    currency: row.currency,
    scheduledOn,
    billDate: predictPosting(scheduledOn, row.billCycleDay).earliest,
    idempotencyKey: overrideCreditKey(row, policyCode, replaced?.idempotencyKey),
    overrideRequestId: row.id,
    createdAt: now,
  };
  if (!(await insertOverrideCredit(tx, credit))) return null;
  context.logs.audit({
    at: now,
    operatorId: caller.operator.operatorId,
    desktopId: caller.desktopId,
    action: 'credit.created',
    target: `credit:${credit.id}`,
    before: null,
    after: { ...credit, createdAt: now.toISOString(), source: 'override', status: 'scheduled', version: 1 },
  });
  await publishCredit(context, credit.id);
  return { creditId: credit.id };
}

/**
 * A supervisor approves or rejects a pending request filed on any desktop. Locks, in order:
 * the request row, the account, the requester's daily total; so a concurrent decision on the
 * same request waits and then sees it decided, and two approvals for one agent see each other.
 */
export async function decideOverrideRequest(context: OperationContext, payload: DecidePayload): Promise<OperationOutcome> {
  const { tx, caller, now, settings } = context;
  const locked = await findOverrideForUpdate(tx, payload.requestId);
  if (locked) {
    await lockAccount(tx, locked.accountId);
    await lockAgentDailyTotal(tx, locked.requestedById);
  }
  const day = businessDayBounds(now, context.siteTimeZone);
  const live = locked ? await listLiveCredits(tx, locked.accountId, locked.outageId) : [];
  // What was approved for the requesting agent today, and their own daily totals (an admin may
  // have set one per currency over the site's), in one read.
  const requester = locked ? await readRequesterDay(tx, locked.requestedById, day.start, day.end) : { approved: {}, ownLimits: {} };
  const verdict = checkDecision({
    request: locked,
    version: payload.version,
    decision: payload.decision,
    decider: { operatorId: caller.operator.operatorId, role: caller.operator.role },
    settings,
    requesterApprovedToday: requester.approved,
    requesterOwnDailyLimits: requester.ownLimits,
    credits: liveCreditFacts(live),
    // The law's amount for the account, from the hub's own data, as on the desktop: for an approval only.
    legalFloorMinor:
      locked && payload.decision === 'approve' ? await hubLegalFloor(tx, locked.accountId, locked.outageId, now, locked.statuteAttached) : 0,
  });
  if (!verdict.ok) return refused(verdict.refusal);
  const row = locked!;
  let creditId: string | null = null;
  if (payload.decision === 'approve') {
    const written = await writeApprovedCredit(context, row, live, verdict.value);
    if (!written) return refused({ code: 'CONFLICT', reason: 'already_credited', details: {} });
    creditId = written.creditId;
  }
  await decideOverride(tx, { id: row.id, version: row.version, status: verdict.value.status, decidedBy: caller.operator.operatorId, note: payload.note, decidedAt: now, creditId });
  // The request as it is now, read once: for the change log, the audit event and the answer.
  const published = await publishRequest(context, row.id);
  context.logs.audit({
    at: now,
    operatorId: caller.operator.operatorId,
    desktopId: caller.desktopId,
    action: payload.decision === 'approve' ? 'override.approved' : 'override.rejected',
    target: `override_request:${row.id}`,
    before: overrideAuditSnapshot(row),
    after: overrideAuditSnapshot(published.row),
  });
  return { ok: true, request: hubOverrideView(published.row, settings), position: published.position };
}

/** The agent who filed a pending request takes it back, from any desktop. */
export async function withdrawOverrideRequest(context: OperationContext, payload: WithdrawPayload): Promise<OperationOutcome> {
  const { tx, caller, now, settings } = context;
  if (caller.operator.role === 'admin') return refused({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role', details: { role: caller.operator.role } });
  const found = await findOverrideForUpdate(tx, payload.requestId);
  const verdict = checkWithdrawal({ request: found, version: payload.version, operatorId: caller.operator.operatorId });
  if (!verdict.ok) return refused(verdict.refusal);
  const row = found!;
  await decideOverride(tx, { id: row.id, version: row.version, status: verdict.value, decidedBy: null, note: null, decidedAt: now, creditId: null });
  const published = await publishRequest(context, row.id);
  context.logs.audit({
    at: now,
    operatorId: caller.operator.operatorId,
    desktopId: caller.desktopId,
    action: 'override.withdrawn',
    target: `override_request:${row.id}`,
    before: overrideAuditSnapshot(row),
    after: overrideAuditSnapshot(published.row),
  });
  return { ok: true, request: hubOverrideView(published.row, settings), position: published.position };
}
