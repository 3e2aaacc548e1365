import type Database from 'better-sqlite3';
import type { PolicyRunOutage } from '@shared/ipc/policy-run-channels';
import { findOutage } from '../outages/outage-repo';
import { listAttachedPolicies } from './policy-repo';
import { toStoredPolicy } from './stored-policy';

/** Outages an admin can run: those with at least one policy attached, newest first. */
export function listRunnableOutages(db: Database.Database): PolicyRunOutage[] {
  const byOutage = new Map<number, PolicyRunOutage>();
  for (const row of listAttachedPolicies(db)) {
    let entry = byOutage.get(row.outageId);
    if (!entry) {
      const outage = findOutage(db, row.outageId);
      if (!outage) continue;
      entry = { id: outage.id, title: outage.title, startsAt: outage.startsAt, endsAt: outage.endsAt, policies: [] };
      byOutage.set(row.outageId, entry);
    }
    const { policy } = toStoredPolicy(row);
    entry.policies.push({ code: policy.code, version: policy.version, name: policy.name });
  }
  return [...byOutage.values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}
