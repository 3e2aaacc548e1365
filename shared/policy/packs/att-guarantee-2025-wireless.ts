import type { PolicyInput } from '../policy-schema';

/**
 * The AT&T Guarantee for wireless (from January 2025), per line: a consumer postpaid voice
 * line in good standing, on an outage of at least 10 towers and 60 minutes, connected to an
 * affected tower at the start and without service for 60 consecutive minutes or more, gets
 * its monthly rate / days in that month for a day, one more day for each further full 24 h,
 * never more than the monthly rate. Natural disasters, weather and third parties are out.
 */
/** Version 1, kept because credits were given under it; v2 below is the one outages are given. */
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

/**
 * Version 2: the count of days comes from the outage. AT&T's terms give one day's credit
 * per qualifying outage and, "if outage lasts for more than 24 hours, ... credit for each
 * additional day of the outage", never more than the monthly rate. The line's 60
 * consecutive minutes without service stay an eligibility rule (`line.minConsecutiveMinutes`);
 * v1 counted the extra days from the line's own minutes lost (`durationBasis: 'line_impact'`).
 * The Guarantee started in January 2025: outages before it are not covered.
 */
export const attGuarantee2025WirelessV2 = {
  ...attGuarantee2025Wireless,
  version: 2,
  source: 'AT&T Guarantee terms (att.com/guarantee), wireless network outage, January 2025',
  amount: { ...attGuarantee2025Wireless.amount, durationBasis: 'outage' },
  effective: { from: '2025-01-01' },
  evidence: { automatic: 'impact_record', customerReport: 'not_accepted' },
} satisfies PolicyInput;
