import { useEffect, useRef, type ClipboardEvent, type KeyboardEvent } from 'react';
import { SEARCH_MAX_LENGTH } from '@shared/ipc/search-channels';
import { t } from '../../../i18n/translate';
import { useSearchStore } from '../stores/search-store';
import { RESULTS_LISTBOX_ID, SEARCH_HINT_ID, resultOptionId } from './search-ids';

export interface SearchBoxProps {
  onOpenAccount: (accountNumber: string) => void;
}

/** The combobox of the ARIA combobox + listbox pattern: focus stays here while arrows move the highlight. */
export function SearchBox({ onOpenAccount }: SearchBoxProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const query = useSearchStore((s) => s.query);
  const activeIndex = useSearchStore((s) => s.activeIndex);
  const resultCount = useSearchStore((s) => s.response?.results.length ?? 0);
  const focusRequest = useSearchStore((s) => s.focusRequest);
  const setQuery = useSearchStore((s) => s.setQuery);

  const openOnAnswer = useSearchStore((s) => s.openOnAnswer);
  const answeredQuery = useSearchStore((s) => s.answeredQuery);
  const status = useSearchStore((s) => s.status);
  useEffect(() => {
    if (!openOnAnswer || status === 'searching' || answeredQuery !== query) return;
    const store = useSearchStore.getState();
    store.settleOpenOnAnswer();
    const results = store.status === 'done' ? (store.response?.results ?? []) : [];
    if (results.length !== 1) return; // none, or several: the agent chooses from the list
    store.setActiveIndex(0);
    onOpenAccount(results[0]!.accountNumber);
  }, [openOnAnswer, status, answeredQuery, query, onOpenAccount]);

  useEffect(() => {
    // On arrival (after sign-in, or back from an account) and whenever focus is asked for;
    // selecting the text lets the next caller's details replace the last ones.
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [focusRequest]);

  function openHighlighted() {
    const { status, answeredQuery, response, activeIndex: active } = useSearchStore.getState();
    if (status !== 'done' || answeredQuery !== query || !response) {
      // The list on screen answers an older query; opening from it could open the wrong caller.
      // Open the one match of this query instead, as soon as it answers (a pasted number).
      useSearchStore.getState().searchAndOpen();
      return;
    }
    const target = response.results[active >= 0 ? active : 0];
    if (!target) return;
    useSearchStore.getState().setActiveIndex(active >= 0 ? active : 0);
    onOpenAccount(target.accountNumber);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const store = useSearchStore.getState();
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        store.moveActive(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        store.moveActive(-1);
        break;
      case 'Enter':
        event.preventDefault();
        openHighlighted();
        break;
      case 'Escape':
        event.preventDefault();
        store.clear();
        break;
      default:
    }
  }

  function handlePaste(event: ClipboardEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const pasted = event.clipboardData.getData('text');
    const selected = (input.selectionEnd ?? 0) - (input.selectionStart ?? 0);
    if (input.value.length - selected + pasted.length > SEARCH_MAX_LENGTH) {
      // maxLength cuts the paste silently; say so, or the agent searches for half a line.
      useSearchStore.getState().noteClipped();
    }
  }

  const expanded = resultCount > 0;
  return (
    <div className="search-box">
      <label className="search-box__label" htmlFor="search-input">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id="search-input"
        className="search-box__input"
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={RESULTS_LISTBOX_ID}
        aria-activedescendant={expanded && activeIndex >= 0 ? resultOptionId(activeIndex) : undefined}
        aria-describedby={SEARCH_HINT_ID}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="search"
        maxLength={SEARCH_MAX_LENGTH}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
      />
      <p id={SEARCH_HINT_ID} className="search-box__hint">
        {t('search.keysHint')}
      </p>
    </div>
  );
}
