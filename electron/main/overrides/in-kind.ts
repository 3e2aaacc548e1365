import type Database from 'better-sqlite3';
import { listPoliciesOfOutage } from '../policies/policy-repo';
import { toStoredPolicy } from '../policies/stored-policy';

/** Compensation in kind needs a policy of the outage that allows it (the Dutch law does, with consent). */
export function outageAllowsInKind(db: Database.Database, outageId: number): boolean {
  return listPoliciesOfOutage(db, outageId).some((row) => toStoredPolicy(row).policy.delivery.inKind.allowed);
}
