import { toOverrideView, type StoredOverride } from '@shared/domain/override-view';
import type { Currency } from '@shared/domain/account';
import type { AmountsByCurrency, ConsentMethod, OverrideKind, OverrideRequestView, OverrideSettings, OverrideReasonCode, OverrideStatus } from '@shared/domain/override';
import type { Tx } from '../db/transaction';

/** A request as stored at the hub. */
export interface OverrideRow extends StoredOverride {
  clientRequestId: string;
  /** For `in_kind`: what is given and the customer's consent (hub migration 009); null otherwise. */
  inKindDescription: string | null;
  consentMethod: ConsentMethod | null;
  consentAt: string | null;
  /** For `report_credit`: the report it rests on and the policy whose credit it is (hub migration 010). */
  faultReportId: string | null;
  policyCode: string | null;
  reportLineId: number | null;
  reportFromAt: string | null;
  reportToAt: string | null;
  reportFailed: string[] | null;
  reportReportedAt: string | null;
  reportNote: string | null;
}

const SELECT = `SELECT r.id, r.account_id AS "accountId", a.account_number AS "accountNumber", a.holder_name AS "holderName",
    a.bill_cycle_day AS "billCycleDay", r.outage_id AS "outageId", o.title AS "outageTitle", r.kind,
    r.amount_minor AS "amountMinor", r.currency, r.reason_code AS "reasonCode", r.justification,
    r.interaction_ref AS "interactionRef", r.requested_by AS "requestedById", rq.username AS "requestedBy", r.status,
    r.decided_by AS "decidedById", dc.username AS "decidedBy", r.decision_note AS "decisionNote",
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
    to_char(r.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "decidedAt",
    r.in_kind_description AS "inKindDescription", r.consent_method AS "consentMethod",
    to_char(r.consent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "consentAt",
    r.fault_report_id AS "faultReportId", r.policy_code AS "policyCode", fr.line_id::float8 AS "reportLineId",
    to_char(fr.from_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reportFromAt",
    to_char(fr.to_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reportToAt", fr.failed AS "reportFailed",
    to_char(fr.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reportReportedAt", fr.note AS "reportNote",
    r.client_request_id AS "clientRequestId", r.credit_id AS "creditId", c.status AS "creditStatus",
    to_char(c.bill_date, 'YYYY-MM-DD') AS "billDate", r.version
  FROM override_requests r
  JOIN accounts a ON a.id = r.account_id
  JOIN outages o ON o.id = r.outage_id
  JOIN operators rq ON rq.id = r.requested_by
  LEFT JOIN operators dc ON dc.id = r.decided_by
  LEFT JOIN credits c ON c.id = r.credit_id
  LEFT JOIN fault_reports fr ON fr.id = r.fault_report_id`;

export async function findOverride(tx: Tx, id: string): Promise<OverrideRow | null> {
  const { rows } = await tx.query<OverrideRow>(`${SELECT} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The request, its row locked for the rest of the transaction (one decision or withdrawal at a time), in one round trip. */
export async function findOverrideForUpdate(tx: Tx, id: string): Promise<(OverrideRow & { statuteAttached: boolean }) | null> {
  // Whether a statutory rule set is attached to the outage rides along: only then does an
  // approval read the account's case for the legal floor (no round trip of its own otherwise).
  const { rows } = await tx.query<OverrideRow & { statuteAttached: boolean }>(
    `${SELECT.replace(' FROM override_requests r', `, ${STATUTE_ATTACHED('r.outage_id')} AS "statuteAttached" FROM override_requests r`)} WHERE r.id = $1 FOR UPDATE OF r`,
    [id],
  );
  return rows[0] ?? null;
}

/** SQL: whether a version of a statutory rule set (`legalBasis: 'statute'`) is attached to the outage `outageIdSql`. */
export function STATUTE_ATTACHED(outageIdSql: string): string {
  return `EXISTS (SELECT 1 FROM outage_policies op JOIN credit_policies p ON p.id = op.policy_id WHERE op.outage_id = ${outageIdSql} AND p.rules->>'legalBasis' = 'statute')`;
}

/** Locks the request's row for the rest of the transaction: one decision or withdrawal at a time. */
export async function lockOverride(tx: Tx, id: string): Promise<boolean> {
  const { rowCount } = await tx.query('SELECT 1 FROM override_requests WHERE id = $1 FOR UPDATE', [id]);
  return rowCount === 1;
}

export async function findOverrideByClientRequest(tx: Tx, requestedBy: number, clientRequestId: string): Promise<OverrideRow | null> {
  const { rows } = await tx.query<OverrideRow>(`${SELECT} WHERE r.requested_by = $1 AND r.client_request_id = $2`, [requestedBy, clientRequestId]);
  return rows[0] ?? null;
}

/** Pending requests filed at or before `cutoff`, for one request or one account and outage. */
export async function listOverdue(tx: Tx, scope: { requestId: string } | { accountId: number; outageId: number }, cutoff: string): Promise<OverrideRow[]> {
  const { rows } =
    'requestId' in scope
      ? await tx.query<OverrideRow>(`${SELECT} WHERE r.id = $1 AND r.status = 'pending' AND r.created_at <= $2`, [scope.requestId, cutoff])
      : await tx.query<OverrideRow>(`${SELECT} WHERE r.account_id = $1 AND r.outage_id = $2 AND r.status = 'pending' AND r.created_at <= $3`, [
          scope.accountId,
          scope.outageId,
          cutoff,
        ]);
  return rows;
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
  createdAt: Date;
  clientRequestId: string;
  /** For `in_kind`: what is given and the customer's consent. */
  inKind?: { description: string; consentMethod: ConsentMethod; consentAt: string };
  /** For `report_credit`: the report it rests on and the policy whose credit it is. */
  report?: { faultReportId: string; policyCode: string };
}

/** False when a request with this id exists already (nothing is written then). */
export async function insertOverride(tx: Tx, row: NewOverrideRow): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO override_requests (id, account_id, outage_id, kind, amount_minor, currency, reason_code, justification,
       interaction_ref, requested_by, client_request_id, status, created_at, in_kind_description, consent_method, consent_at,
       fault_report_id, policy_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO NOTHING`,
    [row.id, row.accountId, row.outageId, row.kind, row.amountMinor, row.currency, row.reasonCode, row.justification, row.interactionRef, row.requestedBy, row.clientRequestId, row.createdAt,
      row.inKind?.description ?? null, row.inKind?.consentMethod ?? null, row.inKind?.consentAt ?? null,
      row.report?.faultReportId ?? null, row.report?.policyCode ?? null],
  );
  return rowCount === 1;
}

