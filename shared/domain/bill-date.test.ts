import { describe, expect, it } from 'vitest';
import { billDateInMonth, daysInMonth, nextBillDateAfter, predictPosting, toCalendarDate } from './bill-date';

describe('daysInMonth', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2100, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('billDateInMonth', () => {
  it('clamps the bill cycle day to the month', () => {
    expect(billDateInMonth(2024, 2, 31)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(billDateInMonth(2023, 2, 30)).toEqual({ year: 2023, month: 2, day: 28 });
    expect(billDateInMonth(2024, 4, 31)).toEqual({ year: 2024, month: 4, day: 30 });
    expect(billDateInMonth(2024, 5, 31)).toEqual({ year: 2024, month: 5, day: 31 });
  });

  it('refuses a bill cycle day outside 1 to 31', () => {
    expect(() => billDateInMonth(2024, 1, 0)).toThrow(RangeError);
    expect(() => billDateInMonth(2024, 1, 32)).toThrow(RangeError);
  });
});

describe('nextBillDateAfter', () => {
  it.each([
    // scheduled on, bill cycle day, next bill date
    ['2024-02-23', 15, '2024-03-15'],
    ['2024-02-14', 15, '2024-02-15'],
    ['2024-02-15', 15, '2024-03-15'], // strictly after: a bill on the day itself is too late
    ['2024-12-20', 5, '2025-01-05'], // December to January
    ['2024-12-31', 31, '2025-01-31'],
    ['2024-01-31', 31, '2024-02-29'], // leap February
    ['2023-01-31', 30, '2023-02-28'],
    ['2024-02-29', 31, '2024-03-31'], // from a clamped bill date to the next month's
    ['2024-04-30', 31, '2024-05-31'],
    ['2024-02-22T23:59:59.999Z', 23, '2024-02-23'], // an instant counts by its UTC date
  ])('after %s with day %i: %s', (date, day, expected) => {
    expect(nextBillDateAfter(date, day)).toBe(expected);
  });
});

describe('predictPosting', () => {
  it.each([
    ['2024-02-23', 15, 2, { earliest: '2024-03-15', latest: '2024-04-15' }],
    ['2024-02-23', 15, 1, { earliest: '2024-03-15', latest: '2024-03-15' }],
    ['2024-12-10', 28, 2, { earliest: '2024-12-28', latest: '2025-01-28' }],
    ['2024-12-29', 28, 2, { earliest: '2025-01-28', latest: '2025-02-28' }],
    ['2024-01-15', 31, 2, { earliest: '2024-01-31', latest: '2024-02-29' }],
    ['2023-01-31', 31, 3, { earliest: '2023-02-28', latest: '2023-04-30' }],
    ['2024-02-22T08:45:00.000Z', 1, 2, { earliest: '2024-03-01', latest: '2024-04-01' }],
  ])('scheduled %s, day %i, within %i cycles', (date, day, cycles, expected) => {
    expect(predictPosting(date, day, cycles)).toEqual(expected);
  });

  it('defaults to two bill cycles', () => {
    expect(predictPosting('2024-02-23', 15)).toEqual({ earliest: '2024-03-15', latest: '2024-04-15' });
  });

  it('refuses zero cycles and dates that are not dates', () => {
    expect(() => predictPosting('2024-02-23', 15, 0)).toThrow(RangeError);
    expect(() => toCalendarDate('2024-02-30')).toThrow(RangeError);
    expect(() => toCalendarDate('yesterday')).toThrow(RangeError);
  });
});
