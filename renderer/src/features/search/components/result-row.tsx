import type { EligibilityChip as Chip, SearchResponse } from '@shared/ipc/search-channels';
import { AccountBadges } from '../../../components/account-badges';
import { t } from '../../../i18n/translate';
import { EligibilityChip } from './eligibility-chip';

export interface ResultRowProps {
  id: string;
  result: SearchResponse['results'][number];
  active: boolean;
  /** The result's answer for the active outage, once it has arrived. */
  chip?: Chip | undefined;
  locale: string;
  onOpen: () => void;
}

export function ResultRow({ id, result, active, chip, locale, onOpen }: ResultRowProps) {
  const inactive = result.status !== 'active';
  const classes = ['result', active ? 'result--active' : '', inactive ? `result--${result.status}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      id={id}
      role="option"
      aria-selected={active}
      className={classes}
      // Keeps focus in the search box, which owns the keyboard.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <span className="result__holder">{result.holderName}</span>
      <span className="result__account">{result.accountNumber}</span>
      <span className="result__badges">
        <AccountBadges account={result} />
      </span>
      <span className="result__match">
        <span className="visually-hidden">{t('search.matchedByPrefix')} </span>
        {t(`matchedBy.${result.matchedBy}`)}
      </span>
      <span className="result__postal">
        {result.postalCode}
        <span className="result__region"> {result.region}</span>
      </span>
      <span className="result__chip">{chip ? <EligibilityChip chip={chip} locale={locale} /> : null}</span>
    </li>
  );
}
