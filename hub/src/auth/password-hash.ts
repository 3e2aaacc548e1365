import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import {
  CURRENT_SCRYPT_PARAMS,
  SCRYPT_KEY_LENGTH,
  SCRYPT_SALT_LENGTH,
  formatPasswordHash,
  isWeakerScrypt,
  parsePasswordHashParts,
  type ScryptParams,
} from '@shared/auth/password-hash-format';

/*
 * The format, its limits and the current cost live in shared/auth/password-hash-format.ts, so
 * an operator's hash means the same at the hub and on a desktop. The scrypt call itself needs
 * node:crypto, which shared/ may not import, so it is here and in electron/main/auth.
 */

function options(params: ScryptParams): ScryptOptions {
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

function derive(password: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options(params), (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SCRYPT_SALT_LENGTH);
  const hash = await derive(password, salt, SCRYPT_KEY_LENGTH, params);
  return formatPasswordHash({ params, saltB64: salt.toString('base64'), hashB64: hash.toString('base64') });
}

/** Constant-time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHashParts(stored);
  if (!parsed) return false;
  const hash = Buffer.from(parsed.hashB64, 'base64');
  const candidate = await derive(password, Buffer.from(parsed.saltB64, 'base64'), hash.length, parsed.params);
  return timingSafeEqual(candidate, hash);
}

/** Verified against when the username is unknown, so that answer takes as long as a wrong password at `params`. */
export function decoyPasswordHash(params: ScryptParams = CURRENT_SCRYPT_PARAMS): string {
  return formatPasswordHash({
    params,
    saltB64: Buffer.alloc(SCRYPT_SALT_LENGTH).toString('base64'),
    hashB64: Buffer.alloc(SCRYPT_KEY_LENGTH).toString('base64'),
  });
}

export const DUMMY_PASSWORD_HASH = decoyPasswordHash(CURRENT_SCRYPT_PARAMS);

/** A new hash at `target` when the stored one costs less; null when it is good enough (or malformed: it never matched). */
export async function strongerPasswordHash(password: string, stored: string, target: ScryptParams): Promise<{ hash: string; from: ScryptParams } | null> {
  const parsed = parsePasswordHashParts(stored);
  if (!parsed || !isWeakerScrypt(parsed.params, target)) return null;
  return { hash: await hashPassword(password, target), from: parsed.params };
}
