import type Database from 'better-sqlite3';
import { cachedStatement } from '../db/statement-cache';

export interface OfflineVerifierRow {
  username: string;
  sealedVerifier: Buffer;
  sealedWith: 'safe_storage' | 'none';
  signedInAt: string;
}

const sql = {
  // With the furthest position any operator's cursor has read: every operator entry up to it was applied before this verifier.
  upsert: `INSERT INTO hub_offline_verifiers (username, sealed_verifier, sealed_with, signed_in_at, known_position)
    VALUES (@username, @sealedVerifier, @sealedWith, @signedInAt, (SELECT coalesce(max(change_cursor), 0) FROM hub_cursors))
    ON CONFLICT (username) DO UPDATE SET sealed_verifier = excluded.sealed_verifier, sealed_with = excluded.sealed_with,
      signed_in_at = excluded.signed_in_at, known_position = excluded.known_position`,
  find: `SELECT username, sealed_verifier AS sealedVerifier, sealed_with AS sealedWith, signed_in_at AS signedInAt
    FROM hub_offline_verifiers WHERE username = ?`,
  drop: 'DELETE FROM hub_offline_verifiers WHERE username = ?',
  dropUnlessNewer: 'DELETE FROM hub_offline_verifiers WHERE username = ? AND (known_position IS NULL OR known_position < ?)',
  dropBefore: 'DELETE FROM hub_offline_verifiers WHERE signed_in_at <= ?',
  dropAll: 'DELETE FROM hub_offline_verifiers',
} as const;

export function saveOfflineVerifier(db: Database.Database, row: OfflineVerifierRow): void {
  cachedStatement(db, sql.upsert).run(row);
}

export function findOfflineVerifier(db: Database.Database, username: string): OfflineVerifierRow | undefined {
  return cachedStatement<[string], OfflineVerifierRow>(db, sql.find).get(username);
}

export function dropOfflineVerifier(db: Database.Database, username: string): boolean {
  return cachedStatement(db, sql.drop).run(username).changes > 0;
}

/**
 * Drops the operator's verifier for the change-log entry at `position` (a deactivation, a
 * replaced password), unless the verifier was stored after this desktop had applied that entry
 * already: an entry read late by another operator's cursor leaves a newer verifier alone.
 */
export function dropOfflineVerifierFor(db: Database.Database, username: string, position: number): boolean {
  return cachedStatement(db, sql.dropUnlessNewer).run(username, position).changes > 0;
}

/** Drops every verifier from a sign-in at or before `cutoff` (ISO UTC): they have expired. */
export function dropVerifiersSignedInBefore(db: Database.Database, cutoff: string): number {
  return cachedStatement(db, sql.dropBefore).run(cutoff).changes;
}

/** A new enrolment starts without anyone's verifier. */
export function dropAllOfflineVerifiers(db: Database.Database): void {
  cachedStatement(db, sql.dropAll).run();
}
