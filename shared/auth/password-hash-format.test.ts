import { describe, expect, it } from 'vitest';
import { CURRENT_SCRYPT_PARAMS, formatPasswordHash, isWeakerScrypt, parsePasswordHashParts } from './password-hash-format';

const SALT = 'AAAAAAAAAAAAAAAAAAAAAA==';
const HASH = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

describe('password hash format', () => {
  it('reads back what it writes', () => {
    const stored = formatPasswordHash({ params: CURRENT_SCRYPT_PARAMS, saltB64: SALT, hashB64: HASH });
    expect(stored).toBe(`scrypt$65536$8$2$${SALT}$${HASH}`);
    expect(parsePasswordHashParts(stored)).toEqual({ params: CURRENT_SCRYPT_PARAMS, saltB64: SALT, hashB64: HASH });
  });

  it('refuses a short salt, a short hash, bad base64 and a cost beyond the limits', () => {
    for (const bad of [
      `scrypt$1024$8$1$AAAA$${HASH}`,
      `scrypt$1024$8$1$${SALT}$AAAA`,
      `scrypt$1024$8$1$${SALT}$!!!!${HASH.slice(4)}`,
      `scrypt$2097152$8$1$${SALT}$${HASH}`,
      `scrypt$1024$65$1$${SALT}$${HASH}`,
    ]) {
      expect(parsePasswordHashParts(bad)).toBeNull();
    }
  });

  it('calls a cost weaker when it needs less memory or less work than the target, never when it needs as much', () => {
    expect(isWeakerScrypt({ N: 16384, r: 8, p: 1 }, CURRENT_SCRYPT_PARAMS)).toBe(true);
    expect(isWeakerScrypt({ N: 65536, r: 8, p: 1 }, CURRENT_SCRYPT_PARAMS)).toBe(true);
    expect(isWeakerScrypt(CURRENT_SCRYPT_PARAMS, CURRENT_SCRYPT_PARAMS)).toBe(false);
    expect(isWeakerScrypt({ N: 131072, r: 8, p: 1 }, CURRENT_SCRYPT_PARAMS)).toBe(false);
    expect(isWeakerScrypt(CURRENT_SCRYPT_PARAMS, { N: 1024, r: 8, p: 1 })).toBe(false);
  });
});
