import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCompactKeySet } from './compact-key-set';

describe('the compact key set', () => {
  it('answers every add and has exactly as a Set of strings does', () => {
    const key = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9._:@-]{0,6}$/),
      fc.string({ maxLength: 4 }),
      fc.constantFrom('', 'L1', 'L10', 'l1', '\u00e9', '\u0142', 'a\u{1F600}'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 300 }), (operations) => {
        const compact = createCompactKeySet();
        const reference = new Set<string>();
        for (const [adding, k] of operations) {
          if (adding) {
            const added = !reference.has(k);
            reference.add(k);
            expect(compact.add(k)).toBe(added);
          } else {
            expect(compact.has(k)).toBe(reference.has(k));
          }
        }
        expect(compact.size).toBe(reference.size);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every key through many rounds of growth', () => {
    const compact = createCompactKeySet();
    for (let i = 0; i < 200_000; i += 1) expect(compact.add(`L${i}`)).toBe(true);
    for (let i = 0; i < 200_000; i += 1) expect(compact.add(`L${i}`)).toBe(false);
    expect(compact.has('L200000')).toBe(false);
    expect(compact.size).toBe(200_000);
  });
});
