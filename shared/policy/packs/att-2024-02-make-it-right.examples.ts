import type { FaultReport } from '../../domain/fault-report';
import { baselineImpact, givenCredit, type WorkedExample } from './worked-example';

export const att202402MakeItRightExamples: WorkedExample[] = [
  {
    name: 'a consumer postpaid wireless account gets $5.00',
    expect: {
      status: 'eligible',
      amountMinor: 500,
      // Scheduled on 23 February with bill cycle day 15: next bill 15 March, latest 15 April.
      predictedPosting: { earliest: '2024-03-15', latest: '2024-04-15' },
    },
  },
  {
    name: 'four lines still get one $5.00 credit per account',
    lines: [
      { id: 2001, numberE164: '+12145550101', serviceType: 'wireless_voice', monthlyRateMinor: 6500, status: 'active' },
      { id: 2002, numberE164: '+12145550102', serviceType: 'wireless_voice', monthlyRateMinor: 3000, status: 'active' },
      { id: 2003, numberE164: '+12145550103', serviceType: 'wireless_voice', monthlyRateMinor: 3000, status: 'active' },
      { id: 2004, numberE164: '+12145550104', serviceType: 'wireless_data', monthlyRateMinor: 2000, status: 'active' },
    ],
    expect: { status: 'eligible', amountMinor: 500 },
  },
  {
    name: 'a prepaid account is excluded',
    account: { paymentType: 'prepaid' },
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['payment_type_included'] },
  },
  {
    name: 'a business account is excluded',
    account: { segment: 'business' },
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['segment_included'] },
  },
  {
    name: 'a Cricket account is excluded',
    account: { brand: 'cricket' },
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['brand_included'] },
  },
  {
    name: 'an account with only home internet is not a wireless account',
    lines: [{ id: 2001, numberE164: '+12145550101', serviceType: 'home_internet', monthlyRateMinor: 5500, status: 'active' }],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['service_type_included'] },
  },
  {
    name: 'an account credited already is not credited again',
    existingCredits: [
      {
        id: 'cr-1',
        accountId: 1001,
        lineId: null,
        outageId: 301,
        policyCode: 'att-2024-02-make-it-right',
        policyVersion: 1,
        amountMinor: 500,
        currency: 'USD',
        source: 'automatic',
        status: 'scheduled',
        scheduledOn: '2024-02-23',
        billDate: '2024-03-15',
        idempotencyKey: 'account:1001|outage:301|policy:att-2024-02-make-it-right',
      },
    ],
    expect: { status: 'already_credited', amountMinor: 0 },
  },
  {
    name: 'a flat credit does not wait for an ongoing outage to end',
    outage: { endsAt: null },
    asOf: '2024-02-22T12:00:00.000Z',
    expect: { status: 'eligible', amountMinor: 500 },
  },
];

const report: FaultReport = {
  id: 'fr-1',
  accountId: 1001,
  lineId: 2001,
  outageId: 301,
  fromAt: '2024-02-22T09:00:00.000Z',
  toAt: '2024-02-22T19:30:00.000Z',
  failed: ['calls', 'data'],
  reportedAt: '2024-02-23T15:00:00.000Z',
};

/** Version 2: the automatic credit needs a line impact record; the region alone needs review. */
export const att202402MakeItRightV2Examples: WorkedExample[] = [
  {
    name: 'an account with an impact record on a line gets $5.00 automatically',
    impacts: [baselineImpact],
    expect: { status: 'eligible', amountMinor: 500, predictedPosting: { earliest: '2024-03-15', latest: '2024-04-15' } },
  },
  {
    name: 'an account only in a covered region is not paid silently: it needs review, confirmed by recording the report',
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      pendingAmountMinor: 500,
      review: [{ rule: 'evidence_sufficient', lineId: null, confirmBy: 'record_fault_report' }],
    },
  },
  {
    name: 'with the customer’s report recorded, the $5.00 waits for a supervisor’s approval',
    faultReports: [report],
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      pendingAmountMinor: 500,
      review: [{ rule: 'evidence_sufficient', lineId: null, confirmBy: 'supervisor_approval' }],
    },
  },
  {
    name: 'a prepaid account in the region is still excluded, report or not',
    account: { paymentType: 'prepaid' },
    faultReports: [report],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['payment_type_included'], pendingAmountMinor: 0 },
  },
  {
    name: 'the pack is for the outage of 22 February 2024 only',
    outage: { startsAt: '2024-03-05T08:45:00.000Z', endsAt: '2024-03-05T20:10:00.000Z' },
    asOf: '2024-03-06T12:00:00.000Z',
    impacts: [{ ...baselineImpact, startsAt: '2024-03-05T08:45:00.000Z', endsAt: '2024-03-05T20:10:00.000Z' }],
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['policy_in_effect'] },
  },
  {
    name: 'an account credited under version 1 is not credited again under version 2',
    impacts: [baselineImpact],
    existingCredits: [
      givenCredit({
        id: 'cr-v1',
        accountId: 1001,
        outageId: 301,
        policyCode: 'att-2024-02-make-it-right',
        amountMinor: 500,
        idempotencyKey: 'account:1001|outage:301|policy:att-2024-02-make-it-right',
      }),
    ],
    expect: { status: 'already_credited', amountMinor: 0, adjustments: [] },
  },
];
