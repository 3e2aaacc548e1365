import type { HubHandlers } from '../http/register-routes';
import type { HubPolicyRuns } from './policy-runs';

type PolicyRunRoute = 'policyRunStart' | 'policyRunStartAll' | 'policyRunStatus' | 'policyRunCancel' | 'policyRunList';

/** The policy run's routes (admin only, see shared/hub/policy-runs.ts), handed to the hub's runs. */
export function policyRunHandlers(runs: HubPolicyRuns): Pick<HubHandlers, PolicyRunRoute> {
  return {
    policyRunStart: (input, { caller, now }) => runs.start(caller, input, now),
    policyRunStartAll: (input, { caller, now }) => runs.startAll(caller, input, now),
    policyRunStatus: (input) => runs.status(input.runId),
    policyRunCancel: (input, { caller, now }) => runs.cancel(caller, input.runId, now),
    policyRunList: (input) => runs.list(input),
  };
}
