import { create } from 'zustand';
import type { AccountDetail } from '@shared/domain/account';
import type { IpcError } from '@shared/ipc/result';
import { fetchAccount } from '../api/account-api';

export type AccountStatusView = 'closed' | 'loading' | 'loaded' | 'error';

interface AccountState {
  /** The open account; null means no account view. */
  accountNumber: string | null;
  status: AccountStatusView;
  detail: AccountDetail | null;
  error: IpcError | null;
  open: (accountNumber: string) => void;
  reload: () => void;
  /** Fetches the open account again, keeping it on screen meanwhile (main said the data moved). */
  refresh: () => void;
  close: () => void;
  reset: () => void;
}

const initialState = {
  accountNumber: null,
  status: 'closed' as AccountStatusView,
  detail: null,
  error: null,
};

/** Only the newest load may write, so a slow reply for the previous caller never shows up. */
let latestLoad = 0;

export const useAccountStore = create<AccountState>()((set, get) => {
  async function load(accountNumber: string, quietly = false): Promise<void> {
    const request = ++latestLoad;
    if (!quietly) set({ accountNumber, status: 'loading', detail: null, error: null });
    const result = await fetchAccount(accountNumber);
    if (request !== latestLoad) return;
    if (result.ok) set({ status: 'loaded', detail: result.value, error: null });
    else set({ status: 'error', detail: null, error: result.error });
  }

  return {
    ...initialState,
    open: (accountNumber) => void load(accountNumber),
    reload: () => {
      const { accountNumber } = get();
      if (accountNumber) void load(accountNumber);
    },
    refresh: () => {
      const { accountNumber, status } = get();
      if (accountNumber && status === 'loaded') void load(accountNumber, true);
    },
    close: () => {
      latestLoad += 1;
      set(initialState);
    },
    reset: () => {
      latestLoad += 1;
      set(initialState);
    },
  };
});
