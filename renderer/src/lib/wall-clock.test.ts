import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcToWallClock, wallClockToUtc } from './wall-clock';

describe('wall clock in a named time zone', () => {
  it('reads a Chicago morning as the UTC instant it is', () => {
    expect(wallClockToUtc('2024-02-22T02:45', 'America/Chicago')).toBe('2024-02-22T08:45:00.000Z');
    expect(wallClockToUtc('2024-09-10T06:00', 'Europe/Amsterdam')).toBe('2024-09-10T04:00:00.000Z');
    expect(utcToWallClock('2024-02-22T08:45:00.000Z', 'America/Chicago')).toBe('2024-02-22T02:45');
  });

  it('refuses what is not a wall-clock value', () => {
    expect(wallClockToUtc('', 'UTC')).toBeNull();
    expect(wallClockToUtc('2024-02-22', 'UTC')).toBeNull();
  });

  it('gives back the same instant for any minute, in zones with and without DST', () => {
    const minute = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z') / 60_000, max: Date.parse('2030-01-01T00:00:00Z') / 60_000 });
    fc.assert(
      fc.property(minute, fc.constantFrom('UTC', 'America/Chicago', 'Europe/Amsterdam', 'Asia/Kolkata'), (m, zone) => {
        const instant = new Date(m * 60_000).toISOString();
        const wall = utcToWallClock(instant, zone);
        const back = wallClockToUtc(wall, zone)!;
        // In the hour a fall-back repeats, the wall clock names two instants: either is that wall clock.
        expect(utcToWallClock(back, zone)).toBe(wall);
        expect(Math.abs(Date.parse(back) - Date.parse(instant))).toBeLessThanOrEqual(3_600_000);
      }),
    );
  });
});
