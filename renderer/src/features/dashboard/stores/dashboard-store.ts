import { create } from 'zustand';
import type { DashboardSummary } from '@shared/ipc/dashboard-channels';
import { CLIPBOARD_TEXT_MAX } from '@shared/ipc/clipboard-channels';
import type { IpcError } from '@shared/ipc/result';
import type { AsyncStatus } from '../../../components/async-state';
import { copyText, fetchDashboardSummary } from '../api/dashboard-api';

/** What became of the last "Copy as CSV": which figure, and whether it reached the clipboard. */
export interface CopyOutcome {
  figure: string;
  outcome: 'copied' | 'too_long' | 'failed';
}

interface DashboardState {
  status: AsyncStatus;
  summary: DashboardSummary | null;
  error: IpcError | null;
  copied: CopyOutcome | null;
  load: () => Promise<void>;
  /** Fetches again only when the dashboard was loaded (live refresh). */
  refresh: () => Promise<void>;
  copyCsv: (figure: string, csv: string) => Promise<void>;
  reset: () => void;
}

let generation = 0;

export const useDashboardStore = create<DashboardState>()((set, get) => ({
  status: 'idle',
  summary: null,
  error: null,
  copied: null,
  load: async () => {
    const mine = ++generation;
    set({ status: 'loading' });
    const result = await fetchDashboardSummary();
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', summary: result.value, error: null });
    else set({ status: 'error', error: result.error });
  },
  refresh: async () => {
    if (get().summary === null) return;
    const mine = ++generation;
    const result = await fetchDashboardSummary();
    if (mine !== generation) return;
    if (result.ok) set({ status: 'loaded', summary: result.value, error: null });
  },
  copyCsv: async (figure, csv) => {
    if (csv.length > CLIPBOARD_TEXT_MAX) {
      set({ copied: { figure, outcome: 'too_long' } });
      return;
    }
    const result = await copyText(csv);
    set({ copied: { figure, outcome: result.ok ? 'copied' : 'failed' } });
  },
  reset: () => {
    generation += 1;
    set({ status: 'idle', summary: null, error: null, copied: null });
  },
}));
