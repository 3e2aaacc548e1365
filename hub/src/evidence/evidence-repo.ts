import type { Credit } from '@shared/domain/credit';
import type { CreditClaim, CreditClaimView, FaultKind, FaultReport, FaultReportView } from '@shared/domain/fault-report';
import type { CreditClaimChange, FaultReportChange } from '@shared/hub/evidence-operations';
import type { CreditChange } from '@shared/hub/changes';
import type { Tx } from '../db/transaction';

/** The one owner of the hub's `fault_reports` and `credit_claims` (hub migration 008). */

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface HubFaultReportRow extends FaultReportView {
  accountNumber: string;
  clientRequestId: string;
  recordedById: number;
}

const REPORT_SELECT = `SELECT f.id, f.account_id AS "accountId", f.line_id::float8 AS "lineId", f.outage_id AS "outageId",
    ${iso('f.from_at')} AS "fromAt", ${iso('f.to_at')} AS "toAt", f.failed, f.note, f.interaction_ref AS "interactionRef",
    ${iso('f.reported_at')} AS "reportedAt", o.username AS "recordedBy", f.recorded_by AS "recordedById",
    f.client_request_id::text AS "clientRequestId", a.account_number AS "accountNumber"
  FROM fault_reports f JOIN operators o ON o.id = f.recorded_by JOIN accounts a ON a.id = f.account_id`;

