import type pg from 'pg';
import type { HubHandlers } from '../http/register-routes';
import { previewOutagePolicies } from './policy-preview';
import type { HubPolicyRuns } from './policy-runs';

type PolicyRunRoute = 'policyRunStart' | 'policyRunStartAll' | 'policyRunStatus' | 'policyRunCancel' | 'policyRunList' | 'policyRunPreview';

/** The policy run's routes (admin only, see shared/hub/policy-runs.ts), handed to the hub's runs; the preview reads `pool` and writes nothing. */
export function policyRunHandlers(runs: HubPolicyRuns, pool: pg.Pool): Pick<HubHandlers, PolicyRunRoute> {
  return {
    policyRunPreview: (input, { now }) => previewOutagePolicies(pool, input.outageId, now),
    policyRunStart: (input, { caller, now }) => runs.start(caller, input, now),
    policyRunStartAll: (input, { caller, now }) => runs.startAll(caller, input, now),
    policyRunStatus: (input) => runs.status(input.runId),
    policyRunCancel: (input, { caller, now }) => runs.cancel(caller, input.runId, now),
    policyRunList: (input) => runs.list(input),
  };
}
