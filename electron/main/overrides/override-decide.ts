import type Database from 'better-sqlite3';
import { predictPosting } from '@shared/domain/bill-date';
import { type OverrideRequestView } from '@shared/domain/override';
import { checkDecision, checkWithdrawal, MANUAL_OVERRIDE_POLICY_CODE, overrideCreditKey, type DecisionPlan } from '@shared/domain/override-rules';
import type { Result } from '@shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import type { Actor } from '@shared/domain/operator';
import { legalFloorFor } from './legal-floor';
import { readLiveCredits } from './override-credits';
import { commitOverdueExpiry } from './override-expiry';
import type { OverrideOutbox } from './override-outbox';
import { OverrideRefused, runOverrideUseCase } from './override-refusal';
import { insertOverrideCredit, reverseCredit, type LiveCreditRow } from '../credits/credit-repo';
import { ensureManualOverridePolicy, listPolicyRefsOfOutage } from '../policies/policy-repo';
import { decideOverride, findOverride, sumApprovedForRequester, type OverrideRow } from './override-repo';
import { getOverrideSettings, siteBusinessDay } from './override-settings';
import { overrideAuditSnapshot, toOverrideView } from './override-view';
import { readOperatorDailyLimits } from '../auth/operator-admin-repo';

export interface DecideInput {
  requestId: string;
  version: number;
  decision: 'approve' | 'reject';
  note: string;
}

function writeApprovedCredit(
  db: Database.Database,
  actor: Actor,
  now: Date,
  row: OverrideRow,
  live: readonly LiveCreditRow[],
  plan: DecisionPlan,
): string | null {
  for (const credit of plan.reverseLiveCredits ? live : []) {
    const takenBack = reverseCredit(db, credit, { id: newTimeOrderedId(now), createdAt: now.toISOString() });
    if (!takenBack) throw new OverrideRefused('CONFLICT', 'no_credit_to_change');
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: takenBack.how === 'reversal_line' ? 'credit.reversal_line' : 'credit.reversed',
      target: `credit:${credit.id}`,
      before: { status: credit.status, amountMinor: credit.amountMinor, version: credit.version, exportedBatchId: credit.exportedBatchId },
      after:
        takenBack.how === 'reversal_line'
          ? { reversalLineId: takenBack.lineId, idempotencyKey: takenBack.idempotencyKey, amountMinor: -credit.amountMinor, overrideRequestId: row.id }
          : { status: 'reversed', version: credit.version + 1, overrideRequestId: row.id },
      at: now,
    });
  }
  if (!plan.writeCredit) return live[0]?.id ?? null;

  const replaced = live[0];
  const policy = replaced ? { id: replaced.policyId, code: '' } : creditPolicyOf(db, row);
  const scheduledOn = now.toISOString().slice(0, 10);
  const billDate = predictPosting(scheduledOn, row.billCycleDay).earliest;
  const credit = {
    id: newTimeOrderedId(now),
    accountId: row.accountId,
    outageId: row.outageId,
    policyId: policy.id,
    amountMinor: row.amountMinor,
    currency: row.currency,
    scheduledOn,
    billDate,
    idempotencyKey: overrideCreditKey(row, policy.code, replaced?.idempotencyKey),
    createdAt: now.toISOString(),
  };
  // The key is taken: a credit for this account and outage exists after all. Never pay twice.
  if (!insertOverrideCredit(db, credit)) throw new OverrideRefused('CONFLICT', 'already_credited');
  appendAudit(db, {
    operatorId: actor.operatorId,
    action: 'credit.created',
    target: `credit:${credit.id}`,
    before: null,
    after: { ...credit, source: 'override', status: 'scheduled', overrideRequestId: row.id, version: 1 },
    at: now,
  });
  return credit.id;
}

/**
 * The policy a new override credit is filed under: for a credit on the customer's report, the
 * policy whose credit it is (so the key is that policy's key for the account, and no run pays
 * it again); otherwise the outage's first policy, or the reserved manual one.
 */
