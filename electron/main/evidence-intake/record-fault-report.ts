import type Database from 'better-sqlite3';
import { checkFaultReport, isSameReport, type FaultReportInput } from '@shared/domain/fault-report';
import type { Actor } from '@shared/domain/operator';
import type { OverrideRefusal, OverrideRequestView } from '@shared/domain/override';
import { restsOnReport } from '@shared/policy/claimed-subjects';
import type { RecordedFaultReport } from '@shared/ipc/evidence-channels';
import type { Result } from '@shared/ipc/result';
import { findAccountByNumber, listLinesOfAccount } from '../accounts/account-repo';
import { appendAudit } from '../audit/audit-log';
import { newTimeOrderedId } from '../audit/time-ordered-id';
import { getAccountDecisions } from '../decisions/decision-service';
import {
  findFaultReport,
  findFaultReportByClientRequest,
  insertFaultReport,
  toFaultReportView,
  type FaultReportRow,
} from '../evidence/fault-report-repo';
import { findOutage } from '../outages/outage-repo';
import { commitOverdueExpiry } from '../overrides/override-expiry';
import { getOverrideSettings } from '../overrides/override-settings';
import { fileReportCredit, findReportCreditRequest } from '../overrides/report-credit';
import type { OverrideOutbox } from '../overrides/override-outbox';
import { writeClaimedCredits } from './claimed-credits';
import { EvidenceRefused, runEvidenceUseCase } from './evidence-refusal';

function asInput(row: FaultReportRow, accountNumber: string): FaultReportInput {
  return {
    clientRequestId: row.clientRequestId,
    accountNumber,
    outageId: row.outageId,
    lineId: row.lineId,
    fromAt: row.fromAt,
    toAt: row.toAt,
    failed: JSON.parse(row.failedJson) as FaultReportInput['failed'],
    note: row.note,
    interactionRef: row.interactionRef,
  };
}

export { restsOnReport };

/**
 * The agent records the customer's fault report. It is evidence for the outage's policies
 * (per each policy's evidence rules). Where a policy's credit then rests only on the report,
 * the supervisor's request for it is filed in the same transaction (a statutory rule set
 * first); where an on-request policy was claimed and the report completes its case, the
 * credit follows. A retry of the same draft answers with what the first call recorded.
 *
 * `outbox` (a desktop that syncs with a hub): the report is the hub's; `fault_report.record`
 * is filed in the same transaction and every desktop gets the report from the hub. The
 * supervisor's request for a credit resting on the report is filed by the hub then (under the
 * same rules), not here: one kept on this desktop alone would be approved by nobody else. It
 * reaches this desktop as an `override_request` change. Never paid on the agent's word alone.
 */
export function recordFaultReport(db: Database.Database, actor: Actor, now: Date, input: FaultReportInput, outbox?: OverrideOutbox): Result<RecordedFaultReport> {
  const context = {
    operatorId: actor.operatorId,
    now,
    operation: 'faultReportsRecord' as const,
    target: `account:${input.accountNumber}|outage:${input.outageId}`,
    attempt: { clientRequestId: input.clientRequestId, lineId: input.lineId, fromAt: input.fromAt, toAt: input.toAt },
  };
  commitOverdueExpiry(db, getOverrideSettings(db), now);
  return runEvidenceUseCase(db, context, (): RecordedFaultReport => {
    const earlier = findFaultReportByClientRequest(db, actor.operatorId, input.clientRequestId);
    if (earlier) {
      if (!isSameReport(asInput(earlier, earlier.accountNumber), input)) {
        throw new EvidenceRefused('CONFLICT', 'client_request_reused', { reportId: earlier.id });
      }
      return {
        report: toFaultReportView(earlier),
        creditRequest: findReportCreditRequest(db, actor.operatorId, input.clientRequestId),
        requestNotFiled: null,
        creditIds: [],
      };
    }
    const account = findAccountByNumber(db, input.accountNumber);
    const outage = findOutage(db, input.outageId);
    const lineIds = account ? listLinesOfAccount(db, account.id).map((l) => l.id) : [];
    const refusal = checkFaultReport(input, { account: account ?? null, outage: outage ?? null, lineIds, now: now.toISOString() });
    if (refusal) throw new EvidenceRefused(refusal === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', refusal);
    const filedFor = account!;
    const filedOn = outage!;

    const id = newTimeOrderedId(now);
    insertFaultReport(db, {
      id,
      accountId: filedFor.id,
      lineId: input.lineId,
      outageId: filedOn.id,
      fromAt: input.fromAt,
      toAt: input.toAt,
      failed: input.failed,
      note: input.note,
      interactionRef: input.interactionRef,
      reportedAt: now.toISOString(),
      recordedBy: actor.operatorId,
      clientRequestId: input.clientRequestId,
    });
    const report = findFaultReport(db, id)!;
    appendAudit(db, {
      operatorId: actor.operatorId,
      action: 'fault_report.recorded',
      target: `fault_report:${id}`,
      before: null,
      after: { ...toFaultReportView(report), accountNumber: input.accountNumber },
      at: now,
    });

    // The decisions with the report in: where a credit now rests on it, a supervisor decides.
    const decisions = (getAccountDecisions(db, input.accountNumber, now.toISOString())?.decisions ?? [])
      .filter((entry) => entry.outage.id === filedOn.id && entry.decision !== null && restsOnReport(entry.decision))
      .map((entry) => entry.decision!)
      .sort((a, b) => (a.legalBasis === b.legalBasis ? 0 : a.legalBasis === 'statute' ? -1 : 1));
    let creditRequest: OverrideRequestView | null = null;
    let requestNotFiled: OverrideRefusal | null = null;
    const resting = outbox ? undefined : decisions[0];
    if (resting) {
      const filed = fileReportCredit(db, actor, now, {
        account: filedFor,
        outage: filedOn,
        policyCode: resting.policyCode,
        amountMinor: resting.pendingAmountMinor,
        faultReportId: id,
        clientRequestId: input.clientRequestId,
        note: input.note,
        interactionRef: input.interactionRef,
      });
      if (filed.ok) creditRequest = filed.request;
      else requestNotFiled = filed.reason;
    }
    const creditIds = writeClaimedCredits(db, actor, now, input.accountNumber, filedOn.id);
    outbox?.record(db, actor, now, { op: 'fault_report.record', payload: { ...input, reportId: id, recordedAt: now.toISOString() } });
    return { report: toFaultReportView(report), creditRequest, requestNotFiled, creditIds };
  });
}
