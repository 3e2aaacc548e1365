import type { Impact } from '../../domain/outage';
import { givenCredit, type WorkedExample } from './worked-example';

/** 10 February 2028 (a leap year: February has 29 days), 14:00 UTC, three hours. */
const outage = {
  id: 401,
  startsAt: '2028-02-10T14:00:00.000Z',
  endsAt: '2028-02-10T17:00:00.000Z',
  towersAffected: 40,
};
const asOf = '2028-02-11T09:00:00.000Z';

function impact(lineId: number, lostMinutes: number, connectedAtStart = true): Impact {
  const ends = Date.parse(outage.startsAt) + lostMinutes * 60_000;
  return {
    lineId,
    outageId: outage.id,
    startsAt: outage.startsAt,
    endsAt: new Date(ends).toISOString(),
    lostMinutes,
    connectedAtStart,
  };
}

const voice = { numberE164: '+12145550101', serviceType: 'wireless_voice', status: 'active' } as const;

export const attGuarantee2025WirelessExamples: WorkedExample[] = [
  {
    name: '$65.00 line, 3 hours in February 2028: $65.00 / 29 days = $2.24 for one day',
    outage,
    asOf,
    impacts: [impact(2001, 180)],
    expect: {
      status: 'eligible',
      amountMinor: 224,
      perLine: [{ lineId: 2001, status: 'eligible', amountMinor: 224 }],
      predictedPosting: { earliest: '2028-02-15', latest: '2028-03-15' },
    },
  },
  {
    name: '50 hours is one further full 24 h: two days, $4.48',
    outage: { ...outage, endsAt: '2028-02-12T16:00:00.000Z' },
    asOf: '2028-02-13T09:00:00.000Z',
    impacts: [impact(2001, 50 * 60)],
    expect: { status: 'eligible', amountMinor: 448 },
  },
  {
    name: 'a March outage divides by 31 days: $65.00 / 31 = $2.10',
    outage: { ...outage, startsAt: '2028-03-10T14:00:00.000Z', endsAt: '2028-03-10T17:00:00.000Z' },
    asOf: '2028-03-11T09:00:00.000Z',
    impacts: [{ ...impact(2001, 180), startsAt: '2028-03-10T14:00:00.000Z', endsAt: '2028-03-10T17:00:00.000Z' }],
    expect: { status: 'eligible', amountMinor: 210 },
  },
  {
    name: 'forty days without service are capped at the $65.00 monthly rate',
    outage: { ...outage, endsAt: '2028-03-21T14:00:00.000Z' },
    asOf: '2028-03-22T09:00:00.000Z',
    impacts: [impact(2001, 40 * 24 * 60)],
    expect: { status: 'eligible', amountMinor: 6500 },
  },
  {
    name: 'each line is credited at its own rate and the account gets the sum',
    outage,
    asOf,
    lines: [
      { ...voice, id: 2001, monthlyRateMinor: 6500 },
      { ...voice, id: 2002, numberE164: '+12145550102', monthlyRateMinor: 3000 },
    ],
    impacts: [impact(2001, 180), impact(2002, 120)],
    expect: {
      status: 'eligible',
      amountMinor: 327,
      perLine: [
        { lineId: 2001, status: 'eligible', amountMinor: 224 },
        { lineId: 2002, status: 'eligible', amountMinor: 103 },
      ],
    },
  },
  {
    name: 'a line without an impact record gets nothing while the affected line is credited',
    outage,
    asOf,
    lines: [
      { ...voice, id: 2001, monthlyRateMinor: 6500 },
      { ...voice, id: 2002, numberE164: '+12145550102', monthlyRateMinor: 3000 },
    ],
    impacts: [impact(2001, 180)],
    expect: {
      status: 'eligible',
      amountMinor: 224,
      failedRules: ['line_impact_required'],
      perLine: [
        { lineId: 2001, status: 'eligible', amountMinor: 224 },
        { lineId: 2002, status: 'not_eligible', amountMinor: 0 },
      ],
    },
  },
  {
    name: '45 consecutive minutes without service are not enough',
    outage,
    asOf,
    impacts: [impact(2001, 45)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_min_consecutive_minutes'] },
  },
  {
    name: 'a line not connected to an affected tower at the start is out',
    outage,
    asOf,
    impacts: [impact(2001, 180, false)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_connected_at_start'] },
  },
  {
    name: 'a weather outage is excluded',
    outage: { ...outage, cause: 'weather' },
    asOf,
    impacts: [impact(2001, 180)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['cause_not_excluded'] },
  },
  {
    name: 'an outage of 9 towers is too small',
    outage: { ...outage, towersAffected: 9 },
    asOf,
    impacts: [impact(2001, 180)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['outage_min_towers'] },
  },
  {
    name: 'an outage of 50 minutes is too short',
    outage: { ...outage, endsAt: '2028-02-10T14:50:00.000Z' },
    asOf,
    impacts: [impact(2001, 50)],
    expect: {
      status: 'not_eligible',
      amountMinor: 0,
      failedRules: ['outage_min_duration', 'line_min_consecutive_minutes'],
    },
  },
  {
    name: 'a prepaid account is out',
    account: { paymentType: 'prepaid' },
    outage,
    asOf,
    impacts: [impact(2001, 180)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['payment_type_included'] },
  },
  {
    name: 'a data-only line is not a voice line',
    outage,
    asOf,
    lines: [{ ...voice, id: 2001, serviceType: 'wireless_data', monthlyRateMinor: 2000 }],
    impacts: [impact(2001, 180)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_service_type_included'] },
  },
  {
    name: 'a suspended line is not in good standing',
    outage,
    asOf,
    lines: [{ ...voice, id: 2001, monthlyRateMinor: 6500, status: 'suspended' }],
    impacts: [impact(2001, 180)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_status_included'] },
  },
  {
    name: 'towers not yet counted need review',
    outage: { ...outage, towersAffected: null },
    asOf,
    impacts: [impact(2001, 180)],
    expect: { status: 'needs_review', amountMinor: 0 },
  },
  {
    name: 'an outage still going after 30 minutes needs review',
    outage: { ...outage, endsAt: null },
    asOf: '2028-02-10T14:30:00.000Z',
    impacts: [{ ...impact(2001, 30), endsAt: null }],
    expect: { status: 'needs_review', amountMinor: 0 },
  },
  {
    name: 'a line credited already is not credited again',
    outage,
    asOf,
    impacts: [impact(2001, 180)],
    existingCredits: [
      {
        id: 'cr-2',
        accountId: 1001,
        lineId: 2001,
        outageId: 401,
        policyCode: 'att-guarantee-2025-wireless',
        policyVersion: 1,
        amountMinor: 224,
        currency: 'USD',
        source: 'automatic',
        status: 'posted',
        scheduledOn: '2028-02-11',
        billDate: '2028-02-15',
        idempotencyKey: 'line:2001|outage:401|policy:att-guarantee-2025-wireless',
      },
    ],
    expect: {
      status: 'already_credited',
      amountMinor: 0,
      perLine: [{ lineId: 2001, status: 'already_credited', amountMinor: 0 }],
    },
  },
];

/**
 * Version 2: days come from the outage's duration; the line's 60 consecutive minutes stay an
 * eligibility rule. The examples where the two bases differ say what v1 gave.
 */
export const attGuarantee2025WirelessV2Examples: WorkedExample[] = [
  {
    name: '$65.00 line, 3-hour outage, 3 hours lost: one day, $2.24 (both bases agree)',
    outage,
    asOf,
    impacts: [impact(2001, 180)],
    expect: { status: 'eligible', amountMinor: 224, predictedPosting: { earliest: '2028-02-15', latest: '2028-03-15' } },
  },
  {
    name: 'a 50-hour outage in which the line lost 3 hours: two days from the outage, $4.48 (v1 gave $2.24)',
    outage: { ...outage, endsAt: '2028-02-12T16:00:00.000Z' },
    asOf: '2028-02-13T09:00:00.000Z',
    impacts: [impact(2001, 180)],
    expect: { status: 'eligible', amountMinor: 448 },
  },
  {
    name: 'a 73-hour outage in which the line lost 90 minutes: three days, $6.72 (v1 gave $2.24)',
    outage: { ...outage, endsAt: '2028-02-13T15:00:00.000Z' },
    asOf: '2028-02-14T09:00:00.000Z',
    impacts: [impact(2001, 90)],
    expect: { status: 'eligible', amountMinor: 672 },
  },
  {
    name: 'a 3-hour outage does not grow with a line record of 50 hours: one day, $2.24 (v1 gave $4.48)',
    outage,
    asOf: '2028-02-13T09:00:00.000Z',
    impacts: [impact(2001, 50 * 60)],
    expect: { status: 'eligible', amountMinor: 224 },
  },
  {
    name: 'a 50-hour outage still needs the line’s 60 consecutive minutes: 59 minutes lost is not eligible',
    outage: { ...outage, endsAt: '2028-02-12T16:00:00.000Z' },
    asOf: '2028-02-13T09:00:00.000Z',
    impacts: [impact(2001, 59)],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_min_consecutive_minutes'] },
  },
  {
    name: 'forty days of outage are capped at the $65.00 monthly rate',
    outage: { ...outage, endsAt: '2028-03-21T14:00:00.000Z' },
    asOf: '2028-03-22T09:00:00.000Z',
    impacts: [impact(2001, 120)],
    expect: { status: 'eligible', amountMinor: 6500 },
  },
  {
    name: 'an outage still going needs review: its days are not known yet',
    outage: { ...outage, endsAt: null },
    asOf: '2028-02-11T14:00:00.000Z',
    impacts: [impact(2001, 180)],
    expect: { status: 'needs_review', amountMinor: 0, review: [{ rule: 'outage_ended', lineId: null, confirmBy: 'wait_for_data' }] },
  },
  {
    name: 'an outage before the Guarantee began (December 2024) is not covered',
    outage: { ...outage, startsAt: '2024-12-10T14:00:00.000Z', endsAt: '2024-12-10T17:00:00.000Z' },
    asOf: '2024-12-11T09:00:00.000Z',
    impacts: [{ ...impact(2001, 180), startsAt: '2024-12-10T14:00:00.000Z', endsAt: '2024-12-10T17:00:00.000Z' }],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['policy_in_effect'] },
  },
  {
    name: 'a line without an impact record is not eligible, and a customer report does not stand in for it',
    outage,
    asOf,
    faultReports: [
      {
        id: 'fr-2',
        accountId: 1001,
        lineId: 2001,
        outageId: 401,
        fromAt: outage.startsAt,
        toAt: outage.endsAt,
        failed: ['calls'],
        reportedAt: '2028-02-10T18:00:00.000Z',
      },
    ],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['line_impact_required'] },
  },
  {
    name: 'revised from 3 to 50 hours after $2.24 was credited: the difference, $2.24, is due under the revision’s key',
    outage: { ...outage, endsAt: '2028-02-12T16:00:00.000Z', revision: 2 },
    asOf: '2028-02-13T09:00:00.000Z',
    impacts: [impact(2001, 180)],
    existingCredits: [
      givenCredit({
        id: 'cr-g1',
        accountId: 1001,
        lineId: 2001,
        outageId: 401,
        policyCode: 'att-guarantee-2025-wireless',
        amountMinor: 224,
        idempotencyKey: 'line:2001|outage:401|policy:att-guarantee-2025-wireless',
      }),
    ],
    expect: {
      status: 'already_credited',
      amountMinor: 0,
      adjustments: [
        {
          lineId: 2001,
          idempotencyKey: 'line:2001|outage:401|policy:att-guarantee-2025-wireless|rev:2',
          outageRevision: 2,
          creditedMinor: 224,
          policyNowMinor: 448,
          deltaMinor: 224,
        },
      ],
    },
  },
];
