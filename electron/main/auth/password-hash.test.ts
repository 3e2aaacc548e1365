import { describe, expect, it } from 'vitest';
import { hashPassword, hashPasswordSync, parsePasswordHash, verifyPassword } from './password-hash';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it("stores OWASP's scrypt parameters (N=2^16, r=8, p=2), a 16-byte salt and the hash in one string", async () => {
    const stored = await hashPassword('agent-demo-2024');
    expect(stored).toMatch(/^scrypt\$65536\$8\$2\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(parsePasswordHash(stored)?.salt).toHaveLength(16);
  });

  it('accepts the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse', FAST);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    expect(await verifyPassword('old', hashPasswordSync('old', FAST))).toBe(true);
  });

  it('never matches a malformed, tampered or absurdly expensive hash', async () => {
    const stored = await hashPassword('pw', FAST);
    const parts = stored.split('$');
    const tampered = [...parts.slice(0, 5), Buffer.alloc(32, 1).toString('base64')].join('$');
    for (const bad of [
      '',
      'pw',
      'bcrypt$10$abc',
      tampered,
      stored.replace('scrypt$1024', 'scrypt$1000'),
      stored.replace('scrypt$1024', 'scrypt$4194304'),
      stored.replace('$8$1$', '$8$0$'),
    ]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });
});
