import { describe, expect, it } from 'vitest';
import { attGuarantee2025Wireless } from './packs/att-guarantee-2025-wireless';
import { nyPsc24h } from './packs/ny-psc-24h';
import { Policy } from './policy-schema';

describe('Policy schema', () => {
  it('fills defaults a pack may leave out', () => {
    const policy = Policy.parse({
      code: 'minimal',
      version: 1,
      name: 'minimal',
      currency: 'USD',
      unit: 'account',
      amount: { kind: 'flat', amountMinor: 500 },
      delivery: { mode: 'on_request', postWithinCycles: 1 },
    });
    expect(policy.inclusion).toEqual({});
    expect(policy.outage.excludedCauses).toEqual([]);
    expect(policy.line.impactRequired).toBe(false);
    expect(policy.amount.durationBasis).toBe('outage');
    expect(policy.delivery.inKind).toEqual({ allowed: false, requiresExplicitConsent: true });
  });

  it('refuses unknown fields instead of ignoring them', () => {
    expect(Policy.safeParse({ ...nyPsc24h, perPhone: true }).success).toBe(false);
    expect(Policy.safeParse({ ...nyPsc24h, inclusion: { brand: ['att'] } }).success).toBe(false);
  });

  it('refuses a line rate in a per-account policy', () => {
    const result = Policy.safeParse({ ...attGuarantee2025Wireless, unit: 'account' });
    expect(result.success).toBe(false);
  });

  it('refuses a line-impact duration when no impact is required', () => {
    const result = Policy.safeParse({ ...attGuarantee2025Wireless, line: { impactRequired: false } });
    expect(result.success).toBe(false);
  });

  it('refuses a fixed cap below the minimum', () => {
    const result = Policy.safeParse({
      ...nyPsc24h,
      amount: { ...nyPsc24h.amount, minimumMinor: 500, cap: { kind: 'fixed', amountMinor: 400 } },
    });
    expect(result.success).toBe(false);
  });

  it('refuses a code that is not kebab-case, a version of zero and a cause outside the list', () => {
    expect(Policy.safeParse({ ...nyPsc24h, code: 'NY PSC' }).success).toBe(false);
    expect(Policy.safeParse({ ...nyPsc24h, version: 0 }).success).toBe(false);
    expect(Policy.safeParse({ ...nyPsc24h, outage: { excludedCauses: ['war'] } }).success).toBe(false);
  });
});
