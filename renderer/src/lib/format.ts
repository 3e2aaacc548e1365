/**
 * Display formatting with Intl. Values arrive as main stores them (integer minor units with
 * an ISO 4217 currency, UTC ISO-8601 instants) and are shown in the operator's locale and
 * time zone. A bad locale or time zone from a profile falls back instead of throwing, because
 * a formatting error must never blank the screen in the middle of a call.
 */

const FALLBACK_LOCALE = 'en-US';
const FALLBACK_TIME_ZONE = 'UTC';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function safeLocale(locale: string | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}

function safeTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return FALLBACK_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return FALLBACK_TIME_ZONE;
  }
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** 500 USD in en-US → "$5.00"; 310 EUR in nl-NL → "€ 3,10". */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const loc = safeLocale(locale);
  let format: Intl.NumberFormat;
  try {
    format = numberFormat(loc, { style: 'currency', currency });
  } catch {
    // An unknown currency code: show the amount with the code rather than nothing.
    return `${formatNumber(minorUnits / 100, loc, 2)} ${currency}`;
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Dividing an integer by a power of ten is exact enough for display; Intl rounds the rest.
  return format.format(minorUnits / 10 ** digits);
}

/** ["$200.00", "€150.00"] in en-US → "$200.00 and €150.00"; in nl-NL → "… en …". */
export function formatList(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(safeLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}

export function formatNumber(value: number, locale: string, fractionDigits?: number): string {
  const options: Intl.NumberFormatOptions =
    fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits };
  return numberFormat(safeLocale(locale), options).format(value);
}

function parseInstant(isoUtc: string): Date | null {
  const date = new Date(isoUtc);
  return Number.isNaN(date.getTime()) ? null : date;
}

function formatInstant(isoUtc: string, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const date = parseInstant(isoUtc);
  if (!date) return isoUtc;
  return dateFormat(safeLocale(locale), { ...options, timeZone: safeTimeZone(timeZone) }).format(date);
}

/** Date and time in the operator's zone, e.g. "Feb 22, 2024, 2:45 AM". */
export function formatDateTime(isoUtc: string, locale: string, timeZone: string): string {
  return formatInstant(isoUtc, locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(isoUtc: string, locale: string, timeZone: string): string {
  return formatInstant(isoUtc, locale, timeZone, { dateStyle: 'medium' });
}

/** A calendar date (YYYY-MM-DD, e.g. a bill date) is not an instant: shown as that date whatever the time zone. */
export function formatCalendarDate(isoDate: string, locale: string): string {
  return formatDate(`${isoDate}T00:00:00.000Z`, locale, 'UTC');
}

export function formatTime(isoUtc: string, locale: string, timeZone: string): string {
  return formatInstant(isoUtc, locale, timeZone, { timeStyle: 'short' });
}

/** The local time zone of this desktop, for screens shown before anyone signs in. */
export function deviceTimeZone(): string {
  return safeTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

export function deviceLocale(): string {
  return safeLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}
