import type { Account } from '../../domain/account';
import type { Outage } from '../../domain/outage';
import { givenCredit, type WorkedExample } from './worked-example';

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

const nlKey = 'account:1001|outage:501|policy:nl-telecommunicatiewet-outage';
function nlCredit(id: string, amountMinor: number, key = nlKey) {
  return givenCredit({ id, accountId: 1001, outageId: 501, policyCode: 'nl-telecommunicatiewet-outage', amountMinor, currency: 'EUR', idempotencyKey: key });
}

/**
 * Version 2: the same amounts, marked as the law. The prepaid rows show how the pack reads
 * "EUR 0.50 per 24 h": the same threshold as the subscription (longer than 12 h), each
 * started 24 h counting once past it, and no EUR 1.00 minimum.
 */
export const nlTelecommunicatiewetOutageV2Examples: WorkedExample[] = [
  {
    name: '26 hours on EUR 46.50 gives EUR 3.10, the legal amount',
    account: dutch,
    outage: lasting(26),
    asOf,
    expect: { status: 'eligible', amountMinor: 310, legalBasis: 'statute' },
  },
  {
    name: 'prepaid, exactly 12 hours: not longer than 12 hours, nothing',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: lasting(12),
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['outage_min_duration'] },
  },
  {
    name: 'prepaid, exactly 24 hours: the first 24 h, EUR 0.50',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: lasting(24),
    asOf,
    expect: { status: 'eligible', amountMinor: 50 },
  },
  {
    name: 'prepaid, 24 hours and a minute: a second 24 h has started, EUR 1.00',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: { ...lasting(24), endsAt: '2024-03-05T06:01:00.000Z' },
    asOf,
    expect: { status: 'eligible', amountMinor: 100 },
  },
  {
    name: 'prepaid, 50 hours: three started 24 h, EUR 1.50',
    account: { ...dutch, paymentType: 'prepaid' },
    outage: lasting(50),
    asOf,
    expect: { status: 'eligible', amountMinor: 150 },
  },
  {
    name: 'an outage of 2016 is before the rule',
    account: dutch,
    outage: { ...lasting(26), startsAt: '2016-03-04T06:00:00.000Z', endsAt: '2016-03-05T08:00:00.000Z' },
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['policy_in_effect'] },
  },
  {
    name: 'first reported as 26 h (EUR 3.10 credited), revised to 50 h: EUR 1.55 more under the revision’s key',
    account: dutch,
    outage: { ...lasting(50), revision: 2 },
    asOf,
    existingCredits: [nlCredit('cr-n1', 310)],
    expect: {
      status: 'already_credited',
      amountMinor: 0,
      adjustments: [
        { lineId: null, idempotencyKey: `${nlKey}|rev:2`, outageRevision: 2, creditedMinor: 310, policyNowMinor: 465, deltaMinor: 155 },
      ],
      predictedPosting: { earliest: '2024-03-15', latest: '2024-04-15' },
    },
  },
  {
    name: 'revised back to 26 h after EUR 4.65 was given: the law gives EUR 3.10, nothing is taken back',
    account: dutch,
    outage: { ...lasting(26), revision: 3 },
    asOf,
    existingCredits: [nlCredit('cr-n1', 310), nlCredit('cr-n2', 155, `${nlKey}|rev:2`)],
    expect: {
      status: 'already_credited',
      amountMinor: 0,
      adjustments: [
        { lineId: null, idempotencyKey: `${nlKey}|rev:3`, outageRevision: 3, creditedMinor: 465, policyNowMinor: 310, deltaMinor: 0 },
      ],
    },
  },
  {
    name: 'a revision already settled is not paid again',
    account: dutch,
    outage: { ...lasting(50), revision: 2 },
    asOf,
    existingCredits: [nlCredit('cr-n1', 310), nlCredit('cr-n2', 155, `${nlKey}|rev:2`)],
    expect: { status: 'already_credited', amountMinor: 0, adjustments: [] },
  },
];
