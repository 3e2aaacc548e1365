import { t } from '../../../i18n/translate';
import { tIfPresent } from './catalog-lookup';
import { joinOr } from './value-labels';

export { policyName } from '../../../i18n/policy-name';

/** Who the policy is for, in words; built from the rule's allowed values when the catalog has none. */
export function policyAudience(code: string, allowed: readonly string[]): string {
  return tIfPresent(`policyAudience.${code}`) ?? t('policy.audienceFallback', { allowed: joinOr(allowed) });
}
