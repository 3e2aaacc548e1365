import type { PolicyInput } from '../policy-schema';

/**
 * The AT&T Guarantee for wireless (from January 2025), per line: a consumer postpaid voice
 * line in good standing, on an outage of at least 10 towers and 60 minutes, connected to an
 * affected tower at the start and without service for 60 consecutive minutes or more, gets
 * its monthly rate / days in that month for a day, one more day for each further full 24 h,
 * never more than the monthly rate. Natural disasters, weather and third parties are out.
 */
export const attGuarantee2025Wireless = {
  code: 'att-guarantee-2025-wireless',
  version: 1,
  name: 'AT&T Guarantee: wireless network outage',
  source: 'AT&T Guarantee terms, January 2025',
  currency: 'USD',
  unit: 'line',
  inclusion: {
    brands: ['att'],
    segments: ['consumer'],
    paymentTypes: ['postpaid'],
    accountStatuses: ['active'],
    countries: ['US'],
    serviceTypes: ['wireless_voice'],
    lineStatuses: ['active'],
  },
  outage: {
    minDuration: { minutes: 60, inclusive: true },
    minTowers: 10,
    excludedCauses: ['natural_disaster', 'weather', 'third_party'],
  },
  line: { impactRequired: true, minConsecutiveMinutes: 60, connectedAtStart: true },
  amount: {
    kind: 'daily_rate',
    base: 'line_monthly_rate',
    baseDays: 1,
    extraDayPerFullHours: 24,
    durationBasis: 'line_impact',
    cap: { kind: 'monthly_base', base: 'line_monthly_rate' },
  },
  delivery: { mode: 'automatic', postWithinCycles: 2, noticeChannels: ['sms', 'email'] },
} satisfies PolicyInput;
