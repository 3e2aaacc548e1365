/**
 * How many SMS a text takes (3GPP TS 23.038 and 23.040). A text made only of GSM-7 characters
 * is sent 7 bits a character: 160 in one message, or 153 a part when it is split (the other
 * 7 carry the part header); the extension characters (`€`, `[`, `{`, ...) take two. Any other
 * character switches the whole text to UCS-2: 70 in one message, 67 a part, and a character
 * outside the Basic Multilingual Plane (most emoji) takes two UTF-16 units.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...GSM7_BASIC]);
const extension = new Set([...GSM7_EXTENSION]);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSize {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  readonly units: number;
  readonly segments: number;
  /** How many units one message holds at this length: single-message or per part. */
  readonly perSegment: number;
}

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!basic.has(ch) && !extension.has(ch)) return false;
  return true;
}

export function smsSize(text: string): SmsSize {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  let units = 0;
  if (encoding === 'gsm7') for (const ch of text) units += extension.has(ch) ? 2 : 1;
  else units = text.length;
  const limits = SMS_LIMITS[encoding];
  if (units <= limits.single) return { encoding, units, segments: units === 0 ? 0 : 1, perSegment: limits.single };
  return { encoding, units, segments: Math.ceil(units / limits.part), perSegment: limits.part };
}
