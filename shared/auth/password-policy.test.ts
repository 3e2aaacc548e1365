import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, checkNewPassword, parseCommonPasswords } from './password-policy';
import listText from '../../resources/common-passwords.txt?raw';

const common = parseCommonPasswords(listText);
const entries = [...common];

describe('password policy', () => {
  it('ships a list of a few thousand common passwords, each long enough to pass the length rule alone', () => {
    expect(common.size).toBeGreaterThan(3_000);
    expect(entries.every((p) => [...p].length >= PASSWORD_MIN_LENGTH)).toBe(true);
    expect(common.has('password1234')).toBe(true);
  });

  it('refuses anything shorter than the minimum, counted in characters, not UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: PASSWORD_MIN_LENGTH - 1 }), (pw) => {
        fc.pre([...pw.normalize('NFC')].length < PASSWORD_MIN_LENGTH);
        expect(checkNewPassword(pw, 'carol', common)).toBe('too_short');
      }),
    );
    expect(checkNewPassword('🔒'.repeat(PASSWORD_MIN_LENGTH), 'carol', common)).toBeNull();
  });

  it('refuses every listed password in any mix of upper and lower case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...entries), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (pw, upper) => {
        const mixed = [...pw].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('');
        expect(checkNewPassword(mixed, 'carol', common)).toBe('too_common');
      }),
    );
  });

  it('refuses a password with the username in it, in any case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}$/), fc.string({ minLength: 12, maxLength: 20 }), (name, rest) => {
        const pw = rest.slice(0, 6) + name.toUpperCase() + rest.slice(6);
        const problem = checkNewPassword(pw, name, common);
        expect(problem === 'contains_username' || problem === 'too_common').toBe(true);
      }),
    );
  });

  it('accepts any long enough password that is not listed and does not hold the username', () => {
    fc.assert(
      fc.property(fc.string({ minLength: PASSWORD_MIN_LENGTH, maxLength: 64 }), (pw) => {
        fc.pre(!common.has(pw.toLowerCase()) && !pw.toLowerCase().includes('zq-nobody'));
        expect(checkNewPassword(pw, 'zq-nobody', common)).toBe(null);
      }),
    );
  });

  it('refuses more than 256 characters', () => {
    expect(checkNewPassword('a'.repeat(257), 'carol', common)).toBe('too_long');
  });
});
