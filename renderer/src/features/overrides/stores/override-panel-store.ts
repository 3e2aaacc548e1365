import { create } from 'zustand';
import { sameInEveryCurrency, type LimitByCurrency, type OverrideRequestView } from '@shared/domain/override';
import type { OverrideOutageOption } from '@shared/ipc/override-channels';
import type { IpcError, Result } from '@shared/ipc/result';
import { fetchOverrideOptions, fetchOverrideSettings, submitOverride, type OverrideSubmission } from '../api/overrides-api';

interface OverridePanelState {
  accountNumber: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  options: OverrideOutageOption[];
  /** The site's cap on one request, in each currency (the form shows the account's). */
  perRequestCapMinor: LimitByCurrency;
  error: IpcError | null;
  /** The outage whose form is open, if any. */
  formOutageId: number | null;
  /** The id of the request just filed, to confirm it. */
  lastSubmittedId: string | null;
  /** The phone system's id of the call a screen-pop came with: the form's interaction reference. */
  callId: string | null;
  setCallId: (callId: string | null) => void;
  load: (accountNumber: string) => Promise<void>;
  /** Fetches the panel's options again, keeping them (and an open form) on screen meanwhile. */
  refresh: () => Promise<void>;
  openForm: (outageId: number) => void;
  closeForm: () => void;
  /** Files a request; the form words a refusal, and `submitted` records a success. */
  submit: (submission: OverrideSubmission) => Promise<Result<OverrideRequestView>>;
  submitted: (requestId: string) => Promise<void>;
  reset: () => void;
}

const initial = {
  accountNumber: null,
  status: 'idle' as const,
  options: [],
  perRequestCapMinor: sameInEveryCurrency(0),
  error: null,
  formOutageId: null,
  lastSubmittedId: null,
  callId: null,
};

let latest = 0;

export const useOverridePanelStore = create<OverridePanelState>()((set, get) => {
  /** Only the newest fetch may write; `showLoading` is off for a refresh of a panel on screen. */
  async function fetchPanel(accountNumber: string, showLoading: boolean): Promise<void> {
    const call = ++latest;
    if (showLoading) set({ accountNumber, status: 'loading', error: null });
    const [options, settings] = await Promise.all([
      fetchOverrideOptions(accountNumber),
      fetchOverrideSettings(),
    ]);
    if (call !== latest) return;
    if (!options.ok) set({ status: 'error', error: options.error, options: [] });
    else set({ status: 'loaded', options: options.value, perRequestCapMinor: settings.ok ? settings.value.perRequestCapMinor : sameInEveryCurrency(0) });
  }

  return {
    ...initial,
    load: (accountNumber) => fetchPanel(accountNumber, true),
    refresh: async () => {
      const { accountNumber, status } = get();
      if (accountNumber && status === 'loaded') await fetchPanel(accountNumber, false);
    },
    openForm: (outageId) => set({ formOutageId: outageId, lastSubmittedId: null }),
    closeForm: () => set({ formOutageId: null }),
    setCallId: (callId) => set({ callId }),
    submit: (submission) => submitOverride(submission),
    submitted: async (requestId) => {
      set({ formOutageId: null, lastSubmittedId: requestId });
      const { accountNumber } = get();
      if (accountNumber) await get().load(accountNumber);
    },
    reset: () => {
      latest += 1;
      set(initial);
    },
  };
  });
