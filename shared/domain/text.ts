/**
 * Letters that Unicode does not decompose into a base letter plus a mark, so NFKD alone
 * would leave them as they are; an agent typing "lukasz" still means "Łukasz".
 */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

const UNDECOMPOSABLE_PATTERN = /[łøđðħıßæœþ]/g;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The form used to compare emails, names and postal codes: compatibility-decomposed,
 * diacritics removed, lower case. `foldText('Müller') === foldText('MULLER')`.
 */
export function foldText(input: string): string {
  // Most text is plain ASCII, where folding is lower-casing; this runs for millions of rows on import.
  if (ASCII.test(input)) return input.toLowerCase();
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSABLE_PATTERN, (ch) => UNDECOMPOSABLE[ch] ?? ch);
}

/**
 * The path to the first string in `value` that is not well-formed UTF-16 (a lone
 * surrogate), or null. Such a string cannot be stored as text without being changed, so a
 * retry of the same request would no longer match the stored one.
 */
/** In unicode mode a surrogate pair is one code point, so this matches only a lone surrogate. */
const LONE_SURROGATE = /\p{Cs}/u;

export function findMalformedString(value: unknown, path: readonly (string | number)[] = []): (string | number)[] | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [...path] : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findMalformedString(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (LONE_SURROGATE.test(key)) return [...path, key];
      const found = findMalformedString(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
