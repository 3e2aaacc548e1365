import { create } from 'zustand';
import type { OverrideRequestView } from '@shared/domain/override';
import type { IpcError, Result } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { fetchMyOverrides, withdrawOverride } from '../api/overrides-api';

interface MyOverridesState {
  status: AsyncStatus;
  /** The operator's own requests, newest first; kept while a reload runs. */
  requests: OverrideRequestView[];
  /** Why the last load failed, if it did. */
  error: IpcError | null;
  /** The request being withdrawn, whose button is disabled meanwhile. */
  busyId: string | null;
  load: () => Promise<void>;
  /** Fetches the list again if it is on screen (main said the data moved). */
  refresh: () => Promise<void>;
  /** Withdraws a pending request and reloads the list, whatever main answered. */
  withdraw: (request: OverrideRequestView) => Promise<Result<OverrideRequestView>>;
  reset: () => void;
}

const initial = { status: 'idle' as AsyncStatus, requests: [], error: null, busyId: null };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useMyOverridesStore = create<MyOverridesState>()((set, get) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    set({ status: 'loading' });
    const result = await fetchMyOverrides();
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', requests: result.value, error: null });
    else set({ status: 'error', error: result.error });
  },
  refresh: async () => {
    if (get().status === 'loaded') await get().load();
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
