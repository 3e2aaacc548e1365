import type { PolicyInput } from '../policy-schema';

/**
 * Germany, Telekommunikationsgesetz section 58(3) (TKG 2021, in force 1 December 2021): when
 * a fault the consumer reported is not fixed within two calendar days of the report, the
 * consumer can claim, for each further day of complete outage, the greater of EUR 5 or 10 %
 * of the monthly fee on days 3 and 4, and the greater of EUR 10 or 20 % from day 5.
 *
 * Read as: day 1 is the calendar day after the day the report reached the carrier; a day
 * counts while the fault is still not fixed when it begins (the fix is the outage's end).
 * Days are UTC calendar days here, which can differ from German days by one or two hours at
 * the edges. The consumer must claim (`on_request`); the law's exceptions (a fault the
 * consumer caused, force majeure) are decided by a person, as an override.
 */
export const deTkg58Entschaedigung = {
  code: 'de-tkg-58-entschaedigung',
  version: 1,
  name: 'Germany: compensation for an unrepaired fault (TKG section 58)',
  source: 'Telekommunikationsgesetz (2021) section 58(3)',
  currency: 'EUR',
  unit: 'account',
  inclusion: { segments: ['consumer'], countries: ['DE'], accountStatuses: ['active', 'suspended'] },
  outage: { excludedCauses: [] },
  line: { impactRequired: false },
  amount: {
    kind: 'tiered_daily',
    base: 'account_monthly_charge',
    durationBasis: 'fault_report',
    tiers: [
      { fromDay: 3, flatMinor: 500, percentOfBase: 10 },
      { fromDay: 5, flatMinor: 1000, percentOfBase: 20 },
    ],
  },
  delivery: { mode: 'on_request', postWithinCycles: 2, noticeChannels: ['bill_message'] },
  effective: { from: '2021-12-01' },
  evidence: { automatic: 'service_region', customerReport: 'with_approval' },
  legalBasis: 'statute',
} satisfies PolicyInput;
