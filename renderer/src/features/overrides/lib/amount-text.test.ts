import { describe, expect, it } from 'vitest';
import { parseAmountToMinor } from './amount-text';

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
