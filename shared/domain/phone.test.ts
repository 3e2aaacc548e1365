import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPhoneNumber, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['(212) 555-0147', '+12125550147'],
    ['+1 212 555 0147', '+12125550147'],
    ['2125550147', '+12125550147'],
    ['1-212-555-0147', '+12125550147'],
    ['212.555.0147', '+12125550147'],
    ['  212 / 555 0147 ', '+12125550147'],
    ['011 31 6 12345678', '+31612345678'],
    ['06-12345678', '+31612345678'],
    ['+31 6 12345678', '+31612345678'],
    ['0031612345678', '+31612345678'],
    ['020-1234567', '+31201234567'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['212555', 'too short'],
    ['(112) 555-0147', 'area code starting with 1'],
    ['212 155 0147', 'exchange starting with 1'],
    ['212-555-01478', 'one digit too many'],
    ['+1 212 555 014', 'one digit too few'],
    ['+31 6 1234567', 'Dutch number one digit short'],
    ['212-555-CALL', 'letters'],
    ['+', 'a lone plus'],
    ['12+125550147', 'plus in the middle'],
  ])('refuses %s (%s)', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('reads a Dutch number without trunk prefix when the default country is NL', () => {
    expect(normalizePhone('612345678', 'NL')).toBe('+31612345678');
    expect(normalizePhone('612345678', 'US')).toBeNull();
  });

  it('still reads a US number in full national form when the default country is NL', () => {
    expect(normalizePhone('(212) 555-0147', 'NL')).toBe('+12125550147');
  });
});

describe('formatPhoneNumber', () => {
  it.each([
    ['+12125550147', '(212) 555-0147'],
    ['+31612345678', '+31 6 1234 5678'],
    ['+31201234567', '+31 20 123 4567'],
    ['+4915112345678', '+49 151 12345678'],
    ['+491711234567', '+49 171 1234567'],
    ['+493012345678', '+49 30 12345678'],
    ['+49891234567', '+49 89 1234567'],
    ['+492211234567', '+49 2211234567'],
    ['+33123456789', '+33123456789'],
  ])('shows %s as %s', (e164, shown) => {
    expect(formatPhoneNumber(e164)).toBe(shown);
  });

  it('never shows a German number as raw E.164, and keeps every digit in order', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{5,12}$/), (national) => {
        const shown = formatPhoneNumber(`+49${national}`);
        expect(shown.startsWith('+49 ')).toBe(true);
        expect(shown.replace(/\D/g, '')).toBe(`49${national}`);
      }),
    );
  });
});
