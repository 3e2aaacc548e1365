import { z } from 'zod';
import { OutageId } from '../domain/outage';
import { PolicyRunStatus } from '../ipc/policy-run-channels';

/**
 * The automatic policy run at the hub (issue 12): one run per outage and policy for the whole
 * site, started by an admin, in chunks, with progress and cancel. Its credits reach every
 * desktop by the change log (one `carrier_batch` entry per chunk). The answer is the desktop's
 * own run status, so the policy-run screen shows the hub's run unchanged, plus the policy.
 */
export const HubPolicyRun = PolicyRunStatus.extend({
  policyId: z.int().positive(),
  policyCode: z.string(),
  policyVersion: z.int().positive(),
});
export type HubPolicyRun = z.infer<typeof HubPolicyRun>;

const RunId = z.uuid();

/**
 * The policy by its row id or by code (its newest version attached to the outage); neither:
 * the outage's one automatic policy (INVALID_INPUT `policy_required` when it has several).
 */
export const StartHubPolicyRun = z.strictObject({
  outageId: OutageId,
  policyId: z.int().positive().optional(),
  policyCode: z.string().min(1).max(100).optional(),
});
export type StartHubPolicyRun = z.infer<typeof StartHubPolicyRun>;

/** Every automatic policy attached to the outage, one run each, one after the other (the desktop's own run decides them all too). */
export const StartHubOutagePolicyRuns = z.strictObject({ outageId: OutageId });
export type StartHubOutagePolicyRuns = z.infer<typeof StartHubOutagePolicyRuns>;

/** The runs a start of every automatic policy began, in the order they run; each is followed by its own runId. */
export const HubPolicyRunSet = z.object({ outageId: OutageId, runs: z.array(HubPolicyRun).min(1) });
export type HubPolicyRunSet = z.infer<typeof HubPolicyRunSet>;

export const HubPolicyRunRef = z.strictObject({ runId: RunId });

/** Query strings are text, hence the coercion. */
export const ListHubPolicyRuns = z.strictObject({
  outageId: z.coerce.number().pipe(OutageId).optional(),
  limit: z.coerce.number().pipe(z.int().min(1).max(200)).default(50),
});

const admin = ['admin'] as const;

/** The routes of the hub's policy run (spread into hubRoutes). */
export const policyRunRoutes = {
  policyRunStart: { method: 'POST', path: '/v1/admin/policy-runs', access: admin, input: StartHubPolicyRun, output: HubPolicyRun },
  policyRunStartAll: { method: 'POST', path: '/v1/admin/policy-runs/all', access: admin, input: StartHubOutagePolicyRuns, output: HubPolicyRunSet },
  policyRunStatus: { method: 'GET', path: '/v1/admin/policy-runs/status', access: admin, input: HubPolicyRunRef, output: HubPolicyRun },
  policyRunCancel: { method: 'POST', path: '/v1/admin/policy-runs/cancel', access: admin, input: HubPolicyRunRef, output: HubPolicyRun },
  policyRunList: { method: 'GET', path: '/v1/admin/policy-runs', access: admin, input: ListHubPolicyRuns, output: z.array(HubPolicyRun) },
  /**
   * What a run of the outage's automatic policies would write now, from the hub's data, with
   * the shared rules; nothing written. Answered when done (`state: 'done'`, `preview: true`).
   */
  policyRunPreview: { method: 'POST', path: '/v1/admin/policy-runs/preview', access: admin, input: StartHubOutagePolicyRuns, output: PolicyRunStatus },
} as const;
