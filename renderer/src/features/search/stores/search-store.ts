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
 * Search as you type, without a debounce: a keystroke searches at once while fewer than
 * MAX_IN_FLIGHT searches are on their way, and otherwise waits for one of them to answer
 * (only the newest waiting query is kept). A search costs main about a millisecond, so
 * results follow the typing within a frame or two; the second search on its way is already
 * queued in main while the first is answered, so a fast typist's next key does not wait for
 * the previous answer's trip back. Only the answer to the newest search sent is shown, and
 * not while a newer query waits: an older answer would be rendered only to be replaced.
 */
export const MAX_IN_FLIGHT = 2;
/** Every request gets the next number; only the newest one may write its answer. */
let latestRequest = 0;
/** The requests on their way (cleared when cancelled: their answers are ignored). */
const inFlight = new Set<number>();
/** The query typed while MAX_IN_FLIGHT searches were on their way, searched when one answers. */
let waiting: string | null = null;

function cancelPending(): void {
  waiting = null;
  latestRequest += 1;
  inFlight.clear(); // their answers are ignored, so the next query need not wait for them
}

export const useSearchStore = create<SearchState>()((set, get) => {
  function search(query: string): void {
    if (inFlight.size >= MAX_IN_FLIGHT) {
      waiting = query;
      return;
    }
    void run(query);
  }

  async function run(query: string): Promise<void> {
    const request = ++latestRequest;
    inFlight.add(request);
    set({ status: 'searching' });
    let result: Awaited<ReturnType<typeof searchAccounts>>;
    try {
      result = await searchAccounts(query.trim(), SEARCH_RESULT_LIMIT);
    } finally {
      inFlight.delete(request);
    }
    if (waiting !== null && inFlight.size < MAX_IN_FLIGHT) {
      // The box moved on while this one was on its way: send the newest text now.
      const next = waiting;
      waiting = null;
      void run(next);
      return;
    }
    // A newer search is on its way (or a clear or a reset owns the screen now): this answer is stale.
    if (request !== latestRequest || waiting !== null) return;
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
