import { z } from 'zod';
import { AccountNumber, Currency, currencies } from './account';
import { isKnownTimeZone } from './business-day';
import { OutageId } from './outage';

/**
 * Manual credit overrides: the request a human files when policy does not fit, and the
 * rules that decide whether it may be filed and decided. Pure: callers pass the clock.
 */

/**
 * `goodwill` pays an account that has nothing; `adjust` replaces a credit's amount; `reverse`
 * takes a credit back; `in_kind` compensates with something other than money (an extra data
 * bundle), valued in minor units, only with the customer's consent on record; `report_credit`
 * is the policy's own credit resting only on the customer's fault report: main files it when
 * an agent records the report, for the amount the policy gives, and a supervisor decides it.
 */
export const overrideKinds = ['goodwill', 'adjust', 'reverse', 'in_kind', 'report_credit'] as const;
export const OverrideKind = z.enum(overrideKinds);
export type OverrideKind = z.infer<typeof OverrideKind>;

/** The kinds an agent files through the override form; `report_credit` only follows a fault report. */
export const filedOverrideKinds = ['goodwill', 'adjust', 'reverse', 'in_kind'] as const;
export const FiledOverrideKind = z.enum(filedOverrideKinds);
export type FiledOverrideKind = z.infer<typeof FiledOverrideKind>;

/** How the customer agreed to compensation in kind. */
export const consentMethods = ['verbal_on_call', 'sms', 'email', 'written'] as const;
export const ConsentMethod = z.enum(consentMethods);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

export const IN_KIND_DESCRIPTION_MAX_LENGTH = 200;

/** What is given in kind and the customer's consent to it, as the agent captured it on the call. */
export const InKindCompensation = z.strictObject({
  description: z.string().trim().min(3).max(IN_KIND_DESCRIPTION_MAX_LENGTH),
  consent: z.strictObject({
    method: ConsentMethod,
    /** When the customer agreed (UTC); never after the request is filed. */
    at: z.iso.datetime({ offset: false }),
  }),
});
export type InKindCompensation = z.infer<typeof InKindCompensation>;

export const overrideReasonCodes = [
  'multi_line_impact',
  'extended_outage',
  'excluded_segment_goodwill',
  'business_impact',
  'service_recovery',
  'duplicate_correction',
  'other',
  'customer_fault_report',
] as const;
export const OverrideReasonCode = z.enum(overrideReasonCodes);
export type OverrideReasonCode = z.infer<typeof OverrideReasonCode>;

export const overrideStatuses = ['pending', 'approved', 'rejected', 'withdrawn', 'expired'] as const;
export const OverrideStatus = z.enum(overrideStatuses);
export type OverrideStatus = z.infer<typeof OverrideStatus>;

/** No single override may ever exceed this (minor units), whatever an admin sets the cap to. */
export const OVERRIDE_HARD_CEILING_MINOR = 100_000;
export const JUSTIFICATION_MIN_LENGTH = 20;
export const JUSTIFICATION_MAX_LENGTH = 2_000;
export const DECISION_NOTE_MAX_LENGTH = 1_000;

/** What an agent files. The operator, status and times are never part of it: main sets them. */
export const InteractionRef = z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/);

const overrideInputFields = {
  /** Chosen by the form once per draft, so a double submit or a retry files one request. */
  clientRequestId: z.uuid(),
  accountNumber: AccountNumber,
  outageId: OutageId,
  /** For `in_kind`, what the compensation is worth. */
  amountMinor: z.int().positive().max(OVERRIDE_HARD_CEILING_MINOR),
  reasonCode: OverrideReasonCode.exclude(['customer_fault_report']),
  justification: z.string().trim().min(JUSTIFICATION_MIN_LENGTH).max(JUSTIFICATION_MAX_LENGTH),
  interactionRef: InteractionRef,
};

/** A request about money on the bill: no in-kind fields. */
export const MoneyOverrideKind = z.enum(['goodwill', 'adjust', 'reverse']);
export type MoneyOverrideKind = z.infer<typeof MoneyOverrideKind>;
export const MoneyOverrideInput = z.strictObject({ ...overrideInputFields, kind: MoneyOverrideKind });
/** Compensation in kind: what is given and the customer's consent are part of the request. */
export const InKindOverrideInput = z.strictObject({ ...overrideInputFields, kind: z.literal('in_kind'), inKind: InKindCompensation });

export const OverrideInput = z.discriminatedUnion('kind', [MoneyOverrideInput, InKindOverrideInput]);
export type OverrideInput = z.infer<typeof OverrideInput>;

/** The hard ceiling of an agent's daily total in any currency. */
export const OVERRIDE_DAILY_CEILING_MINOR = OVERRIDE_HARD_CEILING_MINOR * 20;

/**
 * One amount for each currency the desk knows (every currency required): USD cents and EUR
 * cents are separate figures an admin sets on their own, never one number read in both.
 */
