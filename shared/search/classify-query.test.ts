import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyQuery, MAX_INDEXED_PREFIX, MAX_NAME_TOKENS } from './classify-query';

function modes(raw: string): string[] {
  return classifyQuery(raw).lookups.map((lookup) => lookup.mode);
}

describe('classifyQuery', () => {
  it.each([
    ['', []],
    ['   \t ', []],
    ['287100000001', ['account_number']],
    ['2871 0000 0001', ['account_number']],
    ['2871-0000-0001', ['account_number']],
    ['719000004', ['account_number']],
    ['2125550147', ['account_number', 'phone']],
    ['12125550147', ['account_number', 'phone']],
    ['06-12345678', ['account_number', 'phone']],
    ['(212) 555-0147', ['phone']],
    ['+1 212 555 0147', ['phone']],
    ['212.555.0147', ['phone']],
    ['+31 6 12345678', ['phone']],
    ['0031612345678', ['phone']],
    ['maria.muller@example.com', ['email']],
    ['Maria.Muller@', ['email']],
    ['10001', ['postal_code']],
    ['10001-1234', ['account_number', 'postal_code']],
    ['1012 AB', ['postal_code']],
    ['1012ab', ['postal_code']],
    ['Müller', ['name']],
    ['de vr', ['name']],
    ['1234', []],
    ['1234567890123', []],
    ['🙂', []],
  ])('understands %j as %j', (raw, expected) => {
    expect(modes(raw)).toEqual(expected);
  });

  it('normalises each lookup parameter', () => {
    expect(classifyQuery(' 2871-0000-0001 ').lookups).toEqual([{ mode: 'account_number', accountNumber: '287100000001' }]);
    expect(classifyQuery('(212) 555-0147').lookups).toEqual([{ mode: 'phone', e164: '+12125550147' }]);
    expect(classifyQuery('Maria.Müller@Example.com').lookups).toEqual([{ mode: 'email', emailPrefix: 'maria.muller@example.com' }]);
    expect(classifyQuery('1012 ab').lookups).toEqual([{ mode: 'postal_code', postalCodeNorm: '1012ab' }]);
    expect(classifyQuery('10001-1234').lookups[1]).toEqual({ mode: 'postal_code', postalCodeNorm: '10001' });
  });

  it('makes every name token a quoted, accent-free prefix', () => {
    expect(classifyQuery('José  de VRIES').lookups).toEqual([
      { mode: 'name', tokens: ['jose', 'de', 'vries'], ftsQuery: '"jose"* "de"* "vries"*' },
    ]);
  });

  it.each([
    ['a OR b', '"a"* "or"* "b"*'],
    ['NEAR(a b)', '"near"* "a"* "b"*'],
    ['"ab', '"ab"*'],
    ['ab* -cd ^ef', '"ab"* "cd"* "ef"*'],
    ["'; DROP TABLE accounts; --", '"drop"* "table"* "accounts"*'],
    ["O'Brien", '"o"* "brien"*'],
  ])('keeps FTS syntax in %j inert', (raw, ftsQuery) => {
    const [lookup] = classifyQuery(raw).lookups;
    expect(lookup).toMatchObject({ mode: 'name', ftsQuery });
  });

  it(`searches a token longer than ${MAX_INDEXED_PREFIX} characters by its indexed prefix`, () => {
    expect(classifyQuery('Łukaszewiczowa').lookups).toEqual([{ mode: 'name', tokens: ['lukaszewic'], ftsQuery: '"lukaszewic"*' }]);
  });

  it(`uses at most ${MAX_NAME_TOKENS} name tokens`, () => {
    const [lookup] = classifyQuery('a b c d e f g h i j k').lookups;
    expect(lookup?.mode === 'name' && lookup.tokens).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  });

  it('drops zero-width, bidi and control characters before reading the text', () => {
    expect(classifyQuery('212\u200b555\u200d0147').lookups).toEqual([
      { mode: 'account_number', accountNumber: '2125550147' },
      { mode: 'phone', e164: '+12125550147' },
    ]);
    expect(classifyQuery('\u202eMül\u0000ler\ufeff').lookups).toEqual([{ mode: 'name', tokens: ['muller'], ftsQuery: '"muller"*' }]);
  });

  it('reads full-width digits as digits', () => {
    expect(modes('２８７１０００００００１')).toEqual(['account_number']);
  });

  it('never produces a name query with anything but quoted letter-or-digit tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (raw) => {
        for (const lookup of classifyQuery(raw).lookups) {
          if (lookup.mode === 'name') expect(lookup.ftsQuery).toMatch(/^"[\p{L}\p{N}]+"\*(?: "[\p{L}\p{N}]+"\*)*$/u);
        }
      }),
    );
  });
});
