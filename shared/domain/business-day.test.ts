import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDayBounds, isKnownTimeZone } from './business-day';

const HOUR_MS = 3_600_000;
// Zones with daylight saving at 02:00 or 03:00, at midnight (Havana, Santiago), by half an
// hour (Lord Howe), in the south (Sao Paulo until 2019), and none (Kolkata, UTC).
const ZONES = [
  'America/Chicago',
  'Europe/Berlin',
  'America/Havana',
  'America/Santiago',
  'Australia/Lord_Howe',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
];

const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: 'offset' | 'date', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let found = formats.get(key);
  if (!found) {
    found =
      kind === 'offset'
        ? new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
        : new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(key, found);
  }
  return found;
}

function offsetAt(ms: number, timeZone: string): string {
  return format('offset', timeZone).formatToParts(new Date(ms)).find((part) => part.type === 'timeZoneName')!.value;
}

function localDate(ms: number, timeZone: string): string {
  return format('date', timeZone).format(new Date(ms));
}

/** Every offset change of `timeZone` between 2015 and 2026, to the millisecond. */
function transitions(timeZone: string): number[] {
  const found: number[] = [];
  const step = 6 * HOUR_MS;
  for (let at = Date.UTC(2015, 0, 1); at < Date.UTC(2026, 0, 1); at += step) {
    if (offsetAt(at, timeZone) === offsetAt(at + step, timeZone)) continue;
    let low = at;
    let high = at + step;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (offsetAt(middle, timeZone) === offsetAt(low, timeZone)) low = middle;
      else high = middle;
    }
    found.push(high);
  }
  return found;
}

const NEAR_CHANGES = ZONES.flatMap((timeZone) => transitions(timeZone).map((at) => ({ timeZone, at })));

const instantNearAChange = fc
  .tuple(fc.constantFrom(...NEAR_CHANGES), fc.integer({ min: -40 * HOUR_MS, max: 40 * HOUR_MS }))
  .map(([change, shift]) => ({ timeZone: change.timeZone, ms: change.at + shift }));
const anyInstant = fc
  .tuple(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2026, 0, 1) }))
  .map(([timeZone, ms]) => ({ timeZone, ms }));

describe('business day in the site time zone', () => {
  it('has daylight saving changes to test against in every zone that has them', () => {
    expect(NEAR_CHANGES.filter((change) => change.timeZone === 'America/Havana').length).toBeGreaterThan(10);
    expect(NEAR_CHANGES.filter((change) => change.timeZone === 'UTC')).toEqual([]);
  });

  it.each([
    ['a normal Chicago day', '2024-03-04T15:00:00.000Z', 'America/Chicago', '2024-03-04T06:00:00.000Z', '2024-03-05T06:00:00.000Z'],
    ['Chicago the evening before, already the next UTC day', '2024-03-05T03:00:00.000Z', 'America/Chicago', '2024-03-04T06:00:00.000Z', '2024-03-05T06:00:00.000Z'],
    ['Chicago spring forward (23 hours)', '2024-03-10T12:00:00.000Z', 'America/Chicago', '2024-03-10T06:00:00.000Z', '2024-03-11T05:00:00.000Z'],
    ['Chicago fall back (25 hours)', '2024-11-03T12:00:00.000Z', 'America/Chicago', '2024-11-03T05:00:00.000Z', '2024-11-04T06:00:00.000Z'],
    ['Havana, where midnight is skipped', '2024-03-10T12:00:00.000Z', 'America/Havana', '2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z'],
    ['UTC', '2024-03-04T23:59:00.000Z', 'UTC', '2024-03-04T00:00:00.000Z', '2024-03-05T00:00:00.000Z'],
  ])('%s', (_name, now, timeZone, start, end) => {
    expect(businessDayBounds(new Date(now), timeZone)).toEqual({ start, end });
  });

  it('contains the instant, lasts 22 to 26 hours and tiles the timeline, across every DST change', () => {
    fc.assert(
      fc.property(fc.oneof(instantNearAChange, anyInstant), ({ timeZone, ms }) => {
        const day = businessDayBounds(new Date(ms), timeZone);
        const start = Date.parse(day.start);
        const end = Date.parse(day.end);
        expect(start).toBeLessThanOrEqual(ms);
        expect(end).toBeGreaterThan(ms);
        expect(end - start).toBeGreaterThanOrEqual(22 * HOUR_MS);
        expect(end - start).toBeLessThanOrEqual(26 * HOUR_MS);
        expect(businessDayBounds(new Date(end), timeZone).start).toBe(day.end);
        expect(businessDayBounds(new Date(start - 1), timeZone).end).toBe(day.start);
        // The day starts on its own date, and the instant before it is on an earlier one.
        expect(localDate(start, timeZone) <= localDate(ms, timeZone)).toBe(true);
        expect(localDate(start - 1, timeZone) < localDate(start, timeZone)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('knows IANA zones and refuses anything else', () => {
    expect(isKnownTimeZone('America/Chicago')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
  });
});
