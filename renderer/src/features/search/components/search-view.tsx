import { useEffect } from 'react';
import { t } from '../../../i18n/translate';
import { useDisplayLocale, useDisplayTimeZone } from '../../../stores/session-store';
import { useEligibilityStore } from '../stores/eligibility-store';
import { ActiveOutageBanner } from './active-outage-banner';
import { SearchBox } from './search-box';
import { SearchFeedback } from './search-feedback';
import { ResultList } from './result-list';
import './search-view.css';

export interface SearchViewProps {
  onOpenAccount: (accountNumber: string) => void;
}

export function SearchView({ onOpenAccount }: SearchViewProps) {
  const locale = useDisplayLocale();
  const timeZone = useDisplayTimeZone();
  const loadBanner = useEligibilityStore((s) => s.load);
  const known = useEligibilityStore((s) => s.activeOutage !== undefined);
  useEffect(() => {
    if (!known) void loadBanner([]);
  }, [known, loadBanner]);
  return (
    <section className="search" aria-labelledby="search-heading">
      <h1 id="search-heading" className="visually-hidden">
        {t('search.heading')}
      </h1>
      <ActiveOutageBanner locale={locale} timeZone={timeZone} />
      <div role="search" className="search__box">
        <SearchBox onOpenAccount={onOpenAccount} />
      </div>
      <SearchFeedback />
      <ResultList onOpenAccount={onOpenAccount} />
    </section>
  );
}
