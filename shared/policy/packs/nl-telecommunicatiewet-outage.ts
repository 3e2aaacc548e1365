import type { PolicyInput } from '../policy-schema';

/** Shared by the standard and the prepaid amount: the first 24 h count once past 12 h. */
const per24hStartedAfter12h = {
  hours: 24,
  counting: 'started',
  firstPeriodThreshold: { minutes: 12 * 60, inclusive: false },
} as const;

/**
 * Netherlands, Telecommunicatiewet (since 2017): consumers and businesses, an outage of
 * the whole service longer than 12 hours. 12 to 24 h gives 1/30 of the monthly fee,
 * 24 to 48 h 2/30, then 1/30 more per further (started) 24 h; at least EUR 1.00.
 * Prepaid: EUR 0.50 per 24 h (the EUR 1.00 minimum is the subscription rule; it is not
 * applied to prepaid). Compensation in kind only with the customer's explicit consent.
 *
 * Exclusions: the law names earthquake, flood, terrorism and war. Earthquake and flood are
 * the `natural_disaster` cause category. Terrorism and war have no category of their own
 * in the cause list (DESIGN section 3); `cyberattack` is deliberately not excluded, since
 * an attack on the network is not by itself terrorism or war. An outage caused by either
 * needs a cause category added before this pack can exclude it; until then the agent
 * handles it as a review case.
 */
/** Version 1, kept because credits were given under it; v2 below is the one outages are given. */
export const nlTelecommunicatiewetOutage = {
  code: 'nl-telecommunicatiewet-outage',
  version: 1,
  name: 'Netherlands: compensation for a service outage (Telecommunicatiewet)',
  source: 'Telecommunicatiewet art. 7.1b; Besluit universele dienstverlening en eindgebruikersbelangen',
  currency: 'EUR',
  unit: 'account',
  inclusion: {
    segments: ['consumer', 'business'],
    countries: ['NL'],
    accountStatuses: ['active', 'suspended'],
  },
  outage: {
    minDuration: { minutes: 12 * 60, inclusive: false },
    excludedCauses: ['natural_disaster'],
  },
  line: { impactRequired: false },
  amount: {
    kind: 'share_of_monthly',
    base: 'account_monthly_charge',
    numeratorPerPeriod: 1,
    denominator: 30,
    period: per24hStartedAfter12h,
    minimumMinor: 100,
  },
  prepaidAmount: { kind: 'flat_per_period', amountMinor: 50, period: per24hStartedAfter12h },
  delivery: {
    mode: 'automatic',
    postWithinCycles: 2,
    noticeChannels: ['bill_message', 'email'],
    inKind: { allowed: true, requiresExplicitConsent: true },
  },
} satisfies PolicyInput;

/**
 * Version 2: the same amounts, marked as the law (`legalBasis: 'statute'`), so the decision
 * shows it as the legal amount beside any goodwill of the carrier and no override can leave
 * the customer below it; in force for outages from 2017 (the year the brief gives).
 */
export const nlTelecommunicatiewetOutageV2 = {
  ...nlTelecommunicatiewetOutage,
  version: 2,
  legalBasis: 'statute',
  effective: { from: '2017-01-01' },
} satisfies PolicyInput;
