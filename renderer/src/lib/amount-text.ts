/** Parses what an agent types ("5", "5.00", "5,5") into minor units; null when it is not an amount. */
export function parseAmountToMinor(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const minor = whole * 100 + fraction;
  return minor > 0 ? minor : null;
}

/** The decimal separator the locale writes ("." in en-US, "," in nl-NL); "." for a locale Intl does not know. */
function decimalSeparator(locale: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}

/**
 * Minor units as the plain text an amount field holds, with the locale's decimal separator and
 * no grouping ("5000" becomes "50.00" in en-US, "50,00" in nl-NL), without floats.
 */
export function minorToAmountText(minor: number, locale = 'en-US'): string {
  const separator = decimalSeparator(locale) === ',' ? ',' : '.';
  return `${Math.trunc(minor / 100)}${separator}${String(minor % 100).padStart(2, '0')}`;
}
