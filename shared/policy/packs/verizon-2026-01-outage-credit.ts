import type { PolicyInput } from '../policy-schema';

/**
 * Verizon's credit after the wireless outage of 14 January 2026 (about 10 hours, from
 * around noon to 10 pm Eastern): $20.00 per account, not per line, claimed by the customer
 * ("redeemed" in the My Verizon app after a text message; support agents also apply it),
 * on the bill within one to two billing cycles. Business customers were to be contacted
 * directly, so the pack covers consumer accounts. Verizon's notice states no claim deadline:
 * the 60-day window is this pack's own choice, stated so an agent can tell a late caller why.
 */
export const verizon202601OutageCredit = {
  code: 'verizon-2026-01-outage-credit',
  version: 1,
  name: 'Verizon January 2026 outage credit',
  source: 'Verizon statement of 15 January 2026 ($20 account credit, redeemed in My Verizon)',
  currency: 'USD',
  unit: 'account',
  inclusion: {
    segments: ['consumer'],
    accountStatuses: ['active', 'suspended'],
    countries: ['US'],
  },
  outage: { excludedCauses: [] },
  line: { impactRequired: false },
  amount: { kind: 'flat', amountMinor: 2000 },
  delivery: { mode: 'on_request', postWithinCycles: 2, noticeChannels: ['sms'], claimWindowDays: 60 },
  effective: { from: '2026-01-14', until: '2026-01-14' },
  evidence: { automatic: 'service_region', customerReport: 'with_approval' },
} satisfies PolicyInput;
