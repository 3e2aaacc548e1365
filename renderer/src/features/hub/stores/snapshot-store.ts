import { create } from 'zustand';
import type { HubStatus } from '@shared/ipc/hub-channels';
import { fetchHubStatus } from '../api/hub-api';

export type SnapshotView = NonNullable<HubStatus['snapshot']>;

interface SnapshotState {
  /** The load of the hub's carrier data into this desktop, while one runs; null otherwise. */
  snapshot: SnapshotView | null;
  /** Asks main now and then while a load runs; returns the stop. */
  follow: () => () => void;
  reset: () => void;
}

/** How often the bar moves while a load runs. */
export const SNAPSHOT_POLL_MS = 1_000;

export const useSnapshotStore = create<SnapshotState>()((set) => ({
  snapshot: null,
  follow() {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = async () => {
      const result = await fetchHubStatus();
      if (stopped) return;
      const snapshot = result.ok ? result.value.snapshot : null;
      // Done: nothing more to show. A failed load is shown until the next sign-in retries it.
      set({ snapshot: snapshot && snapshot.state !== 'done' ? snapshot : null });
      if (snapshot?.state === 'loading') timer = setTimeout(() => void ask(), SNAPSHOT_POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  },
  reset: () => set({ snapshot: null }),
}));