function perCurrency(max: number) {
  return z.strictObject(Object.fromEntries(currencies.map((c) => [c, z.int().positive().max(max)])) as Record<Currency, z.ZodInt>);
}
export const RequestCapsByCurrency = perCurrency(OVERRIDE_HARD_CEILING_MINOR);
export const DailyTotalsByCurrency = perCurrency(OVERRIDE_DAILY_CEILING_MINOR);
export type LimitByCurrency = Record<Currency, number>;

/**
 * The site's override limits: the cap on one request and the daily total per agent, each per
 * currency; and the days a request waits for a decision. In each currency the daily total is
 * at least the cap (`overrideSettingsProblems`), checked wherever settings are written.
 */
export const OverrideSettings = z.strictObject({
  perRequestCapMinor: RequestCapsByCurrency,
  agentDailyTotalMinor: DailyTotalsByCurrency,
  expiryDays: z.int().min(1).max(90),
});
export type OverrideSettings = z.infer<typeof OverrideSettings>;

/** What older hubs and desktops stored and logged: one amount that applied in each currency. */
export const SingleAmountOverrideSettings = z.strictObject({
  perRequestCapMinor: z.int().positive().max(OVERRIDE_HARD_CEILING_MINOR),
  agentDailyTotalMinor: z.int().positive().max(OVERRIDE_DAILY_CEILING_MINOR),
  expiryDays: z.int().min(1).max(90),
});

/** The one amount applied in every currency, as the single-amount limits were read before. */
export function sameInEveryCurrency(amountMinor: number): LimitByCurrency {
  return Object.fromEntries(currencies.map((c) => [c, amountMinor])) as LimitByCurrency;
}

/** Settings in either shape, as the per-currency ones: an old hub's change-log entry still reads. */
export const OverrideSettingsAnyShape = z.union([
  OverrideSettings,
  SingleAmountOverrideSettings.transform((old) => ({
    perRequestCapMinor: sameInEveryCurrency(old.perRequestCapMinor),
    agentDailyTotalMinor: sameInEveryCurrency(old.agentDailyTotalMinor),
    expiryDays: old.expiryDays,
  })),
]);

/** The currencies whose daily total is below their own per-request cap: such settings are refused. */
export function overrideSettingsProblems(settings: Pick<OverrideSettings, 'perRequestCapMinor' | 'agentDailyTotalMinor'>): Currency[] {
  return currencies.filter((c) => settings.agentDailyTotalMinor[c] < settings.perRequestCapMinor[c]);
}

/** An IANA time zone the runtime knows, e.g. 'America/Chicago'. */
export const SiteTimeZone = z.string().min(1).max(64).refine(isKnownTimeZone, { message: 'unknown_time_zone' });

/**
 * The desktop's override settings: the limits (shared with the hub as they are) and the
 * site's time zone, whose business day the per-agent daily total counts.
 */
export const DeskOverrideSettings = OverrideSettings.extend({ siteTimeZone: SiteTimeZone });
export type DeskOverrideSettings = z.infer<typeof DeskOverrideSettings>;

/** $50.00 (and €50.00) a request, $200.00 (and €200.00) a day per agent, a week to decide. */
export const DEFAULT_OVERRIDE_SETTINGS: OverrideSettings = {
  perRequestCapMinor: sameInEveryCurrency(5_000),
  agentDailyTotalMinor: sameInEveryCurrency(20_000),
  expiryDays: 7,
};

export type OverrideAction = 'approve' | 'reject' | 'withdraw' | 'expire';

