import { checkFaultReport, isSameReport, type FaultReportInput } from '@shared/domain/fault-report';
import type { FaultReportRecordPayload } from '@shared/hub/evidence-operations';
import {
  findHubFaultReport,
  findHubFaultReportByClientRequest,
  insertHubFaultReport,
  latestEntityPosition,
  toHubReportView,
  toReportChange,
  type HubFaultReportRow,
} from '../evidence/evidence-repo';
import { PendingPosition } from '../logs/log-batch';
import { findAccountByNumber } from '../overrides/account-repo';
import { lockAccount } from '../overrides/override-repo';
import { findOutageForRun, readChunkLines } from '../policies/policy-run-repo';
import { recordedInstant, settleClaimedCredits } from './evidence-case';
import { fileHubReportCredit } from './report-credit';
import { refused, type OperationContext, type OperationOutcome } from './operation-context';

const FILERS: readonly string[] = ['agent', 'supervisor'];

function asInput(row: HubFaultReportRow): FaultReportInput {
  const { accountNumber, outageId, lineId, fromAt, toAt, failed, note, interactionRef, clientRequestId } = row;
  return { clientRequestId, accountNumber, outageId, lineId, fromAt, toAt, failed, note, interactionRef };
}

/**
 * `fault_report.record` at the hub, re-checked with the desktop's rules (checkFaultReport):
 * the account, the outage and the line exist and belong together, the times are in order and
 * not in the future. A retry of the same draft by the same operator (from any desktop) is the
 * report already recorded; a different report under the same draft id is refused. Where a
 * policy's credit now rests only on the report, the supervisor's request for it is filed
 * (report-credit.ts); where a claim was waiting for the report (the TKG), the credit follows.
 */
export async function recordHubFaultReport(context: OperationContext, payload: FaultReportRecordPayload): Promise<OperationOutcome> {
  const { tx, caller, now } = context;
  const operatorId = caller.operator.operatorId;
  if (!FILERS.includes(caller.operator.role)) return refused({ code: 'FORBIDDEN_ROLE', reason: 'wrong_role', details: { role: caller.operator.role } });
  const { reportId, recordedAt, ...input } = payload;
  const earlier = await findHubFaultReportByClientRequest(tx, operatorId, input.clientRequestId);
  if (earlier) {
    if (earlier.id !== reportId || !isSameReport(asInput(earlier), input)) {
      return refused({ code: 'CONFLICT', reason: 'client_request_reused', details: { reportId: earlier.id } });
    }
    return {
      ok: true,
      evidence: { kind: 'fault_report', report: toHubReportView(earlier) },
      position: PendingPosition.known(await latestEntityPosition(tx, 'fault_report', earlier.id)),
    };
  }
  const account = await findAccountByNumber(tx, input.accountNumber);
  const outage = await findOutageForRun(tx, input.outageId);
  const lineIds = account ? ((await readChunkLines(tx, [account.id])).get(account.id) ?? []).map((l) => l.id) : [];
  const reportedAt = recordedInstant(recordedAt, now);
  const refusal = checkFaultReport(input, { account, outage, lineIds, now: reportedAt });
  if (refusal) return refused({ code: refusal === 'not_found' ? 'NOT_FOUND' : 'CONFLICT', reason: refusal, details: refusal === 'not_found' ? { what: account ? 'outage' : 'account' } : {} });
  await lockAccount(tx, account!.id);
  const inserted = await insertHubFaultReport(tx, {
    id: reportId,
    accountId: account!.id,
    lineId: input.lineId,
    outageId: outage!.id,
    fromAt: input.fromAt,
    toAt: input.toAt,
    failed: input.failed,
    note: input.note,
    interactionRef: input.interactionRef,
    reportedAt,
    recordedBy: operatorId,
    desktopId: caller.desktopId,
    clientRequestId: input.clientRequestId,
  });
  if (!inserted) return refused({ code: 'CONFLICT', reason: 'client_request_reused', details: { reportId } });
  const row = (await findHubFaultReport(tx, reportId))!;
  context.logs.audit({
    at: now,
    operatorId,
    desktopId: caller.desktopId,
    action: 'fault_report.recorded',
    target: `fault_report:${reportId}`,
    before: null,
    after: { ...toHubReportView(row), accountNumber: input.accountNumber },
  });
  // Evidence for every desktop's decisions (and the supervisors' register): audience all.
  const position = context.logs.change({ entity: 'fault_report', entityId: reportId, audience: { kind: 'all' }, data: toReportChange(row) });
  const filed = await fileHubReportCredit(context, {
    account: account!,
    outage: outage!,
    faultReportId: reportId,
    clientRequestId: input.clientRequestId,
    note: input.note,
    interactionRef: input.interactionRef,
  });
  await settleClaimedCredits(context, account!.id, outage!, new Map());
  return { ok: true, evidence: { kind: 'fault_report', report: toHubReportView(row), creditRequest: filed.request, requestNotFiled: filed.requestNotFiled }, position };
}
