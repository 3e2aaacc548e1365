import { create } from 'zustand';
import type { AccountDecisions } from '@shared/ipc/decision-channels';
import type { IpcError } from '@shared/ipc/result';
import { fetchAccountDecisions } from '../api/decisions-api';

export type DecisionsStatus = 'idle' | 'loading' | 'loaded' | 'error';

interface DecisionsState {
  accountNumber: string | null;
  status: DecisionsStatus;
  data: AccountDecisions | null;
  error: IpcError | null;
  load: (accountNumber: string) => void;
  /** Fetches the loaded account's decisions again, keeping them on screen meanwhile. */
  refresh: () => void;
  reset: () => void;
}

const initialState = { accountNumber: null, status: 'idle' as DecisionsStatus, data: null, error: null };

/** Only the newest load may write, so a slow reply for the previous caller never shows up. */
let latestLoad = 0;

export const useDecisionsStore = create<DecisionsState>()((set, get) => {
  function fetchDecisions(accountNumber: string): void {
    const request = ++latestLoad;
    void fetchAccountDecisions(accountNumber).then((result) => {
      if (request !== latestLoad) return;
      if (result.ok) set({ status: 'loaded', data: result.value, error: null });
      else set({ status: 'error', data: null, error: result.error });
    });
  }

  return {
    ...initialState,
    load: (accountNumber) => {
      set({ accountNumber, status: 'loading', data: null, error: null });
      fetchDecisions(accountNumber);
    },
    refresh: () => {
      const { accountNumber, status } = get();
      if (accountNumber && status === 'loaded') fetchDecisions(accountNumber);
    },
    reset: () => {
      latestLoad += 1;
      set(initialState);
    },
  };
});
