import type Database from 'better-sqlite3';
import { predictPosting } from '@shared/domain/bill-date';
import { idempotencyKey } from '@shared/domain/credit';
import {
  checkDecider,
  checkOverrideAgainstCredits,
  checkOverrideLimits,
  nextOverrideStatus,
  utcDayBounds,
  type OverrideRequestView,
} from '@shared/domain/override';
import type { Result } from '@shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import type { Actor } from '@shared/domain/operator';
import { readLiveCredits } from './override-credits';
import { commitOverdueExpiry } from './override-expiry';
import { OverrideRefused, runOverrideUseCase } from './override-refusal';
import { insertOverrideCredit, reverseCredit, type LiveCreditRow } from '../credits/credit-repo';
import { ensureManualOverridePolicy, listPolicyRefsOfOutage } from '../policies/policy-repo';
import { decideOverride, findOverride, sumApprovedForRequester, type OverrideRow } from './override-repo';
import { getOverrideSettings } from './override-settings';
import { overrideAuditSnapshot, toOverrideView } from './override-view';

/** Outages without a policy still get override credits; credits.policy_id needs a row. */
export const MANUAL_OVERRIDE_POLICY_CODE = 'manual-override';

export interface DecideInput {
  requestId: string;
  version: number;
  decision: 'approve' | 'reject';
  note: string;
}

/**
 * The key of an approved override's credit. A goodwill credit uses the very key the
 * automatic credit of the outage's policy would have for the account: it IS that account's
 * credit for the outage, so a later policy run finds the key taken and does not pay again,
 * and the decision shows it as already credited. An adjustment replaces a credit under a
 * key derived from the replaced one and the request, which no automatic credit can have.
 */
export function overrideCreditKey(row: OverrideRow, policyCode: string, replaced: LiveCreditRow | undefined): string {
  if (row.kind === 'adjust' && replaced) return `${replaced.idempotencyKey}|override-adjust:${row.id}`;
  return idempotencyKey({ accountId: row.accountId, outageId: row.outageId, policyCode });
}

function loadPending(db: Database.Database, input: { requestId: string; version: number }): OverrideRow {
  const row = findOverride(db, input.requestId);
  if (!row) throw new OverrideRefused('NOT_FOUND', 'not_found', { what: 'override_request' });
  if (row.status === 'expired') throw new OverrideRefused('CONFLICT', 'expired', { status: row.status });
  if (row.status !== 'pending') throw new OverrideRefused('CONFLICT', 'not_pending', { status: row.status });
  if (row.version !== input.version) throw new OverrideRefused('CONFLICT', 'stale_version', { version: row.version });
  return row;
}

function writeApprovedCredit(db: Database.Database, actor: Actor, now: Date, row: OverrideRow): string | null {
  const credits = readLiveCredits(db, row.accountId, row.outageId);
  const refusal = checkOverrideAgainstCredits(row.kind, row.amountMinor, credits.facts);
  if (refusal) throw new OverrideRefused('CONFLICT', refusal, { liveCreditMinor: credits.facts.liveCreditMinor });

  for (const credit of row.kind === 'goodwill' ? [] : credits.rows) {
    reverseCredit(db, credit.id);
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'credit.reversed',
      target: `credit:${credit.id}`,
      before: { status: credit.status, amountMinor: credit.amountMinor, version: credit.version },
      after: { status: 'reversed', version: credit.version + 1, overrideRequestId: row.id },
      at: now,
    });
  }
  if (row.kind === 'reverse') return credits.rows[0]?.id ?? null;

  const replaced = credits.rows[0];
  const policy = replaced
    ? { id: replaced.policyId, code: '' }
    : (listPolicyRefsOfOutage(db, row.outageId)[0] ?? ensureManualOverridePolicy(db, MANUAL_OVERRIDE_POLICY_CODE));
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
    idempotencyKey: overrideCreditKey(row, policy.code, replaced),
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
 * A supervisor approves or rejects a pending request. Approval writes the credit, the
 * request's new status and every audit event in one transaction; any refusal rolls all of
 * it back and is recorded on its own.
 */
export function decideOverrideRequest(db: Database.Database, actor: Actor, now: Date, input: DecideInput): Result<OverrideRequestView> {
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
    const row = loadPending(db, input);
    const who = checkDecider(actor.role, actor.operatorId, row.requestedById);
    if (who) throw new OverrideRefused('FORBIDDEN_ROLE', who);

    let creditId: string | null = null;
    if (input.decision === 'approve') {
      const day = utcDayBounds(now);
      const limit = checkOverrideLimits({
        amountMinor: row.amountMinor,
        settings,
        agentApprovedTodayMinor: sumApprovedForRequester(db, row.requestedById, day.start, day.end),
      });
      if (limit) {
        throw new OverrideRefused('CONFLICT', limit, {
          perRequestCapMinor: settings.perRequestCapMinor,
          agentDailyTotalMinor: settings.agentDailyTotalMinor,
        });
      }
      creditId = writeApprovedCredit(db, actor, now, row);
    }
    const status = nextOverrideStatus(row.status, input.decision)!;
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
    return toOverrideView(after, settings);
  });
}

/** The requester takes back their own pending request. */
export function withdrawOverride(
  db: Database.Database,
  actor: Actor,
  now: Date,
  input: { requestId: string; version: number },
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
    const existing = findOverride(db, input.requestId);
    // Someone else's request answers as if it did not exist: ids are not for browsing.
    if (existing && existing.requestedById !== actor.operatorId) throw new OverrideRefused('NOT_FOUND', 'not_own_request');
    const row = loadPending(db, input);
    decideOverride(db, {
      id: row.id,
      version: row.version,
      status: nextOverrideStatus(row.status, 'withdraw')!,
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
    return toOverrideView(after, settings);
  });
}
