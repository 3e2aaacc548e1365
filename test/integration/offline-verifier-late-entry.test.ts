import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Change } from '@shared/hub/changes';
import { migrate } from '../../electron/main/db/migrate';
import { allMigrations } from '../../electron/main/db/migrations/all-migrations';
import { migration025VerifierKnownPosition } from '../../electron/main/db/migrations/025-verifier-known-position';
import { applyChange } from '../../electron/main/hub-sync/apply-changes';
import { setChangeCursor } from '../../electron/main/hub-sync/hub-state-repo';
import { findOfflineVerifier, saveOfflineVerifier } from '../../electron/main/hub-sync/offline-verifier-repo';

/*
 * Issue 15: each operator's cursor reads an operator entry once, so an entry another operator's
 * cursor read long ago can arrive again late. It must not drop a verifier stored after this
 * desktop had applied it (a newer sign-in through the hub); an entry this desktop had not read
 * when the verifier was stored still drops it.
 */

const NOW = '2026-12-04T12:00:00.000Z';
let db: Database.Database | null = null;
afterEach(() => db?.close());

function desk(): Database.Database {
  db = new Database(':memory:');
  migrate(db, allMigrations);
  return db;
}

function operatorEntry(position: number, change: { active?: boolean; passwordSetAt?: string }): Change {
  return {
    position,
    entity: 'operator',
    id: '7',
    data: { operatorId: 7, username: 'nina', displayName: 'Nina Vos', role: 'agent', active: change.active ?? true, ...(change.passwordSetAt ? { passwordSetAt: change.passwordSetAt } : {}) },
  };
}

function storeVerifier(d: Database.Database): void {
  saveOfflineVerifier(d, { username: 'nina', sealedVerifier: Buffer.from('v'), sealedWith: 'none', signedInAt: NOW });
}

describe('an operator entry read late by another cursor', () => {
  it('leaves a verifier stored after the entry was applied here, and drops one stored before it was read', () => {
    const d = desk();
    // Sam's cursor had read up to 40 (the reset at 30 among them) when Nina signed in with her new password.
    setChangeCursor(d, 'sam', 40);
    setChangeCursor(d, 'nina', 10);
    storeVerifier(d);
    // Nina's own cursor, behind, reads the reset at 30 now: her newer verifier stays.
    expect(applyChange(d, operatorEntry(30, { passwordSetAt: '2026-12-04T11:00:00.000Z' }), NOW)).toBe(true);
    expect(findOfflineVerifier(d, 'nina')).toBeDefined();
    // A deactivation at 41 came after everything read when the verifier was stored: it drops it.
    applyChange(d, operatorEntry(41, { active: false }), NOW);
    expect(findOfflineVerifier(d, 'nina')).toBeUndefined();
  });

  it('drops a verifier stored before this step (its position unknown) for any such entry, as before', () => {
    const d = desk();
    storeVerifier(d);
    d.prepare("UPDATE hub_offline_verifiers SET known_position = NULL WHERE username = 'nina'").run();
    applyChange(d, operatorEntry(1, { passwordSetAt: '2026-12-04T11:00:00.000Z' }), NOW);
    expect(findOfflineVerifier(d, 'nina')).toBeUndefined();
  });

  it('keeps the verifier exactly when the entry is at or before the furthest cursor at storing, for any cursors and positions', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 1_000 }), fc.boolean(), (cursors, position, deactivate) => {
        const d = new Database(':memory:');
        try {
          migrate(d, allMigrations);
          cursors.forEach((cursor, i) => setChangeCursor(d, `op${i}`, cursor));
          storeVerifier(d);
          applyChange(d, operatorEntry(position, deactivate ? { active: false } : { passwordSetAt: NOW }), NOW);
          expect(findOfflineVerifier(d, 'nina') !== undefined).toBe(position <= Math.max(...cursors));
        } finally {
          d.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('is a forward-only step on a desktop that already holds verifiers', () => {
    const d = new Database(':memory:');
    db = d;
    migrate(d, allMigrations.slice(0, allMigrations.indexOf(migration025VerifierKnownPosition)));
    d.prepare("INSERT INTO hub_offline_verifiers (username, sealed_verifier, sealed_with, signed_in_at) VALUES ('nina', x'00', 'none', ?)").run(NOW);
    migrate(d, allMigrations);
    expect(d.prepare("SELECT known_position FROM hub_offline_verifiers WHERE username = 'nina'").pluck().get()).toBeNull();
  });
});
