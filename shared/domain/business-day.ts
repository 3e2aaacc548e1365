/*
 * The business day of a site: the local calendar day in the site's IANA time zone, as the
 * UTC instants [start, end) it covers. A day is 23, 24 or 25 hours long across daylight
 * saving changes, and starts at the first instant whose local date is that day (after a
 * gap over midnight, the end of the gap). Pure: Intl only, the caller passes the instant.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Far enough from a local midnight that a probe sits on the other side of any change near it.
const PROBE_MS = 30 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows (e.g. 'America/Chicago', 'UTC'). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local wall-clock time at `ms` in `timeZone`, written as if it were a UTC instant. */
function localWallMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  // formatToParts has second precision; keep the instant's milliseconds.
  return wall + (((ms % 1000) + 1000) % 1000);
}

/** The local date at `ms` as a UTC midnight (ms), which orders and compares like the date. */
function localDateMs(ms: number, timeZone: string): number {
  const wall = localWallMs(ms, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

function offsetMs(ms: number, timeZone: string): number {
  return localWallMs(ms, timeZone) - ms;
}

/** The first instant whose local date is the day `dateMs` (a UTC midnight naming the date). */
function startOfLocalDate(dateMs: number, timeZone: string): number {
  const candidates = [offsetMs(dateMs - PROBE_MS, timeZone), offsetMs(dateMs + PROBE_MS, timeZone)]
    .map((offset) => dateMs - offset)
    .filter((at) => localDateMs(at, timeZone) === dateMs && localDateMs(at - 1, timeZone) < dateMs);
  if (candidates.length > 0) return Math.min(...candidates);
  // Two offset changes within a day of each other: search the change of date directly.
  let low = dateMs - PROBE_MS;
  let high = dateMs + PROBE_MS;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (localDateMs(middle, timeZone) >= dateMs) high = middle;
    else low = middle;
  }
  return high;
}

export interface DayBounds {
  /** ISO instant, inclusive. */
  readonly start: string;
  /** ISO instant, exclusive: the next business day's start. */
  readonly end: string;
}

/** The business day in `timeZone` that `now` falls in, for the per-agent daily total. */
export function businessDayBounds(now: Date, timeZone: string): DayBounds {
  const today = localDateMs(now.getTime(), timeZone);
  let start = startOfLocalDate(today, timeZone);
  let end = startOfLocalDate(today + DAY_MS, timeZone);
  // A clock set back over midnight shows the previous date again for a while: that stretch
  // counts in the day that had already begun, so that the days still tile the timeline.
  if (now.getTime() >= end) {
    start = end;
    end = startOfLocalDate(today + 2 * DAY_MS, timeZone);
  }
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
