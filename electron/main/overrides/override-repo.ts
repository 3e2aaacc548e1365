import type { StoredOverride } from '@shared/domain/override-view';
import type Database from 'better-sqlite3';
import type { AmountsByCurrency, ConsentMethod, OverrideKind, OverrideReasonCode, OverrideSettings, OverrideStatus } from '@shared/domain/override';
import { currencies, type Currency } from '@shared/domain/account';
import { EFFECTIVE_STATUS } from '../credits/credit-repo';
import { cachedStatement } from '../db/statement-cache';

/** A request as stored on a desktop, with where it stands with the hub. */
export interface OverrideRow extends StoredOverride {
  clientRequestId: string | null;
  syncState: 'pending_sync' | 'synced' | 'refused' | null;
  syncRefusal: string | null;
  /** `in_kind` only: what is given and the customer's consent. */
  inKindDescription: string | null;
  consentMethod: ConsentMethod | null;
  consentAt: string | null;
  /** `report_credit` only: the policy whose credit it is and the report it rests on. */
  policyCode: string | null;
  faultReportId: string | null;
  reportLineId: number | null;
  reportFromAt: string | null;
  reportToAt: string | null;
  reportFailedJson: string | null;
  reportReportedAt: string | null;
  reportNote: string | null;
}

export interface NewOverrideRow {
  id: string;
  accountId: number;
  outageId: number;
  kind: OverrideKind;
  amountMinor: number;
  currency: Currency;
  reasonCode: OverrideReasonCode;
  justification: string;
  interactionRef: string;
  requestedBy: number;
  createdAt: string;
  clientRequestId: string;
  inKind?: { description: string; consentMethod: ConsentMethod; consentAt: string } | null;
  report?: { faultReportId: string; policyCode: string } | null;
}

const SELECT = `SELECT r.id, r.account_id AS accountId, a.account_number AS accountNumber, a.holder_name AS holderName,
    a.bill_cycle_day AS billCycleDay, r.outage_id AS outageId, o.title AS outageTitle, r.kind,
    r.amount_minor AS amountMinor, r.currency, r.reason_code AS reasonCode, r.justification,
    r.interaction_ref AS interactionRef, r.requested_by AS requestedById, rq.username AS requestedBy, r.status,
    r.decided_by AS decidedById, dc.username AS decidedBy, r.decision_note AS decisionNote,
    r.created_at AS createdAt, r.decided_at AS decidedAt, r.client_request_id AS clientRequestId,
    r.credit_id AS creditId, ${EFFECTIVE_STATUS} AS creditStatus, c.bill_date AS billDate, r.version,
    r.sync_state AS syncState, r.sync_refusal AS syncRefusal, r.in_kind_description AS inKindDescription,
    r.consent_method AS consentMethod, r.consent_at AS consentAt, r.policy_code AS policyCode,
    r.fault_report_id AS faultReportId, fr.line_id AS reportLineId, fr.from_at AS reportFromAt, fr.to_at AS reportToAt,
    fr.failed_json AS reportFailedJson, fr.reported_at AS reportReportedAt, fr.note AS reportNote
  FROM override_requests r
  LEFT JOIN fault_reports fr ON fr.id = r.fault_report_id
  JOIN accounts a ON a.id = r.account_id
  JOIN outages o ON o.id = r.outage_id
  JOIN operators rq ON rq.id = r.requested_by
  LEFT JOIN operators dc ON dc.id = r.decided_by
  LEFT JOIN credits c ON c.id = r.credit_id`;

