import type Database from 'better-sqlite3';
import type { Role } from '@shared/domain/operator';
import { MAX_REQUEST_VIEWS } from '@shared/hub/changes';
import { applyChange } from './apply-changes';
import { deleteRequestsHiddenFrom, overseerUsernames } from './cache-repo';
import type { HubClient, HubClientError } from './hub-client';
import { addRequestRefill, dropRequestRefills, pendingRequestRefills, readChangeCursor } from './hub-state-repo';

/**
 * When an operator signs in on a shared desktop, what an earlier operator's role could see and
 * this one's cannot leaves the cache: the hub shows an agent only their own override requests
 * (credits, limits and operators are everyone's), so another operator's requests go, unless
 * one still waits in the outbox. Whoever had pulled them (the overseers, and the agent who
 * filed each) gets a refill row per removed request; at their next pull `refillRequests` asks
 * the hub for exactly those, so their view comes back whole without reading the log again.
 * Supervisors and admins see everything: nothing goes for them. Runs in the caller's transaction.
 */
export function narrowCacheFor(db: Database.Database, operatorId: number, role: Role): number {
  if (role !== 'agent') return 0;
  const removed = deleteRequestsHiddenFrom(db, operatorId);
  if (removed.length === 0) return 0;
  const overseers = overseerUsernames(db);
  for (const { id, username } of removed) {
    for (const viewer of new Set([username, ...overseers])) {
      // Someone who never pulled here gets the whole log at their first pull anyway.
      if (readChangeCursor(db, viewer) > 0) addRequestRefill(db, viewer, id);
    }
  }
  return removed.length;
}

export type RefillResult = { ok: true; applied: number } | { ok: false; error: HubClientError };

/**
 * Brings back the requests `username`'s view lost to another operator's sign-in, before their
 * pull from `cursor` goes on. A request's latest change at or below the cursor is applied here;
 * one above it is on its way in the pull itself (applying it now would let an older change of
 * the pull overwrite it for a moment). Each answer commits with its refill rows dropped, so a
 * dropped connection asks again only for what is still missing.
 */
export async function refillRequests(
  db: Database.Database,
  client: HubClient,
  token: string,
  username: string,
  cursor: number,
  now: () => string,
): Promise<RefillResult> {
  let applied = 0;
  for (;;) {
    const ids = pendingRequestRefills(db, username, MAX_REQUEST_VIEWS);
    if (ids.length === 0) return { ok: true, applied };
    const answer = await client.call('requestViews', { ids }, token);
    if (!answer.ok) return answer;
    db.transaction(() => {
      const at = now();
      for (const change of answer.value.changes) {
        if (change.position <= cursor && applyChange(db, change, at)) applied += 1;
      }
      dropRequestRefills(db, username, ids);
    }).immediate();
  }
}
