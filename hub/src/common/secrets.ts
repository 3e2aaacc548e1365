import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** `prefix` + 43 base64url characters (32 random bytes): session tokens, desktop secrets, integration tokens. */
export function newSecret(prefix: 'ocds_' | 'ocdd_' | 'ocdi_'): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What the hub stores of a secret: its SHA-256, hex. A secret has 256 bits, so no salt or stretching is needed. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

// Crockford-like: no I, O, 0, 1, so a code read aloud or typed is not misread. 32 symbols: 5 bits each.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time enrolment code, `XXXX-XXXX-XXXX` (60 bits). */
export function newEnrolmentCode(): string {
  const bytes = randomBytes(12);
  const symbols = Array.from(bytes, (byte) => CODE_ALPHABET[byte & 31]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}
