import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addFractions, fraction, fractionToDecimal, multiplyFractions, multiplyMinor, roundHalfUp } from './money';

describe('multiplyMinor', () => {
  it.each([
    // amount, numerator, denominator, expected
    [6500, 1, 29, 224], // 224.137... a day for $65.00 in a 29-day February
    [6500, 5, 29, 1121], // 1120.69: rounded once, not 5 x 224
    [4650, 2, 30, 310], // EUR 46.50 x 2/30
    [2000, 1, 30, 67], // 66.67
    [9000, 2, 30, 600],
    [150, 1, 100, 2], // 1.5 is a half: up
    [250, 1, 100, 3], // 2.5: up, not to even
    [-150, 1, 100, -2], // a half goes away from zero
    [1, 1, 3, 0],
    [2, 1, 3, 1],
  ])('%i x %i / %i = %i', (amount, numerator, denominator, expected) => {
    expect(multiplyMinor(amount, numerator, denominator)).toBe(expected);
  });

  it('stays exact where a float product would lose digits', () => {
    // 999,999,999 x 9,999,999 is above 2^53; as floats the product is off.
    expect(multiplyMinor(999_999_999, 9_999_999, 9_999_999)).toBe(999_999_999);
    expect(multiplyMinor(999_999_999, 3, 7)).toBe(428_571_428);
  });

  it('refuses a zero denominator and unsafe integers', () => {
    expect(() => multiplyMinor(1, 1, 0)).toThrow(RangeError);
    expect(() => multiplyMinor(0.5, 1, 1)).toThrow(RangeError);
  });
});

describe('fractions', () => {
  it('are reduced with a positive denominator', () => {
    expect(fraction(6, -4)).toEqual({ numerator: -3n, denominator: 2n });
  });

  it('multiply and add exactly', () => {
    expect(multiplyFractions(fraction(1, 3), fraction(3, 5))).toEqual(fraction(1, 5));
    expect(addFractions(fraction(1, 3), fraction(1, 6))).toEqual(fraction(1, 2));
  });

  it('print as decimals for derivations', () => {
    expect(fractionToDecimal(fraction(6500, 29), 4)).toBe('224.1379');
    expect(fractionToDecimal(fraction(-1, 8), 2)).toBe('-0.13');
    expect(fractionToDecimal(fraction(310), 0)).toBe('310');
  });
});

describe('roundHalfUp properties', () => {
  const num = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
  const den = fc.bigInt({ min: 1n, max: 10n ** 6n });

  it('is never off by more than half a unit', () => {
    fc.assert(
      fc.property(num, den, (n, d) => {
        const r = BigInt(roundHalfUp(fraction(n, d)));
        // |r - n/d| <= 1/2  <=>  |2(r d - n)| <= d
        const diff = 2n * (r * d - n);
        return (diff < 0n ? -diff : diff) <= d;
      }),
    );
  });

  it('rounds an exact half away from zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (k) => {
        const half = fraction(2 * k + 1, 2); // k + 0.5
        return roundHalfUp(half) === (k >= 0 ? k + 1 : k);
      }),
    );
  });

  it('returns an integer unchanged', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (k) => roundHalfUp(fraction(k)) === k));
  });

  it('has no float drift: the rounding matches integer-only arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        (amount, n, d) => {
          const exact = BigInt(amount) * BigInt(n);
          const expected = (2n * exact + BigInt(d)) / (2n * BigInt(d));
          return BigInt(multiplyMinor(amount, n, d)) === expected;
        },
      ),
    );
  });
});
