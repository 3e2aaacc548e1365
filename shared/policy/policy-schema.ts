import { z } from 'zod';
import {
  AccountStatus,
  Brand,
  Currency,
  LineStatus,
  PaymentType,
  Segment,
  ServiceType,
} from '../domain/account';
import { PolicyCode } from '../domain/credit';
import { OutageCause } from '../domain/outage';

/**
 * A credit policy is data: built-in packs ship as values of this schema and admins load
 * new versions of it. docs/POLICIES.md describes every field.
 */

const AmountMinor = z.int().min(0).max(100_000_000);

/** A duration bound: `inclusive: false` means "more than", as in "longer than 12 hours". */
export const DurationThreshold = z.strictObject({
  minutes: z.int().min(0),
  inclusive: z.boolean(),
});
export type DurationThreshold = z.infer<typeof DurationThreshold>;

/** Who is in. A list that is left out admits everyone; an empty list admits no one. */
export const Inclusion = z.strictObject({
  brands: z.array(Brand).optional(),
  segments: z.array(Segment).optional(),
  paymentTypes: z.array(PaymentType).optional(),
  accountStatuses: z.array(AccountStatus).optional(),
  countries: z.array(z.enum(['US', 'NL'])).optional(),
  /** State or province codes compared with the account's service address region. */
  regions: z.array(z.string().min(1)).optional(),
  /** Per account: at least one line of these types. Per line: the line is of one of them. */
  serviceTypes: z.array(ServiceType).optional(),
  /** Per line: the line's status ("in good standing" is `['active']`). */
  lineStatuses: z.array(LineStatus).optional(),
});
export type Inclusion = z.infer<typeof Inclusion>;

export const OutageRequirements = z.strictObject({
  minDuration: DurationThreshold.optional(),
  minTowers: z.int().min(0).optional(),
  minSubscribers: z.int().min(0).optional(),
  excludedCauses: z.array(OutageCause).default([]),
});
export type OutageRequirements = z.infer<typeof OutageRequirements>;

/**
 * What a line must have suffered. Per line, each line is held to it; per account, at
 * least one of the account's lines must meet it.
 */
export const LineRequirements = z.strictObject({
  impactRequired: z.boolean().default(false),
  minConsecutiveMinutes: z.int().min(0).optional(),
  connectedAtStart: z.boolean().optional(),
});
export type LineRequirements = z.infer<typeof LineRequirements>;

export const units = ['account', 'line'] as const;
export const Unit = z.enum(units);
export type Unit = z.infer<typeof Unit>;

/** The monthly amount a share or a daily rate is taken of. */
export const MonthlyBase = z.enum(['account_monthly_charge', 'line_monthly_rate']);
export type MonthlyBase = z.infer<typeof MonthlyBase>;

/** Whose duration counts: the outage's (start to end) or the line's consecutive minutes lost. */
export const DurationBasis = z.enum(['outage', 'line_impact']);
export type DurationBasis = z.infer<typeof DurationBasis>;

/**
 * How periods of an outage are counted. `started`: every begun period counts (25 h is two
 * 24 h periods); `full`: only completed ones (25 h is one). A first-period threshold makes
 * the first period count only once the duration passes it (with `started`, 3 h would
 * otherwise already be one period).
 */
export const PeriodCounting = z.strictObject({
  hours: z.int().min(1).max(24 * 31),
  counting: z.enum(['started', 'full']),
  firstPeriodThreshold: DurationThreshold.optional(),
});
export type PeriodCounting = z.infer<typeof PeriodCounting>;

/** A cap: a fixed amount, or the monthly base the amount is taken of. */
export const Cap = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), amountMinor: AmountMinor }),
  z.strictObject({ kind: z.literal('monthly_base'), base: MonthlyBase }),
]);
export type Cap = z.infer<typeof Cap>;

const amountBounds = {
  /** Applied before the cap, so that the cap always wins over the minimum. */
  minimumMinor: AmountMinor.optional(),
  cap: Cap.optional(),
  durationBasis: DurationBasis.default('outage'),
};

export const FlatAmount = z.strictObject({
  kind: z.literal('flat'),
  amountMinor: AmountMinor,
  ...amountBounds,
});

