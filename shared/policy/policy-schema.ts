import { z } from 'zod';
import {
  AccountStatus,
  Brand,
  Country,
  Currency,
  LineStatus,
  PaymentType,
  Segment,
  ServiceType,
} from '../domain/account';
import { IsoDate, PolicyCode } from '../domain/credit';
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
  countries: z.array(Country).optional(),
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

/**
 * Whose duration the amount counts: `outage` (its start to its end), `line_impact` (the
 * line's consecutive minutes lost) or `fault_report` (from the customer's fault report to
 * the fix, in calendar days; for rules that run from the report, as the German TKG).
 */
export const DurationBasis = z.enum(['outage', 'line_impact', 'fault_report']);
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

/**
 * One tier of a tiered daily amount: from `fromDay` on (the first tier whose `fromDay` a day
 * reaches, counting from the highest), each day gives the greater of `flatMinor` and
 * `percentOfBase` % of the monthly base.
 */
export const DailyTier = z.strictObject({
  fromDay: z.int().min(1).max(366),
  flatMinor: AmountMinor,
  percentOfBase: z.int().min(0).max(100),
});
export type DailyTier = z.infer<typeof DailyTier>;

/**
 * An amount per calendar day that depends on which day it is (TKG section 58: days 3 and 4
 * the greater of EUR 5 or 10 %, from day 5 the greater of EUR 10 or 20 %). Day 1 is the
 * calendar day (UTC) after the day the duration starts on; a day counts while the fault is
 * not fixed at its start. Days before the first tier give nothing.
 */
export const TieredDailyAmount = z.strictObject({
  kind: z.literal('tiered_daily'),
  base: MonthlyBase,
  tiers: z
    .array(DailyTier)
    .min(1)
    .refine((tiers) => tiers.every((t, i) => i === 0 || t.fromDay > tiers[i - 1]!.fromDay), {
      message: 'tiers go up by fromDay',
    }),
  ...amountBounds,
});

export const AmountRule = z
  .discriminatedUnion('kind', [FlatAmount, FlatPerPeriodAmount, ShareOfMonthlyAmount, DailyRateAmount, TieredDailyAmount])
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
  /**
   * For `on_request`: how many days after the outage ended (its start while it goes on,
   * which keeps the window open) the customer may claim; left out, there is no window.
   */
  claimWindowDays: z.int().min(1).max(3660).optional(),
});
export type Delivery = z.infer<typeof Delivery>;

/**
 * Which evidence admits an account to an automatic credit (per account; per line the line's
 * own impact record is the evidence, `line.impactRequired`). Evidence, strongest first:
 * `impact_record` (the network's record that a line of the account lost service),
 * `service_region` (the service address is in a region the outage covered), and the
 * customer's own fault report, recorded by an agent. Weaker evidence than `automatic`
 * is never paid silently: the decision needs review, and the path to confirm it is to record
 * the customer's report, on which a credit needs a supervisor's approval
 * (`customerReport: 'with_approval'`), or nothing (`'not_accepted'`).
 */
export const EvidenceKind = z.enum(['impact_record', 'service_region', 'customer_report']);
export type EvidenceKind = z.infer<typeof EvidenceKind>;
export const EvidenceRequirements = z.strictObject({
  automatic: z.enum(['impact_record', 'service_region']).default('service_region'),
  customerReport: z.enum(['with_approval', 'not_accepted']).default('with_approval'),
});
export type EvidenceRequirements = z.infer<typeof EvidenceRequirements>;

/** Outages that start inside [from, until] (UTC dates, both inclusive, either open). */
export const EffectivePeriod = z.strictObject({ from: IsoDate.optional(), until: IsoDate.optional() });
export type EffectivePeriod = z.infer<typeof EffectivePeriod>;

/**
 * `carrier`: a goodwill policy of the carrier. `statute`: the amount is the law's (or a
 * regulator's) floor: it is shown as its own line beside any carrier policy for the same
 * outage, and an override that would leave the customer below it is refused.
 */
export const LegalBasis = z.enum(['carrier', 'statute']);
export type LegalBasis = z.infer<typeof LegalBasis>;

/**
 * When an outage's facts are revised after a credit: a larger amount is always paid as a
 * delta (the difference only); a smaller one is taken back only with `clawback: true`.
 */
export const RevisionRules = z.strictObject({ clawback: z.boolean().default(false) });

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
    effective: EffectivePeriod.default({}),
    evidence: EvidenceRequirements.default({ automatic: 'service_region', customerReport: 'with_approval' }),
    legalBasis: LegalBasis.default('carrier'),
    revisions: RevisionRules.default({ clawback: false }),
  })
  .superRefine((policy, ctx) => {
    const { from, until } = policy.effective;
    if (from !== undefined && until !== undefined && until < from) {
      ctx.addIssue({ code: 'custom', path: ['effective', 'until'], message: 'the period ends before it starts' });
    }
    const rules = [
      ['amount', policy.amount],
      ['prepaidAmount', policy.prepaidAmount],
    ] as const;
    for (const [key, rule] of rules) {
      if (!rule) continue;
      const usesLineRate =
        ((rule.kind === 'share_of_monthly' || rule.kind === 'daily_rate' || rule.kind === 'tiered_daily') &&
          rule.base === 'line_monthly_rate') ||
        (rule.cap?.kind === 'monthly_base' && rule.cap.base === 'line_monthly_rate');
      if (usesLineRate && policy.unit !== 'line') {
        ctx.addIssue({ code: 'custom', path: [key], message: 'a line rate needs a per-line policy' });
      }
      if (rule.kind === 'tiered_daily' && rule.durationBasis !== 'fault_report') {
        ctx.addIssue({ code: 'custom', path: [key, 'durationBasis'], message: 'a tiered daily amount counts days from a fault report' });
      }
      if (rule.durationBasis === 'fault_report' && policy.unit !== 'account') {
        ctx.addIssue({ code: 'custom', path: [key, 'durationBasis'], message: 'a fault-report duration needs a per-account policy' });
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
