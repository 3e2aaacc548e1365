import type { PolicyRunStatus, RunnableOutages } from '@shared/ipc/policy-run-channels';
import type { Result } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

export function fetchRunnableOutages(): Promise<Result<RunnableOutages>> {
  return callDesk('policyRunOutages', {});
}

/** Decides every account as a run would, writing nothing: what the admin is asked to confirm. */
export function startPolicyRunPreview(outageId: number): Promise<Result<PolicyRunStatus>> {
  return callDesk('policyRunPreview', { outageId });
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
