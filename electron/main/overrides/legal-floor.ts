import type Database from 'better-sqlite3';
import { legalFloorOf } from '@shared/policy/legal-floor';
import { getAccountDecisions } from '../decisions/decision-service';

/**
 * The amount the law gives the account for the outage (shared/policy/legal-floor.ts), from
 * this desktop's decisions; 0 where no statute applies.
 */
export function legalFloorFor(db: Database.Database, accountNumber: string, outageId: number, now: Date): number {
  const decisions = getAccountDecisions(db, accountNumber, now.toISOString())?.decisions ?? [];
  return legalFloorOf(decisions.flatMap(({ outage, decision }) => (outage.id === outageId && decision ? [decision] : [])));
}
