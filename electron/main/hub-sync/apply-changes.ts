import type Database from 'better-sqlite3';
import type { OverrideRequestView } from '@shared/domain/override';
import { keyForAccountId } from '@shared/domain/credit';
import { MANUAL_OVERRIDE_POLICY_CODE } from '@shared/domain/override-rules';
import type { Change, CreditChange } from '@shared/hub/changes';
import { findFedCredit, insertFedCredit, updateFedCredit, type FedCredit } from '../credits/credit-repo';
import { ensureManualOverridePolicy } from '../policies/policy-repo';
import {
  deleteProvisionalCredit,
  findCreditExport,
  findLocalRequest,
  hasOutage,
  insertCachedRequest,
  linkRequestCredit,
  localAccountId,
  localOperatorId,
  replaceCachedDailyLimits,
  saveHubSettings,
  updateCachedRequest,
  upsertLocalOperator,
} from './cache-repo';
import { hasPendingOutboxFor } from './outbox-repo';
import { applyClaim, applyFaultReport, localCreditWithKey, localPolicyOf } from './apply-evidence';
import { dropOfflineVerifierFor } from './offline-verifier-repo';
import { savePatternThresholds } from '../overrides/override-patterns';

/** What a page did to the cache; changes for accounts or outages this desktop lacks are skipped. */
export interface ApplyReport {
  applied: number;
  skipped: number;
}

/**
 * The hub's view of a request replaces the local one, unless an operation on it still waits in
 * the outbox: then the local effect stands until the hub answers it (the answer brings the view).
 */
export function applyRequestView(db: Database.Database, view: OverrideRequestView, now: string): boolean {
  if (hasPendingOutboxFor(db, view.id)) return true;
  const accountId = localAccountId(db, view.accountNumber);
  if (accountId === undefined || !hasOutage(db, view.outageId)) return false;
  const decidedBy = view.decidedBy === null ? null : localOperatorId(db, view.decidedBy, 'supervisor', now);
  const local = findLocalRequest(db, view.id);
  if (local) updateCachedRequest(db, view, decidedBy);
  else insertCachedRequest(db, view, { accountId, requestedBy: localOperatorId(db, view.requestedBy, 'agent', now), decidedBy });
  const hubCredit = view.creditId !== null && findCreditExport(db, view.creditId) ? view.creditId : null;
  if (hubCredit) linkRequestCredit(db, view.id, hubCredit);
  return true;
}

function applyCredit(db: Database.Database, credit: CreditChange, now: string): boolean {
  const accountId = localAccountId(db, credit.accountNumber);
  if (accountId === undefined || !hasOutage(db, credit.outageId)) return false;
  const request = credit.overrideRequestId ? findLocalRequest(db, credit.overrideRequestId) : undefined;
  // This desktop's decision wrote its own credit before the hub answered: the hub's replaces it.
  if (request?.creditId && request.creditId !== credit.id) {
    linkRequestCredit(db, request.id, null);
    deleteProvisionalCredit(db, request.creditId);
  }
  const existing = findFedCredit(db, credit.id);
  // The hub built the key on its own id for the account; this cache may know the account under
  // another (not loaded from the hub's snapshot): the key this desktop would build for it.
  const key = credit.idempotencyKey === undefined ? undefined : keyForAccountId(credit.idempotencyKey, accountId);
  // A policy's credit this desktop wrote under the same key before the hub's came: the same
  // credit (the key says so); the local one stands, no second one is written.
  if (!existing && key !== undefined && localCreditWithKey(db, key, credit.id)) return true;
  const hubPolicy = localPolicyOf(db, credit.policyId, credit.policyCode);
  const row: FedCredit = {
    accountId,
    lineId: null,
    outageId: credit.outageId,
    policyId: existing?.policyId ?? hubPolicy ?? ensureManualOverridePolicy(db, MANUAL_OVERRIDE_POLICY_CODE).id,
    amountMinor: credit.amountMinor,
    currency: credit.currency,
    source: credit.source,
    status: credit.status,
    scheduledOn: credit.scheduledOn,
    billDate: credit.billDate,
    idempotencyKey: existing?.idempotencyKey ?? key ?? `hub:${credit.id}`,
    createdAt: existing?.createdAt ?? now,
  };
  if (existing) updateFedCredit(db, credit.id, row);
  else insertFedCredit(db, credit.id, row);
  if (request) linkRequestCredit(db, request.id, credit.id);
  return true;
}

export function applyChange(db: Database.Database, change: Change, now: string): boolean {
  switch (change.entity) {
    case 'override_request':
      return applyRequestView(db, change.data, now);
    case 'credit':
      return applyCredit(db, change.data, now);
    case 'override_settings':
      saveHubSettings(db, change.data, now);
      return true;
    case 'pattern_thresholds':
      // The hub's setting (audited there) replaces this desktop's cache of it.
      savePatternThresholds(db, change.data, null, new Date(now));
      return true;
    case 'operator': {
      const { operatorId: _hubId, active: _active, mustChangePassword: _must, passwordSetAt: _set, dailyLimits, ...facts } = change.data;
      const localId = upsertLocalOperator(db, { ...facts, locale: null, timeZone: null }, now);
      if (dailyLimits) replaceCachedDailyLimits(db, localId, dailyLimits, now);
      // A deactivated operator may not sign in here offline any more, nor with a password an admin
      // replaced. An entry read late (each operator's cursor pulls it once) was applied here
      // already when a verifier stored since was stored: that newer verifier stays.
      if (!change.data.active || change.data.passwordSetAt) dropOfflineVerifierFor(db, change.data.username, change.position);
      return true;
    }
    case 'carrier_batch':
      // Its rows are not in the log: the puller reads a batch after this cache's snapshot from
      // the hub by batch (pull.ts) and never hands it here; one here is in the snapshot already,
      // or this cache follows no carrier data from the hub (it never loaded a snapshot).
      return false;
    case 'fault_report':
      return applyFaultReport(db, change.data, now);
    case 'credit_claim':
      return applyClaim(db, change.data, now);
  }
}
