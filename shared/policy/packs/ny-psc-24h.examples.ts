import type { Account } from '../../domain/account';
import type { Outage } from '../../domain/outage';
import type { WorkedExample } from './worked-example';

const newYorker: Partial<Account> = { region: 'NY', postalCode: '10001', monthlyChargeMinor: 9000 };

/** An outage from 10:00 UTC on 5 June 2024 lasting `hours`, affecting 5,000 subscribers. */
function lasting(hours: number): Partial<Outage> {
  const startsAt = '2024-06-05T10:00:00.000Z';
  return {
    id: 601,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + hours * 3_600_000).toISOString(),
    subscribersAffected: 5000,
    regions: ['NY'],
  };
}
const asOf = '2024-06-10T09:00:00.000Z';

export const nyPsc24hExamples: WorkedExample[] = [
  {
    name: '30 hours on $90.00 is two 24 h periods or part: 2/30 = $6.00',
    account: newYorker,
    outage: lasting(30),
    asOf,
    expect: { status: 'eligible', amountMinor: 600, predictedPosting: { earliest: '2024-06-15', latest: '2024-07-15' } },
  },
  {
    name: '20 hours gives nothing',
    account: newYorker,
    outage: lasting(20),
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['outage_min_duration'] },
  },
  {
    name: 'exactly 24 hours gives 1/30: $3.00',
    account: newYorker,
    outage: lasting(24),
    asOf,
    expect: { status: 'eligible', amountMinor: 300 },
  },
  {
    name: 'an outage affecting 99 subscribers is too small',
    account: newYorker,
    outage: { ...lasting(30), subscribersAffected: 99 },
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['outage_min_subscribers'] },
  },
  {
    name: 'an unknown number of subscribers needs review',
    account: newYorker,
    outage: { ...lasting(30), subscribersAffected: null },
    asOf,
    expect: { status: 'needs_review', amountMinor: 0 },
  },
  {
    name: 'a New Jersey address is not under the New York rule',
    account: { ...newYorker, region: 'NJ' },
    outage: lasting(30),
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['region_included'] },
  },
  {
    name: 'the rule has no cap: forty days give 40/30 of $90.00 = $120.00',
    account: newYorker,
    outage: lasting(40 * 24),
    asOf: '2024-07-20T09:00:00.000Z',
    expect: { status: 'eligible', amountMinor: 12000 },
  },
];

/** Version 2: the same rule, marked as the regulator's floor, for outages from 2023. */
export const nyPsc24hV2Examples: WorkedExample[] = [
  {
    name: '30 hours on $90.00 gives the legal amount of $6.00',
    account: newYorker,
    outage: lasting(30),
    asOf,
    expect: { status: 'eligible', amountMinor: 600, legalBasis: 'statute' },
  },
  {
    name: 'an outage of 2022 is before the rule',
    account: newYorker,
    outage: { ...lasting(30), startsAt: '2022-06-05T10:00:00.000Z', endsAt: '2022-06-06T16:00:00.000Z' },
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['policy_in_effect'] },
  },
];
