import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './percentiles';

describe('percentile', () => {
  it('takes the nearest rank, so p99 of 100 samples is the 99th smallest', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
  });

  it('summarizes unsorted durations', () => {
    expect(summarize([5, 1, 3])).toEqual({ p50: 3, p99: 5, max: 5, samples: 3 });
  });
});
