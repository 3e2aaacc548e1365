import type { Account } from '../../domain/account';
import type { FaultReport } from '../../domain/fault-report';
import type { Outage } from '../../domain/outage';
import type { WorkedExample } from './worked-example';

const german: Partial<Account> = {
  country: 'DE',
  currency: 'EUR',
  region: 'BE',
  postalCode: '10115',
  preferredLanguage: 'en',
  monthlyChargeMinor: 4000,
};

/** The fault started on Sunday 3 March 2024; `endsAt` is when it was fixed. */
function fixedAt(endsAt: string | null): Partial<Outage> {
  return { id: 801, startsAt: '2024-03-03T20:00:00.000Z', endsAt, regions: ['BE'], cause: 'equipment' };
}
/** Reported on Monday 4 March: day 1 is Tuesday, day 3 Thursday 7 March, day 5 Saturday 9 March. */
const report: FaultReport = {
  id: 'fr-de',
  accountId: 1001,
  lineId: 2001,
  outageId: 801,
  fromAt: '2024-03-03T20:00:00.000Z',
  toAt: null,
  failed: ['internet', 'fixed_voice'],
  reportedAt: '2024-03-04T10:00:00.000Z',
};
const claim = { id: 'cl-de', accountId: 1001, outageId: 801, policyCode: 'de-tkg-58-entschaedigung', claimedAt: '2024-03-12T09:00:00.000Z' };
const asOf = '2024-03-12T10:00:00.000Z';

export const deTkg58EntschaedigungExamples: WorkedExample[] = [
  {
    name: 'fixed on day 2 (Wednesday evening): within two calendar days, nothing',
    account: german,
    outage: fixedAt('2024-03-06T20:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['amount_positive'] },
  },
  {
    name: 'fixed on day 3 (Thursday morning) on EUR 40.00: one day, the greater of EUR 5 or EUR 4 = EUR 5.00',
    account: german,
    outage: fixedAt('2024-03-07T09:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'eligible', amountMinor: 500 },
  },
  {
    name: 'the same on EUR 60.00: 10 % is EUR 6.00, more than EUR 5',
    account: { ...german, monthlyChargeMinor: 6000 },
    outage: fixedAt('2024-03-07T09:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'eligible', amountMinor: 600 },
  },
  {
    name: 'fixed on day 6 (Sunday noon) on EUR 40.00: 2 x EUR 5 + 2 x EUR 10 = EUR 30.00',
    account: german,
    outage: fixedAt('2024-03-10T12:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'eligible', amountMinor: 3000 },
  },
  {
    name: 'the same on EUR 80.00: 2 x EUR 8 (10 %) + 2 x EUR 16 (20 %) = EUR 48.00',
    account: { ...german, monthlyChargeMinor: 8000 },
    outage: fixedAt('2024-03-10T12:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'eligible', amountMinor: 4800 },
  },
  {
    name: 'without a fault report there is nothing to count from: record the customer’s report',
    account: german,
    outage: fixedAt('2024-03-10T12:00:00.000Z'),
    claims: [claim],
    asOf,
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      review: [{ rule: 'fault_report_recorded', lineId: null, confirmBy: 'record_fault_report' }],
    },
  },
  {
    name: 'the consumer must claim: without a claim the EUR 30.00 waits for it',
    account: german,
    outage: fixedAt('2024-03-10T12:00:00.000Z'),
    faultReports: [report],
    asOf,
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      pendingAmountMinor: 3000,
      review: [{ rule: 'claim_registered', lineId: null, confirmBy: 'register_claim' }],
    },
  },
  {
    name: 'a fault not fixed yet needs review: the days are still counting',
    account: german,
    outage: fixedAt(null),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: {
      status: 'needs_review',
      amountMinor: 0,
      review: [{ rule: 'outage_ended', lineId: null, confirmBy: 'wait_for_data' }],
    },
  },
  {
    name: 'a Dutch account is not under German law',
    account: { ...german, country: 'NL', region: 'NH' },
    outage: fixedAt('2024-03-10T12:00:00.000Z'),
    faultReports: [report],
    claims: [claim],
    asOf,
    expect: { status: 'not_eligible', amountMinor: 0, failedRules: ['country_included'] },
  },
];
