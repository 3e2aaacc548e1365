import type { PolicyInput } from '../policy-schema';

/**
 * AT&T's "make it right" credit for the outage of 22 February 2024: $5.00 per account,
 * not per line, to consumer postpaid wireless accounts; Business, Prepaid and Cricket are
 * out; applied automatically, typically within two bill cycles.
 */
/** Version 1, kept because credits were given under it; v2 below is the one outages are given. */
export const att202402MakeItRight = {
  code: 'att-2024-02-make-it-right',
  version: 1,
  name: 'AT&T February 2024 outage credit',
  source: 'AT&T customer notice, 22-23 February 2024',
  currency: 'USD',
  unit: 'account',
  inclusion: {
    brands: ['att'],
    segments: ['consumer'],
    paymentTypes: ['postpaid'],
    accountStatuses: ['active', 'suspended'],
    countries: ['US'],
    serviceTypes: ['wireless_voice', 'wireless_data'],
  },
  outage: { excludedCauses: [] },
  line: { impactRequired: false },
  amount: { kind: 'flat', amountMinor: 500 },
  delivery: { mode: 'automatic', postWithinCycles: 2, noticeChannels: ['sms', 'email'] },
} satisfies PolicyInput;

/**
 * Version 2: the same credit, with what v1 left implicit made explicit. The automatic credit
 * needs the network's impact record for a line of the account (the notice speaks of accounts
 * "potentially affected" by the outage, which the network records show); an account that is
 * only in a covered region is not paid silently but needs review, and the customer's report
 * confirms it with a supervisor's approval. It applies to the outage of 22 February 2024 only.
 */
export const att202402MakeItRightV2 = {
  ...att202402MakeItRight,
  version: 2,
  effective: { from: '2024-02-22', until: '2024-02-22' },
  evidence: { automatic: 'impact_record', customerReport: 'with_approval' },
} satisfies PolicyInput;
