/**
 * `datetime-local` inputs hold a wall-clock time with no zone. The operator reads times in
 * their own time zone (the session's), which need not be the device's, so the conversion
 * names the zone instead of trusting `Date.parse`.
 */

function offsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - utcMs;
}

/** `2024-02-22T09:00` in `timeZone` as a UTC ISO instant; null when not a wall-clock value. */
export function wallClockToUtc(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(naive)) return null;
  // Twice: the offset at the guessed instant can differ from the offset at the naive one near a DST change.
  const first = naive - offsetMs(naive, timeZone);
  return new Date(naive - offsetMs(first, timeZone)).toISOString();
}

/** A UTC instant as the `datetime-local` value of its wall clock in `timeZone`. */
export function utcToWallClock(isoUtc: string, timeZone: string): string {
  const ms = Date.parse(isoUtc);
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 16);
}
