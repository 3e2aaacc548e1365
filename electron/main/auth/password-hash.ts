import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import {
  CURRENT_SCRYPT_PARAMS,
  SCRYPT_KEY_LENGTH,
  SCRYPT_SALT_LENGTH,
  formatPasswordHash,
  parsePasswordHashParts,
  type ScryptParams,
} from '@shared/auth/password-hash-format';

export type { ScryptParams } from '@shared/auth/password-hash-format';

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function scryptOptions(params: ScryptParams): ScryptOptions {
  // Node's default maxmem (32 MiB) is below 128 * N * r for N=2^16; leave headroom for any N we accept.
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
  return formatPasswordHash({ params, saltB64: salt.toString('base64'), hashB64: hash.toString('base64') });
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64` with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SCRYPT_SALT_LENGTH);
  return format(params, salt, await scryptAsync(password, salt, SCRYPT_KEY_LENGTH, params));
}

/** Same as hashPassword, for seeding code that runs before the event loop matters. */
export function hashPasswordSync(password: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): string {
  const salt = randomBytes(SCRYPT_SALT_LENGTH);
  return format(params, salt, scryptSync(password.normalize('NFC'), salt, SCRYPT_KEY_LENGTH, scryptOptions(params)));
}

export function parsePasswordHash(stored: string): ParsedHash | null {
  const parts = parsePasswordHashParts(stored);
  if (!parts) return null;
  return { params: parts.params, salt: Buffer.from(parts.saltB64, 'base64'), hash: Buffer.from(parts.hashB64, 'base64') };
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
