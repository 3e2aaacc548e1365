import type Database from 'better-sqlite3';
import type { Role } from '@shared/domain/operator';
import { deleteRequestsHiddenFrom, overseerUsernames } from './cache-repo';
import { resetChangeCursor } from './hub-state-repo';

/**
 * When an operator signs in on a shared desktop, what an earlier operator's role could see and
 * this one's cannot leaves the cache: the hub shows an agent only their own override requests
 * (credits, limits and operators are everyone's), so another operator's requests go, unless
 * one still waits in the outbox. Whoever had pulled them (the overseers, and the agents who
 * filed them) pulls from the start of the log next time, so their view comes back whole.
 * Supervisors and admins see everything: nothing goes for them. Runs in the caller's transaction.
 */
export function narrowCacheFor(db: Database.Database, operatorId: number, role: Role): number {
  if (role !== 'agent') return 0;
  const requesters = deleteRequestsHiddenFrom(db, operatorId);
  if (requesters.length === 0) return 0;
  for (const username of new Set([...requesters, ...overseerUsernames(db)])) resetChangeCursor(db, username);
  return requesters.length;
}
