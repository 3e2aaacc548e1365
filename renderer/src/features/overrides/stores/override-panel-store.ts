import { create } from 'zustand';
import type { OverrideOutageOption } from '@shared/ipc/override-channels';
import type { IpcError } from '@shared/ipc/result';
import { callDesk } from '../../../lib/desk-client';

interface OverridePanelState {
  accountNumber: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'error';
  options: OverrideOutageOption[];
  perRequestCapMinor: number;
  error: IpcError | null;
  /** The outage whose form is open, if any. */
  formOutageId: number | null;
  /** The id of the request just filed, to confirm it. */
  lastSubmittedId: string | null;
  load: (accountNumber: string) => Promise<void>;
  openForm: (outageId: number) => void;
  closeForm: () => void;
  submitted: (requestId: string) => Promise<void>;
  reset: () => void;
}

const initial = {
  accountNumber: null,
  status: 'idle' as const,
  options: [],
  perRequestCapMinor: 0,
  error: null,
  formOutageId: null,
  lastSubmittedId: null,
};

let latest = 0;

export const useOverridePanelStore = create<OverridePanelState>()((set, get) => ({
  ...initial,
  load: async (accountNumber) => {
    const call = ++latest;
    set({ accountNumber, status: 'loading', error: null });
    const [options, settings] = await Promise.all([
      callDesk('overridesOptions', { accountNumber }),
      callDesk('overridesSettingsGet', {}),
    ]);
    if (call !== latest) return;
    if (!options.ok) set({ status: 'error', error: options.error, options: [] });
    else set({ status: 'loaded', options: options.value, perRequestCapMinor: settings.ok ? settings.value.perRequestCapMinor : 0 });
  },
  openForm: (outageId) => set({ formOutageId: outageId, lastSubmittedId: null }),
  closeForm: () => set({ formOutageId: null }),
  submitted: async (requestId) => {
    set({ formOutageId: null, lastSubmittedId: requestId });
    const { accountNumber } = get();
    if (accountNumber) await get().load(accountNumber);
  },
  reset: () => {
    latest += 1;
    set(initial);
  },
}));
