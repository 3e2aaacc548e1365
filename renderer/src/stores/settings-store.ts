import { create } from 'zustand';
import type { IpcError, Result } from '@shared/ipc/result';

export interface SettingsState<T> {
  /** The settings main holds now; null until it answers. */
  value: T | null;
  /** Why the last load or save failed, cleared by a save that succeeds. */
  failure: IpcError | null;
  saving: boolean;
  load: () => Promise<void>;
  /** Sends new settings; true when main stored them (and `value` holds what it stored). */
  save: (next: T) => Promise<boolean>;
  /** The screen was left: forget everything, and drop any reply still on its way. */
  reset: () => void;
}

/** A store for one admin settings form: load what main holds, save, and the failure of either. */
export function createSettingsStore<T>(fetchValue: () => Promise<Result<T>>, saveValue: (next: T) => Promise<Result<T>>) {
  const initial = { value: null, failure: null, saving: false };
  /** Bumped by reset, so a reply for a screen that was left never writes. */
  let generation = 0;
  return create<SettingsState<T>>()((set) => ({
    ...initial,
    load: async () => {
      const mine = generation;
      const result = await fetchValue();
      if (mine !== generation) return;
      if (result.ok) set({ value: result.value });
      else set({ failure: result.error });
    },
    save: async (next) => {
      const mine = generation;
      set({ saving: true });
      const result = await saveValue(next);
      if (mine !== generation) return false;
      if (result.ok) set({ saving: false, failure: null, value: result.value });
      else set({ saving: false, failure: result.error });
      return result.ok;
    },
    reset: () => {
      generation += 1;
      set(initial);
    },
  }));
}
