import { z } from 'zod';
import { Currency } from '../domain/account';
import { OutageId } from '../domain/outage';
import { PolicySummary } from './decision-channels';
import { admins, defineChannel, Empty } from './define';

export const policyRunStates = ['running', 'done', 'failed', 'cancelled'] as const;
export const PolicyRunState = z.enum(policyRunStates);
export type PolicyRunState = z.infer<typeof PolicyRunState>;

const Count = z.int().min(0);

/** The accounts decided so far, by outcome (see shared/policy/run-outcomes.ts). */
export const PolicyRunOutcomes = z.object({ eligible: Count, notEligible: Count, alreadyCredited: Count, needsReview: Count });

/** Credits written (or, in a preview, to be written) in one currency. */
export const PolicyRunTotal = z.object({ currency: Currency, credits: Count, amountMinor: z.int() });
export type PolicyRunTotal = z.infer<typeof PolicyRunTotal>;

/** One policy's part of a run that runs several (the hub runs an outage's automatic policies one after the other). */
export const PolicyRunPart = z.object({
  policyCode: z.string(),
  policyVersion: z.int().positive(),
  state: PolicyRunState,
  done: z.int().min(0),
  total: z.int().min(0),
  creditsWritten: z.int().min(0),
});
export type PolicyRunPart = z.infer<typeof PolicyRunPart>;

export const PolicyRunStatus = z.object({
  runId: z.string(),
  outageId: OutageId,
  /** A preview decides every account as a run would and writes nothing. */
  preview: z.boolean(),
  state: PolicyRunState,
  /** Accounts evaluated so far, of `total`. */
  done: z.int().min(0),
  total: z.int().min(0),
  creditsWritten: z.int().min(0),
  /** Stored with the run, chunk by chunk; null for a run recorded before the breakdown was kept (desktop migration 024, hub 015). */
  outcomes: PolicyRunOutcomes.nullable(),
  totals: z.array(PolicyRunTotal),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** A run of several policies (at a hub): each policy's progress; absent when one run decides every policy at once. */
  policies: z.array(PolicyRunPart).optional(),
});
export type PolicyRunStatus = z.infer<typeof PolicyRunStatus>;

export const PolicyRunOutage = z.object({
  id: OutageId,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  /** Accounts with an impact record of the outage on a line: how large it was. */
  impactedAccounts: Count,
  policies: z.array(PolicySummary),
  /** The outage's newest stored run (never a preview), so the screen shows its result after a restart; absent or null: none. */
  lastRunId: z.string().nullable().optional(),
});
export type PolicyRunOutage = z.infer<typeof PolicyRunOutage>;

export const RunnableOutages = z.object({
  outages: z.array(PolicyRunOutage),
  /** The newest major outage (shared/domain/major-outage.ts): what the screen offers first. */
  defaultOutageId: OutageId.nullable(),
});
export type RunnableOutages = z.infer<typeof RunnableOutages>;

const RunId = z.string().min(1).max(64);

export const policyRunChannels = {
  policyRunOutages: defineChannel({ input: Empty, output: RunnableOutages, access: admins, auditRefusals: false }),
  policyRunStart: defineChannel({ input: z.strictObject({ outageId: OutageId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
  /** Decides every account as policyRunStart would, writes nothing: what a run will write, for the admin to confirm. */
  policyRunPreview: defineChannel({ input: z.strictObject({ outageId: OutageId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
  policyRunStatus: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
  policyRunCancel: defineChannel({ input: z.strictObject({ runId: RunId }), output: PolicyRunStatus, access: admins, auditRefusals: false }),
} as const;