/** pending is the only open state; every decided status is final. */
const transitions: Readonly<Record<OverrideStatus, Partial<Record<OverrideAction, OverrideStatus>>>> = {
  pending: { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn', expire: 'expired' },
  approved: {},
  rejected: {},
  withdrawn: {},
  expired: {},
};

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextOverrideStatus(status: OverrideStatus, action: OverrideAction): OverrideStatus | null {
  return transitions[status][action] ?? null;
}

export function isOverrideOpen(status: OverrideStatus): boolean {
  return status === 'pending';
}

const DAY_MS = 86_400_000;

/** When a request filed at `createdAt` expires unless decided first: `expiryDays` later. */
export function overrideExpiresAt(createdAt: string, expiryDays: number): string {
  return new Date(Date.parse(createdAt) + expiryDays * DAY_MS).toISOString();
}

/** Requests filed at or before this instant are overdue at `now`: their expiry has come. */
export function overdueFiledCutoff(now: Date, expiryDays: number): string {
  return new Date(now.getTime() - expiryDays * DAY_MS).toISOString();
}

/** Codes for refused override operations; they travel in `error.details.reason`. */
export const overrideRefusals = [
  'over_request_cap',
  'over_daily_total',
  'own_request',
  'not_pending',
  'expired',
  'open_request_exists',
  'already_credited',
  'no_credit_to_change',
  'amount_unchanged',
  'reverse_amount_mismatch',
  'account_not_affected',
  'wrong_role',
  'invalid_input',
  'not_signed_in',
  'not_own_request',
  'not_found',
  'stale_version',
  'client_request_reused',
  'below_legal_amount',
  'in_kind_not_allowed',
  'consent_in_future',
] as const;
export type OverrideRefusal = (typeof overrideRefusals)[number];

/** Minor units per currency: USD cents and EUR cents are never added together. */
export type AmountsByCurrency = Partial<Record<Currency, number>>;

export interface LimitCheck {
  amountMinor: number;
  currency: Currency;
  settings: OverrideSettings;
  /**
   * Approved for the requesting agent in the site's current business day (businessDayBounds
   * in the site's time zone), per currency, this request not included.
   */
  agentApprovedToday: AmountsByCurrency;
  /** The agent's own daily totals an admin set, per currency, in place of the site's; left out, the site's. */
  agentOwnDailyLimits?: AmountsByCurrency;
}

/** The daily total that applies to an agent in a currency: their own where an admin set one, else the site's. */
export function agentDailyLimit(settings: OverrideSettings, currency: Currency, own: AmountsByCurrency | undefined): number {
  return own?.[currency] ?? settings.agentDailyTotalMinor[currency];
}

/**
 * Whether approving `amountMinor` keeps within the cap and the agent's daily total, both the
 * request's own currency's: a EUR request against the EUR cap and the EUR total counted in EUR.
 */
export function checkOverrideLimits(check: LimitCheck): OverrideRefusal | null {
  if (check.amountMinor > check.settings.perRequestCapMinor[check.currency]) return 'over_request_cap';
  const approved = check.agentApprovedToday[check.currency] ?? 0;
  if (approved + check.amountMinor > agentDailyLimit(check.settings, check.currency, check.agentOwnDailyLimits)) return 'over_daily_total';
  return null;
}

export interface ExistingCreditFacts {
  /** Sum of the account's credits for the outage that are not reversed. */
  liveCreditMinor: number;
  liveCreditCount: number;
}

/**
 * What a kind needs from the credits already there: goodwill pays only where nothing is
 * paid yet (it must never double-pay); adjust and reverse change a credit that exists.
 */
export function checkOverrideAgainstCredits(
  kind: OverrideKind,
  amountMinor: number,
  credits: ExistingCreditFacts,
): OverrideRefusal | null {
  // Goodwill, compensation in kind and the credit on a customer's report stand in for the
  // account's credit: never where one is paid already.
  if (kind === 'goodwill' || kind === 'in_kind' || kind === 'report_credit') return credits.liveCreditCount > 0 ? 'already_credited' : null;
  if (credits.liveCreditCount === 0) return 'no_credit_to_change';
  if (kind === 'adjust') return amountMinor === credits.liveCreditMinor ? 'amount_unchanged' : null;
  return amountMinor === credits.liveCreditMinor ? null : 'reverse_amount_mismatch';
}

/** Who may decide: a supervisor, never on a request they filed. */
export function checkDecider(role: string, deciderId: number, requesterId: number): OverrideRefusal | null {
  if (role !== 'supervisor') return 'wrong_role';
  if (deciderId === requesterId) return 'own_request';
  return null;
}

export const OverrideRequestView = z.object({
  id: z.string(),
  accountNumber: AccountNumber,
  holderName: z.string(),
  outageId: OutageId,
  outageTitle: z.string(),
  kind: OverrideKind,
  amountMinor: z.int(),
  currency: Currency,
  reasonCode: OverrideReasonCode,
  justification: z.string(),
  interactionRef: z.string(),
  requestedBy: z.string(),
  status: OverrideStatus,
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  expiresAt: z.string(),
  creditId: z.string().nullable(),
  creditStatus: z.string().nullable(),
  billDate: z.string().nullable(),
  version: z.int(),
  /**
   * Only on a desktop that syncs with a hub: pending_sync until the hub answered the last
   * operation on it, refused (with the hub's reason) when it said no.
   */
  syncState: z.enum(['pending_sync', 'synced', 'refused']).optional(),
  syncRefusal: z.string().nullable().optional(),
  /** For `in_kind`: what is given and the customer's consent (shown to the supervisor). */
  inKind: z
    .object({ description: z.string(), consentMethod: ConsentMethod, consentAt: z.string(), recordedBy: z.string() })
    .nullable()
    .optional(),
  /** For `report_credit`: the policy whose credit it is and the fault report it rests on. */
  faultReport: z
    .object({
      id: z.string(),
      policyCode: z.string(),
      lineId: z.int().nullable(),
      fromAt: z.string(),
      toAt: z.string().nullable(),
      failed: z.array(z.string()),
      reportedAt: z.string(),
      note: z.string(),
    })
    .nullable()
    .optional(),
});
export type OverrideRequestView = z.infer<typeof OverrideRequestView>;
