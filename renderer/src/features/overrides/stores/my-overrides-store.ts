import { create } from 'zustand';
import type { OverrideRequestView } from '@shared/domain/override';
import type { IpcError, Result } from '@shared/ipc/result';
import { fetchMyOverrides, withdrawOverride } from '../api/overrides-api';

interface MyOverridesState {
  /** The operator's own requests, newest first; null until main first answers. */
  requests: OverrideRequestView[] | null;
  /** Why the last load failed, if it did. */
  error: IpcError | null;
  /** The request being withdrawn, whose button is disabled meanwhile. */
  busyId: string | null;
  load: () => Promise<void>;
  /** Withdraws a pending request and reloads the list, whatever main answered. */
  withdraw: (request: OverrideRequestView) => Promise<Result<OverrideRequestView>>;
  reset: () => void;
}

const initial = { requests: null, error: null, busyId: null };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useMyOverridesStore = create<MyOverridesState>()((set, get) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    const result = await fetchMyOverrides();
    if (mine !== generation) return;
    if (result.ok) set({ requests: result.value, error: null });
    else set({ error: result.error });
  },
  withdraw: async (request) => {
    const mine = generation;
    set({ busyId: request.id });
    const result = await withdrawOverride(request.id, request.version);
    if (mine !== generation) return result;
    set({ busyId: null });
    void get().load();
    return result;
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
