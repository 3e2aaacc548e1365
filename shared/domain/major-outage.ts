/** An outage is recent while ongoing and for this long after it ended (the caller's "active" outage too). */
export const RECENT_OUTAGE_DAYS = 30;
const DAY_MS = 86_400_000;

export interface OutageReachFacts {
  id: number;
  startsAt: string;
  endsAt: string | null;
  /** Accounts with an impact record of the outage on one of their lines. */
  impactedAccounts: number;
}

/** The earliest end an outage may have and still be recent at `asOf` (ISO UTC). */
export function recentOutageCutoff(asOf: string): string {
  return new Date(Date.parse(asOf) - RECENT_OUTAGE_DAYS * DAY_MS).toISOString();
}

/**
 * The newest major outage: among the recent ones (started by `asOf`, ongoing or ended within
 * RECENT_OUTAGE_DAYS), the one that touched the most accounts, the newest on a tie. When none
 * is recent (data loaded long after the event), the same choice among the outages that began
 * within RECENT_OUTAGE_DAYS of the newest one. Null for no outages.
 */
export function chooseMajorOutage<T extends OutageReachFacts>(outages: readonly T[], asOf: string): T | null {
  const cutoff = recentOutageCutoff(asOf);
  let pool = outages.filter((o) => o.startsAt <= asOf && (o.endsAt === null || o.endsAt >= cutoff));
  if (pool.length === 0 && outages.length > 0) {
    const newest = outages.reduce((a, b) => (b.startsAt > a.startsAt ? b : a)).startsAt;
    const from = new Date(Date.parse(newest) - RECENT_OUTAGE_DAYS * DAY_MS).toISOString();
    pool = outages.filter((o) => o.startsAt >= from);
  }
  let best: T | null = null;
  for (const outage of pool) {
    if (
      best === null ||
      outage.impactedAccounts > best.impactedAccounts ||
      (outage.impactedAccounts === best.impactedAccounts && (outage.startsAt > best.startsAt || (outage.startsAt === best.startsAt && outage.id < best.id)))
    ) {
      best = outage;
    }
  }
  return best;
}
