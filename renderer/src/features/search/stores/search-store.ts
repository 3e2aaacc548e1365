import { create } from 'zustand';
import { SEARCH_MAX_LENGTH, type SearchResponse } from '@shared/ipc/search-channels';
import type { IpcError } from '@shared/ipc/result';
import { searchAccounts } from '../api/search-api';

/** Long enough to skip most keystrokes of a fast typist, short enough to feel instant. */
export const SEARCH_DEBOUNCE_MS = 120;
export const SEARCH_RESULT_LIMIT = 50;

export type SearchStatus = 'idle' | 'searching' | 'done' | 'error';

interface SearchState {
  /** What is in the box. */
  query: string;
  status: SearchStatus;
  response: SearchResponse | null;
  /** The query `response` (or `error`) answers; differs from `query` while a search is due. */
  answeredQuery: string;
  error: IpcError | null;
  /** Highlighted result, -1 for none. Kept while an account is open, so "back" lands on it. */
  activeIndex: number;
  /** The last input was cut to SEARCH_MAX_LENGTH characters. */
  clipped: boolean;
  /** Bumped to ask the search box to take focus. */
  focusRequest: number;
  /**
   * Enter came before the answer to the query in the box: open the account as soon as that
   * answer arrives, if exactly one account matches. Any edit of the query drops the wish.
   */
  openOnAnswer: boolean;
  setQuery: (text: string) => void;
  /** Runs the search for the current query now, skipping the debounce. */
  searchNow: () => void;
  moveActive: (delta: 1 | -1) => void;
  setActiveIndex: (index: number) => void;
  clear: () => void;
  noteClipped: () => void;
  requestFocus: () => void;
  /** Runs the search now and asks for the single match to be opened when it answers. */
  searchAndOpen: () => void;
  /** The search box took the answer's wish into account (opened the match, or could not). */
  settleOpenOnAnswer: () => void;
  reset: () => void;
}

const initialState = {
  query: '',
  status: 'idle' as SearchStatus,
  response: null,
  answeredQuery: '',
  error: null,
  activeIndex: -1,
  clipped: false,
  focusRequest: 0,
  openOnAnswer: false,
};

let debounceTimer: ReturnType<typeof setTimeout> | undefined;
/** Every request gets the next number; only the newest one may write its answer. */
let latestRequest = 0;

function cancelPending(): void {
  clearTimeout(debounceTimer);
  debounceTimer = undefined;
  latestRequest += 1;
}

export const useSearchStore = create<SearchState>()((set, get) => {
  async function run(query: string): Promise<void> {
    const request = ++latestRequest;
    set({ status: 'searching' });
    const result = await searchAccounts(query.trim(), SEARCH_RESULT_LIMIT);
    if (request !== latestRequest) return; // a later search (or a clear) owns the screen now
    if (result.ok) {
      set({ status: 'done', response: result.value, error: null, answeredQuery: query, activeIndex: -1 });
    } else {
      set({ status: 'error', response: null, error: result.error, answeredQuery: query, activeIndex: -1 });
    }
  }

  return {
    ...initialState,
    setQuery: (text) => {
      // The box has maxLength, but a value can still arrive longer (drop, script, IME).
      const query = text.length > SEARCH_MAX_LENGTH ? text.slice(0, SEARCH_MAX_LENGTH) : text;
      const clipped = text.length > SEARCH_MAX_LENGTH || (get().clipped && query.length >= SEARCH_MAX_LENGTH);
      if (query === get().query) {
        set({ clipped });
        return;
      }
      cancelPending();
      set({ openOnAnswer: false });
      if (query.trim() === '') {
        set({ query, clipped, status: 'idle', response: null, error: null, answeredQuery: '', activeIndex: -1 });
        return;
      }
      set({ query, clipped, status: 'searching' });
      debounceTimer = setTimeout(() => void run(query), SEARCH_DEBOUNCE_MS);
    },
    searchNow: () => {
      const { query, status, answeredQuery } = get();
      if (query.trim() === '' || (status !== 'searching' && answeredQuery === query)) return;
      cancelPending();
      void run(query);
    },
    moveActive: (delta) => {
      const { response, activeIndex } = get();
      const count = response?.results.length ?? 0;
      if (count === 0) return;
      const next = activeIndex === -1 ? (delta === 1 ? 0 : count - 1) : (activeIndex + delta + count) % count;
      set({ activeIndex: next });
    },
    setActiveIndex: (index) => set({ activeIndex: index }),
    clear: () => {
      cancelPending();
      set({ query: '', clipped: false, status: 'idle', response: null, error: null, answeredQuery: '', activeIndex: -1, openOnAnswer: false });
    },
    searchAndOpen: () => {
      if (get().query.trim() === '') return;
      set({ openOnAnswer: true });
      get().searchNow();
    },
    settleOpenOnAnswer: () => set({ openOnAnswer: false }),
    noteClipped: () => set({ clipped: true }),
    requestFocus: () => set((s) => ({ focusRequest: s.focusRequest + 1 })),
    reset: () => {
      cancelPending();
      set(initialState);
    },
  };
});
