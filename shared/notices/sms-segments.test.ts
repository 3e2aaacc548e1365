import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGsm7, SMS_LIMITS, smsSize } from './sms-segments';

const gsmBasic = fc.constantFrom(...'@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà'.split(''));
const gsmExtension = fc.constantFrom(...'^{}\\[~]|€'.split(''));

describe('SMS size', () => {
  it('fits 160 plain GSM-7 characters in one message and splits the 161st into two parts of 153', () => {
    expect(smsSize('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, perSegment: 160 });
    expect(smsSize('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2, perSegment: 153 });
    expect(smsSize('a'.repeat(306)).segments).toBe(2);
    expect(smsSize('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension character such as € as two, and any other character makes the whole text UCS-2', () => {
    expect(smsSize('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSize('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    expect(smsSize('Crédito por la interrupción')).toMatchObject({ encoding: 'ucs2' }); // ó is not in GSM-7; é is
    expect(isGsm7('é')).toBe(true);
    expect(isGsm7('ó')).toBe(false);
    expect(smsSize('x'.repeat(69) + '😀')).toMatchObject({ encoding: 'ucs2', units: 71, segments: 2, perSegment: 67 });
  });

  it('for any GSM-7 text: units = characters + extension characters, and the parts hold it exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gsmBasic, gsmExtension), { maxLength: 700 }), (chars) => {
        const text = chars.join('');
        const size = smsSize(text);
        const extra = chars.filter((ch) => '^{}\\[~]|€'.includes(ch)).length;
        expect(size.encoding).toBe('gsm7');
        expect(size.units).toBe(chars.length + extra);
        if (size.units === 0) expect(size.segments).toBe(0);
        else if (size.units <= SMS_LIMITS.gsm7.single) expect(size.segments).toBe(1);
        else {
          expect(size.segments * SMS_LIMITS.gsm7.part).toBeGreaterThanOrEqual(size.units);
          expect((size.segments - 1) * SMS_LIMITS.gsm7.part).toBeLessThan(size.units);
        }
      }),
    );
  });

  it('for any text with a character outside GSM-7: UCS-2, counted in UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('ó', 'ł', '中', '😀', '’'), (text, foreign) => {
        const whole = text + foreign;
        const size = smsSize(whole);
        expect(size.encoding).toBe('ucs2');
        expect(size.units).toBe(whole.length);
        expect(size.segments).toBe(size.units <= 70 ? 1 : Math.ceil(size.units / 67));
      }),
    );
  });
});
