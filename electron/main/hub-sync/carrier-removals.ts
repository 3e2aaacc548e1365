import type Database from 'better-sqlite3';
import type { CarrierBatchChange } from '@shared/hub/changes';
import { cachedStatement } from '../db/statement-cache';

const DELETE_LINK = `DELETE FROM outage_policies WHERE outage_id = ?
  AND policy_id = (SELECT id FROM credit_policies WHERE code = ? AND version = ?)`;

/**
 * Deletes what a carrier batch deleted at the hub (its entry's `removed`; shared/hub/changes.ts):
 * the links of a policy version to an outage that a policy feed dropped. By the outage's hub id
 * (a cache follows the hub's ids) and the policy's (code, version). A link already gone is no
 * matter, so an entry applied twice leaves the same rows. Call inside the batch's last
 * transaction, with the cursor move. Answers how many links went.
 */
export function applyCarrierRemovals(db: Database.Database, removed: CarrierBatchChange['removed']): number {
  if (!removed) return 0;
  const statement = cachedStatement<[number, string, number]>(db, DELETE_LINK);
  let deleted = 0;
  for (const link of removed.outage_policies) deleted += statement.run(link.outageId, link.policyCode, link.policyVersion).changes;
  return deleted;
}
