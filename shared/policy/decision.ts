import { z } from 'zod';
import { Currency } from '../domain/account';
import { IsoDate, PolicyCode } from '../domain/credit';
import { Unit } from './policy-schema';

/**
 * The eligibility decision: codes, numbers and facts only. The renderer words every rule
 * and derivation step from its message catalog, keyed by these codes.
 */

/** Stable codes: the renderer's catalog and saved decisions depend on them. Append only. */
export const ruleCodes = [
  'brand_included',
  'segment_included',
  'payment_type_included',
  'account_status_included',
  'country_included',
  'region_included',
  'currency_supported',
  'service_type_included',
  'outage_min_duration',
  'outage_min_towers',
  'outage_min_subscribers',
  'cause_not_excluded',
  'outage_ended',
  'has_lines',
  'affected_line_exists',
  'line_service_type_included',
  'line_status_included',
  'line_impact_required',
  'line_min_consecutive_minutes',
  'line_connected_at_start',
  'line_impact_ended',
  'amount_positive',
  'not_already_credited',
  'policy_in_effect',
  'evidence_sufficient',
  'fault_report_recorded',
  'claim_registered',
  'claim_window_open',
] as const;
export const RuleCode = z.enum(ruleCodes);
export type RuleCode = z.infer<typeof RuleCode>;

/**
 * `unknown`: the rule cannot be decided from the data yet (an ongoing outage, an uncounted
 * number of towers); it makes the decision `needs_review` unless another rule fails.
 */
export const ruleOutcomes = ['pass', 'fail', 'not_applicable', 'unknown'] as const;
export const RuleOutcome = z.enum(ruleOutcomes);
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const FactValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number()])),
]);
export type FactValue = z.infer<typeof FactValue>;
export const Facts = z.record(z.string(), FactValue);
export type Facts = z.infer<typeof Facts>;

export const RuleResult = z.object({ code: RuleCode, outcome: RuleOutcome, facts: Facts });
export type RuleResult = z.infer<typeof RuleResult>;

export const decisionStatuses = ['eligible', 'not_eligible', 'already_credited', 'needs_review'] as const;
export const DecisionStatus = z.enum(decisionStatuses);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

const Minor = z.int();
const Counting = z.enum(['started', 'full']);
const Base = z.enum(['account_monthly_charge', 'line_monthly_rate']);

/** One step of how an amount was reached; steps run in order, each `totalMinor` feeds the next. */
export const DerivationStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('variant'), variant: z.literal('prepaid') }),
  z.object({ kind: z.literal('flat'), amountMinor: Minor, totalMinor: Minor }),
  z.object({
    kind: z.literal('flat_per_period'),
    amountPerPeriodMinor: Minor,
    periodHours: z.int(),
    counting: Counting,
    durationMinutes: z.number(),
    periods: z.int(),
    totalMinor: Minor,
  }),
  z.object({
    kind: z.literal('share_of_monthly'),
    base: Base,
    baseMinor: Minor,
    numeratorPerPeriod: z.int(),
    denominator: z.int(),
    periodHours: z.int(),
    counting: Counting,
    durationMinutes: z.number(),
    periods: z.int(),
    /** numeratorPerPeriod x periods: the k of k/denominator. */
    numerator: z.int(),
    /** The exact amount before the one rounding, as a decimal string of minor units. */
    exactMinor: z.string(),
    totalMinor: Minor,
  }),
  z.object({
    kind: z.literal('daily_rate'),
    base: Base,
    monthlyRateMinor: Minor,
    /** `YYYY-MM` of the outage start (UTC): the month whose days divide the rate. */
    month: z.string(),
    daysInMonth: z.int(),
    /** The daily rate rounded for showing; the total is rounded once from the exact value. */
    dailyMinor: Minor,
    durationMinutes: z.number(),
    days: z.int(),
    exactMinor: z.string(),
    totalMinor: Minor,
  }),
  z.object({
    kind: z.literal('tiered_daily'),
    base: Base,
    baseMinor: Minor,
    /** UTC date the customer's fault report reached the carrier: day 1 is the day after. */
    reportedOn: z.string(),
    fixedAt: z.string(),
    days: z.int(),
    /** Each tier reached: its days (fromDay to toDay) and the amount of each of them. */
    tiers: z.array(
      z.object({
        fromDay: z.int(),
        toDay: z.int(),
        days: z.int(),
        flatMinor: Minor,
        percentOfBase: z.int(),
        perDayMinor: Minor,
      }),
    ),
    exactMinor: z.string(),
    totalMinor: Minor,
  }),
  z.object({ kind: z.literal('minimum'), beforeMinor: Minor, minimumMinor: Minor, totalMinor: Minor }),
  z.object({
    kind: z.literal('cap'),
    beforeMinor: Minor,
    capMinor: Minor,
    capKind: z.enum(['fixed', 'monthly_base']),
    totalMinor: Minor,
  }),
  z.object({
    kind: z.literal('sum_of_lines'),
    lines: z.array(z.object({ lineId: z.int(), amountMinor: Minor })),
    totalMinor: Minor,
  }),
]);
export type DerivationStep = z.infer<typeof DerivationStep>;

