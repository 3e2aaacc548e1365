import type Database from 'better-sqlite3';
import { getAccountDecisions } from '../decisions/decision-service';

/**
 * The amount the law gives the account for the outage: the largest amount of a statutory
 * rule set's decision that pays (or paid) it; 0 where no statute applies.
 */
export function legalFloorFor(db: Database.Database, accountNumber: string, outageId: number, now: Date): number {
  const decisions = getAccountDecisions(db, accountNumber, now.toISOString())?.decisions ?? [];
  let floor = 0;
  for (const { outage, decision } of decisions) {
    if (outage.id !== outageId || !decision || decision.legalBasis !== 'statute') continue;
    if (decision.status !== 'eligible' && decision.status !== 'already_credited') continue;
    floor = Math.max(floor, decision.amountMinor, decision.creditedMinor);
  }
  return floor;
}
