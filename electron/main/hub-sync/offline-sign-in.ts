import type Database from 'better-sqlite3';
import { hashPassword, verifyPassword, type ScryptParams } from '../auth/password-hash';
import { dropOfflineVerifier, dropVerifiersSignedInBefore, findOfflineVerifier, saveOfflineVerifier } from './offline-verifier-repo';
import type { SecretSealer } from './secret-sealer';

/** How long after a sign-in through the hub the same operator may sign in here without it. */
export const OFFLINE_SIGN_IN_WINDOW_MS = 12 * 60 * 60 * 1000;
/** Wrong passwords in a row, offline, after which the verifier is dropped (the hub's lock-out cannot be asked). */
export const MAX_OFFLINE_FAILURES = 5;

export type OfflineCheck = 'ok' | 'bad_password' | 'none';

/**
 * The cached verifier of each operator who signed in here through the hub: a scrypt hash of
 * the password (never the password), sealed with the OS keychain, kept in main's database and
 * never sent to the renderer. It lets that operator sign in while the hub cannot be reached,
 * within 12 hours of the sign-in that stored it.
 */
export interface OfflineVerifiers {
  /** After a sign-in the hub accepted: hashed outside any transaction, then stored. */
  remember(username: string, password: string, now: Date): Promise<void>;
  check(username: string, password: string, now: Date): Promise<OfflineCheck>;
  forget(username: string): boolean;
}

export function createOfflineVerifiers(db: Database.Database, sealer: SecretSealer, cost?: ScryptParams): OfflineVerifiers {
  const failures = new Map<string, number>();

  function dropExpired(now: Date): void {
    dropVerifiersSignedInBefore(db, new Date(now.getTime() - OFFLINE_SIGN_IN_WINDOW_MS).toISOString());
  }

  return {
    async remember(username, password, now) {
      const verifier = await hashPassword(password, cost);
      failures.delete(username);
      db.transaction(() => {
        dropExpired(now);
        saveOfflineVerifier(db, { username, sealedVerifier: sealer.seal(verifier), sealedWith: sealer.kind, signedInAt: now.toISOString() });
      }).immediate();
    },
    async check(username, password, now) {
      dropExpired(now);
      const row = findOfflineVerifier(db, username);
      if (!row) return 'none';
      const verifier = row.sealedWith === 'none' ? row.sealedVerifier.toString('utf8') : sealer.open(row.sealedVerifier);
      if (await verifyPassword(password, verifier)) {
        failures.delete(username);
        return 'ok';
      }
      const count = (failures.get(username) ?? 0) + 1;
      failures.set(username, count);
      if (count >= MAX_OFFLINE_FAILURES) {
        dropOfflineVerifier(db, username);
        failures.delete(username);
      }
      return 'bad_password';
    },
    forget(username) {
      failures.delete(username);
      return dropOfflineVerifier(db, username);
    },
  };
}
