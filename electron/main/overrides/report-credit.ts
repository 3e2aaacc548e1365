import type Database from 'better-sqlite3';
import type { Account } from '@shared/domain/account';
import type { OverrideRefusal, OverrideRequestView } from '@shared/domain/override';
import { checkSubmission } from '@shared/domain/override-rules';
import type { Actor } from '@shared/domain/operator';
import type { Outage } from '@shared/domain/outage';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { legalFloorFor } from './legal-floor';
import { readLiveCredits } from './override-credits';
import { findOpenOverride, findOverride, findOverrideByClientRequest, insertOverride, isAccountTouchedByOutage, sumApprovedForRequester } from './override-repo';
import { getOverrideSettings, siteBusinessDay } from './override-settings';
import { overrideAuditDetails, overrideAuditSnapshot, toOverrideView } from './override-view';
import { readOperatorDailyLimits } from '../auth/operator-admin-repo';

export interface ReportCreditFiling {
  account: Account;
  outage: Outage;
  policyCode: string;
  /** What the policy gives once the report is approved (the decision's pending amount). */
  amountMinor: number;
  faultReportId: string;
  /** The report's draft id: a retry of the same report files no second request. */
  clientRequestId: string;
  note: string;
  interactionRef: string;
}

/**
 * Files the supervisor's request for a credit that rests only on the customer's fault report,
 * under the same rules as any override (one open request per account and outage, never
 * where a credit is paid, the cap and the agent's daily total), so it is never paid on the
 * agent's word alone. Runs inside the caller's transaction; a refusal files nothing and says why.
 */
export function fileReportCredit(
  db: Database.Database,
  actor: Actor,
  now: Date,
  filing: ReportCreditFiling,
): { ok: true; request: OverrideRequestView } | { ok: false; reason: OverrideRefusal } {
  const settings = getOverrideSettings(db);
  const day = siteBusinessDay(settings, now);
  const content = {
    accountNumber: filing.account.accountNumber,
    outageId: filing.outage.id,
    kind: 'report_credit' as const,
    amountMinor: filing.amountMinor,
    reasonCode: 'customer_fault_report' as const,
    justification: filing.note,
    interactionRef: filing.interactionRef,
  };
  const verdict = checkSubmission(content, {
    earlier: null,
    account: filing.account,
    outage: filing.outage,
    accountHasImpact: isAccountTouchedByOutage(db, filing.account.id, filing.outage.id),
    openRequestId: findOpenOverride(db, filing.account.id, filing.outage.id)?.id ?? null,
    credits: readLiveCredits(db, filing.account.id, filing.outage.id).facts,
    settings,
    agentApprovedToday: sumApprovedForRequester(db, actor.operatorId, day.start, day.end),
    agentOwnDailyLimits: readOperatorDailyLimits(db, actor.operatorId),
    legalFloorMinor: legalFloorFor(db, filing.account.accountNumber, filing.outage.id, now),
    accountHasFaultReport: true,
    filedAt: now.toISOString(),
  });
  if (!verdict.ok) return { ok: false, reason: verdict.refusal.reason };
  const id = newTimeOrderedId(now);
  insertOverride(db, {
    id,
    accountId: filing.account.id,
    outageId: filing.outage.id,
    kind: 'report_credit',
    amountMinor: filing.amountMinor,
    currency: filing.account.currency,
    reasonCode: 'customer_fault_report',
    justification: filing.note,
    interactionRef: filing.interactionRef,
    requestedBy: actor.operatorId,
    createdAt: now.toISOString(),
    clientRequestId: filing.clientRequestId,
    report: { faultReportId: filing.faultReportId, policyCode: filing.policyCode },
  });
  const row = findOverride(db, id)!;
  appendAudit(db, {
    operatorId: actor.operatorId,
    action: 'override.submitted',
    target: `override_request:${id}`,
    before: null,
    after: { ...overrideAuditSnapshot(row), justification: row.justification, ...overrideAuditDetails(row) },
    at: now,
  });
  return { ok: true, request: toOverrideView(row, settings) };
}

/** The request filed for a report, if any (a retry of the report answers with it). */
export function findReportCreditRequest(db: Database.Database, requestedBy: number, clientRequestId: string): OverrideRequestView | null {
  const row = findOverrideByClientRequest(db, requestedBy, clientRequestId);
  return row ? toOverrideView(row, getOverrideSettings(db)) : null;
}
