import { create } from 'zustand';
import type { IntegrityStatus } from '@shared/ipc/audit-channels';
import type { IpcError } from '@shared/ipc/result';
import { acknowledgeIntegrityAlarm, fetchIntegrity } from '../api/integrity-api';

interface IntegrityState {
  /** Null until main answered. */
  status: IntegrityStatus | null;
  /** Why the last acknowledgement failed. */
  failure: IpcError | null;
  acknowledging: boolean;
  load: () => Promise<void>;
  acknowledge: (note: string) => Promise<boolean>;
  reset: () => void;
}

const initial = { status: null, failure: null, acknowledging: false };
let generation = 0;

/** The integrity alarm as main holds it: the banner every signed-in role sees, and an admin's acknowledgement. */
export const useIntegrityStore = create<IntegrityState>()((set) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    const result = await fetchIntegrity();
    if (mine !== generation) return;
    // Nothing is shown when main cannot say; main refuses the guarded writes on its own.
    if (result.ok) set({ status: result.value });
  },
  acknowledge: async (note) => {
    const mine = generation;
    set({ acknowledging: true, failure: null });
    const result = await acknowledgeIntegrityAlarm(note);
    if (mine !== generation) return false;
    if (!result.ok) {
      set({ acknowledging: false, failure: result.error });
      return false;
    }
    set({ acknowledging: false, status: result.value });
    return true;
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
