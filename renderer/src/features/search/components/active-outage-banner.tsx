import { policyName } from '../../../i18n/policy-name';
import { t, tCount } from '../../../i18n/translate';
import { formatDate, formatNumber } from '../../../lib/format';
import { useEligibilityStore } from '../stores/eligibility-store';

/** The outage most callers ask about, with its policy, in one line above the search. */
export function ActiveOutageBanner({ locale, timeZone }: { locale: string; timeZone: string }) {
  const outage = useEligibilityStore((s) => s.activeOutage);
  if (!outage) return null;
  const when = outage.endsAt
    ? t('search.activeOutage.ended', { start: formatDate(outage.startsAt, locale, timeZone), end: formatDate(outage.endsAt, locale, timeZone) })
    : t('search.activeOutage.ongoing', { start: formatDate(outage.startsAt, locale, timeZone) });
  const policy = outage.policy ? t('search.activeOutage.policy', { name: policyName(outage.policy.code, outage.policy.name) }) : t('search.activeOutage.noPolicy');
  return (
    <p className="active-outage" role="note" aria-label={t('search.activeOutage.label')}>
      <strong className="active-outage__title">{t('search.activeOutage.title', { title: outage.title })}</strong>
      <span>{when}</span>
      <span>{policy}</span>
      <span>{tCount('search.activeOutage.accountsOne', 'search.activeOutage.accountsOther', outage.impactedAccounts, formatNumber(outage.impactedAccounts, locale))}</span>
    </p>
  );
}
