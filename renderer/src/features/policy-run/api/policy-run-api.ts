import type { PolicyRunOutage, PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchRunnableOutages(): Promise<Result<PolicyRunOutage[]>> {
  return callDesk('policyRunOutages', {});
}

export function startPolicyRun(outageId: number): Promise<Result<PolicyRunStatus>> {
  return callDesk('policyRunStart', { outageId });
}

export function fetchPolicyRunStatus(runId: string): Promise<Result<PolicyRunStatus>> {
  return callDesk('policyRunStatus', { runId });
}

export function cancelPolicyRun(runId: string): Promise<Result<PolicyRunStatus>> {
  return callDesk('policyRunCancel', { runId });
}
