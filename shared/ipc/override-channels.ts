import { z } from 'zod';
import { AccountNumber, Currency } from '../domain/account';
import { OutageId } from '../domain/outage';
import {
  DECISION_NOTE_MAX_LENGTH,
  DeskOverrideSettings,
  OVERRIDE_HARD_CEILING_MINOR,
  OverrideInput,
  OverrideKind,
  OverrideRequestView,
  OverrideStatus,
} from '../domain/override';
import { PatternFlag, PatternThresholds } from '../domain/override-patterns';
import { defineChannel, staff } from './define';

const RequestId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/);

export const OverrideOutageOption = z.object({
  outageId: OutageId,
  title: z.string(),
  startsAt: z.string(),
  currency: Currency,
  /** Credits for this account and outage that are not reversed. */
  liveCreditMinor: z.int(),
  liveCreditCount: z.int(),
  openRequestId: z.string().nullable(),
  /** The kinds a request could be filed as now. */
  allowedKinds: z.array(OverrideKind),
});
export type OverrideOutageOption = z.infer<typeof OverrideOutageOption>;

export const OverrideDecisionContext = z.object({
  policyCode: z.string().nullable(),
  status: z.string().nullable(),
  amountMinor: z.int(),
  currency: Currency,
  failedRules: z.array(z.string()),
  liveCreditMinor: z.int(),
});
export type OverrideDecisionContext = z.infer<typeof OverrideDecisionContext>;

export const OverrideQueueItem = z.object({
  request: OverrideRequestView,
  decision: OverrideDecisionContext,
  agentHistory: z.array(
    z.object({ id: z.string(), status: OverrideStatus, amountMinor: z.int(), currency: Currency, createdAt: z.string() }),
  ),
  /** Approved for the agent in the site's business day, in this request's currency. */
  agentApprovedTodayMinor: z.int(),
  /**
   * The daily total that applies to the requesting agent in this request's currency: their own
   * (operator_daily_limits) when an admin set one, else the site's (agentDailyLimit).
   */
  agentDailyLimit: z.object({ amountMinor: z.int(), own: z.boolean() }),
  /** Why the request looks unusual (shared/domain/override-patterns.ts); a flag never blocks it. */
  flags: z.array(PatternFlag),
});
export type OverrideQueueItem = z.infer<typeof OverrideQueueItem>;

const Amount = z.int().min(0).max(OVERRIDE_HARD_CEILING_MINOR);
const filers = ['agent', 'supervisor'] as const;
const deciders = ['supervisor'] as const;

export const overrideChannels = {
  overridesOptions: defineChannel({
    input: z.strictObject({ accountNumber: AccountNumber }),
    output: z.array(OverrideOutageOption),
    access: filers,
    auditRefusals: true,
  }),
  overridesSubmit: defineChannel({ input: OverrideInput, output: OverrideRequestView, access: filers, auditRefusals: true }),
  overridesMine: defineChannel({ input: z.strictObject({}), output: z.array(OverrideRequestView), access: filers, auditRefusals: true }),
  overridesWithdraw: defineChannel({
    input: z.strictObject({ requestId: RequestId, version: z.int().positive() }),
    output: OverrideRequestView,
    access: filers,
    auditRefusals: true,
  }),
  overridesQueue: defineChannel({
    input: z.strictObject({
      status: OverrideStatus.optional(),
      agent: z.string().min(1).max(64).optional(),
      outageId: OutageId.optional(),
      minAmountMinor: Amount.optional(),
      maxAmountMinor: Amount.optional(),
    }),
    output: z.array(OverrideQueueItem),
    access: deciders,
    auditRefusals: true,
  }),
  overridesDecide: defineChannel({
    input: z.strictObject({
      requestId: RequestId,
      version: z.int().positive(),
      decision: z.enum(['approve', 'reject']),
      note: z.string().trim().min(1).max(DECISION_NOTE_MAX_LENGTH),
    }),
    output: OverrideRequestView,
    access: deciders,
    auditRefusals: true,
  }),
  overridesSettingsGet: defineChannel({ input: z.strictObject({}), output: DeskOverrideSettings, access: staff, auditRefusals: true }),
  overridesSettingsSet: defineChannel({ input: DeskOverrideSettings, output: DeskOverrideSettings, access: ['admin'], auditRefusals: true }),
  /** The thresholds of the queue's pattern flags (shared/domain/override-patterns.ts), stored over the defaults. */
  overridesPatternsGet: defineChannel({ input: z.strictObject({}), output: PatternThresholds, access: ['supervisor', 'admin'], auditRefusals: true }),
  overridesPatternsSet: defineChannel({ input: PatternThresholds, output: PatternThresholds, access: ['admin'], auditRefusals: true }),
} as const;
