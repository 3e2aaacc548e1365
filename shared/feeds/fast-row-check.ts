import { accountStatuses, brands, countries, currencies, lineStatuses, paymentTypes, segments, serviceTypes } from '../domain/account';
import type { FeedEntity } from './feed-entities';
import type { FeedRows } from './feed-row-schemas';

/*
 * A hand-written recognizer of rows that are certainly valid, for the feeds that come by
 * the million (accounts, lines, impacts). Zod's parse of a strict object costs several
 * times the rest of the import per row; this one checks the same rules with plain
 * comparisons. It never rejects: anything it is not sure of returns null and the row
 * schema decides (and words the problem). A property test holds it to the schema: every
 * row it accepts, the schema accepts with the same output.
 */

const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;
const ACCOUNT_NUMBER = /^\d{9,12}$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const MAX_AMOUNT = 1_000_000_000;

const brandSet = new Set<unknown>(brands);
const segmentSet = new Set<unknown>(segments);
const paymentTypeSet = new Set<unknown>(paymentTypes);
const accountStatusSet = new Set<unknown>(accountStatuses);
const currencySet = new Set<unknown>(currencies);
const serviceTypeSet = new Set<unknown>(serviceTypes);
const lineStatusSet = new Set<unknown>(lineStatuses);
const countrySet = new Set<unknown>(countries);
const languageSet = new Set<unknown>(['en', 'nl', 'es']);

function sourceId(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 64 && SOURCE_ID.test(value);
}

function text(value: unknown, min: number, max: number): boolean {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

function int(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The number written by `length` ASCII digits of `text` from `from`, or -1. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Only the canonical form the schema would store (`2024-02-22T08:45:00.000Z`) of a real
 * instant, so it needs no transform. Read digit by digit: parsing a Date per row costs
 * more than the rest of the row's check.
 */
function canonicalInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 24) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':' || value[19] !== '.' || value[23] !== 'Z') {
    return false;
  }
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  return (
    year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && digits(value, 20, 3) >= 0
  );
}

/** True when every own key of `row` is one of `known` (the schemas are strict). */
function onlyKnownKeys(row: Record<string, unknown>, known: ReadonlySet<string>): boolean {
  for (const key in row) if (!known.has(key)) return false;
  return true;
}

const accountKeys = new Set([
  'source_id', 'account_number', 'holder_name', 'email', 'contact_phone', 'brand', 'segment', 'payment_type', 'status',
  'bill_cycle_day', 'currency', 'monthly_charge_minor', 'country', 'region', 'postal_code', 'preferred_language',
]);

function fastAccount(row: Record<string, unknown>): FeedRows['accounts'] | null {
  const holder = row.holder_name;
  if (typeof holder !== 'string') return null;
  // The schema trims the name; a name that needs trimming takes the schema's path.
  if (holder.length < 1 || holder.length > 200 || holder.trim() !== holder) return null;
  if (
    !sourceId(row.source_id) ||
    typeof row.account_number !== 'string' ||
    !ACCOUNT_NUMBER.test(row.account_number) ||
    (row.email !== undefined && !text(row.email, 0, 254)) ||
    (row.contact_phone !== undefined && !(typeof row.contact_phone === 'string' && E164.test(row.contact_phone))) ||
    !brandSet.has(row.brand) ||
    !segmentSet.has(row.segment) ||
    !paymentTypeSet.has(row.payment_type) ||
    !accountStatusSet.has(row.status) ||
    !int(row.bill_cycle_day, 1, 28) ||
    !currencySet.has(row.currency) ||
    !int(row.monthly_charge_minor, 0, MAX_AMOUNT) ||
    !countrySet.has(row.country) ||
    !text(row.region, 1, 16) ||
    !text(row.postal_code, 1, 16) ||
    (row.preferred_language !== undefined && !languageSet.has(row.preferred_language)) ||
    !onlyKnownKeys(row, accountKeys)
  ) {
    return null;
  }
  return row as unknown as FeedRows['accounts'];
}

const lineKeys = new Set(['source_id', 'account_source_id', 'number_e164', 'service_type', 'monthly_rate_minor', 'status']);

function fastLine(row: Record<string, unknown>): FeedRows['lines'] | null {
  if (
    !sourceId(row.source_id) ||
    !sourceId(row.account_source_id) ||
    typeof row.number_e164 !== 'string' ||
    !E164.test(row.number_e164) ||
    !serviceTypeSet.has(row.service_type) ||
    !int(row.monthly_rate_minor, 0, MAX_AMOUNT) ||
    !lineStatusSet.has(row.status) ||
    !onlyKnownKeys(row, lineKeys)
  ) {
    return null;
  }
  return row as unknown as FeedRows['lines'];
}

const impactKeys = new Set(['source_id', 'outage_source_id', 'line_source_id', 'starts_at', 'ends_at', 'lost_minutes', 'connected_at_start']);

function fastImpact(row: Record<string, unknown>): FeedRows['impacts'] | null {
  const { starts_at: startsAt, ends_at: endsAt, lost_minutes: lostMinutes } = row;
  if (
    !sourceId(row.source_id) ||
    !sourceId(row.outage_source_id) ||
    !sourceId(row.line_source_id) ||
    !canonicalInstant(startsAt) ||
    typeof row.connected_at_start !== 'boolean' ||
    (endsAt === undefined) !== (lostMinutes === undefined) ||
    (endsAt !== undefined && !(canonicalInstant(endsAt) && endsAt >= startsAt)) ||
    (lostMinutes !== undefined && !int(lostMinutes, 0, Number.MAX_SAFE_INTEGER)) ||
    !onlyKnownKeys(row, impactKeys)
  ) {
    return null;
  }
  return row as unknown as FeedRows['impacts'];
}

const fastChecks: { readonly [E in FeedEntity]?: (row: Record<string, unknown>) => FeedRows[E] | null } = {
  accounts: fastAccount,
  lines: fastLine,
  impacts: fastImpact,
};

/**
 * The row itself when it is certainly valid for `entity` and the schema would return it
 * unchanged; null when the schema must decide. `row` is an object without null fields.
 */
export function fastFeedRow<E extends FeedEntity>(entity: E, row: Record<string, unknown>): FeedRows[E] | null {
  const check = fastChecks[entity] as ((row: Record<string, unknown>) => FeedRows[E] | null) | undefined;
  return check ? check(row) : null;
}
