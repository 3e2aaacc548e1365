import type { PolicyInput } from '../policy-schema';

/**
 * New York Public Service Commission (2023): an outage of 24 hours or more affecting 100 or
 * more subscribers gives 1/30 of the monthly rate for each 24 hours or part of 24 hours.
 * For New York service addresses; one credit per account, on the account's monthly charge.
 */
/** Version 1, kept because credits were given under it; v2 below is the one outages are given. */
export const nyPsc24h = {
  code: 'ny-psc-24h',
  version: 1,
  name: 'New York PSC: credit for an outage of 24 hours or more',
  source: 'New York Public Service Commission, 2023',
  currency: 'USD',
  unit: 'account',
  inclusion: {
    countries: ['US'],
    regions: ['NY'],
    accountStatuses: ['active', 'suspended'],
  },
  outage: {
    minDuration: { minutes: 24 * 60, inclusive: true },
    minSubscribers: 100,
    excludedCauses: [],
  },
  line: { impactRequired: false },
  amount: {
    kind: 'share_of_monthly',
    base: 'account_monthly_charge',
    numeratorPerPeriod: 1,
    denominator: 30,
    period: { hours: 24, counting: 'started' },
  },
  delivery: { mode: 'automatic', postWithinCycles: 2, noticeChannels: ['bill_message'] },
} satisfies PolicyInput;

/** Version 2: the same rule marked as the regulator's floor, for outages from 2023. */
export const nyPsc24hV2 = {
  ...nyPsc24h,
  version: 2,
  legalBasis: 'statute',
  effective: { from: '2023-01-01' },
} satisfies PolicyInput;
