import type Database from 'better-sqlite3';
import { agentDailyLimit, checkOverrideAgainstCredits, filedOverrideKinds, type AmountsByCurrency, type OverrideRequestView } from '@shared/domain/override';
import { readOperatorDailyLimits } from '../auth/operator-admin-repo';
import type { OverrideDecisionContext, OverrideOutageOption, OverrideQueueItem } from '@shared/ipc/override-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import { findAccountByNumber } from '../accounts/account-repo';
import { getAccountDecisions } from '../decisions/decision-service';
import { findOutage, listImpactsOfAccount } from '../outages/outage-repo';
import type { Actor } from '@shared/domain/operator';
import { readLiveCredits } from './override-credits';
import { outageAllowsInKind } from './in-kind';
import { expireOverdueOverrides } from './override-expiry';
import {
  findOpenOverride,
  listOverrideQueue,
  listOverridesOfRequester,
  sumApprovedForRequester,
  type QueueFilter,
} from './override-repo';
import { flagsOfRequests, getPatternThresholds } from './override-patterns';
import { getOverrideSettings, siteBusinessDay } from './override-settings';
import { toOverrideView } from './override-view';

const HISTORY_LENGTH = 5;
const QUEUE_LIMIT = 100;
const MINE_LIMIT = 100;

/** Reads after applying expiry, so a request whose time is up is never shown as pending. */
function readWithExpiry<T>(db: Database.Database, now: Date, read: () => T): T {
  return db
    .transaction(() => {
      expireOverdueOverrides(db, getOverrideSettings(db), now);
      return read();
    })
    .immediate();
}

/** The outages an override can be filed for on this account, prefilled for the form. */
export function listOverrideOptions(db: Database.Database, accountNumber: string, now: Date): Result<OverrideOutageOption[]> {
  return readWithExpiry(db, now, () => optionsOf(db, accountNumber));
}

function optionsOf(db: Database.Database, accountNumber: string): Result<OverrideOutageOption[]> {
  const account = findAccountByNumber(db, accountNumber);
  if (!account) return err('NOT_FOUND');
  const outageIds = [...new Set(listImpactsOfAccount(db, account.id).map((impact) => impact.outageId))].sort((a, b) => a - b);
  const options: OverrideOutageOption[] = [];
  for (const outageId of outageIds) {
    const outage = findOutage(db, outageId);
    if (!outage) continue;
    const credits = readLiveCredits(db, account.id, outageId);
    const open = findOpenOverride(db, account.id, outageId);
    const inKind = outageAllowsInKind(db, outageId);
    options.push({
      outageId,
      title: outage.title,
      startsAt: outage.startsAt,
      currency: account.currency,
      liveCreditMinor: credits.facts.liveCreditMinor,
      liveCreditCount: credits.facts.liveCreditCount,
      openRequestId: open?.id ?? null,
      allowedKinds: filedOverrideKinds.filter((kind) => {
        if (kind === 'in_kind' && !inKind) return false;
        const probe = kind === 'reverse' ? credits.facts.liveCreditMinor : kind === 'adjust' ? -1 : 1;
        return checkOverrideAgainstCredits(kind, probe, credits.facts) === null;
      }),
    });
  }
  return ok(options);
}

export function listMyOverrides(db: Database.Database, actor: Actor, now: Date): OverrideRequestView[] {
  return readWithExpiry(db, now, () => {
    const settings = getOverrideSettings(db);
    return listOverridesOfRequester(db, actor.operatorId, MINE_LIMIT).map((row) => toOverrideView(row, settings));
  });
}

function decisionContext(db: Database.Database, view: OverrideRequestView, accountId: number, now: Date): OverrideDecisionContext {
  const live = readLiveCredits(db, accountId, view.outageId).facts.liveCreditMinor;
  const decisions = getAccountDecisions(db, view.accountNumber, now.toISOString());
  const found = decisions?.decisions.find((entry) => entry.outage.id === view.outageId && entry.decision !== null);
  if (!found?.decision) {
    return { policyCode: null, status: null, amountMinor: 0, currency: view.currency, failedRules: [], liveCreditMinor: live };
  }
  const { decision } = found;
  const failed = [...decision.rules, ...decision.perLine.flatMap((line) => line.rules)]
    .filter((rule) => rule.outcome === 'fail')
    .map((rule) => rule.code);
  return {
    policyCode: decision.policyCode,
    status: decision.status,
    amountMinor: decision.amountMinor,
    currency: decision.currency,
    failedRules: [...new Set(failed)],
    liveCreditMinor: live,
  };
}

export interface QueueInput {
  status?: QueueFilter['status'] | undefined;
  agent?: string | undefined;
  outageId?: number | undefined;
  minAmountMinor?: number | undefined;
  maxAmountMinor?: number | undefined;
}

/** Oldest first, each with the account's decision for the outage and the agent's recent requests. */
export function listOverrideQueueItems(db: Database.Database, now: Date, input: QueueInput): OverrideQueueItem[] {
  return readWithExpiry(db, now, () => {
    const settings = getOverrideSettings(db);
    const day = siteBusinessDay(settings, now);
    const thresholds = getPatternThresholds(db);
    const rows = listOverrideQueue(db, {
      status: input.status ?? null,
      agent: input.agent ?? null,
      outageId: input.outageId ?? null,
      minAmount: input.minAmountMinor ?? null,
      maxAmount: input.maxAmountMinor ?? null,
      limit: QUEUE_LIMIT,
    });
    const ownLimits = new Map<number, AmountsByCurrency>();
    const ownLimitsOf = (operatorId: number): AmountsByCurrency => {
      let own = ownLimits.get(operatorId);
      if (own === undefined) {
        own = readOperatorDailyLimits(db, operatorId);
        ownLimits.set(operatorId, own);
      }
      return own;
    };
    const flags = flagsOfRequests(db, rows, settings.perRequestCapMinor, thresholds);
    return rows.map((row) => {
      const view = toOverrideView(row, settings);
      const own = ownLimitsOf(row.requestedById);
      return {
        request: view,
        decision: decisionContext(db, view, row.accountId, now),
        agentHistory: listOverridesOfRequester(db, row.requestedById, HISTORY_LENGTH + 1)
          .filter((other) => other.id !== row.id)
          .slice(0, HISTORY_LENGTH)
          .map((other) => ({
            id: other.id,
            status: other.status,
            amountMinor: other.amountMinor,
            currency: other.currency,
            createdAt: other.createdAt,
          })),
        // In the request's currency, over the site's business day: what its approval would add to.
        agentApprovedTodayMinor: sumApprovedForRequester(db, row.requestedById, day.start, day.end)[row.currency] ?? 0,
        // The limit the decision checks (checkOverrideLimits), so the screen shows the one that applies.
        agentDailyLimit: { amountMinor: agentDailyLimit(settings, row.currency, own), own: own[row.currency] !== undefined },
        // For the supervisor's attention only: nothing in filing or deciding reads them.
        flags: flags.get(row.id) ?? [],
      };
    });
  });
}
