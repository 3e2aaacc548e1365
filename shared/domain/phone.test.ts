import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

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
