import { z } from 'zod';
import { OutageId } from '../domain/outage';
import { PolicySummary } from './decision-channels';
import { admins, defineChannel, Empty } from './define';

export const policyRunStates = ['running', 'done', 'failed', 'cancelled'] as const;
export const PolicyRunState = z.enum(policyRunStates);
export type PolicyRunState = z.infer<typeof PolicyRunState>;

export const PolicyRunStatus = z.object({
  runId: z.string(),
  outageId: OutageId,
  state: PolicyRunState,
  /** Accounts evaluated so far, of `total`. */
  done: z.int().min(0),
  total: z.int().min(0),
  creditsWritten: z.int().min(0),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PolicyRunStatus = z.infer<typeof PolicyRunStatus>;

export const PolicyRunOutage = z.object({
  id: OutageId,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  policies: z.array(PolicySummary),
});
export type PolicyRunOutage = z.infer<typeof PolicyRunOutage>;

const RunId = z.string().min(1).max(64);

export const policyRunChannels = {
  policyRunOutages: defineChannel({ input: Empty, output: z.array(PolicyRunOutage), access: admins, auditRefusals: false }),
  policyRunStart: defineChannel({ input: z.strictObject({ outageId: OutageId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
  policyRunStatus: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
  policyRunCancel: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
} as const;
