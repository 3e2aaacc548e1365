import type Database from 'better-sqlite3';
import { appendAudit } from '../audit/audit-log';

/**
 * What this cache holds from the hub it was enrolled at, children before parents: the carrier
 * data (accounts, lines, outages, impacts, policies, credits and their reversals), the
 * requests and evidence pulled from it, the change cursors, refills, the snapshot record and
 * the answered outbox. A desktop that enrols at another hub drops them all, so nothing of the
 * old hub mixes with the new one's; the new hub's snapshot and log then fill the cache again.
 *
 * Kept: the desktop's own audit chain, its operators (the audit chain refers to them; the new
 * hub's log brings its own operators' facts, and no offline verifier survives an enrolment),
 * its own export batches and import runs from before it joined, and the local settings.
 */
export const HUB_CACHE_TABLES = [
  'override_requests',
  'credit_claims',
  'fault_reports',
  'hub_evidence_received',
  'credit_reversals',
  'credits',
  'credit_totals',
  'policy_runs',
  'outage_policies',
  'impacts',
  'lines',
  'accounts',
  'credit_policies',
  'outages',
  'hub_outbox',
  'hub_cursors',
  'hub_request_refills',
  'hub_snapshot',
] as const;

/** Triggers that keep evidence and reversal lines forever in one cache: set aside for the clear only, then made again as they were. */
const KEEP_FOREVER_TRIGGERS = ['fault_reports_no_delete', 'credit_claims_no_delete', 'credit_reversals_kept'] as const;

export interface ClearedHubCache {
  readonly rows: Record<string, number>;
}

/**
 * Empties the hub-derived cache, in the caller's transaction (the enrolment's, so a failed
 * enrolment leaves it whole), and audits it. The caller has checked that the outbox holds
 * nothing unsent: an unsent operation would be lost with its old hub's desktop id.
 */
export function clearHubCache(db: Database.Database, change: { actorId: number | null; fromHub: string; toHub: string; at: Date }): ClearedHubCache {
  if (!db.inTransaction) throw new Error('clearHubCache runs inside the enrolment transaction');
  const triggers = KEEP_FOREVER_TRIGGERS.map((name) => {
    const sql = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").get(name)?.sql;
    if (!sql) throw new Error(`trigger ${name} is missing`);
    return { name, sql };
  });
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${name}`);
  const rows: Record<string, number> = {};
  for (const table of HUB_CACHE_TABLES) rows[table] = db.prepare(`DELETE FROM ${table}`).run().changes;
  for (const { sql } of triggers) db.exec(sql);
  appendAudit(db, {
    operatorId: change.actorId,
    action: 'hub.cache_cleared',
    target: `hub:${change.toHub}`,
    before: { hub: change.fromHub, accounts: rows.accounts ?? 0, credits: rows.credits ?? 0, overrideRequests: rows.override_requests ?? 0 },
    after: { hub: change.toHub },
    at: change.at,
  });
  return { rows };
}