export async function findHubFaultReport(tx: Tx, id: string): Promise<HubFaultReportRow | null> {
  const { rows } = await tx.query<HubFaultReportRow>(`${REPORT_SELECT} WHERE f.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findHubFaultReportByClientRequest(tx: Tx, recordedBy: number, clientRequestId: string): Promise<HubFaultReportRow | null> {
  const { rows } = await tx.query<HubFaultReportRow>(`${REPORT_SELECT} WHERE f.recorded_by = $1 AND f.client_request_id = $2`, [recordedBy, clientRequestId]);
  return rows[0] ?? null;
}

export async function listHubFaultReportsOfAccount(tx: Tx, accountId: number): Promise<FaultReport[]> {
  const { rows } = await tx.query<HubFaultReportRow>(`${REPORT_SELECT} WHERE f.account_id = $1 ORDER BY f.reported_at, f.id`, [accountId]);
  return rows.map(toDomainReport);
}

export interface NewHubFaultReport {
  id: string;
  accountId: number;
  lineId: number | null;
  outageId: number;
  fromAt: string;
  toAt: string | null;
  failed: readonly FaultKind[];
  note: string;
  interactionRef: string;
  reportedAt: string;
  recordedBy: number;
  desktopId: string;
  clientRequestId: string;
}

/** False when the id or the (operator, draft) is taken: nothing is written then. */
export async function insertHubFaultReport(tx: Tx, row: NewHubFaultReport): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO fault_reports (id, account_id, line_id, outage_id, from_at, to_at, failed, note, interaction_ref, reported_at,
       recorded_by, desktop_id, client_request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
    [row.id, row.accountId, row.lineId, row.outageId, row.fromAt, row.toAt, [...new Set(row.failed)].sort(), row.note, row.interactionRef,
      row.reportedAt, row.recordedBy, row.desktopId, row.clientRequestId],
  );
  return rowCount === 1;
}

function toDomainReport(row: HubFaultReportRow): FaultReport {
  return { id: row.id, accountId: row.accountId, lineId: row.lineId, outageId: row.outageId, fromAt: row.fromAt, toAt: row.toAt, failed: row.failed, reportedAt: row.reportedAt };
}

export function toHubReportView(row: HubFaultReportRow): FaultReportView {
  return { ...toDomainReport(row), note: row.note, interactionRef: row.interactionRef, recordedBy: row.recordedBy };
}

export function toReportChange(row: HubFaultReportRow): FaultReportChange {
  return { ...toHubReportView(row), accountNumber: row.accountNumber, clientRequestId: row.clientRequestId };
}

export interface HubClaimRow extends CreditClaimView {
  accountNumber: string;
}

const CLAIM_SELECT = `SELECT c.id, c.account_id AS "accountId", c.outage_id AS "outageId", c.policy_code AS "policyCode",
    ${iso('c.claimed_at')} AS "claimedAt", c.interaction_ref AS "interactionRef", o.username AS "recordedBy", c.credit_id AS "creditId",
    a.account_number AS "accountNumber"
  FROM credit_claims c JOIN operators o ON o.id = c.recorded_by JOIN accounts a ON a.id = c.account_id`;

export async function findHubClaim(tx: Tx, accountId: number, outageId: number, policyCode: string): Promise<HubClaimRow | null> {
  const { rows } = await tx.query<HubClaimRow>(`${CLAIM_SELECT} WHERE c.account_id = $1 AND c.outage_id = $2 AND c.policy_code = $3`, [accountId, outageId, policyCode]);
  return rows[0] ?? null;
}

export async function listHubClaimsOfAccount(tx: Tx, accountId: number): Promise<CreditClaim[]> {
  const { rows } = await tx.query<HubClaimRow>(`${CLAIM_SELECT} WHERE c.account_id = $1 ORDER BY c.claimed_at, c.id`, [accountId]);
  return rows.map((r) => ({ id: r.id, accountId: r.accountId, outageId: r.outageId, policyCode: r.policyCode, claimedAt: r.claimedAt }));
}

export interface NewHubClaim {
  id: string;
  accountId: number;
  outageId: number;
  policyCode: string;
  claimedAt: string;
  interactionRef: string;
  recordedBy: number;
  desktopId: string;
}

/** False when the id or the (account, outage, policy) is taken. */
export async function insertHubClaim(tx: Tx, row: NewHubClaim): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO credit_claims (id, account_id, outage_id, policy_code, claimed_at, interaction_ref, recorded_by, desktop_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [row.id, row.accountId, row.outageId, row.policyCode, row.claimedAt, row.interactionRef, row.recordedBy, row.desktopId],
  );
  return rowCount === 1;
}

export async function linkHubClaimCredit(tx: Tx, claimId: string, creditId: string): Promise<void> {
  await tx.query('UPDATE credit_claims SET credit_id = $1 WHERE id = $2 AND credit_id IS NULL', [creditId, claimId]);
}

export function toClaimChange(row: HubClaimRow): CreditClaimChange {
  return { ...toHubClaimView(row), accountNumber: row.accountNumber };
}

export function toHubClaimView(row: HubClaimRow): CreditClaimView {
  const { accountNumber: _omitted, ...view } = row;
  return view;
}

/** The account's credits (every outage, live or reversed) as the engine reads them. */
export async function listHubCreditsOfAccount(tx: Tx, accountId: number): Promise<Credit[]> {
  const { rows } = await tx.query<Credit>(
    `SELECT c.id, c.account_id AS "accountId", c.line_id::float8 AS "lineId", c.outage_id AS "outageId", c.policy_code AS "policyCode",
       coalesce(p.version, 1) AS "policyVersion", c.amount_minor AS "amountMinor", c.currency, c.source, c.status,
       to_char(c.scheduled_on, 'YYYY-MM-DD') AS "scheduledOn", to_char(c.bill_date, 'YYYY-MM-DD') AS "billDate",
       c.idempotency_key AS "idempotencyKey"
     FROM credits c LEFT JOIN credit_policies p ON p.id = c.policy_id WHERE c.account_id = $1 ORDER BY c.created_at, c.id`,
    [accountId],
  );
  return rows;
}

export interface NewClaimedCredit {
  id: string;
  accountId: number;
  lineId: number | null;
  outageId: number;
  policyId: number;
  policyCode: string;
  amountMinor: number;
  currency: string;
  scheduledOn: string;
  billDate: string;
  idempotencyKey: string;
  createdAt: Date;
}

/** False when the key (or the id) is taken: the credit was written before, here or by a run. */
export async function insertClaimedCredit(tx: Tx, credit: NewClaimedCredit): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO credits (id, account_id, line_id, outage_id, policy_id, policy_code, amount_minor, currency, source, status,
       scheduled_on, bill_date, idempotency_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'automatic', 'scheduled', $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
    [credit.id, credit.accountId, credit.lineId, credit.outageId, credit.policyId, credit.policyCode, credit.amountMinor, credit.currency,
      credit.scheduledOn, credit.billDate, credit.idempotencyKey, credit.createdAt],
  );
  return rowCount === 1;
}

/** A policy's credit as the change log carries it: with its key and policy, so desktops keep both. */
export async function readClaimedCreditChange(tx: Tx, creditId: string): Promise<CreditChange> {
  const { rows } = await tx.query<CreditChange>(
    `SELECT c.id, a.account_number AS "accountNumber", c.outage_id AS "outageId", c.amount_minor AS "amountMinor", c.currency,
       c.source, c.status, to_char(c.scheduled_on, 'YYYY-MM-DD') AS "scheduledOn", to_char(c.bill_date, 'YYYY-MM-DD') AS "billDate",
       c.override_request_id AS "overrideRequestId", c.idempotency_key AS "idempotencyKey", c.policy_id AS "policyId",
       c.policy_code AS "policyCode"
     FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.id = $1`,
    [creditId],
  );
  return rows[0]!;
}

/** Where the entity's latest change sits in the log (an accepted replay answers with it). */
export async function latestEntityPosition(tx: Tx, entity: string, entityId: string): Promise<number> {
  const { rows } = await tx.query<{ position: string }>('SELECT max(position)::text AS position FROM change_log WHERE entity = $1 AND entity_id = $2', [entity, entityId]);
  return Number(rows[0]?.position ?? 0);
}
