import { create } from 'zustand';
import type { DeskOverrideSettings } from '@shared/domain/override';
import type { IpcError } from '@shared/ipc/result';
import { fetchOverrideSettings, saveOverrideSettings } from '../api/overrides-api';

interface OverrideLimitsState {
  /** The limits main enforces now; null until it answers. */
  settings: DeskOverrideSettings | null;
  /** Why the last load or save failed, cleared by a save that succeeds. */
  failure: IpcError | null;
  saving: boolean;
  load: () => Promise<void>;
  /** Sends new limits; true when main stored them (and `settings` holds what it stored). */
  save: (settings: DeskOverrideSettings) => Promise<boolean>;
  reset: () => void;
}

const initial = { settings: null, failure: null, saving: false };

/** Bumped by reset, so a reply for a screen that was left never writes. */
let generation = 0;

export const useOverrideLimitsStore = create<OverrideLimitsState>()((set) => ({
  ...initial,
  load: async () => {
    const mine = generation;
    const result = await fetchOverrideSettings();
    if (mine !== generation) return;
    if (result.ok) set({ settings: result.value });
    else set({ failure: result.error });
  },
  save: async (settings) => {
    const mine = generation;
    set({ saving: true });
    const result = await saveOverrideSettings(settings);
    if (mine !== generation) return false;
    if (result.ok) set({ saving: false, failure: null, settings: result.value });
    else set({ saving: false, failure: result.error });
    return result.ok;
  },
  reset: () => {
    generation += 1;
    set(initial);
  },
}));
