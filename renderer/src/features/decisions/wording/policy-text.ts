import { t } from '../../../i18n/translate';
import { tIfPresent } from './catalog-lookup';
import { joinOr } from './value-labels';

/** The policy as customers hear it ("The February 2024 credit"); its stored name otherwise. */
export function policyName(code: string, storedName: string): string {
  return tIfPresent(`policyName.${code}`) ?? storedName;
}

/** Who the policy is for, in words; built from the rule's allowed values when the catalog has none. */
export function policyAudience(code: string, allowed: readonly string[]): string {
  return tIfPresent(`policyAudience.${code}`) ?? t('policy.audienceFallback', { allowed: joinOr(allowed) });
}
