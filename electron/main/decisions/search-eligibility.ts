import type Database from 'better-sqlite3';
import type { ActiveOutage, ChipStatus, EligibilityChip, SearchEligibility } from '@shared/ipc/search-channels';
import { recentOutageCutoff } from '@shared/domain/major-outage';
import { findOutage, listRecentOutageReach, outagesFingerprint } from '../outages/outage-repo';
import { listPoliciesOfOutage } from '../policies/policy-repo';
import { toStoredPolicy } from '../policies/stored-policy';
import { getAccountDecisions } from './decision-service';

/**
 * The outage most callers ask about (see ActiveOutage): the one whose impacts touch the most
 * accounts among those ongoing or ended within the last 30 days. Counting is a pass over the
 * impacts, so the answer is kept per database until the outages or their impacts move
 * (outagesFingerprint) or the day changes.
 */
export function createActiveOutageFinder(): (db: Database.Database, asOf: string) => ActiveOutage | null {
  let cached: { key: string; value: ActiveOutage | null } | null = null;
  return (db, asOf) => {
    const key = `${outagesFingerprint(db)}|${asOf.slice(0, 10)}`;
    if (cached?.key === key) return cached.value;
    const cutoff = recentOutageCutoff(asOf);
    const widest = listRecentOutageReach(db, asOf, cutoff)[0];
    const outage = widest ? findOutage(db, widest.id) : undefined;
    let value: ActiveOutage | null = null;
    if (widest && outage) {
      const attached = listPoliciesOfOutage(db, outage.id)[0];
      const policy = attached ? toStoredPolicy(attached).policy : null;
      value = {
        id: outage.id,
        title: outage.title,
        startsAt: outage.startsAt,
        endsAt: outage.endsAt,
        impactedAccounts: widest.accounts,
        policy: policy ? { code: policy.code, version: policy.version, name: policy.name } : null,
      };
    }
    cached = { key, value };
    return value;
  };
}

/**
 * Each listed account's answer for the active outage, from the same decisions the account
 * view shows (getAccountDecisions): a chip never says something the account screen would not.
 */
export function searchEligibility(
  db: Database.Database,
  accountNumbers: readonly string[],
  asOf: string,
  findActive: (db: Database.Database, asOf: string) => ActiveOutage | null,
): SearchEligibility {
  const activeOutage = findActive(db, asOf);
  if (!activeOutage) return { activeOutage: null, chips: [] };
  const chips: EligibilityChip[] = [];
  for (const accountNumber of new Set(accountNumbers)) {
    const decisions = getAccountDecisions(db, accountNumber, asOf);
    if (!decisions) continue;
    const forOutage = decisions.decisions.filter((d) => d.outage.id === activeOutage.id);
    const chosen = activeOutage.policy ? forOutage.find((d) => d.policy?.code === activeOutage.policy!.code) : undefined;
    const decision = chosen?.decision ?? null;
    const status: ChipStatus = !activeOutage.policy ? 'no_policy' : decision ? decision.status : 'not_affected';
    const amount = decision ? { minor: decision.status === 'already_credited' ? decision.creditedMinor : decision.amountMinor, currency: decision.currency } : null;
    chips.push({ accountNumber, status, amount });
  }
  return { activeOutage, chips };
}
