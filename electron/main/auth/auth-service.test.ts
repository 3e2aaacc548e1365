import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open-database';
import { createAuthService } from './auth-service';
import { ensureDemoOperators } from './demo-operators';
import { TEST_PASSWORD_COST } from '../../../test/support/password-cost';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});

describe('sign-in timing', () => {
  it('spends one full-cost scrypt on an unknown username, as on a wrong password', async () => {
    const db = openDatabase(':memory:');
    ensureDemoOperators(db, new Date('2024-02-22T08:45:00.000Z'), TEST_PASSWORD_COST);
    const auth = createAuthService(db, { clock: () => new Date('2024-02-22T09:00:00.000Z'), passwordCost: TEST_PASSWORD_COST });
    const scrypt = vi.mocked(crypto.scrypt);
    await auth.signIn('warm-up', 'x');
    scrypt.mockClear();

    await auth.signIn('nobody-by-this-name', 'agent-demo-2024');
    const unknownCalls = scrypt.mock.calls.map((call) => call[3]);
    scrypt.mockClear();
    await auth.signIn('alice', 'wrong-password');
    const wrongCalls = scrypt.mock.calls.map((call) => call[3]);

    expect(unknownCalls).toHaveLength(1);
    expect(unknownCalls).toEqual(wrongCalls);
    expect(unknownCalls[0]).toMatchObject(TEST_PASSWORD_COST);
    db.close();
  });

  it('spends the same full-cost scrypt on a locked operator before answering OPERATOR_LOCKED', async () => {
    const db = openDatabase(':memory:');
    ensureDemoOperators(db, new Date('2024-02-22T08:45:00.000Z'), TEST_PASSWORD_COST);
    const auth = createAuthService(db, { clock: () => new Date('2024-02-22T09:00:00.000Z'), passwordCost: TEST_PASSWORD_COST });
    for (let attempt = 0; attempt < 5; attempt += 1) await auth.signIn('alice', 'wrong-password');
    const scrypt = vi.mocked(crypto.scrypt);
    scrypt.mockClear();
    expect(await auth.signIn('alice', 'wrong-password')).toMatchObject({ error: { code: 'OPERATOR_LOCKED' } });
    expect(scrypt.mock.calls.map((call) => call[3])).toEqual([expect.objectContaining(TEST_PASSWORD_COST)]);
    db.close();
  });
});
