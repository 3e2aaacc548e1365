import type { Account } from '../../domain/account';
import type { Outage } from '../../domain/outage';
import type { WorkedExample } from './worked-example';

const dutch: Partial<Account> = {
  country: 'NL',
  currency: 'EUR',
  region: 'NH',
  postalCode: '1012 AB',
  preferredLanguage: 'nl',
  monthlyChargeMinor: 4650,
};

/** An outage from 06:00 UTC on 4 March 2024 lasting `hours`. */
function lasting(hours: number): Partial<Outage> {
  const startsAt = '2024-03-04T06:00:00.000Z';
  return {
    id: 501,
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + hours * 3_600_000).toISOString(),
    regions: ['NH'],
  };
}
const asOf = '2024-03-10T09:00:00.000Z';

export const nlTelecommunicatiewetOutageExamples: WorkedExample[] = [
  {
    name: '26 hours on EUR 46.50 gives 2/30: EUR 3.10',
    account: dutch,
    outage: lasting(26),
    asOf,
    expect: { status: 'eligible', amountMinor: 310, predictedPosting: { earliest: '2024-03-15', latest: '2024-04-15' } },
  },
  {
    name: '13 hours on EUR 20.00 gives 1/30 = EUR 0.67, raised to the EUR 1.00 minimum',
    account: { ...dutch, monthlyChargeMinor: 2000 },
    outage: lasting(13),
    asOf,
    expect: { status: 'eligible', amountMinor: 100 },
  },
  {
    name: 'exactly 12 hours is not longer than 12 hours',
    account: dutch,
    outage: lasting(12),
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['outage_min_duration'] },
  },
  {
    name: 'exactly 24 hours is still the first period: 1/30 of EUR 30.00 = EUR 1.00',
    account: { ...dutch, monthlyChargeMinor: 3000 },
    outage: lasting(24),
    asOf,
    expect: { status: 'eligible', amountMinor: 100 },
  },
  {
    name: '50 hours starts a third 24 h: 3/30 of EUR 30.00 = EUR 3.00',
    account: { ...dutch, monthlyChargeMinor: 3000 },
    outage: lasting(50),
    asOf,
    expect: { status: 'eligible', amountMinor: 300 },
  },
  {
    name: 'a business account is covered too',
    account: { ...dutch, segment: 'business' },
    outage: lasting(26),
    asOf,
    expect: { status: 'eligible', amountMinor: 310 },
  },
  {
    name: 'prepaid gets EUR 0.50 per started 24 h: 26 hours gives EUR 1.00',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: lasting(26),
    asOf,
    expect: { status: 'eligible', amountMinor: 100 },
  },
  {
    name: 'prepaid 13 hours gives EUR 0.50, no minimum',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: lasting(13),
    asOf,
    expect: { status: 'eligible', amountMinor: 50 },
  },
  {
    name: 'a flood (natural disaster) is excluded',
    account: dutch,
    outage: { ...lasting(26), cause: 'natural_disaster' },
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['cause_not_excluded'] },
  },
  {
    name: 'a US account is not under Dutch law',
    outage: lasting(26),
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['country_included', 'currency_supported'] },
  },
  {
    name: 'an outage still going after 30 hours needs review: the amount depends on its end',
    account: dutch,
    outage: { ...lasting(30), endsAt: null },
    asOf: '2024-03-05T12:00:00.000Z',
    expect: { status: 'needs_review', amountMinor: 0 },
  },
];
