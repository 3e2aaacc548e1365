import { startTransition, useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
import { t } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { useEligibilityStore } from '../stores/eligibility-store';
import { useSearchStore } from '../stores/search-store';
import { ResultRow } from './result-row';
import { RESULTS_LISTBOX_ID, resultOptionId } from './search-ids';

/** How long a list stays on screen before its chips are asked for: longer than between two keystrokes. */
export const CHIPS_AFTER_MS = 150;

/**
 * Rows rendered in the frame that answers a keystroke: more than a 1366x768 screen shows
 * (about 13). The rest of the page of results follows right after that frame, so the answer
 * the agent reads is not held back by rows below the fold.
 */
export const FIRST_SCREEN_ROWS = 16;

export interface ResultListProps {
  onOpenAccount: (accountNumber: string) => void;
}

export function ResultList({ onOpenAccount }: ResultListProps) {
  const results = useSearchStore((s) => s.response?.results);
  const answeredQuery = useSearchStore((s) => s.answeredQuery);
  const activeIndex = useSearchStore((s) => s.activeIndex);
  const setActiveIndex = useSearchStore((s) => s.setActiveIndex);
  // The chips re-render every row they reach: in the background (interruptible), so an
  // answer to the next keystroke that arrives meanwhile is rendered first.
  const chips = useDeferredValue(useEligibilityStore((s) => s.chips));
  const loadChips = useEligibilityStore((s) => s.load);
  const cancelChips = useEligibilityStore((s) => s.cancel);
  const locale = useDisplayLocale();

  // The rows below the first screen, for the results on screen (null: not yet rendered).
  const [tailFor, setTailFor] = useState<typeof results | null>(null);
  useEffect(() => {
    if (!results || results.length <= FIRST_SCREEN_ROWS) return;
    // After the frame that shows the first screen: a task queued at once would run before
    // that frame and hold it back by the tail's own render. A transition: React renders the
    // tail in slices and drops it for the next keystroke's answer, which it renders first.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setTailFor(results)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [results]);
  const shownCount = !results
    ? 0
    : tailFor === results
      ? results.length
      : Math.min(results.length, Math.max(FIRST_SCREEN_ROWS, activeIndex + 1));

  // One callback for every row, whatever the parent passes, so unchanged rows skip rendering.
  const openRef = useRef(onOpenAccount);
  openRef.current = onOpenAccount;
  const openRow = useCallback(
    (index: number, accountNumber: string) => {
      setActiveIndex(index);
      openRef.current(accountNumber);
    },
    [setActiveIndex],
  );

  // The chips are asked for once the results are on screen and the typing has paused: while
  // the agent types, main answers the searches alone (a chip already known for an account
  // still in the list stays on screen meanwhile).
  useEffect(() => {
    if (!results || results.length === 0) return;
    const timer = setTimeout(() => void loadChips(results.map((result) => result.accountNumber)), CHIPS_AFTER_MS);
    return () => {
      clearTimeout(timer);
      // The list changed (the agent typed on): its remaining chip calls would only hold main up.
      cancelChips();
    };
  }, [results, loadChips, cancelChips]);

  useEffect(() => {
    if (activeIndex < 0) return;
    // jsdom has no scrollIntoView; browsers do.
    document.getElementById(resultOptionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex]);

  const hasResults = !!results && results.length > 0;
  return (
    // data-answered-query says which text the list on screen answers (bench:agent times it).
    <div className={hasResults ? 'results' : 'results results--empty'} data-answered-query={answeredQuery}>
      {hasResults ? (
        <div className="results__head" aria-hidden="true">
          <span>{t('search.column.holder')}</span>
          <span>{t('search.column.account')}</span>
          <span>{t('search.column.type')}</span>
          <span>{t('search.column.match')}</span>
          <span>{t('search.column.postal')}</span>
          <span>{t('search.column.chip')}</span>
        </div>
      ) : null}
      {/* Always mounted so the combobox's aria-controls points at something. */}
      <ul id={RESULTS_LISTBOX_ID} role="listbox" aria-label={t('search.resultsLabel')} className="results__list">
        {results?.slice(0, shownCount).map((result, index) => (
          // Keyed by account, so a row that stays in the list as the agent types is kept.
          <ResultRow
            key={result.accountNumber}
            index={index}
            result={result}
            active={index === activeIndex}
            chip={chips.get(result.accountNumber)}
            locale={locale}
            onOpen={openRow}
          />
        ))}
      </ul>
    </div>
  );
}
