import type { ChannelInput } from '@shared/ipc/channels';
import type { FaultReportRegisterItem, RecordedFaultReport, RegisteredClaim } from '@shared/ipc/evidence-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export type FaultReportSubmission = ChannelInput<'faultReportsRecord'>;
export type ClaimSubmission = ChannelInput<'claimsRegister'>;

export function recordFaultReport(input: FaultReportSubmission): Promise<Result<RecordedFaultReport>> {
  return callDesk('faultReportsRecord', input);
}

export function registerClaim(input: ClaimSubmission): Promise<Result<RegisteredClaim>> {
  return callDesk('claimsRegister', input);
}

export function listFaultReportRegister(outageId?: number): Promise<Result<FaultReportRegisterItem[]>> {
  return callDesk('faultReportsList', outageId === undefined ? {} : { outageId });
}
