import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatTime } from './format';
import { formatPhoneNumber } from './phone';

/** ICU separates some parts with no-break spaces; the tests compare what a reader sees. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

describe('formatMoney', () => {
  it.each([
    { minor: 500, currency: 'USD', locale: 'en-US', shown: '$5.00' },
    { minor: 310, currency: 'EUR', locale: 'en-US', shown: '€3.10' },
    { minor: 310, currency: 'EUR', locale: 'nl-NL', shown: '€ 3,10' },
    { minor: 500, currency: 'USD', locale: 'nl-NL', shown: 'US$ 5,00' },
    { minor: 4650, currency: 'EUR', locale: 'nl-NL', shown: '€ 46,50' },
    { minor: 1, currency: 'USD', locale: 'en-US', shown: '$0.01' },
    { minor: 0, currency: 'USD', locale: 'en-US', shown: '$0.00' },
    { minor: -500, currency: 'USD', locale: 'en-US', shown: '-$5.00' },
    { minor: 123_456_789, currency: 'USD', locale: 'en-US', shown: '$1,234,567.89' },
    { minor: 123_456_789, currency: 'EUR', locale: 'nl-NL', shown: '€ 1.234.567,89' },
    { minor: 500, currency: 'JPY', locale: 'en-US', shown: '¥500' },
    { minor: 500, currency: 'USD', locale: 'not a locale!', shown: '$5.00' },
  ])('$minor $currency in $locale is $shown', ({ minor, currency, locale, shown }) => {
    expect(plain(formatMoney(minor, currency, locale))).toBe(shown);
  });
});

describe('formatDateTime', () => {
  it.each([
    // The 2024 AT&T outage began at 08:45 UTC, 02:45 in Texas.
    { iso: '2024-02-22T08:45:00.000Z', locale: 'en-US', zone: 'America/Chicago', shown: 'Feb 22, 2024, 2:45 AM' },
    { iso: '2024-02-22T08:45:00.000Z', locale: 'en-US', zone: 'UTC', shown: 'Feb 22, 2024, 8:45 AM' },
    { iso: '2024-02-22T08:45:00.000Z', locale: 'nl-NL', zone: 'Europe/Amsterdam', shown: '22 feb 2024, 09:45' },
    // Past midnight in UTC is still the evening before on the west coast.
    { iso: '2024-02-23T03:00:00.000Z', locale: 'en-US', zone: 'America/Los_Angeles', shown: 'Feb 22, 2024, 7:00 PM' },
    // Summer time moves Chicago to UTC-5.
    { iso: '2024-07-01T12:00:00.000Z', locale: 'en-US', zone: 'America/Chicago', shown: 'Jul 1, 2024, 7:00 AM' },
    { iso: '2024-02-22T08:45:00.000Z', locale: 'en-US', zone: 'Not/AZone', shown: 'Feb 22, 2024, 8:45 AM' },
  ])('$iso in $zone ($locale) is $shown', ({ iso, locale, zone, shown }) => {
    expect(plain(formatDateTime(iso, locale, zone))).toBe(shown);
  });

  it('shows an unreadable timestamp as it came instead of throwing', () => {
    expect(formatDateTime('not a date', 'en-US', 'UTC')).toBe('not a date');
  });

  it('formats the date and the time separately in the zone', () => {
    expect(formatDate('2024-02-23T03:00:00.000Z', 'en-US', 'America/Los_Angeles')).toBe('Feb 22, 2024');
    expect(plain(formatTime('2024-02-22T20:10:00.000Z', 'en-US', 'America/Chicago'))).toBe('2:10 PM');
    expect(formatTime('2024-02-22T20:10:00.000Z', 'nl-NL', 'Europe/Amsterdam')).toBe('21:10');
  });
});

describe('formatNumber', () => {
  it.each([
    { value: 1_234_567.5, locale: 'en-US', shown: '1,234,567.5' },
    { value: 1_234_567.5, locale: 'nl-NL', shown: '1.234.567,5' },
    { value: 12, locale: 'nl-NL', shown: '12' },
  ])('$value in $locale is $shown', ({ value, locale, shown }) => {
    expect(formatNumber(value, locale)).toBe(shown);
  });
});

describe('formatPhoneNumber', () => {
  it.each([
    { e164: '+12145550101', shown: '(214) 555-0101' },
    { e164: '+31612345678', shown: '+31 6 1234 5678' },
    { e164: '+31201234567', shown: '+31 20 123 4567' },
    { e164: '+442071234567', shown: '+442071234567' },
  ])('$e164 reads as $shown', ({ e164, shown }) => {
    expect(formatPhoneNumber(e164)).toBe(shown);
  });
});
