/*
 * The stored password hash, `scrypt$N$r$p$saltB64$hashB64`, as the desktop and the hub both
 * write and read it. Deriving the key needs node:crypto, which shared/ may not import, so
 * each side keeps its scrypt call and shares this format, its limits and the current cost.
 */

/** scrypt cost; stored in every hash so that it can be raised later without a migration. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's password storage cheat sheet: N = 2^16, r = 8, p = 2 (64 MiB, about 0.35 s here). */
export const CURRENT_SCRYPT_PARAMS: ScryptParams = { N: 1 << 16, r: 8, p: 2 };

export const SCRYPT_KEY_LENGTH = 32;
export const SCRYPT_SALT_LENGTH = 16;
// A stored hash is data: refuse parameters that would make one verification a denial of service.
const MAX_N = 1 << 20;
const MAX_RP = 64;
const MIN_HASH_LENGTH = 16;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface PasswordHashParts {
  readonly params: ScryptParams;
  readonly saltB64: string;
  readonly hashB64: string;
}

export function formatPasswordHash(parts: PasswordHashParts): string {
  const { params, saltB64, hashB64 } = parts;
  return ['scrypt', params.N, params.r, params.p, saltB64, hashB64].join('$');
}

function decodedLength(b64: string): number {
  if (!BASE64.test(b64) || b64.length % 4 !== 0) return 0;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return (b64.length / 4) * 3 - padding;
}

/** The parts of a stored hash, or null when it is malformed or would cost too much to verify. */
export function parsePasswordHashParts(stored: string): PasswordHashParts | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  if (N === undefined || r === undefined || p === undefined) return null;
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_RP) || !(p >= 1 && p <= MAX_RP)) return null;
  const saltB64 = parts[4] ?? '';
  const hashB64 = parts[5] ?? '';
  if (decodedLength(saltB64) < SCRYPT_SALT_LENGTH || decodedLength(hashB64) < MIN_HASH_LENGTH) return null;
  return { params: { N, r, p }, saltB64, hashB64 };
}

/**
 * True when a hash made with `stored` costs less than `target`, in memory (N * r) or in work
 * (N * r * p), so that the next successful sign-in should hash the password again. A hash
 * that already costs as much in both is kept, even when its parameters differ.
 */
export function isWeakerScrypt(stored: ScryptParams, target: ScryptParams): boolean {
  const memory = (params: ScryptParams): number => params.N * params.r;
  return memory(stored) < memory(target) || memory(stored) * stored.p < memory(target) * target.p;
}
