import { randomBytes } from 'node:crypto';
import { businessDayBounds } from '@shared/domain/business-day';
import type { OverrideRefusal, OverrideRequestView } from '@shared/domain/override';
import { checkSubmission } from '@shared/domain/override-rules';
import { overrideAuditSnapshot } from '@shared/domain/override-view';
import type { Outage } from '@shared/domain/outage';
import { createUlidFactoryFrom, ULID_RANDOM_BYTES } from '@shared/domain/ulid';
import { restsOnReport } from '@shared/policy/claimed-subjects';
import { legalFloorOf } from '@shared/policy/legal-floor';
import type { AccountRow } from '../overrides/account-repo';
import { hubOverrideView, insertOverride } from '../overrides/override-repo';
import { readSubmissionFacts } from '../overrides/submission-facts-repo';
import { readDailyLimits } from '../operators/operator-admin-repo';
import { decide, outagePolicies, readEvidenceCase } from './evidence-case';
import type { OperationContext } from './operation-context';
import { publishRequest } from './override-effects';

export interface ReportCreditFiling {
  account: AccountRow;
  outage: Outage;
  faultReportId: string;
  clientRequestId: string;
  note: string;
  interactionRef: string;
}

/**
 * As the desktop's recordFaultReport: with the report in, where a policy's credit of the
 * outage now rests only on the report (a statutory rule set first), the supervisor's request
 * for it is filed under the same rules as any override (one open request, nothing paid yet,
 * the cap and the agent's daily total), so it is never paid on the agent's word alone. Call it
 * after the report is inserted, in the operation's transaction.
 */
export async function fileHubReportCredit(
  context: OperationContext,
  filing: ReportCreditFiling,
): Promise<{ request: OverrideRequestView | null; requestNotFiled: OverrideRefusal | null }> {
  const { tx, caller, now, settings } = context;
  const asOf = now.toISOString();
  const facts = await readEvidenceCase(tx, filing.account.id, filing.outage, asOf);
  const decisions = (await outagePolicies(tx, filing.outage.id)).map(({ policy }) => decide(facts, policy, asOf));
  const resting = decisions
    .filter(restsOnReport)
    .sort((a, b) => (a.legalBasis === b.legalBasis ? 0 : a.legalBasis === 'statute' ? -1 : 1))[0];
  if (!resting) return { request: null, requestNotFiled: null };
  const operatorId = caller.operator.operatorId;
  const day = businessDayBounds(now, context.siteTimeZone);
  const submission = await readSubmissionFacts(tx, { accountId: filing.account.id, outageId: filing.outage.id, requestedBy: operatorId, from: day.start, to: day.end });
  const content = {
    accountNumber: filing.account.accountNumber,
    outageId: filing.outage.id,
    kind: 'report_credit' as const,
    amountMinor: resting.pendingAmountMinor,
    reasonCode: 'customer_fault_report' as const,
    justification: filing.note,
    interactionRef: filing.interactionRef,
  };
  const verdict = checkSubmission(content, {
    earlier: null,
    account: filing.account,
    outage: filing.outage,
    accountHasImpact: submission.accountHasImpact,
    openRequestId: submission.openRequestId,
    credits: submission.credits,
    settings,
    agentApprovedToday: submission.agentApprovedToday,
    agentOwnDailyLimits: await readDailyLimits(tx, operatorId),
    // The decisions are at hand (the report in): the law's amount from them, as on the desktop.
    legalFloorMinor: legalFloorOf(decisions),
    accountHasFaultReport: true,
    filedAt: asOf,
  });
  if (!verdict.ok) return { request: null, requestNotFiled: verdict.refusal.reason };
  const id = createUlidFactoryFrom(now, randomBytes(ULID_RANDOM_BYTES))();
  const inserted = await insertOverride(tx, {
    id,
    accountId: filing.account.id,
    outageId: filing.outage.id,
    kind: 'report_credit',
    amountMinor: resting.pendingAmountMinor,
    currency: filing.account.currency,
    reasonCode: 'customer_fault_report',
    justification: filing.note,
    interactionRef: filing.interactionRef,
    requestedBy: operatorId,
    createdAt: now,
    clientRequestId: filing.clientRequestId,
    report: { faultReportId: filing.faultReportId, policyCode: resting.policyCode },
  });
  if (!inserted) return { request: null, requestNotFiled: 'client_request_reused' };
  const { row } = await publishRequest(context, id);
  context.logs.audit({
    at: now,
    operatorId,
    desktopId: caller.desktopId,
    action: 'override.submitted',
    target: `override_request:${id}`,
    before: null,
    after: { ...overrideAuditSnapshot(row), justification: row.justification, faultReport: { id: filing.faultReportId, policyCode: resting.policyCode } },
  });
  return { request: hubOverrideView(row, settings), requestNotFiled: null };
}
