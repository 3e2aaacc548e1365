import { create } from 'zustand';
import type { HubLink } from '@shared/ipc/live-channels';
import { nextChange } from '../api/live-api';

/** Between two waits, at least this long; after a failed call, this long. */
const MIN_GAP_MS = 100;
const AFTER_ERROR_MS = 5_000;

interface LiveState {
  /** Whether this desktop works with its hub, from its own copy, or alone; null until main said. */
  hub: HubLink | null;
  /**
   * Follows main's data version while signed in and calls `onChange` each time it moves (a
   * pull from the hub, an answer to a push, a local write); returns the stop.
   */
  listen: (onChange: () => void) => () => void;
  reset: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useLiveStore = create<LiveState>()((set) => ({
  hub: null,
  listen(onChange) {
    let stopped = false;
    void (async () => {
      let known: number | null = null;
      while (!stopped) {
        const started = Date.now();
        const result = await nextChange(known);
        if (stopped) return;
        if (!result.ok) {
          await sleep(AFTER_ERROR_MS);
          continue;
        }
        set({ hub: result.value.hub });
        if (known !== null && result.value.version !== known) onChange();
        known = result.value.version;
        await sleep(Math.max(0, MIN_GAP_MS - (Date.now() - started)));
      }
    })();
    return () => {
      stopped = true;
    };
  },
  reset: () => set({ hub: null }),
}));
