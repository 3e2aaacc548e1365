import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleNudges } from '../src/http/nudge-throttle';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('nudges to one change stream', () => {
  it('go out at once when the stream was quiet, and fold a burst into one trailing nudge with the latest head', () => {
    const sent: number[] = [];
    const throttle = throttleNudges((head) => sent.push(head), 100, () => Date.now());
    throttle.push(1);
    expect(sent).toEqual([1]);
    throttle.push(2);
    throttle.push(3);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1, 3]);
    vi.advanceTimersByTime(500);
    throttle.push(4);
    expect(sent).toEqual([1, 3, 4]);
  });

  it('never send more than one per gap, never lose the last head, and never go backwards, for any timing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 1_000 })), { minLength: 1, maxLength: 60 }), (moves) => {
        vi.setSystemTime(0);
        const sent: { at: number; head: number }[] = [];
        const throttle = throttleNudges((head) => sent.push({ at: Date.now(), head }), 100, () => Date.now());
        let highest = 0;
        for (const [wait, head] of moves) {
          vi.advanceTimersByTime(wait);
          highest = Math.max(highest, head);
          throttle.push(head);
        }
        vi.advanceTimersByTime(100);
        for (let i = 1; i < sent.length; i++) {
          expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(100);
          expect(sent[i]!.head).toBeGreaterThanOrEqual(sent[i - 1]!.head);
        }
        expect(sent.at(-1)!.head).toBe(highest);
        throttle.stop();
      }),
    );
  });
});
