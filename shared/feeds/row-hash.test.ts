import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { feedRowHash } from './row-hash';

describe('feedRowHash', () => {
  it('is a 53-bit integer, the same for the same values', () => {
    const row = ['A1', '555000000001', 'Ann', 12, null, ''];
    const hash = feedRowHash(row);
    expect(Number.isSafeInteger(hash) && hash >= 0).toBe(true);
    expect(feedRowHash([...row])).toBe(hash);
  });

  it('tells apart values that concatenate alike, null from empty and a number from its digits', () => {
    expect(feedRowHash(['ab', 'c'])).not.toBe(feedRowHash(['a', 'bc']));
    expect(feedRowHash([null])).not.toBe(feedRowHash(['']));
    expect(feedRowHash([''])).not.toBe(feedRowHash([]));
    expect(feedRowHash([12])).not.toBe(feedRowHash(['12']));
    expect(feedRowHash(['a', null])).not.toBe(feedRowHash([null, 'a']));
  });

  it('changes when any one value of a row changes', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 20 }), fc.nat(), value, (row, at, other) => {
        const index = at % row.length;
        fc.pre(other !== row[index]);
        const changed = [...row];
        changed[index] = other;
        expect(feedRowHash(changed)).not.toBe(feedRowHash(row));
      }),
    );
  });
});
