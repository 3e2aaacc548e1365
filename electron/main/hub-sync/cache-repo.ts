import type Database from 'better-sqlite3';
import { currencies } from '@shared/domain/account';
import type { Role } from '@shared/domain/operator';
import type { OverrideRequestView, OverrideSettings } from '@shared/domain/override';
import { cachedStatement } from '../db/statement-cache';

/** A local stand-in for a hub operator: its password is checked at the hub, never here. */
export const HUB_VERIFIED_PASSWORD = '!hub';

const sql = {
  operatorByName: 'SELECT id, role FROM operators WHERE username = ?',
  insertOperator: `INSERT INTO operators (username, display_name, role, password_hash, locale, time_zone, created_at)
    VALUES (@username, @displayName, @role, '${HUB_VERIFIED_PASSWORD}', @locale, @timeZone, @createdAt)`,
  updateOperator: `UPDATE operators SET display_name = @displayName, role = @role, locale = coalesce(@locale, locale),
      time_zone = coalesce(@timeZone, time_zone) WHERE id = @id`,
  accountId: 'SELECT id FROM accounts WHERE account_number = ?',
  outageExists: 'SELECT 1 FROM outages WHERE id = ?',
  requestById: 'SELECT id, credit_id AS creditId, status, version FROM override_requests WHERE id = ?',
  insertRequest: `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code,
      justification, interaction_ref, requested_by, status, decided_by, decision_note, created_at, decided_at,
      client_request_id, version, sync_state, in_kind_description, consent_method, consent_at, fault_report_id, policy_code)
    VALUES (@id, @accountId, @outageId, @kind, @amountMinor, @currency, @reasonCode, @justification, @interactionRef,
      @requestedBy, @status, @decidedBy, @decisionNote, @createdAt, @decidedAt, NULL, @version, 'synced',
      @inKindDescription, @consentMethod, @consentAt, @faultReportId, @policyCode)`,
  updateRequest: `UPDATE override_requests SET status = @status, decided_by = @decidedBy, decision_note = @decisionNote,
      decided_at = @decidedAt, version = @version, sync_state = 'synced', sync_refusal = NULL WHERE id = @id`,
  linkCredit: 'UPDATE override_requests SET credit_id = ? WHERE id = ?',
  creditExists: 'SELECT exported_batch_id AS exportedBatchId FROM credits WHERE id = ?',
  deleteUnexportedCredit: 'DELETE FROM credits WHERE id = ? AND exported_batch_id IS NULL',
  revertToPending: `UPDATE override_requests SET status = 'pending', decided_by = NULL, decision_note = NULL, decided_at = NULL,
      credit_id = NULL, version = ?, sync_state = 'refused', sync_refusal = ? WHERE id = ?`,
  refuseSubmit: `UPDATE override_requests SET status = 'rejected', decided_at = ?, version = version + 1,
      sync_state = 'refused', sync_refusal = ? WHERE id = ? AND status = 'pending'`,
  operatorOf: 'SELECT id, role FROM operators WHERE username = ?',
  hiddenRequests: `SELECT r.id, o.username FROM override_requests r JOIN operators o ON o.id = r.requested_by
    WHERE r.requested_by != @operatorId AND r.sync_state IS NOT NULL
      AND r.id NOT IN (SELECT request_id FROM hub_outbox WHERE state = 'pending')`,
  deleteHidden: `DELETE FROM override_requests WHERE requested_by != @operatorId AND sync_state IS NOT NULL
      AND id NOT IN (SELECT request_id FROM hub_outbox WHERE state = 'pending')`,
  overseers: "SELECT username FROM operators WHERE role IN ('supervisor', 'admin')",
  // The hub's limits over the cached ones, and the hub's site time zone when it sent one (an
  // older hub's does not: the cached zone stays). The version moves only when something changed.
  // The single-amount columns keep the USD figures (migration 021).
  settings: `INSERT INTO override_settings (id, per_request_cap_minor, agent_daily_total_minor, expiry_days, site_time_zone, version, updated_by, updated_at)
    VALUES (1, @usdCap, @usdDaily, @expiryDays, @siteTimeZone, 1, NULL, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET per_request_cap_minor = excluded.per_request_cap_minor,
      agent_daily_total_minor = excluded.agent_daily_total_minor, expiry_days = excluded.expiry_days,
      site_time_zone = COALESCE(excluded.site_time_zone, override_settings.site_time_zone),
      version = override_settings.version + 1, updated_by = NULL, updated_at = excluded.updated_at
    WHERE (override_settings.expiry_days IS NOT excluded.expiry_days) OR @limitsChanged = 1
      OR (excluded.site_time_zone IS NOT NULL AND override_settings.site_time_zone IS NOT excluded.site_time_zone)`,
  currencyLimit: `SELECT per_request_cap_minor AS cap, agent_daily_total_minor AS daily FROM override_currency_limits WHERE currency = ?`,
  saveCurrencyLimit: `INSERT INTO override_currency_limits (currency, per_request_cap_minor, agent_daily_total_minor) VALUES (?, ?, ?)
    ON CONFLICT (currency) DO UPDATE SET per_request_cap_minor = excluded.per_request_cap_minor,
      agent_daily_total_minor = excluded.agent_daily_total_minor`,
} as const;

