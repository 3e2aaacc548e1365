import { describe, expect, it } from 'vitest';
import { Credit, idempotencyKey } from './credit';

describe('idempotencyKey', () => {
  it('is the same string for the same account, outage and policy', () => {
    const subject = { accountId: 1001, outageId: 301, policyCode: 'att-2024-02-make-it-right' };
    expect(idempotencyKey(subject)).toBe(idempotencyKey({ ...subject }));
    expect(idempotencyKey(subject)).toBe('account:1001|outage:301|policy:att-2024-02-make-it-right');
  });

  it('names the line for a per-line credit', () => {
    expect(idempotencyKey({ accountId: 1001, lineId: 2001, outageId: 401, policyCode: 'att-guarantee-2025-wireless' })).toBe(
      'line:2001|outage:401|policy:att-guarantee-2025-wireless',
    );
  });

  it('differs when the subject, the outage or the policy differs', () => {
    const base = { accountId: 1, outageId: 2, policyCode: 'p' };
    const keys = [
      idempotencyKey(base),
      idempotencyKey({ ...base, accountId: 2 }),
      idempotencyKey({ ...base, lineId: 1 }),
      idempotencyKey({ ...base, outageId: 3 }),
      idempotencyKey({ ...base, policyCode: 'q' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Credit', () => {
  const credit = {
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
  };

  it('accepts a scheduled automatic credit', () => {
    expect(Credit.parse(credit)).toEqual(credit);
  });

  it('refuses a negative or fractional amount and an unknown status', () => {
    expect(Credit.safeParse({ ...credit, amountMinor: -1 }).success).toBe(false);
    expect(Credit.safeParse({ ...credit, amountMinor: 5.5 }).success).toBe(false);
    expect(Credit.safeParse({ ...credit, status: 'paid' }).success).toBe(false);
  });
});
