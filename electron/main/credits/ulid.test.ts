import { describe, expect, it } from 'vitest';
import { createUlidFactory } from './ulid';

describe('ULID factory', () => {
  it('gives unique 26-character ids in ascending order within a batch, carrying past the last digit', () => {
    const next = createUlidFactory(new Date('2024-03-04T15:00:00.000Z'));
    const ids = Array.from({ length: 5_000 }, () => next());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('starts each batch at a random point, so two batches in the same millisecond do not collide', () => {
    const now = new Date('2024-03-04T15:00:00.000Z');
    const a = createUlidFactory(now)();
    const b = createUlidFactory(now)();
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a).not.toBe(b);
  });
});