/**
 * How a `needs_review` case gets decided, per rule that is `unknown`: the agent records the
 * customer's fault report, a supervisor approves a credit resting on it, the agent registers
 * the customer's claim, a supervisor decides on a reversed credit, or the data has to come in.
 */
export const confirmPaths = [
  'record_fault_report',
  'supervisor_approval',
  'register_claim',
  'supervisor_decision',
  'wait_for_data',
] as const;
export const ConfirmPath = z.enum(confirmPaths);
export type ConfirmPath = z.infer<typeof ConfirmPath>;

export const ReviewReason = z.object({ rule: RuleCode, lineId: z.int().nullable(), confirmBy: ConfirmPath });
export type ReviewReason = z.infer<typeof ReviewReason>;

/**
 * A subject that already has credits, when the policy now gives a different amount for the
 * outage's current facts: what the customer has, what the policy gives now, and what the
 * next run writes under `idempotencyKey` (the difference; negative only with clawback; zero
 * when the policy gives less and does not claw back).
 */
export const RevisionAdjustment = z.object({
  lineId: z.int().nullable(),
  idempotencyKey: z.string(),
  outageRevision: z.int(),
  creditedMinor: Minor,
  policyNowMinor: Minor,
  deltaMinor: Minor,
});
export type RevisionAdjustment = z.infer<typeof RevisionAdjustment>;

export const LineDecision = z.object({
  lineId: z.int(),
  status: DecisionStatus,
  /** What this decision would credit for the line now: zero unless eligible. */
  amountMinor: Minor,
  idempotencyKey: z.string(),
  rules: z.array(RuleResult),
  derivation: z.array(DerivationStep),
  existingCreditIds: z.array(z.string()),
});
export type LineDecision = z.infer<typeof LineDecision>;

export const WhatWouldChange = z.object({
  code: RuleCode,
  /** Null for a rule about the account or the outage. */
  lineId: z.int().nullable(),
  /** The values that would have passed the rule (e.g. `{ paymentType: ['postpaid'] }`). */
  required: Facts,
});
export type WhatWouldChange = z.infer<typeof WhatWouldChange>;

export const overrideReasons = [
  'adjust_amount',
  'goodwill_request',
  'manual_review',
  'adjust_or_reverse_existing_credit',
  'account_closed',
] as const;

export const Decision = z.object({
  policyCode: PolicyCode,
  policyVersion: z.int(),
  accountId: z.int(),
  outageId: z.int(),
  status: DecisionStatus,
  /** What this decision would credit now; per line, the sum of the lines' amounts. */
  amountMinor: Minor,
  /** Already credited under the same idempotency key(s) and not reversed. */
  creditedMinor: Minor,
  currency: Currency,
  unit: Unit,
  variant: z.enum(['standard', 'prepaid']),
  /** The account's key for a per-account policy; null per line (each line has its own). */
  idempotencyKey: z.string().nullable(),
  /** Account and outage rules; per line, each line's own rules are in `perLine`. */
  rules: z.array(RuleResult),
  perLine: z.array(LineDecision),
  derivation: z.array(DerivationStep),
  whatWouldChange: z.array(WhatWouldChange),
  overridePossible: z.object({ possible: z.boolean(), reason: z.enum(overrideReasons) }),
  /** Bill dates if the credit were scheduled on the evaluation date; null unless eligible. */
  predictedPosting: z.object({ earliest: IsoDate, latest: IsoDate }).nullable(),
  existingCreditIds: z.array(z.string()),
  /** `statute`: the amount is the law's floor (shown as its own line; overrides may not go below it). */
  legalBasis: z.enum(['carrier', 'statute']),
  /** Why a `needs_review` decision waits, and how each reason is confirmed. */
  review: z.array(ReviewReason),
  /**
   * What would be credited once the review is confirmed, when only confirmations are missing
   * (a fault report to approve, a claim to register); zero otherwise.
   */
  pendingAmountMinor: Minor,
  adjustments: z.array(RevisionAdjustment),
  delivery: z.object({
    mode: z.enum(['automatic', 'on_request']),
    postWithinCycles: z.int(),
    noticeChannels: z.array(z.string()),
    inKindRequiresExplicitConsent: z.boolean(),
    inKindAllowed: z.boolean(),
    /** The last day a claim is accepted (on request, with a window); null otherwise or while ongoing. */
    claimWindowEndsOn: IsoDate.nullable(),
  }),
});
export type Decision = z.infer<typeof Decision>;
