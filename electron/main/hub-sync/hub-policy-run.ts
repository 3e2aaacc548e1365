import type { HubPolicyRun } from '@shared/hub/policy-runs';
import type { PolicyRunStatus } from '@shared/ipc/policy-run-channels';
import { err, ok, type Result } from '@shared/ipc/result';
import type { HubClientError } from './hub-client';
import { hubFailure } from './hub-results';
import type { HubSync } from './hub-sync';

/**
 * The automatic policy run of a desktop enrolled at a hub: the hub runs it once for the
 * whole site (hub/src/policies) and its credits reach this cache by sync; the desktop starts,
 * follows and cancels it as the signed-in admin, and never runs the local engine for it. The
 * hub's run status is the desktop's own shape, so the policy-run screen shows it unchanged.
 */
export interface HubPolicyRunClient {
  start(outageId: number): Promise<Result<PolicyRunStatus>>;
  status(runId: string): Promise<Result<PolicyRunStatus>>;
  cancel(runId: string): Promise<Result<PolicyRunStatus>>;
}

function toStatus(run: HubPolicyRun): PolicyRunStatus {
  const { policyId: _policyId, policyCode: _policyCode, policyVersion: _policyVersion, ...status } = run;
  return status;
}

function failed(error: HubClientError) {
  // The hub's coded answers about the run itself, as the local registry gives them.
  if (error.code === 'NOT_FOUND') return err('NOT_FOUND');
  if (error.code === 'CONFLICT') return err('CONFLICT', error.details ? { details: error.details } : {});
  return hubFailure(error);
}

export function createHubPolicyRunClient(sync: HubSync): HubPolicyRunClient {
  const answer = async (call: Promise<{ ok: true; value: HubPolicyRun } | { ok: false; error: HubClientError }>) => {
    const result = await call;
    return result.ok ? ok(toStatus(result.value)) : failed(result.error);
  };
  return {
    // The outage's one automatic policy at the hub; the hub refuses an outage with several (policy_required).
    start: (outageId) => answer(sync.callAsOperator('policyRunStart', { outageId })),
    status: (runId) => answer(sync.callAsOperator('policyRunStatus', { runId })),
    cancel: (runId) => answer(sync.callAsOperator('policyRunCancel', { runId })),
  };
}