/** A fixed amount for each counted period (e.g. prepaid EUR 0.50 per 24 h). */
export const FlatPerPeriodAmount = z.strictObject({
  kind: z.literal('flat_per_period'),
  amountMinor: AmountMinor,
  period: PeriodCounting,
  ...amountBounds,
});

/** k/30 of a monthly amount for each counted period: `numeratorPerPeriod / denominator`. */
export const ShareOfMonthlyAmount = z.strictObject({
  kind: z.literal('share_of_monthly'),
  base: MonthlyBase,
  numeratorPerPeriod: z.int().min(1),
  denominator: z.int().min(1),
  period: PeriodCounting,
  ...amountBounds,
});

/**
 * monthly amount / days in the month the outage began (UTC) x days, where days is
 * `baseDays` plus one for each further full `extraDayPerFullHours` beyond the first.
 */
export const DailyRateAmount = z.strictObject({
  kind: z.literal('daily_rate'),
  base: MonthlyBase,
  baseDays: z.int().min(1).default(1),
  extraDayPerFullHours: z.int().min(1).default(24),
  ...amountBounds,
});

export const AmountRule = z
  .discriminatedUnion('kind', [FlatAmount, FlatPerPeriodAmount, ShareOfMonthlyAmount, DailyRateAmount])
  .refine((a) => a.cap?.kind !== 'fixed' || a.minimumMinor === undefined || a.cap.amountMinor >= a.minimumMinor, {
    message: 'a fixed cap below the minimum can never be met',
    path: ['cap'],
  });
export type AmountRule = z.infer<typeof AmountRule>;

export const noticeChannels = ['sms', 'email', 'bill_message', 'letter'] as const;

export const Delivery = z.strictObject({
  /** `automatic`: credited without asking; `on_request`: the customer has to claim it. */
  mode: z.enum(['automatic', 'on_request']),
  /** Posts at the latest on the Nth bill date after it is scheduled. */
  postWithinCycles: z.int().min(1).max(12),
  noticeChannels: z.array(z.enum(noticeChannels)).default([]),
  /** Compensation other than a bill credit (e.g. free data) and whether it needs consent. */
  inKind: z
    .strictObject({ allowed: z.boolean(), requiresExplicitConsent: z.boolean() })
    .default({ allowed: false, requiresExplicitConsent: true }),
});
export type Delivery = z.infer<typeof Delivery>;

export const Policy = z
  .strictObject({
    code: PolicyCode,
    version: z.int().positive(),
    /** A name for admins' lists; the renderer words everything a customer hears. */
    name: z.string().min(1).max(200),
    /** Where the rule comes from (press release, law, regulator order). */
    source: z.string().max(500).optional(),
    /** Amounts in the policy are in this currency; accounts in another are not eligible. */
    currency: Currency,
    unit: Unit,
    inclusion: Inclusion.default({}),
    outage: OutageRequirements.default({ excludedCauses: [] }),
    line: LineRequirements.default({ impactRequired: false }),
    amount: AmountRule,
    /** Used instead of `amount` for prepaid accounts when given. */
    prepaidAmount: AmountRule.optional(),
    delivery: Delivery,
  })
  .superRefine((policy, ctx) => {
    const rules = [
      ['amount', policy.amount],
      ['prepaidAmount', policy.prepaidAmount],
    ] as const;
    for (const [key, rule] of rules) {
      if (!rule) continue;
      const usesLineRate =
        ((rule.kind === 'share_of_monthly' || rule.kind === 'daily_rate') && rule.base === 'line_monthly_rate') ||
        (rule.cap?.kind === 'monthly_base' && rule.cap.base === 'line_monthly_rate');
      if (usesLineRate && policy.unit !== 'line') {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a line rate needs a per-line policy' });
      }
      if (rule.durationBasis === 'line_impact' && (policy.unit !== 'line' || !policy.line.impactRequired)) {
        ctx.addIssue({
          code: 'custom',
          path: [key, 'durationBasis'],
          message: 'a line-impact duration needs a per-line policy with impactRequired',
        });
      }
    }
  });
export type Policy = z.infer<typeof Policy>;
/** What a pack is written as: defaults may be left out. */
export type PolicyInput = z.input<typeof Policy>;
