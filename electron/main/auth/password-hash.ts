import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost; stored in every hash so that it can be raised later without a migration. */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 16384, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// A stored hash is data: refuse parameters that would make one verification a denial of service.
const MAX_N = 1 << 20;
const MAX_RP = 64;

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function scryptOptions(params: ScryptParams): ScryptOptions {
  // Node's default maxmem (32 MiB) is exactly 128 * N * r for N=2^15; leave headroom for any N we accept.
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

function scryptAsync(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, scryptOptions(params), (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function format(params: ScryptParams, salt: Buffer, hash: Buffer): string {
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64` with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return format(params, salt, await scryptAsync(password, salt, KEY_LENGTH, params));
}

/** Same as hashPassword, for seeding code that runs before the event loop matters. */
export function hashPasswordSync(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): string {
  const salt = randomBytes(SALT_LENGTH);
  return format(params, salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, scryptOptions(params)));
}

export function parsePasswordHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,8}$/.test(part) ? Number(part) : NaN));
  if (N === undefined || r === undefined || p === undefined) return null;
  const isPowerOfTwo = N > 1 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > MAX_N || !(r >= 1 && r <= MAX_RP) || !(p >= 1 && p <= MAX_RP)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const hash = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < SALT_LENGTH || hash.length < 16) return null;
  return { params: { N, r, p }, salt, hash };
}

/**
 * True when the password matches the stored hash. A malformed hash never matches;
 * the comparison is constant-time so the position of the first wrong byte does not leak.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const candidate = await scryptAsync(password, parsed.salt, parsed.hash.length, parsed.params);
  return timingSafeEqual(candidate, parsed.hash);
}
