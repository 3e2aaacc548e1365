import { create } from 'zustand';
import type { IntegrationTokenView } from '@shared/hub/screen-pop';
import type { IpcError } from '@shared/ipc/result';
import { createIntegrationToken, fetchIntegrationTokens, revokeIntegrationToken } from '../api/integration-tokens-api';

interface IntegrationTokensState {
  tokens: IntegrationTokenView[] | null;
  failure: IpcError | null;
  busy: boolean;
  /** The token just made, with its label: shown this once, never fetched again. */
  created: { label: string; token: string } | null;
  load: () => Promise<void>;
  create: (label: string) => Promise<boolean>;
  revoke: (id: number) => Promise<void>;
  dismissCreated: () => void;
  reset: () => void;
}

const initial = { tokens: null, failure: null, busy: false, created: null };
let generation = 0;

/** The phone system's screen-pop tokens at the hub, for the admin's hub screen. */
export const useIntegrationTokensStore = create<IntegrationTokensState>()((set, get) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    const result = await fetchIntegrationTokens();
    if (mine !== generation) return;
    set(result.ok ? { tokens: result.value, failure: null } : { failure: result.error });
  },
  create: async (label) => {
    const mine = generation;
    set({ busy: true, failure: null, created: null });
    const result = await createIntegrationToken(label);
    if (mine !== generation) return false;
    if (!result.ok) {
      set({ busy: false, failure: result.error });
      return false;
    }
    set({ busy: false, created: { label: result.value.integration.label, token: result.value.token } });
    await get().load();
    return true;
  },
  revoke: async (id) => {
    const mine = generation;
    set({ busy: true, failure: null });
    const result = await revokeIntegrationToken(id);
    if (mine !== generation) return;
    set(result.ok ? { busy: false } : { busy: false, failure: result.error });
    await get().load();
  },
  dismissCreated: () => set({ created: null }),
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
