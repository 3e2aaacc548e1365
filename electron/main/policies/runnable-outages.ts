import type Database from 'better-sqlite3';
import { chooseMajorOutage } from '@shared/domain/major-outage';
import type { PolicyRunOutage, RunnableOutages } from '@shared/ipc/policy-run-channels';
import { findOutage, listRecentOutageReach, outagesFingerprint } from '../outages/outage-repo';
import { listAttachedPolicies } from './policy-repo';
import { latestPolicyRunId } from './policy-run-repo';
import { toStoredPolicy } from './stored-policy';

/** Every outage with an impact, whatever its dates: the reach query with bounds that admit all. */
const ALL_OUTAGES = { asOf: '9999-12-31T23:59:59.999Z', cutoff: '' } as const;

/**
 * Outages an admin can run (those with at least one policy attached, newest first) and the
 * one to offer first. Counting each outage's accounts is a pass over the impacts, so the
 * counts are kept until the outages or impacts move (outagesFingerprint).
 */
export function createRunnableOutageLister(): (db: Database.Database, asOf: string) => RunnableOutages {
  let cached: { key: string; reach: Map<number, number> } | null = null;
  return (db, asOf) => {
    const key = outagesFingerprint(db);
    if (cached?.key !== key) {
      const rows = listRecentOutageReach(db, ALL_OUTAGES.asOf, ALL_OUTAGES.cutoff);
      cached = { key, reach: new Map(rows.map((r) => [r.id, r.accounts])) };
    }
    const reach = cached.reach;
    const byOutage = new Map<number, PolicyRunOutage>();
    for (const row of listAttachedPolicies(db)) {
      let entry = byOutage.get(row.outageId);
      if (!entry) {
        const outage = findOutage(db, row.outageId);
        if (!outage) continue;
        entry = {
          id: outage.id,
          title: outage.title,
          startsAt: outage.startsAt,
          endsAt: outage.endsAt,
          impactedAccounts: reach.get(outage.id) ?? 0,
          policies: [],
          lastRunId: latestPolicyRunId(db, outage.id) ?? null,
        };
        byOutage.set(row.outageId, entry);
      }
      const { policy } = toStoredPolicy(row);
      entry.policies.push({ code: policy.code, version: policy.version, name: policy.name });
    }
    const outages = [...byOutage.values()].sort((a, b) => b.startsAt.localeCompare(a.startsAt));
    return { outages, defaultOutageId: chooseMajorOutage(outages, asOf)?.id ?? null };
  };
}
