import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '@shared/ipc/search-channels';
import { openDatabase } from '../db/open-database';
import { demoAccounts } from '../demo/demo-accounts';
import { seedDemo } from '../demo/generate-dataset';
import { searchAccounts } from './search-service';

let db: Database.Database;
beforeAll(() => {
  db = openDatabase(':memory:');
  seedDemo(db);
});
afterAll(() => db.close());

function numbersFound(query: string, limit?: number): string[] {
  return searchAccounts(db, query, limit).results.map((r) => r.accountNumber);
}

const maria = demoAccounts.mariaMuller.accountNumber;
const jan = demoAccounts.janDeVries.accountNumber;

describe('searchAccounts', () => {
  it('finds an account by its number, with or without spaces and dashes', () => {
    for (const query of ['287100000001', '2871 0000 0001', '2871-0000-0001']) {
      const response = searchAccounts(db, query);
      expect(response.results.map((r) => [r.accountNumber, r.matchedBy])).toEqual([[maria, 'account_number']]);
      expect(response.modes).toEqual(['account_number']);
    }
  });

  it.each(['(212) 555-0147', '+1 212 555 0147', '2125550147', '1-212-555-0147', '212.555.0147', '+12125550147'])(
    'finds Maria Müller by her phone written as %s',
    (query) => {
      const response = searchAccounts(db, query);
      expect(response.results.map((r) => [r.accountNumber, r.matchedBy])).toEqual([[maria, 'phone']]);
    },
  );

  it('finds an account by a line that is not its contact number', () => {
    expect(numbersFound('(212) 555-0149')).toEqual([maria]);
  });

  it.each(['06-12345678', '+31 6 12345678', '0031612345678'])('finds Jan de Vries by his Dutch mobile written as %s', (query) => {
    expect(numbersFound(query)).toEqual([jan]);
  });

  it('reports both readings of ten digits, and matches by phone when no account has that number', () => {
    const response = searchAccounts(db, '2125550147');
    expect(response.modes).toEqual(['account_number', 'phone']);
  });

  it('finds accounts by email, whole or as a prefix, ignoring case', () => {
    expect(numbersFound('Maria.Muller@Example.com')).toEqual([maria]);
    expect(numbersFound('jan.devries@')).toEqual([jan]);
    expect(searchAccounts(db, 'maria.muller@').results[0]?.matchedBy).toBe('email');
  });

  it('finds accounts by postal code in US and Dutch forms', () => {
    expect(numbersFound('10001')).toContain(maria);
    expect(numbersFound('10001-0001')).toContain(maria);
    for (const query of ['1012 AB', '1012ab', '1012 ab']) expect(numbersFound(query)).toContain(jan);
    expect(searchAccounts(db, '1012 AB').results.every((r) => r.postalCode.replace(' ', '').toUpperCase() === '1012AB')).toBe(true);
  });

  it('finds names by prefix with accents and case ignored', () => {
    expect(numbersFound('maria muller')).toContain(maria);
    expect(numbersFound('MARÍA MÜL')).toContain(maria);
    expect(numbersFound('de vr')).toContain(jan);
    expect(numbersFound('zoe nguyen')).toContain(demoAccounts.zoeNguyen.accountNumber);
    expect(numbersFound('zoë nguyễn')).toContain(demoAccounts.zoeNguyen.accountNumber);
  });

  it('finds Müller when the agent types muller, and every name result holds each typed prefix', () => {
    const response = searchAccounts(db, 'muller');
    expect(response.results.length).toBeGreaterThan(0);
    expect(response.results.some((r) => r.holderName.includes('Müller'))).toBe(true);
    expect(response.results.every((r) => r.matchedBy === 'name')).toBe(true);
    const found = searchAccounts(db, 'de vr').results;
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.holderName.toLowerCase()).toMatch(/^(?=.*\bde)(?=.*\bvr)/);
  });

  it('finds names with letters that have no decomposition, such as Ł', () => {
    const found = searchAccounts(db, 'lukasz').results;
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => /łukasz/i.test(r.holderName))).toBe(true);
  });

  it('returns at most the limit, says when more matched, and never repeats an account', () => {
    const response = searchAccounts(db, 'a', 5);
    expect(response.results).toHaveLength(5);
    expect(response.truncated).toBe(true);
    const all = searchAccounts(db, 'de vr', 100);
    expect(all.truncated).toBe(false);
    expect(new Set(all.results.map((r) => r.accountNumber)).size).toBe(all.results.length);
  });

  it('keeps an account once, under the first mode that found it', () => {
    // Maria's contact phone and a line share the number: one result.
    const response = searchAccounts(db, '+12125550147');
    expect(response.results).toHaveLength(1);
  });

  it('returns nothing and no modes for an empty or blank query', () => {
    for (const query of ['', '   ', '\u200b\u200d', '\t\n']) {
      expect(searchAccounts(db, query)).toEqual({ modes: [], results: [], truncated: false });
    }
  });

  it.each([
    ['200 characters', 'x'.repeat(200)],
    ['SQL', "'; DROP TABLE accounts; --"],
    ['a lone quote', '"'],
    ['a star', '*'],
    ['NEAR', 'NEAR('],
    ['OR', 'OR'],
    ['a caret', '^'],
    ['FTS column filter', 'name_fold: maria'],
    ['emoji', '🙂👩‍👩‍👧'],
    ['RTL text', 'مرحبا שלום'],
    ['zero-width joiners', 'Ma\u200dria\u200c'],
    ['lone surrogates', '\ud800ab\udfff'],
    ['NUL', 'a\u0000b'],
    ['letters newer than the FTS tokenizer knows', '𞤀𞤁 ꟹ ab'],
    ['a lone regional indicator', '\u{1F1E6}'],
  ])('handles %s without throwing and with a valid response', (_label, query) => {
    const response = searchAccounts(db, query);
    expect(SearchResponse.safeParse(response).success).toBe(true);
  });

  it('reads compatibility letters as the letters they stand for', () => {
    expect(numbersFound('𝔐𝔞𝔯𝔦𝔞 𝔐𝔲𝔩𝔩𝔢𝔯')).toContain(maria);
  });

  it('still has its accounts table after an SQL-looking query', () => {
    searchAccounts(db, "'; DROP TABLE accounts; --");
    expect(numbersFound('287100000001')).toEqual([maria]);
  });

  it('never throws and always returns a valid response for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (query) => {
        expect(SearchResponse.safeParse(searchAccounts(db, query)).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
