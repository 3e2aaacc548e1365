import type { Outage } from '../../domain/outage';
import type { WorkedExample } from './worked-example';

/** 14 January 2026, about noon to 10 pm Eastern (17:00 to 03:00 UTC). */
const outage: Partial<Outage> = {
  id: 701,
  title: 'Verizon wireless outage',
  startsAt: '2026-01-14T17:00:00.000Z',
  endsAt: '2026-01-15T03:00:00.000Z',
  cause: 'equipment',
  regions: ['TX', 'NY', 'GA'],
};
const asOf = '2026-01-16T15:00:00.000Z';
const claim = (claimedAt: string) => ({
  id: 'cl-1',
  accountId: 1001,
  outageId: 701,
  policyCode: 'verizon-2026-01-outage-credit',
  claimedAt,
});

export const verizon202601OutageCreditExamples: WorkedExample[] = [
  {
    name: 'before the customer claims, the $20.00 waits for the claim the agent registers',
    outage,
    asOf,
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      pendingAmountMinor: 2000,
      review: [{ rule: 'claim_registered', lineId: null, confirmBy: 'register_claim' }],
    },
  },
  {
    name: 'with the claim registered, $20.00 per account, on the bill within two cycles',
    outage,
    asOf,
    claims: [claim('2026-01-16T14:30:00.000Z')],
    expect: { status: 'eligible', amountMinor: 2000, predictedPosting: { earliest: '2026-02-15', latest: '2026-03-15' } },
  },
  {
    name: 'four lines still get one $20.00',
    outage,
    asOf,
    lines: [
      { id: 2001, numberE164: '+12145550101', serviceType: 'wireless_voice', monthlyRateMinor: 6500, status: 'active' },
      { id: 2002, numberE164: '+12145550102', serviceType: 'wireless_voice', monthlyRateMinor: 3000, status: 'active' },
      { id: 2003, numberE164: '+12145550103', serviceType: 'wireless_data', monthlyRateMinor: 2000, status: 'active' },
      { id: 2004, numberE164: '+12145550104', serviceType: 'wireless_voice', monthlyRateMinor: 3000, status: 'active' },
    ],
    claims: [claim('2026-01-16T14:30:00.000Z')],
    expect: { status: 'eligible', amountMinor: 2000 },
  },
  {
    name: 'the last day of the 60-day window still counts (15 January + 60 days = 16 March)',
    outage,
    asOf: '2026-03-16T20:00:00.000Z',
    claims: [claim('2026-03-16T20:00:00.000Z')],
    expect: { status: 'eligible', amountMinor: 2000 },
  },
  {
    name: 'a claim after the window is refused',
    outage,
    asOf: '2026-03-17T09:00:00.000Z',
    claims: [claim('2026-03-17T09:00:00.000Z')],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['claim_window_open'] },
  },
  {
    name: 'business customers are contacted directly, not through this credit',
    account: { segment: 'business' },
    outage,
    asOf,
    claims: [claim('2026-01-16T14:30:00.000Z')],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['segment_included'] },
  },
  {
    name: 'another outage is not this credit',
    outage: { ...outage, startsAt: '2026-02-02T17:00:00.000Z', endsAt: '2026-02-03T03:00:00.000Z' },
    asOf: '2026-02-04T09:00:00.000Z',
    claims: [claim('2026-02-04T09:00:00.000Z')],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['policy_in_effect'] },
  },
];
