import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorToAmountText, parseAmountToMinor } from './amount-text';

describe('parseAmountToMinor', () => {
  it.each([
    ['5', 500],
    ['5.00', 500],
    ['5,5', 550],
    [' 12.34 ', 1234],
    ['0.01', 1],
  ])('reads %s as %i minor units', (text, minor) => {
    expect(parseAmountToMinor(text)).toBe(minor);
  });

  it.each(['', '0', '0.00', '-5', '5.001', 'five', '1e3', '5.'])('refuses %s', (text) => {
    expect(parseAmountToMinor(text)).toBeNull();
  });
});

describe('minorToAmountText', () => {
  it.each([
    [500, '5.00'],
    [7_550, '75.50'],
    [1, '0.01'],
    [29_001, '290.01'],
  ])('writes %i minor units as %s', (minor, text) => {
    expect(minorToAmountText(minor)).toBe(text);
  });

  it.each([
    [5_000, 'nl-NL', '50,00'],
    [123_456, 'nl-NL', '1234,56'],
    [5_000, 'en-US', '50.00'],
    [5_000, 'not a locale', '50.00'],
  ])('writes %i minor units in %s as %s', (minor, locale, text) => {
    expect(minorToAmountText(minor, locale)).toBe(text);
  });

  it('writes every amount so that it reads back exactly, in English and in Dutch', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.constantFrom('en-US', 'nl-NL'), (minor, locale) => {
        expect(parseAmountToMinor(minorToAmountText(minor, locale))).toBe(minor);
      }),
    );
  });
});
