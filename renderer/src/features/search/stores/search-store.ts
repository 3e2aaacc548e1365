import { create } from 'zustand';
import { SEARCH_MAX_LENGTH, type SearchResponse } from '@shared/ipc/search-channels';
import type { IpcError } from '@shared/ipc/result';
import { searchAccounts } from '../api/search-api';

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
  /** Runs the search for the current query unless it is answered or already on its way. */
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

/*
 * Search as you type, without a debounce: a keystroke searches at once when no search is on
 * its way, and otherwise waits for that one to answer (only the newest waiting query is kept).
 * A search costs main about a millisecond, so results follow the typing within a frame or
 * two, and main never has more than one search of this window to answer.
 */
/** Every request gets the next number; only the newest one may write its answer. */
let latestRequest = 0;
/** The request on its way, null when none is (or the one on its way was cancelled). */
let inFlightRequest: number | null = null;
/** The query typed while a search was on its way, searched when that one answers. */
let waiting: string | null = null;

function cancelPending(): void {
  waiting = null;
  latestRequest += 1;
  inFlightRequest = null; // its answer is ignored, so the next query need not wait for it
}

export const useSearchStore = create<SearchState>()((set, get) => {
  function search(query: string): void {
    if (inFlightRequest !== null) {
      waiting = query;
      return;
    }
    void run(query);
  }

  async function run(query: string): Promise<void> {
    const request = ++latestRequest;
    inFlightRequest = request;
    set({ status: 'searching' });
    let result: Awaited<ReturnType<typeof searchAccounts>>;
    try {
      result = await searchAccounts(query.trim(), SEARCH_RESULT_LIMIT);
    } finally {
      if (inFlightRequest === request) inFlightRequest = null;
    }
    if (request !== latestRequest) return; // a clear (or a reset) owns the screen now
    if (waiting !== null) {
      // The box moved on while this one was on its way: its answer is already stale.
      const next = waiting;
      waiting = null;
      void run(next);
      return;
    }
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
      set({ openOnAnswer: false });
      if (query.trim() === '') {
        cancelPending();
        set({ query, clipped, status: 'idle', response: null, error: null, answeredQuery: '', activeIndex: -1 });
        return;
      }
      set({ query, clipped, status: 'searching' });
      search(query);
    },
    searchNow: () => {
      const { query, status, answeredQuery } = get();
      if (query.trim() === '' || status === 'searching' || answeredQuery === query) return;
      search(query);
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