function creditPolicyOf(db: Database.Database, row: OverrideRow): { id: number; code: string } {
  const refs = listPolicyRefsOfOutage(db, row.outageId);
  if (row.kind === 'report_credit') {
    const own = refs.find((ref) => ref.code === row.policyCode);
    if (!own) throw new OverrideRefused('NOT_FOUND', 'not_found', { what: 'policy' });
    return own;
  }
  return refs[0] ?? ensureManualOverridePolicy(db, MANUAL_OVERRIDE_POLICY_CODE);
}

/**
 * A supervisor approves or rejects a pending request. Approval writes the credit, the
 * request's new status and every audit event in one transaction; any refusal rolls all of
 * it back and is recorded on its own.
 */
export function decideOverrideRequest(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: DecideInput,
  outbox?: OverrideOutbox,
): Result<OverrideRequestView> {
  const context = {
    operatorId: actor.operatorId,
    now,
    operation: 'overridesDecide',
    target: `override_request:${input.requestId}`,
    attempt: { decision: input.decision, version: input.version },
  };
  commitOverdueExpiry(db, getOverrideSettings(db), now);
  return runOverrideUseCase(db, context, () => {
    const settings = getOverrideSettings(db);
    const found = findOverride(db, input.requestId);
    const day = siteBusinessDay(settings, now);
    const live = found ? readLiveCredits(db, found.accountId, found.outageId) : null;
    const verdict = checkDecision({
      request: found ?? null,
      version: input.version,
      decision: input.decision,
      decider: { operatorId: actor.operatorId, role: actor.role },
      settings,
      requesterApprovedToday: found ? sumApprovedForRequester(db, found.requestedById, day.start, day.end) : {},
      requesterOwnDailyLimits: found ? readOperatorDailyLimits(db, found.requestedById) : {},
      credits: live?.facts ?? { liveCreditCount: 0, liveCreditMinor: 0 },
      legalFloorMinor: found && input.decision === 'approve' ? legalFloorFor(db, found.accountNumber, found.outageId, now) : 0,
    });
    if (!verdict.ok) throw OverrideRefused.from(verdict.refusal);
    const row = found!;
    const { status } = verdict.value;
    const creditId = input.decision === 'approve' ? writeApprovedCredit(db, actor, now, row, live!.rows, verdict.value) : null;
    decideOverride(db, {
      id: row.id,
      version: row.version,
      status,
      decidedBy: actor.operatorId,
      note: input.note,
      decidedAt: now.toISOString(),
      creditId,
    });
    const after = findOverride(db, row.id)!;
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: input.decision === 'approve' ? 'override.approved' : 'override.rejected',
      target: `override_request:${row.id}`,
      before: overrideAuditSnapshot(row),
      after: overrideAuditSnapshot(after),
      at: now,
    });
    const { requestId, version, decision, note } = input;
    outbox?.record(db, actor, now, { op: 'override.decide', payload: { requestId, version, decision, note } });
    return toOverrideView(findOverride(db, row.id)!, settings);
  });
}

/** The requester takes back their own pending request. */
export function withdrawOverride(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: { requestId: string; version: number },
  outbox?: OverrideOutbox,
): Result<OverrideRequestView> {
  const context = {
    operatorId: actor.operatorId,
    now,
    operation: 'overridesWithdraw',
    target: `override_request:${input.requestId}`,
    attempt: { version: input.version },
  };
  commitOverdueExpiry(db, getOverrideSettings(db), now);
  return runOverrideUseCase(db, context, () => {
    const settings = getOverrideSettings(db);
    const found = findOverride(db, input.requestId);
    const verdict = checkWithdrawal({ request: found ?? null, version: input.version, operatorId: actor.operatorId });
    if (!verdict.ok) throw OverrideRefused.from(verdict.refusal);
    const row = found!;
    decideOverride(db, {
      id: row.id,
      version: row.version,
      status: verdict.value,
      decidedBy: null,
      note: null,
      decidedAt: now.toISOString(),
      creditId: null,
    });
    const after = findOverride(db, row.id)!;
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'override.withdrawn',
      target: `override_request:${row.id}`,
      before: overrideAuditSnapshot(row),
      after: overrideAuditSnapshot(after),
      at: now,
    });
    outbox?.record(db, actor, now, { op: 'override.withdraw', payload: { requestId: input.requestId, version: input.version } });
    return toOverrideView(findOverride(db, row.id)!, settings);
  });
}
