export type PhoneCountry = 'US' | 'NL';

/** Characters people put between digits when they write a phone number. */
const SEPARATORS = /[\s().\-/\u2010-\u2015]/g;

/** NANP: area code and exchange both start with 2-9. */
function isNanp(tenDigits: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(tenDigits);
}

function international(digits: string): string | null {
  if (digits.startsWith('1')) return isNanp(digits.slice(1)) ? `+${digits}` : null;
  if (digits.startsWith('31')) return /^31[1-9]\d{8}$/.test(digits) ? `+${digits}` : null;
  // Other countries: E.164 allows at most 15 digits; shorter than 8 is never a full number.
  return /^[2-9]\d{7,14}$/.test(digits) ? `+${digits}` : null;
}

/**
 * Turns a phone number as a person writes it into E.164 (`+12125550147`), or null when it
 * is not a complete number. National formats are read for `defaultCountry`, except that a
 * Dutch trunk prefix (`06-12345678`) is recognised from either country, because no NANP
 * number starts with 0.
 */
export function normalizePhone(input: string, defaultCountry: PhoneCountry = 'US'): string | null {
  const compact = input.trim().replace(SEPARATORS, '');
  if (compact.startsWith('+')) {
    const digits = compact.slice(1);
    return /^\d+$/.test(digits) ? international(digits) : null;
  }
  if (!/^\d+$/.test(compact)) return null;
  if (compact.startsWith('00')) return international(compact.slice(2));
  if (compact.startsWith('011')) return international(compact.slice(3));
  if (/^0[1-9]\d{8}$/.test(compact)) return `+31${compact.slice(1)}`;
  if (defaultCountry === 'US' || compact.length >= 10) {
    if (compact.length === 10 && isNanp(compact)) return `+1${compact}`;
    if (compact.length === 11 && compact.startsWith('1') && isNanp(compact.slice(1))) return `+${compact}`;
    return null;
  }
  // A Dutch number written without its trunk prefix: 9 digits, never starting with 0.
  if (/^[1-9]\d{8}$/.test(compact)) return `+31${compact}`;
  return null;
}

/**
 * Shows an E.164 number the way agents read it back to callers: North American numbers as
 * "(214) 555-0123", Dutch numbers as "+31 6 1234 5678", German ones as "+49 30 12345678" or
 * "+49 151 12345678", anything else as stored.
 */
export function formatPhoneNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (nanp) return `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
  const dutchMobile = /^\+31(6)(\d{4})(\d{4})$/.exec(e164);
  if (dutchMobile) return `+31 ${dutchMobile[1]} ${dutchMobile[2]} ${dutchMobile[3]}`;
  const dutch = /^\+31(\d{2})(\d{3})(\d{4})$/.exec(e164);
  if (dutch) return `+31 ${dutch[1]} ${dutch[2]} ${dutch[3]}`;
  // German numbers as DIN 5008 writes them internationally: mobile prefixes (15x, 16x, 17x)
  // and the one-length area codes of the largest cities apart; other area codes vary in
  // length (2 to 5 digits) and are not split without the Bundesnetzagentur's list.
  const germanMobile = /^\+49(1[5-7]\d)(\d{7,8})$/.exec(e164);
  if (germanMobile) return `+49 ${germanMobile[1]} ${germanMobile[2]}`;
  const germanCity = /^\+49(30|40|69|89)(\d{5,9})$/.exec(e164);
  if (germanCity) return `+49 ${germanCity[1]} ${germanCity[2]}`;
  const german = /^\+49(\d{6,13})$/.exec(e164);
  if (german) return `+49 ${german[1]}`;
  return e164;
}