export interface HubOperatorFacts {
  username: string;
  displayName: string;
  role: Role;
  locale: string | null;
  timeZone: string | null;
}

/** The local id of a hub operator, creating or refreshing the local stand-in. */
export function upsertLocalOperator(db: Database.Database, operator: HubOperatorFacts, now: string): number {
  const found = cachedStatement<[string], { id: number; role: Role }>(db, sql.operatorByName).get(operator.username);
  if (found) {
    cachedStatement(db, sql.updateOperator).run({ ...operator, id: found.id });
    return found.id;
  }
  const result = cachedStatement(db, sql.insertOperator).run({
    ...operator,
    locale: operator.locale ?? 'en',
    timeZone: operator.timeZone ?? 'America/Chicago',
    createdAt: now,
  });
  return Number(result.lastInsertRowid);
}

/** The hub's view of an operator's own daily totals replaces the cached one (the desktop's override rules read it). */
export function replaceCachedDailyLimits(db: Database.Database, localOperatorId: number, limits: Partial<Record<string, number>>, now: string): void {
  cachedStatement(db, 'DELETE FROM operator_daily_limits WHERE operator_id = ?').run(localOperatorId);
  const insert = cachedStatement(
    db,
    'INSERT INTO operator_daily_limits (operator_id, currency, daily_total_minor, updated_by, updated_at) VALUES (?, ?, ?, NULL, ?)',
  );
  for (const [currency, minor] of Object.entries(limits)) if (minor !== undefined) insert.run(localOperatorId, currency, minor, now);
}

/** The local id of an operator known only by name (a request's filer or decider). */
export function localOperatorId(db: Database.Database, username: string, role: Role, now: string): number {
  const found = cachedStatement<[string], { id: number }>(db, sql.operatorByName).get(username);
  if (found) return found.id;
  return upsertLocalOperator(db, { username, displayName: username, role, locale: null, timeZone: null }, now);
}

export function localAccountId(db: Database.Database, accountNumber: string): number | undefined {
  return cachedStatement<[string], { id: number }>(db, sql.accountId).get(accountNumber)?.id;
}

export function hasOutage(db: Database.Database, outageId: number): boolean {
  return cachedStatement<[number], unknown>(db, sql.outageExists).get(outageId) !== undefined;
}

export interface LocalRequestFacts {
  id: string;
  creditId: string | null;
  status: string;
  version: number;
}

export function findLocalRequest(db: Database.Database, id: string): LocalRequestFacts | undefined {
  return cachedStatement<[string], LocalRequestFacts>(db, sql.requestById).get(id);
}

export interface CachedRequest {
  accountId: number;
  requestedBy: number;
  decidedBy: number | null;
}