/** Moves a request on from the version read; false when someone else moved it first. */
export async function decideOverride(
  tx: Tx,
  change: { id: string; version: number; status: OverrideStatus; decidedBy: number | null; note: string | null; decidedAt: Date; creditId: string | null },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE override_requests SET status = $3, decided_by = $4, decision_note = $5, decided_at = $6, credit_id = coalesce($7, credit_id),
       version = version + 1
     WHERE id = $1 AND version = $2`,
    [change.id, change.version, change.status, change.decidedBy, change.note, change.decidedAt, change.creditId],
  );
  return rowCount === 1;
}

/**
 * The requesting agent's facts for a day in one round trip: what was approved for them in
 * [from, to) per currency over every desktop (the hub holds them all), and their own daily totals where an admin set one over the site's.
 */
export async function readRequesterDay(
  tx: Tx,
  requestedBy: number,
  from: string,
  to: string,
): Promise<{ approved: AmountsByCurrency; ownLimits: AmountsByCurrency }> {
  const { rows } = await tx.query<{ approved: Array<{ currency: Currency; total: number }> | null; ownLimits: Array<{ currency: Currency; minor: number }> | null }>(
    `SELECT
       (SELECT json_agg(json_build_object('currency', currency, 'total', total)) FROM (
          SELECT currency, sum(amount_minor)::int AS total FROM override_requests
          WHERE requested_by = $1 AND status = 'approved' AND decided_at >= $2 AND decided_at < $3 GROUP BY currency) approved) AS approved,
       (SELECT json_agg(json_build_object('currency', currency, 'minor', daily_total_minor)) FROM operator_daily_limits
          WHERE operator_id = $1) AS "ownLimits"`,
    [requestedBy, from, to],
  );
  const row = rows[0]!;
  return {
    approved: Object.fromEntries((row.approved ?? []).map((each) => [each.currency, each.total])),
    ownLimits: Object.fromEntries((row.ownLimits ?? []).map((each) => [each.currency, each.minor])),
  };
}

// Transaction-scoped advisory locks (two-key form: namespace, id), so that rows are not locked
// against unrelated updates (an operator's failed sign-ins, an account's details).
const ACCOUNT_LOCK = 7_242_010;
const AGENT_TOTAL_LOCK = 7_242_011;

/** One filing or decision per account at a time: the open-request and double-pay checks then hold to commit. */
export async function lockAccount(tx: Tx, accountId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [ACCOUNT_LOCK, accountId]);
}

/** One approval per agent at a time: two supervisors on two desktops cannot both pass the agent's daily total. */
export async function lockAgentDailyTotal(tx: Tx, agentId: number): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [AGENT_TOTAL_LOCK, agentId]);
}

/** The request as desktops see it: the shared view, with the consent record of a request in kind. */
export function hubOverrideView(row: OverrideRow, settings: OverrideSettings): OverrideRequestView {
  const view = toOverrideView(row, settings);
  if (row.faultReportId !== null && row.policyCode !== null) {
    return {
      ...view,
      faultReport: {
        id: row.faultReportId,
        policyCode: row.policyCode,
        lineId: row.reportLineId,
        fromAt: row.reportFromAt ?? '',
        toAt: row.reportToAt,
        failed: row.reportFailed ?? [],
        reportedAt: row.reportReportedAt ?? '',
        note: row.reportNote ?? '',
      },
    };
  }
  if (row.inKindDescription === null || row.consentMethod === null || row.consentAt === null) return view;
  return { ...view, inKind: { description: row.inKindDescription, consentMethod: row.consentMethod, consentAt: row.consentAt, recordedBy: row.requestedBy } };
}
