import { describe, expect, it } from 'vitest';
import { foldText } from './text';

describe('foldText', () => {
  it.each([
    ['Müller', 'muller'],
    ['JOSÉ', 'jose'],
    ['Zoë', 'zoe'],
    ['Łukasz', 'lukasz'],
    ['Nguyễn', 'nguyen'],
    ['Østergaard', 'ostergaard'],
    ['Straße', 'strasse'],
    ['ﬁnn', 'finn'],
    ['Maria.Muller@Example.COM', 'maria.muller@example.com'],
    ['1012 AB', '1012 ab'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('gives the same form for composed and decomposed input', () => {
    expect(foldText('Mu\u0308ller')).toBe(foldText('M\u00fcller'));
  });
});
