import { create } from 'zustand';
import type { ScreenPopLookup, ScreenPopRefusal } from '@shared/screen-pop/screen-pop-link';
import { nextScreenPop } from '../api/screen-pop-api';

/** Between two waits that brought no link, at least this long; after a failed call, this long. */
const MIN_GAP_MS = 250;
const AFTER_ERROR_MS = 5_000;

interface ScreenPopState {
  /** The last link that was refused, for the message; cleared by the next good one. */
  refused: ScreenPopRefusal | null;
  /** Waits for links while signed in and hands each lookup to `onLookup`; returns the stop. */
  listen: (onLookup: (lookup: ScreenPopLookup) => void) => () => void;
  dismiss: () => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useScreenPopStore = create<ScreenPopState>()((set) => ({
  refused: null,
  listen(onLookup) {
    let stopped = false;
    void (async () => {
      while (!stopped) {
        const started = Date.now();
        const result = await nextScreenPop();
        if (stopped) return;
        if (!result.ok) {
          await sleep(AFTER_ERROR_MS);
          continue;
        }
        const { event } = result.value;
        if (event?.ok) {
          set({ refused: null });
          onLookup(event.lookup);
        } else if (event) {
          set({ refused: event.reason });
        }
        // A link is followed by the next wait at once (two calls can come in quick
        // succession); only an empty answer that came back early waits, so a main that
        // answers at once can never spin the loop.
        if (!event) await sleep(Math.max(0, MIN_GAP_MS - (Date.now() - started)));
      }
    })();
    return () => {
      stopped = true;
    };
  },
  dismiss: () => set({ refused: null }),
}));
