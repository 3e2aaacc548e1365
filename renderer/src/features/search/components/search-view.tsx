import { t } from '../../../i18n/translate';
import { SearchBox } from './search-box';
import { SearchFeedback } from './search-feedback';
import { ResultList } from './result-list';
import './search-view.css';

export interface SearchViewProps {
  onOpenAccount: (accountNumber: string) => void;
}

export function SearchView({ onOpenAccount }: SearchViewProps) {
  return (
    <section className="search" aria-labelledby="search-heading">
      <h1 id="search-heading" className="visually-hidden">
        {t('search.heading')}
      </h1>
      <div role="search" className="search__box">
        <SearchBox onOpenAccount={onOpenAccount} />
      </div>
      <SearchFeedback />
      <ResultList onOpenAccount={onOpenAccount} />
    </section>
  );
}
