import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Credit, idempotencyKey, keyForAccountId } from './credit';

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

describe('keyForAccountId', () => {
  const id = fc.integer({ min: 1, max: 2_000_000_000 });
  const subject = fc.record({ outageId: id, policyCode: fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), accountId: id });
  // What may follow a base key: nothing, a revision's difference, an override's adjustment.
  const suffix = fc.oneof(fc.constant(''), id.map((n) => `|rev:${n}`), fc.stringMatching(/^[0-9A-Z]{26}$/).map((r) => `|override-adjust:${r}`));

  it('gives the key the receiving store would build for the same account, outage and policy, suffix kept', () => {
    fc.assert(
      fc.property(subject, id, suffix, (s, otherId, tail) => {
        const there = `${idempotencyKey(s)}${tail}`;
        const here = keyForAccountId(there, otherId);
        expect(here).toBe(`${idempotencyKey({ ...s, accountId: otherId })}${tail}`);
        // Back again is the original, and translating twice changes nothing more.
        expect(keyForAccountId(here, s.accountId)).toBe(there);
        expect(keyForAccountId(here, otherId)).toBe(here);
      }),
    );
  });

  it('never makes two different subjects one key: distinct keys of one account stay distinct', () => {
    fc.assert(
      fc.property(subject, subject, id, suffix, suffix, (a, b, otherId, tailA, tailB) => {
        const keyA = `${idempotencyKey({ ...a, accountId: 1 })}${tailA}`;
        const keyB = `${idempotencyKey({ ...b, accountId: 1 })}${tailB}`;
        fc.pre(keyA !== keyB);
        expect(keyForAccountId(keyA, otherId)).not.toBe(keyForAccountId(keyB, otherId));
      }),
    );
  });

  it.each([
    ['a line key', 'line:2001|outage:401|policy:att-guarantee-2025-wireless'],
    ["a hub credit's fallback key", 'hub:01JABCDEF'],
    ['a malformed account key', 'account:x|outage:1|policy:p'],
    ['an account key without its outage', 'account:12'],
  ])('leaves %s as it is', (_name, key) => {
    expect(keyForAccountId(key, 7)).toBe(key);
  });
});