export const overrideSql = {
  insert: `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code,
      justification, interaction_ref, requested_by, status, created_at, client_request_id, version,
      in_kind_description, consent_method, consent_at, fault_report_id, policy_code)
    VALUES (@id, @accountId, @outageId, @kind, @amountMinor, @currency, @reasonCode, @justification,
      @interactionRef, @requestedBy, 'pending', @createdAt, @clientRequestId, 1,
      @inKindDescription, @consentMethod, @consentAt, @faultReportId, @policyCode)`,
  byId: `${SELECT} WHERE r.id = ?`,
  byClientRequest: `${SELECT} WHERE r.requested_by = ? AND r.client_request_id = ?`,
  openForAccountOutage: `${SELECT} WHERE r.account_id = ? AND r.outage_id = ? AND r.status = 'pending'`,
  ofRequester: `${SELECT} WHERE r.requested_by = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?`,
  queue: `${SELECT}
    WHERE (@status IS NULL OR r.status = @status)
      AND (@agent IS NULL OR rq.username = @agent)
      AND (@outageId IS NULL OR r.outage_id = @outageId)
      AND (@minAmount IS NULL OR r.amount_minor >= @minAmount)
      AND (@maxAmount IS NULL OR r.amount_minor <= @maxAmount)
    ORDER BY r.created_at ASC, r.id ASC LIMIT @limit`,
  pendingCreatedBefore: `SELECT id, status, created_at AS createdAt, version FROM override_requests
    WHERE status = 'pending' AND created_at <= ? ORDER BY created_at`,
  decide: `UPDATE override_requests
    SET status = @status, decided_by = @decidedBy, decision_note = @note, decided_at = @decidedAt,
        credit_id = @creditId, version = version + 1
    WHERE id = @id AND version = @version AND status = 'pending'`,
  approvedForRequesterBetween: `SELECT currency, sum(amount_minor) AS total FROM override_requests
    WHERE requested_by = ? AND status = 'approved' AND decided_at >= ? AND decided_at < ?
    GROUP BY currency`,
  accountTouchedByOutage: `SELECT 1 FROM lines l JOIN impacts i ON i.line_id = l.id
    WHERE l.account_id = ? AND i.outage_id = ? LIMIT 1`,
  settings: `SELECT expiry_days AS expiryDays, site_time_zone AS siteTimeZone, version FROM override_settings WHERE id = 1`,
  currencyLimits: `SELECT currency, per_request_cap_minor AS perRequestCapMinor, agent_daily_total_minor AS agentDailyTotalMinor
    FROM override_currency_limits`,
  // The single-amount columns are no longer read (migration 021); they keep the USD figures.
  saveSettings: `INSERT INTO override_settings (id, per_request_cap_minor, agent_daily_total_minor, expiry_days,
      site_time_zone, version, updated_by, updated_at)
    VALUES (1, @usdCap, @usdDaily, @expiryDays, @siteTimeZone, 1, @updatedBy, @updatedAt)
    ON CONFLICT (id) DO UPDATE SET per_request_cap_minor = excluded.per_request_cap_minor,
      agent_daily_total_minor = excluded.agent_daily_total_minor, expiry_days = excluded.expiry_days,
      site_time_zone = excluded.site_time_zone, version = override_settings.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  saveCurrencyLimit: `INSERT INTO override_currency_limits (currency, per_request_cap_minor, agent_daily_total_minor) VALUES (?, ?, ?)
    ON CONFLICT (currency) DO UPDATE SET per_request_cap_minor = excluded.per_request_cap_minor,
      agent_daily_total_minor = excluded.agent_daily_total_minor`,
} as const;

export function insertOverride(db: Database.Database, row: NewOverrideRow): void {
  const { inKind, report, ...rest } = row;
  cachedStatement(db, overrideSql.insert).run({
    ...rest,
    inKindDescription: inKind?.description ?? null,
    consentMethod: inKind?.consentMethod ?? null,
    consentAt: inKind?.consentAt ?? null,
    faultReportId: report?.faultReportId ?? null,
    policyCode: report?.policyCode ?? null,
  });
}

export function findOverride(db: Database.Database, id: string): OverrideRow | undefined {
  return cachedStatement<[string], OverrideRow>(db, overrideSql.byId).get(id);
}

export function findOverrideByClientRequest(
  db: Database.Database,
  requestedBy: number,
  clientRequestId: string,
): OverrideRow | undefined {
  return cachedStatement<[number, string], OverrideRow>(db, overrideSql.byClientRequest).get(requestedBy, clientRequestId);
}

export function findOpenOverride(db: Database.Database, accountId: number, outageId: number): OverrideRow | undefined {
  return cachedStatement<[number, number], OverrideRow>(db, overrideSql.openForAccountOutage).get(accountId, outageId);
}

export function listOverridesOfRequester(db: Database.Database, requestedBy: number, limit: number): OverrideRow[] {
  return cachedStatement<[number, number], OverrideRow>(db, overrideSql.ofRequester).all(requestedBy, limit);
}

export interface QueueFilter {
  status: OverrideStatus | null;
  agent: string | null;
  outageId: number | null;
  minAmount: number | null;
  maxAmount: number | null;
  limit: number;
}

export function listOverrideQueue(db: Database.Database, filter: QueueFilter): OverrideRow[] {
  return cachedStatement<[QueueFilter], OverrideRow>(db, overrideSql.queue).all(filter);
}

export interface ExpirableRow {
  id: string;
  status: OverrideStatus;
  createdAt: string;
  version: number;
}

export function listPendingCreatedBefore(db: Database.Database, cutoff: string): ExpirableRow[] {
  return cachedStatement<[string], ExpirableRow>(db, overrideSql.pendingCreatedBefore).all(cutoff);
}

export interface DecideRow {
  id: string;
  version: number;
  status: OverrideStatus;
  decidedBy: number | null;
  note: string | null;
  decidedAt: string;
  creditId: string | null;
}

/** Returns false when the row moved on (another decision, or a stale version). */
export function decideOverride(db: Database.Database, row: DecideRow): boolean {
  return cachedStatement(db, overrideSql.decide).run(row).changes === 1;
}

/** Approved for the requester in [from, to), per currency. */
export function sumApprovedForRequester(db: Database.Database, requestedBy: number, from: string, to: string): AmountsByCurrency {
  const rows = cachedStatement<[number, string, string], { currency: Currency; total: number }>(db, overrideSql.approvedForRequesterBetween).all(
    requestedBy,
    from,
    to,
  );
  return Object.fromEntries(rows.map((row) => [row.currency, row.total]));
}

export function isAccountTouchedByOutage(db: Database.Database, accountId: number, outageId: number): boolean {
  return cachedStatement<[number, number], unknown>(db, overrideSql.accountTouchedByOutage).get(accountId, outageId) !== undefined;
}

/** The stored settings; `siteTimeZone` is null when none was ever chosen (the desktop's zone applies). */
export interface StoredOverrideSettings {
  expiryDays: number;
  siteTimeZone: string | null;
  version: number;
}

export function readOverrideSettings(db: Database.Database): StoredOverrideSettings | undefined {
  return cachedStatement<[], StoredOverrideSettings>(db, overrideSql.settings).get();
}

/** The limits stored per currency; a currency without a row has none set (its default applies). */
export function readCurrencyLimits(db: Database.Database): Map<Currency, { perRequestCapMinor: number; agentDailyTotalMinor: number }> {
  const rows = cachedStatement<[], { currency: Currency; perRequestCapMinor: number; agentDailyTotalMinor: number }>(db, overrideSql.currencyLimits).all();
  return new Map(rows.map(({ currency, ...limits }) => [currency, limits]));
}

/** Writes the limits of every currency and the rest of the settings; the caller holds the transaction. */
export function saveOverrideSettings(
  db: Database.Database,
  settings: OverrideSettings & { siteTimeZone: string | null; updatedBy: number | null; updatedAt: string },
): void {
  cachedStatement(db, overrideSql.saveSettings).run({
    usdCap: settings.perRequestCapMinor.USD,
    usdDaily: settings.agentDailyTotalMinor.USD,
    expiryDays: settings.expiryDays,
    siteTimeZone: settings.siteTimeZone,
    updatedBy: settings.updatedBy,
    updatedAt: settings.updatedAt,
  });
  for (const currency of currencies) {
    cachedStatement(db, overrideSql.saveCurrencyLimit).run(currency, settings.perRequestCapMinor[currency], settings.agentDailyTotalMinor[currency]);
  }
}
