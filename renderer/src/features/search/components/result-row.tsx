import type { EligibilityChip as Chip, SearchResponse } from '@shared/ipc/search-channels';
import { memo } from 'react';
import { AccountBadges } from '../../../components/account-badges';
import { t } from '../../../i18n/translate';
import { EligibilityChip } from './eligibility-chip';
import { resultOptionId } from './search-ids';

export interface ResultRowProps {
  /** The row's place in the list (its option id is derived from it). */
  index: number;
  result: SearchResponse['results'][number];
  active: boolean;
  /** The result's answer for the active outage, once it has arrived. */
  chip?: Chip | undefined;
  locale: string;
  onOpen: (index: number, accountNumber: string) => void;
}

type Result = ResultRowProps['result'];

/** Every fact of a result is a string, so two answers for the same account compare field by field. */
function sameResult(a: Result, b: Result): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as Array<keyof Result>;
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function sameRow(a: ResultRowProps, b: ResultRowProps): boolean {
  return (
    a.index === b.index &&
    a.active === b.active &&
    a.chip === b.chip &&
    a.locale === b.locale &&
    a.onOpen === b.onOpen &&
    sameResult(a.result, b.result)
  );
}

/**
 * Memoised: while the agent types, a row that stays in the list (each answer arrives as new
 * objects) with the same facts and place is not rendered again.
 */
export const ResultRow = memo(function ResultRow({ index, result, active, chip, locale, onOpen }: ResultRowProps) {
  const inactive = result.status !== 'active';
  const classes = ['result', active ? 'result--active' : '', inactive ? `result--${result.status}` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <li
      id={resultOptionId(index)}
      role="option"
      aria-selected={active}
      className={classes}
      // Keeps focus in the search box, which owns the keyboard.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onOpen(index, result.accountNumber)}
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
}, sameRow);
