import type { PolicyInput } from '../policy-schema';

/**
 * AT&T's "make it right" credit for the outage of 22 February 2024: $5.00 per account,
 * not per line, to consumer postpaid wireless accounts; Business, Prepaid and Cricket are
 * out; applied automatically, typically within two bill cycles.
 */
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
