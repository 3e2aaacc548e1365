import { create } from 'zustand';
import type { HubStatus } from '@shared/ipc/hub-channels';
import type { IpcError } from '@shared/ipc/result';
import { enrolDesktop, fetchHubStatus } from '../api/hub-api';

interface HubState {
  status: HubStatus | null;
  loading: boolean;
  /** Why the last load or enrolment failed. */
  failure: IpcError | null;
  enrolling: boolean;
  /** The name the hub knows this desktop by, right after enrolling it. */
  enrolledAs: string | null;
  load: () => Promise<void>;
  enrol: (code: string, name: string) => Promise<boolean>;
  reset: () => void;
}

const initial = { status: null, loading: false, failure: null, enrolling: false, enrolledAs: null };
let generation = 0;

export const useHubStore = create<HubState>()((set, get) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    set({ loading: true });
    const result = await fetchHubStatus();
    if (mine !== generation) return;
    set(result.ok ? { loading: false, status: result.value } : { loading: false, failure: result.error });
  },
  enrol: async (code, name) => {
    const mine = generation;
    set({ enrolling: true, failure: null, enrolledAs: null });
    const result = await enrolDesktop(code, name);
    if (mine !== generation) return false;
    if (!result.ok) {
      set({ enrolling: false, failure: result.error });
      return false;
    }
    set({ enrolling: false, enrolledAs: result.value.desktopName });
    await get().load();
    return true;
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
