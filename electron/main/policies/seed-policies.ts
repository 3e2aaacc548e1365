import type Database from 'better-sqlite3';
import { Policy } from '@shared/policy/policy-schema';
import { builtInPolicies } from '@shared/policy/packs/built-in-policies';
import { findOutageIdBySource, findPolicyVersion, insertPolicyVersion, linkPolicyToOutage } from './policy-repo';

/**
 * Stores every built-in pack that is not stored yet. Each is parsed first, so the stored
 * JSON is the schema's full form (defaults filled in) and a broken pack never lands.
 */
export function seedBuiltInPolicies(db: Database.Database): void {
  db.transaction(() => {
    for (const input of builtInPolicies) {
      const policy = Policy.parse(input);
      insertPolicyVersion(db, policy.code, policy.version, JSON.stringify(policy));
    }
  }).immediate();
}

/**
 * Which policy each demo outage (by its source id) is credited under. The storm of August
 * 2024 has none on purpose: the account view must also show an outage without a policy.
 */
export const demoOutagePolicies: ReadonlyArray<{ outageSourceId: string; policyCode: string; policyVersion: number }> = [
  { outageSourceId: 'att-2024-02-22-nationwide', policyCode: 'att-2024-02-make-it-right', policyVersion: 2 },
  { outageSourceId: 'nl-2024-09-10-randstad', policyCode: 'nl-telecommunicatiewet-outage', policyVersion: 2 },
  { outageSourceId: 'us-2026-11-23-texas-fiber', policyCode: 'att-guarantee-2025-wireless', policyVersion: 2 },
];

/** Attaches the demo outages that exist to their policies; safe to run on every start. */
export function attachDemoPolicies(db: Database.Database): void {
  db.transaction(() => {
    for (const link of demoOutagePolicies) {
      const outageId = findOutageIdBySource(db, link.outageSourceId);
      const policy = findPolicyVersion(db, link.policyCode, link.policyVersion);
      if (outageId !== undefined && policy) linkPolicyToOutage(db, outageId, policy.id);
    }
  }).immediate();
}
