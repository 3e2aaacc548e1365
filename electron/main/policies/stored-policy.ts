import { Policy } from '@shared/policy/policy-schema';
import type { PolicyRow } from './policy-repo';

/** A stored policy version, parsed: the row id (credits refer to it) and the validated rules. */
export interface StoredPolicy {
  id: number;
  policy: Policy;
}

// Rows are immutable per (id, rules_json), and parsing is far slower than the account view's
// budget allows per call, so each stored version is parsed once per process.
const parsed = new Map<number, { rulesJson: string; policy: Policy }>();

/**
 * Validates a stored policy with the Policy schema before the engine sees it; a row that
 * does not parse (edited by hand, or from a newer app) throws rather than giving a
 * decision from rules nobody checked.
 */
export function toStoredPolicy(row: PolicyRow): StoredPolicy {
  const hit = parsed.get(row.id);
  if (hit && hit.rulesJson === row.rulesJson) return { id: row.id, policy: hit.policy };
  const policy = Policy.parse(JSON.parse(row.rulesJson));
  if (policy.code !== row.code || policy.version !== row.version) {
    throw new Error(`credit_policies row ${row.id} holds ${policy.code} v${policy.version}, not ${row.code} v${row.version}`);
  }
  parsed.set(row.id, { rulesJson: row.rulesJson, policy });
  return { id: row.id, policy };
}
