/** Parses what an agent types ("5", "5.00", "5,5") into minor units; null when it is not an amount. */
export function parseAmountToMinor(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const minor = whole * 100 + fraction;
  return minor > 0 ? minor : null;
}

/** Minor units as the plain text an amount field holds ("5000" becomes "50.00"), without floats. */
export function minorToAmountText(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}