export function insertCachedRequest(db: Database.Database, view: OverrideRequestView, ids: CachedRequest): void {
  cachedStatement(db, sql.insertRequest).run({
    id: view.id,
    accountId: ids.accountId,
    outageId: view.outageId,
    kind: view.kind,
    amountMinor: view.amountMinor,
    currency: view.currency,
    reasonCode: view.reasonCode,
    justification: view.justification,
    interactionRef: view.interactionRef,
    requestedBy: ids.requestedBy,
    status: view.status,
    decidedBy: ids.decidedBy,
    decisionNote: view.decisionNote,
    createdAt: view.createdAt,
    decidedAt: view.decidedAt,
    version: view.version,
    // Compensation in kind: the consent record the hub keeps with the request (issue 13).
    inKindDescription: view.inKind?.description ?? null,
    consentMethod: view.inKind?.consentMethod ?? null,
    consentAt: view.inKind?.consentAt ?? null,
    // A credit resting on a fault report: the report (already here, earlier in the log) and the policy.
    faultReportId: view.faultReport?.id ?? null,
    policyCode: view.faultReport?.policyCode ?? null,
  });
}

export function updateCachedRequest(db: Database.Database, view: OverrideRequestView, decidedBy: number | null): void {
  cachedStatement(db, sql.updateRequest).run({
    id: view.id,
    status: view.status,
    decidedBy,
    decisionNote: view.decisionNote,
    decidedAt: view.decidedAt,
    version: view.version,
  });
}

export function linkRequestCredit(db: Database.Database, requestId: string, creditId: string | null): void {
  cachedStatement(db, sql.linkCredit).run(creditId, requestId);
}

export function findCreditExport(db: Database.Database, id: string): { exportedBatchId: number | null } | undefined {
  return cachedStatement<[string], { exportedBatchId: number | null }>(db, sql.creditExists).get(id);
}

/** Drops a credit this desktop wrote ahead of the hub's answer; one billing has seen is kept. */
export function deleteProvisionalCredit(db: Database.Database, id: string): boolean {
  return cachedStatement(db, sql.deleteUnexportedCredit).run(id).changes === 1;
}

/** Undoes a decision or withdrawal the hub refused: the request is pending again at its old version. */
export function revertRequestToPending(db: Database.Database, id: string, version: number, reason: string): void {
  cachedStatement(db, sql.revertToPending).run(version, reason, id);
}

/** A filing the hub refused is closed here too (it never existed there), showing the reason. */
export function closeRefusedSubmission(db: Database.Database, id: string, reason: string, now: string): void {
  cachedStatement(db, sql.refuseSubmit).run(now, reason, id);
}

/** The hub's override settings into the cache: each currency's limits and the days to decide. */
/** The hub's limits (and its site time zone, when given) into this desktop's cache. */
export function saveHubSettings(db: Database.Database, settings: OverrideSettings & { siteTimeZone?: string }, now: string): void {
  let limitsChanged = 0;
  for (const currency of currencies) {
    const cap = settings.perRequestCapMinor[currency];
    const daily = settings.agentDailyTotalMinor[currency];
    const cached = cachedStatement<[string], { cap: number; daily: number }>(db, sql.currencyLimit).get(currency);
    if (cached?.cap === cap && cached.daily === daily) continue;
    cachedStatement(db, sql.saveCurrencyLimit).run(currency, cap, daily);
    limitsChanged = 1;
  }
  cachedStatement(db, sql.settings).run({
    usdCap: settings.perRequestCapMinor.USD,
    usdDaily: settings.agentDailyTotalMinor.USD,
    expiryDays: settings.expiryDays,
    siteTimeZone: settings.siteTimeZone ?? null,
    updatedAt: now,
    limitsChanged,
  });
}

/** A local operator by name: the id and role the last sign-in through the hub stored. */
export function findLocalOperator(db: Database.Database, username: string): { id: number; role: Role } | undefined {
  return cachedStatement<[string], { id: number; role: Role }>(db, sql.operatorOf).get(username);
}

/**
 * Removes the override requests an agent may not see (another operator's, as the hub's change
 * log filters them), except one whose operation still waits in the outbox. Returns each removed
 * request with its requester, so that they and the overseers can ask the hub for it back.
 */
export function deleteRequestsHiddenFrom(db: Database.Database, operatorId: number): { id: string; username: string }[] {
  const removed = cachedStatement<[{ operatorId: number }], { id: string; username: string }>(db, sql.hiddenRequests).all({ operatorId });
  if (removed.length === 0) return [];
  cachedStatement(db, sql.deleteHidden).run({ operatorId });
  return removed;
}

export function overseerUsernames(db: Database.Database): string[] {
  return cachedStatement<[], { username: string }>(db, sql.overseers).all().map((row) => row.username);
}
