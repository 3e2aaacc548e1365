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
  reset: () => void;
}

const initialState = { accountNumber: null, status: 'idle' as DecisionsStatus, data: null, error: null };

/** Only the newest load may write, so a slow reply for the previous caller never shows up. */
let latestLoad = 0;

export const useDecisionsStore = create<DecisionsState>()((set) => ({
  ...initialState,
  load: (accountNumber) => {
    const request = ++latestLoad;
    set({ accountNumber, status: 'loading', data: null, error: null });
    void fetchAccountDecisions(accountNumber).then((result) => {
      if (request !== latestLoad) return;
      if (result.ok) set({ status: 'loaded', data: result.value, error: null });
      else set({ status: 'error', data: null, error: result.error });
    });
  },
  reset: () => {
    latestLoad += 1;
    set(initialState);
  },
}));
