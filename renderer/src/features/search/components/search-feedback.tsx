import { useEffect, useState } from 'react';
import { SEARCH_MAX_LENGTH } from '@shared/ipc/search-channels';
import { EmptyState } from '../../../components/empty-state';
import { ErrorBanner } from '../../../components/error-banner';
import { StatusMessage } from '../../../components/status-message';
import { errorMessage, t, tCount } from '../../../i18n/translate';
import { useDisplayLocale } from '../../../stores/session-store';
import { useSearchStore } from '../stores/search-store';
import { describeModes, shortenForDisplay } from './search-text';

/**
 * "Searching…" is said only for a search that takes longer than this. A search answers in a
 * frame or two: saying it on every keystroke would flash the line twice a key, announce it to
 * screen readers on every key, and repaint the page around the list for each answer.
 */
export const SEARCHING_SHOWN_AFTER_MS = 300;

/** Idle hint, progress, counts, no-results, truncation and errors, announced politely. */
export function SearchFeedback() {
  const status = useSearchStore((s) => s.status);
  const response = useSearchStore((s) => s.response);
  const answeredQuery = useSearchStore((s) => s.answeredQuery);
  const error = useSearchStore((s) => s.error);
  const clipped = useSearchStore((s) => s.clipped);
  const locale = useDisplayLocale();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (status !== 'searching') {
      setSlow(false);
      return;
    }
    const timer = setTimeout(() => setSlow(true), SEARCHING_SHOWN_AFTER_MS);
    return () => clearTimeout(timer);
  }, [status]);

  let statusText = '';
  let empty = false;
  if (status === 'searching' && slow) {
    statusText = t('search.searching');
  } else if ((status === 'done' || status === 'searching') && response) {
    // While a quick search is on its way, the line keeps describing the list still on screen.
    const count = response.results.length;
    const query = shortenForDisplay(answeredQuery.trim());
    if (count === 0) {
      empty = true;
      statusText =
        response.modes.length > 0
          ? t('search.noResults', { query, modes: describeModes(response.modes, locale) })
          : t('search.noResultsNoModes', { query });
    } else if (response.truncated) {
      statusText = t('search.truncated', { count });
    } else {
      statusText = tCount('search.resultCountOne', 'search.resultCountOther', count);
    }
  }

  let errorText: string | null = null;
  if (status === 'error' && error) {
    errorText = error.code === 'INVALID_INPUT' ? t('search.invalid') : errorMessage(error.code);
  }

  return (
    <div className="search-feedback">
      {status === 'idle' ? <EmptyState title={t('search.idleHint')} /> : null}
      {clipped ? (
        <p className="search-feedback__note search-feedback__note--warning">
          {t('search.tooLong', { max: SEARCH_MAX_LENGTH })}
        </p>
      ) : null}
      {errorText ? <ErrorBanner>{errorText}</ErrorBanner> : null}
      <StatusMessage className={empty ? 'search-feedback__status search-feedback__status--empty' : 'search-feedback__status'}>
        {statusText}
      </StatusMessage>
    </div>
  );
}
