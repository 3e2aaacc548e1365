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
