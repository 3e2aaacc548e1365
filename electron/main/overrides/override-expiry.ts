import type Database from 'better-sqlite3';
import { nextOverrideStatus, overdueFiledCutoff, type OverrideSettings } from '@shared/domain/override';
import { appendAudit } from '../audit/audit-log';
import { decideOverride, listPendingCreatedBefore } from './override-repo';

/**
 * Turns every pending request older than the expiry period into `expired`, each with its
 * audit event (by nobody: time did it). Run inside the caller's transaction, before it
 * reads or decides, so nobody acts on a request whose time is up.
 */
export function expireOverdueOverrides(db: Database.Database, settings: OverrideSettings, now: Date): number {
  const cutoff = overdueFiledCutoff(now, settings.expiryDays);
  let expired = 0;
  for (const row of listPendingCreatedBefore(db, cutoff)) {
    const status = nextOverrideStatus(row.status, 'expire');
    if (!status) continue;
    const changed = decideOverride(db, {
      id: row.id,
      version: row.version,
      status,
      decidedBy: null,
      note: null,
      decidedAt: now.toISOString(),
      creditId: null,
    });
    if (!changed) continue;
    expired += 1;
    appendAudit(db, {
      operatorId: null,
      action: 'override.expired',
      target: `override_request:${row.id}`,
      before: { status: row.status, version: row.version },
      after: { status, version: row.version + 1, expiryDays: settings.expiryDays },
      at: now,
    });
  }
  return expired;
}

/**
 * Expiry in its own transaction, before a use case runs: a refused attempt rolls back its
 * own writes, but the expiry it found is a fact of time and stays recorded.
 */
export function commitOverdueExpiry(db: Database.Database, settings: OverrideSettings, now: Date): number {
  return db.transaction(() => expireOverdueOverrides(db, settings, now)).immediate();
}
