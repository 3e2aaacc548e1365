import { z } from 'zod';
import { Currency, MinorUnits } from './account';

/** An amount of money: integer minor units (cents) and its ISO 4217 currency. */
export const Money = z.object({ amountMinor: MinorUnits, currency: Currency });
export type Money = z.infer<typeof Money>;

/**
 * An exact rational number. Credit arithmetic stays in fractions of BigInt so that
 * `6500 x 3 / 29` is never a float; it is rounded once, at the end, by `roundHalfUp`.
 */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

function toBigInt(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return BigInt(value);
}

/** A reduced fraction with a positive denominator. */
export function fraction(numerator: number | bigint, denominator: number | bigint = 1n): Fraction {
  let n = toBigInt(numerator);
  let d = toBigInt(denominator);
  if (d === 0n) throw new RangeError('denominator is zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { numerator: n / g, denominator: d / g } : { numerator: n, denominator: d };
}

export function multiplyFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function addFractions(a: Fraction, b: Fraction): Fraction {
  return fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/**
 * Rounds to the nearest integer; an exact half goes away from zero (the usual "half-up"
 * of money, as Java's HALF_UP). The result is a safe JS integer or a RangeError.
 */
export function roundHalfUp(value: Fraction): number {
  const { numerator: n, denominator: d } = value;
  const magnitude = n < 0n ? -n : n;
  // floor((2|n| + d) / 2d) is |n|/d rounded half-up, in integers only.
  const rounded = (2n * magnitude + d) / (2n * d);
  const signed = n < 0n ? -rounded : rounded;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount out of range');
  }
  return Number(signed);
}

/** `amountMinor x numerator / denominator`, computed exactly and rounded half-up once. */
export function multiplyMinor(amountMinor: number, numerator: number, denominator: number): number {
  return roundHalfUp(fraction(toBigInt(amountMinor) * toBigInt(numerator), denominator));
}

/** The fraction as a decimal string with `places` digits, for facts and derivations. */
export function fractionToDecimal(value: Fraction, places: number): string {
  const scale = 10n ** BigInt(places);
  const scaled = roundHalfUp(fraction(value.numerator * scale, value.denominator));
  const negative = scaled < 0;
  const digits = Math.abs(scaled).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const part = places > 0 ? '.' + digits.slice(digits.length - places) : '';
  return (negative ? '-' : '') + whole + part;
}
