import type Database from 'better-sqlite3';
import {
  checkOverrideAgainstCredits,
  checkOverrideLimits,
  utcDayBounds,
  type OverrideInput,
  type OverrideRequestView,
} from '@shared/domain/override';
import type { Result } from '@shared/ipc/result';
import { findAccountByNumber } from '../accounts/account-repo';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { findOutage } from '../outages/outage-repo';
import type { Actor } from '@shared/domain/operator';
import { readLiveCredits } from './override-credits';
import { commitOverdueExpiry } from './override-expiry';
import { OverrideRefused, runOverrideUseCase } from './override-refusal';
import {
  findOpenOverride,
  findOverride,
  findOverrideByClientRequest,
  insertOverride,
  isAccountTouchedByOutage,
  sumApprovedForRequester,
  type OverrideRow,
} from './override-repo';
import { getOverrideSettings } from './override-settings';
import { overrideAuditSnapshot, toOverrideView } from './override-view';

function sameRequest(row: OverrideRow, input: OverrideInput): boolean {
  return (
    row.accountNumber === input.accountNumber &&
    row.outageId === input.outageId &&
    row.kind === input.kind &&
    row.amountMinor === input.amountMinor &&
    row.reasonCode === input.reasonCode &&
    row.justification === input.justification &&
    row.interactionRef === input.interactionRef
  );
}

/**
 * Files an override request. The client's request id makes it idempotent: a double click
 * or a retry after a timeout returns the request the first call filed, unchanged.
 */
export function submitOverride(db: Database.Database, actor: Actor, now: Date, input: OverrideInput): Result<OverrideRequestView> {
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
    if (earlier) {
      if (!sameRequest(earlier, input)) throw new OverrideRefused('CONFLICT', 'client_request_reused', { requestId: earlier.id });
      return toOverrideView(earlier, settings);
    }

    const account = findAccountByNumber(db, input.accountNumber);
    if (!account) throw new OverrideRefused('NOT_FOUND', 'not_found', { what: 'account' });
    const outage = findOutage(db, input.outageId);
    if (!outage) throw new OverrideRefused('NOT_FOUND', 'not_found', { what: 'outage' });
    const touched = isAccountTouchedByOutage(db, account.id, outage.id) || outage.regions.includes(account.region);
    if (!touched) throw new OverrideRefused('CONFLICT', 'account_not_affected');

    const open = findOpenOverride(db, account.id, outage.id);
    if (open) throw new OverrideRefused('CONFLICT', 'open_request_exists', { requestId: open.id });

    const credits = readLiveCredits(db, account.id, outage.id);
    const creditRefusal = checkOverrideAgainstCredits(input.kind, input.amountMinor, credits.facts);
    if (creditRefusal) {
      throw new OverrideRefused('CONFLICT', creditRefusal, { liveCreditMinor: credits.facts.liveCreditMinor });
    }
    const day = utcDayBounds(now);
    const limitRefusal = checkOverrideLimits({
      amountMinor: input.amountMinor,
      settings,
      agentApprovedTodayMinor: sumApprovedForRequester(db, actor.operatorId, day.start, day.end),
    });
    if (limitRefusal) {
      throw new OverrideRefused('CONFLICT', limitRefusal, {
        perRequestCapMinor: settings.perRequestCapMinor,
        agentDailyTotalMinor: settings.agentDailyTotalMinor,
      });
    }

    const id = newTimeOrderedId(now);
    insertOverride(db, {
      id,
      accountId: account.id,
      outageId: outage.id,
      kind: input.kind,
      amountMinor: input.amountMinor,
      currency: account.currency,
      reasonCode: input.reasonCode,
      justification: input.justification,
      interactionRef: input.interactionRef,
      requestedBy: actor.operatorId,
      createdAt: now.toISOString(),
      clientRequestId: input.clientRequestId,
    });
    const row = findOverride(db, id)!;
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'override.submitted',
      target: `override_request:${id}`,
      before: null,
      after: { ...overrideAuditSnapshot(row), justification: row.justification },
      at: now,
    });
    return toOverrideView(row, settings);
  });
}
