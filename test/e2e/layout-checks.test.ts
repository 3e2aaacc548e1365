/** The phone-format rule of the layout checks, on text runs as the page hands them over (no browser). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPhoneNumber } from '../../shared/domain/phone';
import { phonesOutOfFormat } from './layout-checks';

const nanp = fc
  .tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9999 }))
  .map(([a, b, c, d, e]) => `${a}${String(b).padStart(2, '0')}${c}${String(d).padStart(2, '0')}${String(e).padStart(4, '0')}`);
const dutchMobile = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `6${String(n).padStart(8, '0')}`);

describe('phone numbers out of the one display format', () => {
  it('accepts the display format, account numbers, dates, amounts and ids', () => {
    expect(
      phonesOutOfFormat(['(212) 555-0147', '+31 6 1234 5678', '+31 20 123 4567', '287100000001', '2871 0000 0001', '719000004', '2024-03-14', '14-03-2024', '2024-03-14 – 2024-04-14', '123456789']),
    ).toEqual([]);
  });

  it('refuses raw E.164 and every other way of writing a number, naming the display format', () => {
    const shown = ['+12125550147', '212-555-0147', '212.555.0147', '2125550147', '+1 212 555 0147', '1-212-555-0147', '+1 (212) 555-0147', '(212)555-0147', '212 555 0147', '0612345678', '06-12345678', '+31612345678', '0031 6 12345678'];
    const found = phonesOutOfFormat(shown);
    expect(found).toHaveLength(shown.length);
    expect(found[0]).toBe('phone number not in the display format: "+12125550147" (should read "(212) 555-0147")');
    expect(found[9]).toBe('phone number not in the display format: "0612345678" (should read "+31 6 1234 5678")');
  });

  it('property: a North American or Dutch mobile number passes exactly when it is written as formatPhoneNumber writes it', () => {
    const writings = (national: string, country: '1' | '31') =>
      country === '1'
        ? [`+1${national}`, national, `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`, `+1 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`, `1 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`]
        : [`+31${national}`, `0${national}`, `06-${national.slice(1)}`, `+31 ${national}`];
    fc.assert(
      fc.property(fc.oneof(nanp.map((n) => ['1', n] as const), dutchMobile.map((n) => ['31', n] as const)), fc.nat(), ([country, national], pick) => {
        const display = formatPhoneNumber(`+${country}${national}`);
        expect(phonesOutOfFormat([display])).toEqual([]);
        const other = writings(national, country);
        const written = other[pick % other.length]!;
        expect(phonesOutOfFormat([written])).toEqual([`phone number not in the display format: "${written}" (should read "${display}")`]);
      }),
    );
  });
});
