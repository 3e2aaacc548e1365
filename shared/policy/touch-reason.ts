import type { Account } from '../domain/account';
import type { Outage } from '../domain/outage';
import type { Policy } from './policy-schema';

export type TouchReason = 'impact' | 'region';

/**
 * Whether an outage under a policy concerns an account: an impact on any of its lines, or,
 * for a per-account policy, the account's region among the outage's regions. Region codes
 * are not unique across countries (NH is both New Hampshire and Noord-Holland), so a region
 * match also needs a country the policy admits.
 */
export function touchReason(account: Account, outage: Outage, policy: Policy | null, hasImpact: boolean): TouchReason | null {
  if (hasImpact) return 'impact';
  if (policy === null || policy.unit !== 'account') return null;
  if (!outage.regions.includes(account.region)) return null;
  const countries = policy.inclusion.countries;
  return countries === undefined || countries.includes(account.country) ? 'region' : null;
}
