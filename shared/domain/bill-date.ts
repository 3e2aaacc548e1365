/**
 * Bill dates. A bill date is the account's bill cycle day in a month, clamped to the
 * month's length (day 31 bills on 30 April and on 28 or 29 February). Dates are UTC
 * calendar dates written `YYYY-MM-DD`.
 */

export interface CalendarDate {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The UTC calendar date of an ISO date (`2024-02-22`) or of an ISO instant
 * (`2024-02-22T23:30:00.000Z`; an instant with an offset is converted to UTC first).
 */
export function toCalendarDate(iso: string): CalendarDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    const [, y, m, d] = ISO_DATE.exec(iso)!;
    const date = { year: Number(y), month: Number(m), day: Number(d) };
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
      throw new RangeError(`not a calendar date: ${iso}`);
    }
    return date;
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date or instant: ${iso}`);
  const at = new Date(ms);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function formatCalendarDate(date: CalendarDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

function assertBillCycleDay(billCycleDay: number): void {
  if (!Number.isInteger(billCycleDay) || billCycleDay < 1 || billCycleDay > 31) {
    throw new RangeError(`bill cycle day must be 1 to 31: ${billCycleDay}`);
  }
}

/** The bill date of a month: the bill cycle day, clamped to the month's length. */
export function billDateInMonth(year: number, month: number, billCycleDay: number): CalendarDate {
  assertBillCycleDay(billCycleDay);
  return { year, month, day: Math.min(billCycleDay, daysInMonth(year, month)) };
}

function nextMonth(year: number, month: number): { year: number; month: number } {
  return month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
}

/** The first bill date strictly after `date` (a bill on the scheduling day is too late to carry it). */
export function nextBillDateAfter(date: string, billCycleDay: number): string {
  const from = toCalendarDate(date);
  const sameMonth = billDateInMonth(from.year, from.month, billCycleDay);
  if (sameMonth.day > from.day) return formatCalendarDate(sameMonth);
  const next = nextMonth(from.year, from.month);
  return formatCalendarDate(billDateInMonth(next.year, next.month, billCycleDay));
}

/**
 * When a credit scheduled on `scheduledOn` reaches the customer's bill: at the earliest on
 * the next bill date after it, at the latest on the `cyclesWithin`-th bill date after it
 * ("within two bill cycles" is `cyclesWithin = 2`).
 */
export function predictPosting(
  scheduledOn: string,
  billCycleDay: number,
  cyclesWithin = 2,
): { earliest: string; latest: string } {
  if (!Number.isInteger(cyclesWithin) || cyclesWithin < 1) {
    throw new RangeError(`cyclesWithin must be a positive integer: ${cyclesWithin}`);
  }
  const earliest = nextBillDateAfter(scheduledOn, billCycleDay);
  let latest = earliest;
  for (let cycle = 1; cycle < cyclesWithin; cycle++) {
    latest = nextBillDateAfter(latest, billCycleDay);
  }
  return { earliest, latest };
}
